import Link from "next/link";
import { env } from "../../_server/env";
import { currentOrgTrust } from "../../_server/org-trust";
import { listSites, listTeams } from "../../_server/sites";
import { operatorPage } from "../operator-page";
import { EraseVisitorForm } from "./erase-visitor-form";
import { IdentityPanel } from "./identity-panel";
import { RetentionPanel } from "./retention-panel";
import { RotationNotice } from "./rotation-notice";
import { SitesEditor } from "./sites-editor";

export const dynamic = "force-dynamic";

export default operatorPage(async function SitesPage() {
  const [sites, teams, trust] = await Promise.all([listSites(), listTeams(), currentOrgTrust()]);
  return (
    <main className="login" style={{ maxWidth: "56rem" }}>
      <h1>Sites</h1>
      <p className="muted">
        Websites that embed the chat. Only the allowed origins may show it. <Link href="/inbox">Inbox</Link>
      </p>
      <p className={trust ? "muted" : "error"} role={trust ? undefined : "note"}>
        {trust
          ? "Each snippet carries the organisation key: the chat only trusts agents on a roster that key signed."
          : "The snippets below are incomplete: no organisation key yet, so visitors' chats cannot tell your agents from someone a compromised server adds."}{" "}
        <Link href="/operator/trust">{trust ? "Organisation key and roster" : "Set up the organisation key"}</Link>
      </p>
      <RotationNotice endorsements={trust?.endorsements ?? []} now={Date.now()} />
      <SitesEditor initialSites={sites} teams={teams} appOrigin={new URL(env().NEXTAUTH_URL).origin} orgKey={trust?.orgKey ?? null} />
      <RetentionPanel sites={sites.map((s) => ({ id: s.id, name: s.name }))} />
      <IdentityPanel sites={sites.map((s) => ({ id: s.id, name: s.name }))} />
      <EraseVisitorForm />
    </main>
  );
});
