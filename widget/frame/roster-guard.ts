import type { MatrixClient } from "matrix-js-sdk";
import { checkReaders, type ReaderProblem, type SeenIdentity } from "../../lib/roster/check-readers";
import { checkUnknownMembers, holdsForUnknown, type UnknownMember } from "../../lib/roster/check-unknown-members";
import { readerWarning } from "../../lib/roster/reader-warning";
import { orgKeySchema, type SignedRoster } from "../../lib/roster/roster";
import { verifyRoster } from "../../lib/roster/verify-roster";
import { seenIdentities } from "../../lib/matrix/seen-identities";
import type { WidgetStrings } from "../../lib/widget-i18n/catalogue";

// How long a verified roster (or the agent list, without a key) is used before it is fetched again; a problem always re-fetches.
const ROSTER_MAX_AGE_MS = 60_000;
// While something blocks sending, the check runs again this often (the roster may be re-signed, the stranger may leave).
const RECHECK_MS = 3_000;

/** The organisation-key check of the widget: see {@link createRosterGuard}. */
export type RosterGuard = {
  /** Whether the embed carries an organisation key (false: degraded mode, shown as "not verified"). */
  readonly verified: boolean;
  /** Resolves once every user `users()` names may read what the visitor encrypts; meanwhile shows why not and re-checks. */
  waitUntilSafe(users: () => string[]): Promise<void>;
  /** True when these users may be given keys now (e.g. before inviting a reader). Shows the warning otherwise. */
  allows(users: string[]): Promise<boolean>;
  /** True while a send waits in {@link RosterGuard.waitUntilSafe} (the outbox keeps it pending, not failed). */
  readonly holding: boolean;
  /** Re-checks these users (the room's members changed) and shows or clears the warning; never blocks. */
  review(users: string[]): void;
  /** Degraded mode: the visitor chose to continue with this member present (that member only). */
  confirm(userId: string): void;
};

type Deps = {
  client: MatrixClient;
  orgKeyParam: string | null;
  routerUserId: string;
  t: WidgetStrings;
  onWarning(text: string | null): void;
  /** Degraded mode: the members the visitor may confirm (empty: none waits for a confirmation). */
  onConfirmNeeded?(userIds: string[]): void;
  /** Sending started or stopped being held (the bubbles say "Held" meanwhile). */
  onHoldingChange?(): void;
};

/**
 * Enforces the embed snippet's organisation key (DESIGN.md, trust model 4):
 * the roster the app serves must be signed by the key in `data-org-key`
 * (the snippet wins over the server), and every member the visitor's client
 * would encrypt to must be on it with exactly the master key the crypto layer
 * sees for them; the router only while it has no device and no identity.
 * A rostered identity that changed (and the roster now names) is pinned, so
 * sending resumes once an operator has re-signed the roster.
 * Without a key (degraded mode), every member who is not the router or an
 * agent the app lists is named, and sending waits until the visitor confirms
 * each of them.
 */
export function createRosterGuard(o: Deps): RosterGuard {
  const { client, t } = o;
  const me = client.getSafeUserId();
  const orgKey = o.orgKeyParam === null ? null : orgKeySchema.safeParse(o.orgKeyParam).success ? o.orgKeyParam : "";
  // The highest roster version this browser verified: the server cannot roll it back to an older roster.
  const seenVersionKey = `sealdesk:roster-version:${orgKey}`;
  let roster: SignedRoster | null = null;
  let knownAgents: Set<string> | null = null;
  const confirmed = new Set<string>();
  let fetchedAt = 0;

  const refresh = async (): Promise<void> => {
    fetchedAt = Date.now();
    if (orgKey === null) return refreshAgents();
    if (!orgKey) return void (roster = null); // a malformed key in the snippet verifies nothing
    try {
      const res = await fetch("/api/roster", { cache: "no-store" });
      const body = res.ok ? ((await res.json()) as { roster?: unknown }) : null;
      const checked = await verifyRoster(body?.roster, orgKey);
      const floor = Number(localStorage.getItem(seenVersionKey) ?? 0);
      if (!checked.ok || checked.roster.version < floor) return void (roster = null);
      roster = checked.roster;
      localStorage.setItem(seenVersionKey, String(roster.version));
    } catch {
      // Offline: keep what was verified (nothing when nothing was).
    }
  };

  // Degraded mode: the agents the app lists (metadata it could forge: it decides what is shown, not who reads).
  const refreshAgents = async (): Promise<void> => {
    try {
      const res = await fetch("/api/roster/agents", { cache: "no-store" });
      if (res.ok) knownAgents = new Set(((await res.json()) as { agents?: string[] }).agents ?? []);
    } catch {
      // Offline: keep the last list (none: everyone but the router is flagged).
    }
  };

  const problems = async (all: string[]): Promise<ReaderProblem[] | "refused"> => {
    const users = [...new Set(all)].filter((u) => u !== me);
    if (!roster || Date.now() - fetchedAt > ROSTER_MAX_AGE_MS) await refresh();
    for (let round = 0; ; round++) {
      if (!roster) return "refused";
      const identities = await seenIdentities(client, users);
      const found = checkReaders({ members: users, me, routerUserId: o.routerUserId, roster, seen: identities });
      if (!found.length || round > 0) {
        await pinRostered(users, identities, roster);
        return found;
      }
      await refresh(); // an operator may have re-signed the roster since
    }
  };

  const unknown = async (all: string[]): Promise<UnknownMember[]> => {
    if (!knownAgents || Date.now() - fetchedAt > ROSTER_MAX_AGE_MS) await refresh();
    return checkUnknownMembers({ members: all, me, routerUserId: o.routerUserId, knownAgents: knownAgents ?? new Set(), confirmed });
  };

  // A changed identity that the signed roster now names: accept it, so the crypto layer shares keys again.
  const pinRostered = async (users: string[], identities: Map<string, SeenIdentity>, r: SignedRoster): Promise<void> => {
    const crypto = client.getCrypto()!;
    for (const a of r.agents) {
      if (!users.includes(a.user_id) || identities.get(a.user_id)?.masterKey !== a.master_key) continue;
      if ((await crypto.getUserVerificationStatus(a.user_id)).needsUserApproval) await crypto.pinCurrentUserIdentity(a.user_id);
    }
  };

  let lastUsers: string[] = [];
  // Checks overlap (a review per membership event, the outbox's own): each awaits the network, so
  // they can finish out of order. Only the latest started one, which saw the newest members, may
  // show or clear the warning; an older one finishing late would show a stale member list.
  let latest = 0;
  const check = async (users: string[]): Promise<boolean> => {
    lastUsers = users;
    const mine = ++latest;
    if (orgKey === null) {
      const flagged = await unknown(users);
      if (mine === latest) {
        o.onWarning(flagged.length ? t.unknownMembers(flagged.map((u) => u.userId), holdsForUnknown(flagged)) : null);
        o.onConfirmNeeded?.(flagged.filter((u) => !u.confirmed).map((u) => u.userId));
      }
      return !holdsForUnknown(flagged);
    }
    const p = await problems(users);
    if (mine === latest) o.onWarning(readerWarning(p, t));
    return p !== "refused" && !p.length;
  };

  // Without a key, fetch the agent list at once: a network cut later keeps it (an empty list would flag the agent).
  if (orgKey === null) void refresh();
  let holding = false;
  let wake: (() => void) | null = null;
  o.onWarning(null);
  return {
    verified: orgKey !== null,
    get holding() {
      return holding;
    },
    allows: check,
    async waitUntilSafe(users) {
      try {
        while (!(await check(users()))) {
          if (!holding) {
            holding = true;
            o.onHoldingChange?.();
          }
          await new Promise<void>((r) => {
            wake = r;
            setTimeout(r, RECHECK_MS);
          });
        }
      } finally {
        if (holding) {
          holding = false;
          o.onHoldingChange?.();
        }
      }
    },
    review(users) {
      void check(users).catch(() => {});
    },
    confirm(userId) {
      confirmed.add(userId);
      if (wake) wake();
      else void check(lastUsers).catch(() => {});
    },
  };
}
