import Link from "next/link";
import { redirect } from "next/navigation";
import { currentAgent } from "../../_server/current-agent";
import { env } from "../../_server/env";
import { currentOrgTrust } from "../../_server/org-trust";
import { listSites, listTeams } from "../../_server/sites";
import { SitesEditor } from "./sites-editor";

export const dynamic = "force-dynamic";

export default async function SitesPage() {
  const me = await currentAgent();
  if (!me) redirect("/login");
  if (me.role !== "operator") {
    return (
      <main className="login">
        <h1>Operators only</h1>
        <p role="alert">This page is for operators. <Link href="/inbox">Back to the inbox</Link></p>
      </main>
    );
  }
  const [sites, teams, trust] = await Promise.all([listSites(), listTeams(), currentOrgTrust()]);
  return (
    <main className="login" style={{ maxWidth: "56rem" }}>
      <h1>Sites</h1>
      <p className="muted">
        Websites that embed the chat. Only the allowed origins may show it. <Link href="/inbox">Inbox</Link>
      </p>
      <p className={trust ? "muted" : "error"} role={trust ? undefined : "note"}>
        {trust ? "Each snippet carries the organisation key: the chat only trusts agents on a roster that key signed." : "The snippets below are incomplete: no organisation key yet, so visitors' chats cannot tell your agents from someone a compromised server adds."} <Link href="/operator/trust">{trust ? "Organisation key and roster" : "Set up the organisation key"}</Link>
      </p>
      <SitesEditor initialSites={sites} teams={teams} appOrigin={new URL(env().NEXTAUTH_URL).origin} orgKey={trust?.orgKey ?? null} />
    </main>
  );
}
