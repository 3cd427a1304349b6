import Link from "next/link";
import { notFound } from "next/navigation";
import { alertLabels } from "../../../../lib/audit/alert-labels";
import { roomIdParam } from "../../../_server/audit-query";
import { auditConversation } from "../../../_server/audit-service";
import { closedReads } from "../../../_server/closed-conversations";
import { operatorPage } from "../../operator-page";

export const dynamic = "force-dynamic";

const when = (iso: string | null): string => (iso ? iso.replace("T", " ").replace(/\.\d+Z$/, " UTC") : "now");

export default operatorPage(async function ConversationAuditPage(_me, { params }: { params: Promise<{ roomId: string }> }) {
  const roomId = roomIdParam((await params).roomId);
  const found = roomId ? await auditConversation(roomId) : null;
  if (!found || !roomId) notFound();
  const reads = await closedReads(roomId);
  const { audit, siteId, status, visitorUserId } = found;
  const devices = audit.members.flatMap((m) => m.devices.map((d) => ({ m, d })));
  return (
    <main className="audit">
      <p>
        <Link href="/operator/audit">← All conversations</Link>
      </p>
      <h1>Audit of {audit.roomId}</h1>
      <p className="muted">
        Site {siteId} · {status} · visitor {visitorUserId} · analysed {when(audit.analysedAt)}
      </p>

      <section aria-labelledby="alerts">
        <h2 id="alerts">Alerts</h2>
        {audit.alerts.length === 0 ? (
          <p>No alerts</p>
        ) : (
          <ul aria-label="Alerts">
            {audit.alerts.map((a, i) => (
              <li key={i} className="error">
                <strong>{alertLabels[a.kind]}</strong>: {a.message}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="devices">
        <h2 id="devices">Members and devices</h2>
        <table className="card">
          <caption>Devices (cross-signing verified by the audit)</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Role</th>
              <th scope="col">Membership</th>
              <th scope="col">On roster</th>
              <th scope="col">Master key</th>
              <th scope="col">Device</th>
              <th scope="col">Cross-signed</th>
              <th scope="col">Can receive keys</th>
              <th scope="col">Listed now</th>
            </tr>
          </thead>
          <tbody>
            {audit.members
              .filter((m) => m.devices.length === 0)
              .map((m) => (
                <tr key={m.userId}>
                  <td>{m.userId}</td>
                  <td>{m.role}</td>
                  <td>{m.membership}</td>
                  <td>{m.onRoster ? "yes" : "no"}</td>
                  <td className="mono">{m.masterKey ?? "none"}</td>
                  <td colSpan={4} className="muted">
                    no device keys
                  </td>
                </tr>
              ))}
            {devices.map(({ m, d }) => (
              <tr key={`${m.userId}/${d.deviceId}`}>
                <td>{m.userId}</td>
                <td>{m.role}</td>
                <td>{m.membership}</td>
                <td>{m.onRoster ? "yes" : "no"}</td>
                <td className="mono">{m.masterKey ?? "none"}</td>
                <td className="mono">{d.deviceId}</td>
                <td>
                  {d.status === "cross-signed" ? (
                    <span aria-label="cross-signed">✓</span>
                  ) : (
                    <span className="error" aria-label={d.status}>
                      ✗ {d.problem}
                    </span>
                  )}
                </td>
                <td>{d.eligible ? "yes" : "no"}</td>
                <td>{d.present ? "yes" : `no (last seen ${when(d.lastSeen)})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="timeline">
        <h2 id="timeline">Members over time</h2>
        <table className="card">
          <caption>Membership changes</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Member</th>
              <th scope="col">Change</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {audit.timeline.map((t) => (
              <tr key={t.eventId}>
                <td>{when(t.at)}</td>
                <td>{t.userId}</td>
                <td>{t.action}</td>
                <td>{t.by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="readers">
        <h2 id="readers">Who could decrypt, per period</h2>
        <p className="muted">
          Joined and invited members (history is shared with invitees) × their devices cross-signed by their owner (OnlySignedDevicesIsolationMode).
        </p>
        <table className="card">
          <caption>Readers per period</caption>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">Until</th>
              <th scope="col">Readers (devices that get keys)</th>
            </tr>
          </thead>
          <tbody>
            {audit.readers.map((p) => (
              <tr key={p.from}>
                <td>{when(p.from)}</td>
                <td>{when(p.to)}</td>
                <td>
                  <ul className="plain">
                    {p.readers.map((r) => (
                      <li key={r.userId}>
                        {r.userId} ({r.membership}): {r.devices.length ? r.devices.join(", ") : "no device"}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {reads.length > 0 && (
        <section aria-labelledby="closed-reads">
          <h2 id="closed-reads">Opened after it closed</h2>
          <p className="muted">Agents who read this closed conversation again from the Closed view (as a member who left; nobody rejoined).</p>
          <ul className="plain">
            {reads.map((r) => (
              <li key={`${r.agentUserId} ${r.at.toISOString()}`}>
                {r.agentUserId} at {when(r.at.toISOString())}
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
});
