import type { MatrixClient } from "matrix-js-sdk";
import { checkReaders, type ReaderProblem } from "../../lib/roster/check-readers";
import { checkUnknownMembers, type UnknownMember } from "../../lib/roster/check-unknown-members";
import type { SignedRoster } from "../../lib/roster/roster";
import { verifyRosterFrom } from "../../lib/roster/key-endorsement";
import { pinRostered } from "../../lib/matrix/pin-rostered";
import { seenIdentities } from "../../lib/matrix/seen-identities";

// How long a verified roster (or the agent list, without a key) is used before it is fetched again; a problem always re-fetches.
const ROSTER_MAX_AGE_MS = 60_000;
// A check after this age still uses the roster it has and fetches the next one beside it, so that no
// message waits for the minute's fetch; one more than ROSTER_MAX_AGE_MS after the last fetch began waits.
const ROSTER_REFRESH_AHEAD_MS = 45_000;

const ROSTER_URL = "/api/roster";
const AGENTS_URL = "/api/roster/agents";
// The first answer, asked for when the frame starts (see prefetchRoster); used once.
let prefetched: { url: string; response: Promise<Response | null> } | null = null;

/**
 * Asks for the roster (with an organisation key) or the agent list (without)
 * as the frame starts, so the first check after the client runs does not wait
 * for it. Only the request moves earlier: the answer is verified as any other.
 */
export function prefetchRoster(withOrgKey: boolean): void {
  const url = withOrgKey ? ROSTER_URL : AGENTS_URL;
  prefetched = { url, response: fetch(url, { cache: "no-store" }).catch(() => null) };
}

// The prefetched answer for `url` if there is one (once), else a new request.
async function rosterFetch(url: string): Promise<Response> {
  const early = prefetched?.url === url ? await prefetched.response : null;
  prefetched = null;
  return early ?? fetch(url, { cache: "no-store" });
}

/**
 * The roster guard's checks (see createRosterGuard): with an organisation key,
 * the signed roster (never rolled back below the highest version this browser
 * verified) against the identities the crypto layer sees; without one (`orgKey`
 * null), the members that are not agents the app lists. `orgKey` "" (malformed)
 * verifies nothing.
 */
export function rosterChecks(client: MatrixClient, orgKey: string | null, routerUserId: string, confirmed: ReadonlySet<string>) {
  const me = client.getSafeUserId();
  // The highest roster version this browser verified: the server cannot roll it back to an older roster.
  const seenVersionKey = `sealdesk:roster-version:${orgKey}`;
  let roster: SignedRoster | null = null;
  let knownAgents: Set<string> | null = null;
  let fetchedAt = 0;

  const refresh = async (): Promise<void> => {
    fetchedAt = Date.now();
    if (orgKey === null) return refreshAgents();
    if (!orgKey) return void (roster = null); // a malformed key in the snippet verifies nothing
    try {
      const res = await rosterFetch(ROSTER_URL);
      const body = res.ok ? ((await res.json()) as { roster?: unknown; endorsements?: unknown }) : null;
      // Signed by the snippet's key, or by a key it endorsed (a rotation) whose transition has not ended.
      const checked = await verifyRosterFrom(body?.roster, orgKey, body?.endorsements, Date.now());
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
      const res = await rosterFetch(AGENTS_URL);
      if (res.ok) knownAgents = new Set(((await res.json()) as { agents?: string[] }).agents ?? []);
    } catch {
      // Offline: keep the last list (none: everyone but the router is flagged).
    }
  };

  // The age at which a check fetches the roster: waiting for it (too old or none), or beside it (soon too old).
  const age = (): "fresh" | "ahead" | "stale" => {
    const ms = Date.now() - fetchedAt;
    return ms > ROSTER_MAX_AGE_MS ? "stale" : ms > ROSTER_REFRESH_AHEAD_MS ? "ahead" : "fresh";
  };

  // `have`: whether there is a verified roster (or agent list) to use meanwhile.
  const fetchIfDue = async (have: boolean): Promise<void> => {
    const a = age();
    if (!have || a === "stale") await refresh();
    else if (a === "ahead") void refresh();
  };

  const problems = async (all: string[]): Promise<ReaderProblem[] | "refused"> => {
    const users = [...new Set(all)].filter((u) => u !== me);
    await fetchIfDue(!!roster);
    for (let round = 0; ; round++) {
      if (!roster) return "refused";
      // The second round asks the server again whatever the crypto layer's events said (a problem is never judged on kept answers alone).
      const identities = await seenIdentities(client, users, { fresh: round > 0 });
      const found = checkReaders({ members: users, me, routerUserId: routerUserId, roster, seen: identities });
      if (!found.length || round > 0) {
        await pinRostered(client, roster, users, identities);
        return found;
      }
      await refresh(); // an operator may have re-signed the roster since
    }
  };

  const unknown = async (all: string[]): Promise<UnknownMember[]> => {
    await fetchIfDue(!!knownAgents);
    return checkUnknownMembers({ members: all, me, routerUserId: routerUserId, knownAgents: knownAgents ?? new Set(), confirmed });
  };

  // The verified roster now (null without a key or when none verifies): what says who is a supervisor.
  const verified = async (): Promise<SignedRoster | null> => {
    if (orgKey !== null) await fetchIfDue(!!roster);
    return orgKey === null ? null : roster;
  };

  return { refresh, problems, unknown, verified };
}
