import type { z } from "zod";
import Link from "next/link";
import { alertLabels } from "../../../lib/audit/alert-labels";
import { alertKinds, type AlertKind } from "../../../lib/audit/types";
import { auditQuerySchema } from "../../_server/audit-query";
import { auditOverview } from "../../_server/audit-service";
import { Refusal } from "../../_server/refusal";
import { DataTable } from "../../_console/data-table";
import { operatorPage } from "../operator-page";
import { AgentChanges } from "./agent-changes";

export const dynamic = "force-dynamic";

/** One conversation's alerts as counts per kind, or why it could not be audited. */
function AlertCounts({ error, alerts }: { error: string | null; alerts: Partial<Record<AlertKind, number>> }) {
  if (error) return <span className="error">Not audited: {error}</span>;
  const entries = Object.entries(alerts) as [AlertKind, number][];
  if (entries.length === 0) return <span>No alerts</span>;
  return (
    <ul className="plain">
      {entries.map(([k, n]) => (
        <li key={k} className="error">
          {alertLabels[k]}: {n}
        </li>
      ))}
    </ul>
  );
}

type Search = Record<string, string | string[] | undefined>;

type Filters = Omit<z.infer<typeof auditQuerySchema>, "format">;

/** The overview's filters, sent as a plain GET form so the page works without JavaScript. */
function FilterForm({ filters }: { filters: Filters }) {
  return (
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
  );
}

/** The export links carry the same filters as the page. */
function ExportLinks({ filters }: { filters: Filters }) {
  const exportQuery = (format: string) => {
    const p = new URLSearchParams({ format });
    if (filters.alert) p.set("alert", filters.alert);
    if (filters.site) p.set("site", filters.site);
    if (filters.since) p.set("since", filters.since.toISOString());
    return `/api/operator/audit/export?${p}`;
  };
  return (
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
  );
}

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
  return (
    <main className="audit">
      <h1>Audit: who can read each conversation</h1>
      <p className="muted">
        Membership history and public keys only, never message content. Signatures are verified here, not taken from the server.{" "}
        <Link href="/inbox">Inbox</Link>
      </p>
      <FilterForm filters={filters} />
      <ExportLinks filters={filters} />
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <DataTable
        caption={`Conversations (${rows.length})`}
        columns={["Conversation", "Site", "Status", "Members", "Alerts"]}
        rows={rows}
        rowKey={(r) => r.roomId}
        row={(r) => (
          <>
            <td>
              <Link href={`/operator/audit/${encodeURIComponent(r.roomId)}`}>{r.roomId}</Link>
              <br />
              <span className="muted small">visitor {r.visitorUserId}</span>
            </td>
            <td>{r.siteId}</td>
            <td>{r.status}</td>
            <td>{r.members}</td>
            <td>
              <AlertCounts error={r.error} alerts={r.alerts} />
            </td>
          </>
        )}
      />
      <AgentChanges />
    </main>
  );
});
