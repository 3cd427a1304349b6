import { roleChangeLog } from "../../_server/agent-roles";
import { offboardingLog } from "../../_server/offboarding";

const when = (d: Date | null): string => (d ? d.toISOString().replace("T", " ").slice(0, 19) + " UTC" : "—");

/** The audit's record of people: offboardings (with their steps) and role changes, newest first. */
export async function AgentChanges() {
  const [offboardings, roles] = await Promise.all([offboardingLog(), roleChangeLog()]);
  return (
    <>
      <table className="card">
        <caption>Offboarded agents ({offboardings.length})</caption>
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">By</th>
            <th scope="col">Started</th>
            <th scope="col">Roster version without them</th>
            <th scope="col">Conversations re-routed</th>
            <th scope="col">Finished</th>
          </tr>
        </thead>
        <tbody>
          {offboardings.map((o) => (
            <tr key={o.userId}>
              <td>{o.userId}</td>
              <td>{o.by}</td>
              <td>{when(o.startedAt)}</td>
              <td>{o.rosterVersion ?? "no organisation key"}</td>
              <td>{o.reroutedAt ? o.rerouted : "not yet"}</td>
              <td>{o.finishedAt ? when(o.finishedAt) : "not finished: offboard again to finish"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="card">
        <caption>Role changes ({roles.length})</caption>
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">By</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {roles.map((r) => (
            <tr key={r.id}>
              <td>{r.userId}</td>
              <td>{r.fromRole}</td>
              <td>{r.toRole}</td>
              <td>{r.by}</td>
              <td>{when(r.at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
