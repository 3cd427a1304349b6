import Link from "next/link";
import { DataTable, NameAndId } from "../../_console/data-table";
import { roleLabel, roleOfRow } from "../../../lib/agents/agent-role";
import { agentsAndTeams } from "../../_server/agent-admin";
import { offboardingLog } from "../../_server/offboarding";
import { currentOrgTrust } from "../../_server/org-trust";
import { widgetManifest } from "../../_server/widget-assets";
import { listTeamHours } from "../../_server/team-hours";
import { operatorPage } from "../operator-page";
import { AddAgentForm } from "./add-agent-form";
import { AddCannedForm } from "./add-canned-form";
import { AddTeamForm } from "./add-team-form";
import { OffboardDialog } from "./offboard-dialog";
import { RoleForm } from "./role-form";
import { CannedResponses } from "./canned-responses";
import { TeamHoursForm } from "./team-hours-form";

export const dynamic = "force-dynamic";

export default operatorPage(async function AgentsPage(me) {
  const [{ agents, teams }, org, manifest, offboardings, teamHours] = await Promise.all([
    agentsAndTeams(),
    currentOrgTrust(),
    widgetManifest(),
    offboardingLog(),
    listTeamHours(),
  ]);
  const finished = new Set(offboardings.filter((o) => o.finishedAt).map((o) => o.userId));
  const trust = { me: me.userId, wasmUrl: `/widget/wasm/${manifest.wasm}`, orgKey: org?.orgKey ?? null, roster: org?.roster ?? null };
  return (
    <main className="login" style={{ maxWidth: "56rem" }}>
      <h1>Agents and teams</h1>
      <p className="muted">
        <Link href="/inbox">Inbox</Link> · <Link href="/operator/metrics">Routing metrics</Link>
      </p>
      <DataTable
        caption="Agents"
        columns={["Agent", "Role", "Teams", "Status", "Actions"]}
        rows={agents}
        rowKey={(a) => a.userId}
        row={(a) => (
          <>
            <td>
              <NameAndId name={a.displayName} id={a.userId} />
            </td>
            <td>{roleLabel(roleOfRow({ role: a.role, supervisesTeamId: a.supervises }))}</td>
            <td>{a.teams.join(", ")}</td>
            <td>{a.offboardedAt ? `offboarded ${a.offboardedAt.toISOString().slice(0, 10)}` : a.availability}</td>
            <td>
              {/* Same positions whatever the state, so the dialog's result stays shown after the page refreshes. */}
              {a.offboardedAt || a.userId === me.userId ? null : (
                <RoleForm
                  userId={a.userId}
                  displayName={a.displayName}
                  current={roleLabel(roleOfRow({ role: a.role, supervisesTeamId: a.supervises }))}
                  teams={teams}
                />
              )}
              {a.userId === me.userId ? null : (
                // A half-finished offboarding (say Synapse was down) is finished from the same button.
                <OffboardDialog userId={a.userId} displayName={a.displayName} trust={trust} finished={finished.has(a.userId)} />
              )}
            </td>
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
      <TeamHoursForm teams={teamHours} timeZones={Intl.supportedValuesOf("timeZone")} />
      <CannedResponses />
      <AddCannedForm teams={teams} />
    </main>
  );
});
