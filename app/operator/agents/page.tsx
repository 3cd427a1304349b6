import Link from "next/link";
import { agentsAndTeams } from "../../_server/agent-admin";
import { listTeamHours } from "../../_server/team-hours";
import { operatorPage } from "../operator-page";
import { AddAgentForm } from "./add-agent-form";
import { AddCannedForm } from "./add-canned-form";
import { AddTeamForm } from "./add-team-form";
import { TeamHoursForm } from "./team-hours-form";

export const dynamic = "force-dynamic";

export default operatorPage(async function AgentsPage() {
  const [{ agents, teams }, teamHours] = await Promise.all([agentsAndTeams(), listTeamHours()]);
  return (
    <main className="login" style={{ maxWidth: "56rem" }}>
      <h1>Agents and teams</h1>
      <p className="muted">
        <Link href="/inbox">Inbox</Link> · <Link href="/operator/metrics">Routing metrics</Link>
      </p>
      <table className="card">
        <caption>Agents</caption>
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Role</th>
            <th scope="col">Teams</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.userId}>
              <td>
                {a.displayName} <span className="muted small">{a.userId}</span>
              </td>
              <td>{a.role}</td>
              <td>{a.teams.join(", ")}</td>
              <td>{a.availability}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddAgentForm teams={teams} />
      <table className="card">
        <caption>Teams</caption>
        <tbody>
          {teams.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td className="muted small">{t.id}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddTeamForm />
      <TeamHoursForm teams={teamHours} timeZones={Intl.supportedValuesOf("timeZone")} />
      <AddCannedForm teams={teams} />
    </main>
  );
});
