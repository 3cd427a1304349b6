import type { MatrixClient } from "matrix-js-sdk";
import { checkReaders, type ReaderProblem, type SeenIdentity } from "../../lib/roster/check-readers";
import { orgKeySchema, type SignedRoster } from "../../lib/roster/roster";
import { verifyRoster } from "../../lib/roster/verify-roster";
import type { WidgetStrings } from "../../lib/widget-i18n/catalogue";

// How long a verified roster is used before it is fetched again; a problem always re-fetches.
const ROSTER_MAX_AGE_MS = 60_000;
// While something blocks sending, the check runs again this often (the roster may be re-signed, the stranger may leave).
const RECHECK_MS = 3_000;

/** The organisation-key check of the widget: see {@link createRosterGuard}. */
export type RosterGuard = {
  /** Whether the embed carries an organisation key (false: works as before, shown as "not verified"). */
  readonly verified: boolean;
  /** Resolves once every user `users()` names may read what the visitor encrypts; meanwhile shows why not and re-checks. */
  waitUntilSafe(users: () => string[]): Promise<void>;
  /** True when these users may be given keys now (e.g. before inviting a reader). Shows the warning otherwise. */
  allows(users: string[]): Promise<boolean>;
  /** True while a send waits in {@link RosterGuard.waitUntilSafe} (the outbox keeps it pending, not failed). */
  readonly holding: boolean;
  /** Re-checks these users (the room's members changed) and shows or clears the warning; never blocks. */
  review(users: string[]): void;
};

/**
 * Enforces the embed snippet's organisation key (DESIGN.md, trust model 4):
 * the roster the app serves must be signed by the key in `data-org-key`
 * (the snippet wins over the server), and every member the visitor's client
 * would encrypt to must be on it with exactly the master key the crypto layer
 * sees for them; the router only while it has no device and no identity.
 * A rostered identity that changed (and the roster now names) is pinned, so
 * sending resumes once an operator has re-signed the roster.
 */
export function createRosterGuard(o: { client: MatrixClient; orgKeyParam: string | null; routerUserId: string; t: WidgetStrings; onWarning(text: string | null): void }): RosterGuard {
  const { client, t } = o;
  const me = client.getSafeUserId();
  const orgKey = o.orgKeyParam === null ? null : orgKeySchema.safeParse(o.orgKeyParam).success ? o.orgKeyParam : "";
  // The highest roster version this browser verified: the server cannot roll it back to an older roster.
  const seenVersionKey = `sealdesk:roster-version:${orgKey}`;
  let roster: SignedRoster | null = null;
  let fetchedAt = 0;

  const refresh = async (): Promise<void> => {
    fetchedAt = Date.now();
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

  // The crypto layer's view of each identity (what it encrypts to) when it tracks the user; the crypto layer
  // only starts tracking an invitee when it first encrypts for the room, so until then the same /keys/query
  // answer it will fetch is read directly (see README: limits).
  const seen = async (users: string[]): Promise<Map<string, SeenIdentity>> => {
    const crypto = client.getCrypto()!;
    const [devices, raw] = await Promise.all([crypto.getUserDeviceInfo(users, true), users.length ? client.downloadKeysForUsers(users) : null]);
    const out = new Map<string, SeenIdentity>();
    for (const u of users) {
      const master = (await crypto.getUserCrossSigningKeys(u))?.master_key ?? raw?.master_keys?.[u];
      out.set(u, { masterKey: master ? (Object.values(master.keys)[0] ?? null) : null, hasDevices: (devices.get(u)?.size ?? 0) > 0 });
    }
    return out;
  };

  const problems = async (all: string[]): Promise<ReaderProblem[] | "refused"> => {
    if (orgKey === null) return [];
    const users = [...new Set(all)].filter((u) => u !== me);
    if (!roster || Date.now() - fetchedAt > ROSTER_MAX_AGE_MS) await refresh();
    for (let round = 0; ; round++) {
      if (!roster) return "refused";
      const identities = await seen(users);
      const found = checkReaders({ members: users, me, routerUserId: o.routerUserId, roster, seen: identities });
      if (!found.length || round > 0) {
        await pinRostered(users, identities, roster);
        return found;
      }
      await refresh(); // an operator may have re-signed the roster since
    }
  };

  // A changed identity that the signed roster now names: accept it, so the crypto layer shares keys again.
  const pinRostered = async (users: string[], identities: Map<string, SeenIdentity>, r: SignedRoster): Promise<void> => {
    const crypto = client.getCrypto()!;
    for (const a of r.agents) {
      if (!users.includes(a.user_id) || identities.get(a.user_id)?.masterKey !== a.master_key) continue;
      if ((await crypto.getUserVerificationStatus(a.user_id)).needsUserApproval) await crypto.pinCurrentUserIdentity(a.user_id);
    }
  };

  const warningFor = (p: ReaderProblem[] | "refused"): string | null => {
    if (p === "refused") return t.rosterRefused;
    if (!p.length) return null;
    return p[0].reason === "identity-changed" || p[0].reason === "no-identity" ? t.identityNotRostered(p[0].userId) : t.notRostered(p[0].userId);
  };

  const check = async (users: string[]): Promise<boolean> => {
    const p = await problems(users);
    o.onWarning(warningFor(p));
    return p !== "refused" && !p.length;
  };

  let holding = false;
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
          holding = true;
          await new Promise((r) => setTimeout(r, RECHECK_MS));
        }
      } finally {
        holding = false;
      }
    },
    review(users) {
      void check(users).catch(() => {});
    },
  };
}
