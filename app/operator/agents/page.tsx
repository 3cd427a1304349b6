import Link from "next/link";
import { DataTable, NameAndId } from "../../_console/data-table";
import { agentsAndTeams } from "../../_server/agent-admin";
import { operatorPage } from "../operator-page";
import { AddAgentForm } from "./add-agent-form";
import { AddCannedForm } from "./add-canned-form";
import { AddTeamForm } from "./add-team-form";

export const dynamic = "force-dynamic";

export default operatorPage(async function AgentsPage() {
  const { agents, teams } = await agentsAndTeams();
  return (
    <main className="login" style={{ maxWidth: "56rem" }}>
      <h1>Agents and teams</h1>
      <p className="muted">
        <Link href="/inbox">Inbox</Link> · <Link href="/operator/metrics">Routing metrics</Link>
      </p>
      <DataTable
        caption="Agents"
        columns={["Agent", "Role", "Teams", "Status"]}
        rows={agents}
        rowKey={(a) => a.userId}
        row={(a) => (
          <>
            <td>
              <NameAndId name={a.displayName} id={a.userId} />
            </td>
            <td>{a.role}</td>
            <td>{a.teams.join(", ")}</td>
            <td>{a.availability}</td>
          </>
        )}
      />
      <AddAgentForm teams={teams} />
      <DataTable
        caption="Teams"
        rows={teams}
        rowKey={(t) => t.id}
        row={(t) => (
          <>
            <td>{t.name}</td>
            <td className="muted small">{t.id}</td>
          </>
        )}
      />
      <AddTeamForm />
      <AddCannedForm teams={teams} />
    </main>
  );
});
