"use client";

import { roleChanged, roleDecisionKey, type ReviewKind, type ReviewRow } from "../../../lib/roster/review-roster";

/** A review row with the identity code of the key the server shows now (null when it has none). */
export type CodedRow = ReviewRow & {
  code: string | null;
  /** The agent's role in words (a supervisor is a declared reader of their team's conversations). */ role?: string;
};

type Props = { rows: CodedRow[]; decisions: ReadonlyMap<string, boolean>; onDecide: (userId: string, accept: boolean) => void; me: string };

const GROUPS: { kinds: ReviewKind[]; title: string; help: string }[] = [
  {
    kinds: ["changed"],
    title: "Changed identities: possible attack",
    help: "The server shows another encryption identity than the one you signed. Someone with access to the server can do this to read what visitors send. Ask the agent, in person or on a call, to read the code under “Your identity” in their console: accept only if it is the code shown here. Until then the roster keeps the identity you signed and visitors' messages to this agent wait.",
  },
  {
    kinds: ["unlisted"],
    title: "Accounts not added through the console",
    help: "These agents rows were not added on the Agents page (for example inserted in the database). They are left out unless you accept them.",
  },
  { kinds: ["new"], title: "New agents", help: "Added through the console since the last roster." },
  { kinds: ["removed"], title: "Removed agents", help: "On the roster but no longer agents: removed unless you keep them." },
  {
    kinds: ["missing", "no-identity", "unchanged"],
    title: "No change",
    help: "Agents without an encryption identity yet (they get one at their first console sign-in) and agents whose signed identity is unchanged.",
  },
];

function status(r: CodedRow, me: string): string {
  switch (r.kind) {
    case "unchanged":
      return "on the roster";
    case "new":
      return r.userId === me ? "not on the roster yet (you: your browser verified this identity)" : "not on the roster yet (added through the console)";
    case "unlisted":
      return "not on the roster yet; not added through the console: check who this is";
    case "changed":
      return "identity changed since the roster was signed: possible attack";
    case "removed":
      return "on the roster, no longer an agent";
    case "missing":
      return "on the roster; the server shows no identity now (the signed one is kept)";
    case "no-identity":
      return "no encryption identity yet (left out)";
  }
}

function decisionLabel(r: CodedRow): string {
  if (r.kind === "changed") return `Accept the new identity of ${r.userId}`;
  if (r.kind === "removed") return `Remove ${r.userId} from the roster`;
  return `Sign ${r.userId} into the roster`;
}

/**
 * The roster review: every change listed by kind, each with its own decision
 * (a checkbox), so that signing for one agent never accepts another's change.
 */
export function RosterReview({ rows, decisions, onDecide, me }: Props) {
  return (
    <>
      <RoleChanges rows={rows} decisions={decisions} onDecide={onDecide} />
      {GROUPS.map((g) => {
        const list = rows.filter((r) => g.kinds.includes(r.kind));
        if (!list.length) return null;
        const id = `review-${g.kinds[0]}`;
        return (
          <section key={id} aria-labelledby={id} className={g.kinds[0] === "changed" || g.kinds[0] === "unlisted" ? "warning" : undefined}>
            <h3 id={id}>{g.title}</h3>
            <p className="small">{g.help}</p>
            <table>
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Role</th>
                  <th scope="col">Identity code now</th>
                  <th scope="col">Status</th>
                  <th scope="col">Sign?</th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={r.userId} className={r.kind === "unchanged" ? "" : "changed"}>
                    <td>
                      {r.displayName} <span className="muted small">{r.userId}</span>
                    </td>
                    <td>{r.role ?? "—"}</td>
                    <td>{r.code ? <code aria-label={`Identity code of ${r.userId}`}>{r.code}</code> : <span className="muted">none</span>}</td>
                    <td>{status(r, me)}</td>
                    <td>
                      {r.choosable ? (
                        <input
                          type="checkbox"
                          aria-label={decisionLabel(r)}
                          checked={decisions.get(r.userId) ?? r.accept}
                          onChange={(e) => onDecide(r.userId, e.currentTarget.checked)}
                        />
                      ) : (
                        <span className="small muted">{r.kind === "unchanged" || r.kind === "missing" ? "kept" : "—"}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}

const roleWords = (team: string | null): string => (team ? `supervisor of ${team}` : "no supervisor role");

/**
 * Role changes since the signed roster, each with its own decision: a
 * supervisor reads every open conversation of their team, and the widget
 * invites one only if the roster signs the role, so signing it is a decision.
 */
function RoleChanges({ rows, decisions, onDecide }: Omit<Props, "me">) {
  const list = rows.filter((r) => roleChanged(r) && r.kind !== "removed" && r.kind !== "no-identity");
  if (!list.length) return null;
  return (
    <section aria-labelledby="review-roles" className="warning">
      <h3 id="review-roles">Supervisor roles to sign</h3>
      <p className="small">
        A supervisor reads every open conversation of their team. Visitors&apos; widgets invite a supervisor only if the roster you sign gives them that role:
        sign only the roles you (or another operator) made on the Agents page.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Signed role</th>
            <th scope="col">Role now</th>
            <th scope="col">Sign?</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr key={r.userId} className="changed">
              <td>
                {r.displayName} <span className="muted small">{r.userId}</span>
              </td>
              <td>{roleWords(r.rosteredSupervises)}</td>
              <td>{roleWords(r.supervises)}</td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Sign the role of ${r.userId}: ${roleWords(r.supervises)}`}
                  checked={decisions.get(roleDecisionKey(r.userId)) ?? true}
                  onChange={(e) => onDecide(roleDecisionKey(r.userId), e.currentTarget.checked)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
