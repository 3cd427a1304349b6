import Link from "next/link";
import { DataTable, NameAndId } from "../../_console/data-table";
import { operatorPage } from "../operator-page";
import { routingMetrics } from "../../_server/routing-metrics";
import { ratingsReport, teamAndSiteNames } from "../../_server/conversation-rating";
import { RatingsTable } from "./ratings-table";

export const dynamic = "force-dynamic";

const secs = (v: number | null): string => (v === null ? "–" : `${v.toFixed(1)} s`);

export default operatorPage(async function MetricsPage() {
  const m = await routingMetrics();
  const ratings = await ratingsReport();
  const names = await teamAndSiteNames();
  const agentName = (userId: string): string => m.agents.find((a) => a.userId === userId)?.displayName ?? userId;
  return (
    <main className="login" style={{ maxWidth: "48rem" }}>
      <h1>Routing</h1>
      <p className="muted">
        From metadata only: who was assigned, who sent an event, and when. <Link href="/inbox">Inbox</Link>
      </p>
      <dl className="card">
        <div>
          <dt>Waiting in queue</dt>
          <dd>{m.byStatus.queued}</dd>
        </div>
        <div>
          <dt>Open (assigned / active)</dt>
          <dd>
            {m.byStatus.assigned} / {m.byStatus.active}
          </dd>
        </div>
        <div>
          <dt>Closed</dt>
          <dd>{m.byStatus.closed}</dd>
        </div>
        <div>
          <dt>Wait until accepted (p50 / p95)</dt>
          <dd>
            {secs(m.waitSeconds.p50)} / {secs(m.waitSeconds.p95)}
          </dd>
        </div>
        <div>
          <dt>Time to first agent reply (p50 / p95)</dt>
          <dd>
            {secs(m.firstResponseSeconds.p50)} / {secs(m.firstResponseSeconds.p95)}
          </dd>
        </div>
      </dl>
      <DataTable
        caption="Agents"
        columns={["Agent", "Status", "Open", "Offered in total"]}
        rows={m.agents}
        rowKey={(a) => a.userId}
        row={(a) => (
          <>
            <td>
              <NameAndId name={a.displayName} id={a.userId} />
            </td>
            <td>{a.availability}</td>
            <td>{a.open}</td>
            <td>{a.assignedTotal}</td>
          </>
        )}
      />
      <RatingsTable report={ratings} agentName={agentName} teamName={(id) => names.teams.get(id) ?? id} siteName={(id) => names.sites.get(id) ?? id} />
    </main>
  );
});
