import { DataTable } from "../../_console/data-table";
import { roleChangeLog } from "../../_server/agent-roles";
import { offboardingLog } from "../../_server/offboarding";

const when = (d: Date | null): string => (d ? d.toISOString().replace("T", " ").slice(0, 19) + " UTC" : "—");

/** The audit's record of people: offboardings (with their steps) and role changes, newest first. */
export async function AgentChanges() {
  const [offboardings, roles] = await Promise.all([offboardingLog(), roleChangeLog()]);
  return (
    <>
      <DataTable
        caption={`Offboarded agents (${offboardings.length})`}
        columns={["Agent", "By", "Started", "Roster version without them", "Conversations re-routed", "Finished"]}
        rows={offboardings}
        rowKey={(o) => o.userId}
        row={(o) => (
          <>
            <td>{o.userId}</td>
            <td>{o.by}</td>
            <td>{when(o.startedAt)}</td>
            <td>{o.rosterVersion ?? "no organisation key"}</td>
            <td>{o.reroutedAt ? o.rerouted : "not yet"}</td>
            <td>{o.finishedAt ? when(o.finishedAt) : "not finished: offboard again to finish"}</td>
          </>
        )}
      />
      <DataTable
        caption={`Role changes (${roles.length})`}
        columns={["Agent", "From", "To", "By", "When"]}
        rows={roles}
        rowKey={(r) => r.id}
        row={(r) => (
          <>
            <td>{r.userId}</td>
            <td>{r.fromRole}</td>
            <td>{r.toRole}</td>
            <td>{r.by}</td>
            <td>{when(r.at)}</td>
          </>
        )}
      />
    </>
  );
}
