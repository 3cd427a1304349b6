import Link from "next/link";
import { operatorPage } from "../operator-page";
import { ApiTokensPanel } from "./api-tokens-panel";
import { WebhooksPanel } from "./webhooks-panel";

export const dynamic = "force-dynamic";

export default operatorPage(async function IntegrationsPage() {
  return (
    <main className="login" style={{ maxWidth: "60rem" }}>
      <h1>Integrations</h1>
      <p className="muted">
        Webhooks and API tokens carry metadata only (ids, times, agent, team, site): messages are end-to-end encrypted and never reach this server.{" "}
        <Link href="/inbox">Inbox</Link>
      </p>
      <WebhooksPanel />
      <ApiTokensPanel />
    </main>
  );
});
