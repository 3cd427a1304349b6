import type { RosterAgent } from "./roster";

/**
 * How an account stands against the signed roster:
 * `unchanged`: on the roster with the key the server shows now;
 * `new`: an agent added through the console (or the signing operator's own verified identity), not on the roster yet;
 * `unlisted`: an agents row nobody added through the console (e.g. inserted in the database): flagged;
 * `changed`: on the roster with another master key than the server shows now: possibly an attack;
 * `removed`: on the roster but no longer an agent;
 * `missing`: on the roster, but the server shows no identity now (the signed key is kept);
 * `no-identity`: not on the roster and no identity yet (nothing to sign).
 */
export type ReviewKind = "unchanged" | "new" | "unlisted" | "changed" | "removed" | "missing" | "no-identity";

/** One line of the roster review. `accept` is the default decision; `choosable` says whether the operator can flip it. */
export type ReviewRow = {
  userId: string;
  displayName: string;
  kind: ReviewKind;
  rosteredKey: string | null;
  currentKey: string | null;
  accept: boolean;
  choosable: boolean;
  /** The team this agent supervises now (signed with them), or null. */
  supervises: string | null;
  /** The team the signed roster says they supervise, or null (rosters signed before roles: null). */
  rosteredSupervises: string | null;
};

/** What the review starts from. `self`: the signing operator and the master key their own browser verified (null if it did not). */
export type ReviewInput = {
  agents: readonly { userId: string; displayName: string; addedThroughConsole: boolean; supervises?: string | null }[];
  rostered: readonly RosterAgent[];
  currentKeys: ReadonlyMap<string, string | null>;
  self: { userId: string; masterKey: string | null };
};

/**
 * Lists every account the roster would change, each with a default decision
 * that never trusts the servers silently: new agents added through the console
 * are accepted, rows nobody added through the console are flagged and left out,
 * changed identities keep their signed key unless accepted, removed agents are
 * removed. Sorted by kind, then user id.
 */
export function reviewRoster(input: ReviewInput): ReviewRow[] {
  const signed = new Map(input.rostered.map((r) => [r.user_id, r]));
  const rows: ReviewRow[] = input.agents.map((a) => {
    const rosteredKey = signed.get(a.userId)?.master_key ?? null;
    const currentKey = input.currentKeys.get(a.userId) ?? null;
    const roles = { supervises: a.supervises ?? null, rosteredSupervises: signed.get(a.userId)?.supervises ?? null };
    const base = { userId: a.userId, displayName: a.displayName, rosteredKey, currentKey, ...roles };
    if (rosteredKey) {
      if (!currentKey) return { ...base, kind: "missing", accept: false, choosable: false };
      if (currentKey === rosteredKey) return { ...base, kind: "unchanged", accept: true, choosable: false };
      return { ...base, kind: "changed", accept: false, choosable: true };
    }
    if (!currentKey) return { ...base, kind: "no-identity", accept: false, choosable: false };
    // The operator's own identity is vouched for by their own browser, not by the servers.
    const known = a.addedThroughConsole || (a.userId === input.self.userId && currentKey === input.self.masterKey);
    return { ...base, kind: known ? "new" : "unlisted", accept: known, choosable: true };
  });
  const listed = new Set(input.agents.map((a) => a.userId));
  for (const r of input.rostered) {
    if (!listed.has(r.user_id))
      rows.push({
        userId: r.user_id,
        displayName: r.user_id,
        kind: "removed",
        rosteredKey: r.master_key,
        currentKey: input.currentKeys.get(r.user_id) ?? null,
        accept: true,
        choosable: true,
        supervises: r.supervises ?? null,
        rosteredSupervises: r.supervises ?? null,
      });
  }
  return rows.sort((x, y) => ORDER.indexOf(x.kind) - ORDER.indexOf(y.kind) || (x.userId < y.userId ? -1 : x.userId > y.userId ? 1 : 0));
}

const ORDER: ReviewKind[] = ["changed", "unlisted", "new", "removed", "missing", "no-identity", "unchanged"];

/**
 * The roster's agents after the operator's decisions (`decisions` overrides a
 * choosable row's default): accepted new and unlisted accounts with their
 * current key, changed identities with the new key only if accepted (else the
 * signed one), removed agents dropped only if accepted; each with the team
 * they supervise now unless the operator declined that role change (the
 * decision under {@link roleDecisionKey}: then the signed role stays).
 */
export function rosterAfterReview(rows: readonly ReviewRow[], decisions: ReadonlyMap<string, boolean> = new Map()): RosterAgent[] {
  const out: RosterAgent[] = [];
  for (const row of rows) {
    const accept = row.choosable ? (decisions.get(row.userId) ?? row.accept) : row.accept;
    const key = (() => {
      switch (row.kind) {
        case "unchanged":
        case "missing":
          return row.rosteredKey;
        case "new":
        case "unlisted":
          return accept ? row.currentKey : null;
        case "changed":
          return accept ? row.currentKey : row.rosteredKey;
        case "removed":
          return accept ? null : row.rosteredKey;
        case "no-identity":
          return null;
      }
    })();
    // The role as the agent has it now, unless the operator declined that change (then the signed one stays).
    const supervises = (decisions.get(roleDecisionKey(row.userId)) ?? true) ? row.supervises : row.rosteredSupervises;
    if (key) out.push({ user_id: row.userId, master_key: key, ...(supervises ? { supervises } : {}) });
  }
  return out;
}

/** True when signing would change this agent's supervisor role (made or removed since the signed roster): the review shows it apart. */
export function roleChanged(row: ReviewRow): boolean {
  return row.supervises !== row.rosteredSupervises;
}

/** The key of the decision on an agent's role change in the `decisions` map (apart from the identity decision). */
export function roleDecisionKey(userId: string): string {
  return `role:${userId}`;
}
