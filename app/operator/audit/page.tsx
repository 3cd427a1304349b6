import Link from "next/link";
import { alertLabels } from "../../../lib/audit/alert-labels";
import { alertKinds, type AlertKind } from "../../../lib/audit/types";
import { auditQuerySchema } from "../../_server/audit-query";
import { auditOverview } from "../../_server/audit-service";
import { Refusal } from "../../_server/refusal";
import { operatorPage } from "../operator-page";
import { AgentChanges } from "./agent-changes";

export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;

export default operatorPage(async function AuditPage(_me, { searchParams }: { searchParams: Promise<Search> }) {
  const q = auditQuerySchema.safeParse(Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")));
  const { format: _format, ...filters } = q.success ? q.data : {};
  let rows: Awaited<ReturnType<typeof auditOverview>> = [];
  let problem = q.success ? "" : "Some filters were not valid and were ignored.";
  try {
    rows = await auditOverview(filters);
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    problem = err.message;
  }
  const exportQuery = (format: string) => {
    const p = new URLSearchParams({ format });
    if (filters.alert) p.set("alert", filters.alert);
    if (filters.site) p.set("site", filters.site);
    if (filters.since) p.set("since", filters.since.toISOString());
    return `/api/operator/audit/export?${p}`;
  };
  return (
    <main className="audit">
      <h1>Audit: who can read each conversation</h1>
      <p className="muted">
        Membership history and public keys only, never message content. Signatures are verified here, not taken from the server.{" "}
        <Link href="/inbox">Inbox</Link>
      </p>
      <form method="get" className="filters" aria-label="Filters">
        <label>
          Alert
          <select name="alert" defaultValue={filters.alert ?? ""}>
            <option value="">Any</option>
            {alertKinds.map((k) => (
              <option key={k} value={k}>
                {alertLabels[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Site
          <input name="site" defaultValue={filters.site ?? ""} />
        </label>
        <label>
          Started since
          <input name="since" type="date" defaultValue={filters.since?.toISOString().slice(0, 10) ?? ""} />
        </label>
        <button type="submit">Filter</button>
      </form>
      <p>
        Export:{" "}
        <a href={exportQuery("json")} download>
          JSON
        </a>{" "}
        ·{" "}
        <a href={exportQuery("csv")} download>
          CSV
        </a>
      </p>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <table className="card">
        <caption>Conversations ({rows.length})</caption>
        <thead>
          <tr>
            <th scope="col">Conversation</th>
            <th scope="col">Site</th>
            <th scope="col">Status</th>
            <th scope="col">Members</th>
            <th scope="col">Alerts</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.roomId}>
              <td>
                <Link href={`/operator/audit/${encodeURIComponent(r.roomId)}`}>{r.roomId}</Link>
                <br />
                <span className="muted small">visitor {r.visitorUserId}</span>
              </td>
              <td>{r.siteId}</td>
              <td>{r.status}</td>
              <td>{r.members}</td>
              <td>
                {r.error ? (
                  <span className="error">Not audited: {r.error}</span>
                ) : Object.keys(r.alerts).length === 0 ? (
                  <span>No alerts</span>
                ) : (
                  <ul className="plain">
                    {(Object.entries(r.alerts) as [AlertKind, number][]).map(([k, n]) => (
                      <li key={k} className="error">
                        {alertLabels[k]}: {n}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AgentChanges />
    </main>
  );
});
