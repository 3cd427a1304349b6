import { alertLabels } from "../../../../lib/audit/alert-labels";
import { memberRoleLabels, type Alert, type DeviceAudit, type MemberAudit, type ReaderPeriod, type TimelineEntry } from "../../../../lib/audit/types";
import { DataTable } from "../../../_console/data-table";

/** A time as the audit shows it (UTC, to the second); no time means "still so now". */
export const when = (iso: string | null): string => (iso ? iso.replace("T", " ").replace(/\.\d+Z$/, " UTC") : "now");

export function AlertsSection({ alerts }: { alerts: Alert[] }) {
  return (
    <section aria-labelledby="alerts">
      <h2 id="alerts">Alerts</h2>
      {alerts.length === 0 ? (
        <p>No alerts</p>
      ) : (
        <ul aria-label="Alerts">
          {alerts.map((a, i) => (
            <li key={i} className="error">
              <strong>{alertLabels[a.kind]}</strong>: {a.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const deviceColumns = ["Member", "Role", "Membership", "On roster", "Master key", "Device", "Cross-signed", "Can receive keys", "Listed now"];

/** The member's own cells, the first five of every row of the devices table. */
function MemberCells({ m }: { m: MemberAudit }) {
  return (
    <>
      <td>{m.userId}</td>
      <td>{memberRoleLabels[m.role]}</td>
      <td>{m.membership}</td>
      <td>{m.onRoster ? "yes" : "no"}</td>
      <td className="mono">{m.masterKey ?? "none"}</td>
    </>
  );
}

function DeviceCells({ d }: { d: DeviceAudit }) {
  return (
    <>
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
    </>
  );
}

/** One row per device, and one per member without device keys (listed first). */
export function DevicesSection({ members }: { members: MemberAudit[] }) {
  const rows = [
    ...members.filter((m) => m.devices.length === 0).map((m) => ({ m, d: null })),
    ...members.flatMap((m) => m.devices.map((d): { m: MemberAudit; d: DeviceAudit | null } => ({ m, d }))),
  ];
  return (
    <section aria-labelledby="devices">
      <h2 id="devices">Members and devices</h2>
      <DataTable
        caption="Devices (cross-signing verified by the audit)"
        columns={deviceColumns}
        rows={rows}
        rowKey={({ m, d }) => (d ? `${m.userId}/${d.deviceId}` : m.userId)}
        row={({ m, d }) => (
          <>
            <MemberCells m={m} />
            {d ? (
              <DeviceCells d={d} />
            ) : (
              <td colSpan={4} className="muted">
                no device keys
              </td>
            )}
          </>
        )}
      />
    </section>
  );
}

export function TimelineSection({ timeline }: { timeline: TimelineEntry[] }) {
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline">Members over time</h2>
      <DataTable
        caption="Membership changes"
        columns={["When", "Member", "Change", "By"]}
        rows={timeline}
        rowKey={(t) => t.eventId}
        row={(t) => (
          <>
            <td>{when(t.at)}</td>
            <td>{t.userId}</td>
            <td>{t.action}</td>
            <td>{t.by}</td>
          </>
        )}
      />
    </section>
  );
}

export function ReadersSection({ readers }: { readers: ReaderPeriod[] }) {
  return (
    <section aria-labelledby="readers">
      <h2 id="readers">Who could decrypt, per period</h2>
      <p className="muted">
        Joined and invited members (history is shared with invitees) × their devices cross-signed by their owner (OnlySignedDevicesIsolationMode).
      </p>
      <DataTable
        caption="Readers per period"
        columns={["From", "Until", "Readers (devices that get keys)"]}
        rows={readers}
        rowKey={(p) => p.from}
        row={(p) => (
          <>
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
          </>
        )}
      />
    </section>
  );
}

/** Agents who read the closed conversation again from the Closed view (`closed_reads`); nothing when none did. */
export function ClosedReadsSection({ reads }: { reads: { agentUserId: string; at: Date }[] }) {
  if (reads.length === 0) return null;
  return (
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
  );
}
