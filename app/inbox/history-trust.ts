import type { MatrixClient, Room } from "matrix-js-sdk";
import { mayShareHistory, mayShowForwarded, type HistoryTrust } from "../../lib/matrix/history-trust";
import { masterKeyOf, roomVisitor } from "../../lib/matrix/join-with-history";
import { orgKeySchema } from "../../lib/roster/roster";
import { verifyRoster } from "../../lib/roster/verify-roster";

// How long a loaded trust is used before it is fetched again.
const MAX_AGE_MS = 60_000;
// The organisation key (and roster version) this browser verified a roster with: the server
// can neither swap the key nor fall back to an older roster or to the degraded mode afterwards.
const PINNED_KEY = "sealdesk:console:org-key";
const PINNED_VERSION = "sealdesk:console:roster-version";
const NOBODY: HistoryTrust = { kind: "nobody" };

let current: HistoryTrust = NOBODY;
let fetchedAt = 0;
let loading: Promise<HistoryTrust> | null = null;

async function agentsTheAppLists(): Promise<HistoryTrust> {
  const res = await fetch("/api/agents", { cache: "no-store" });
  if (!res.ok) return current;
  const { agents } = (await res.json()) as { agents?: { userId: string }[] };
  return { kind: "app-list", agents: new Set((agents ?? []).map((a) => a.userId)) };
}

async function fetchTrust(): Promise<HistoryTrust> {
  const pinned = localStorage.getItem(PINNED_KEY);
  const res = await fetch("/api/roster", { cache: "no-store" });
  // No roster: the degraded mode, unless this browser has verified one before.
  if (res.status === 404) return pinned ? NOBODY : agentsTheAppLists();
  if (!res.ok) return current;
  const { roster } = (await res.json()) as { roster?: { org_key?: unknown } };
  const orgKey = pinned ?? roster?.org_key;
  if (!orgKeySchema.safeParse(orgKey).success) return NOBODY;
  const checked = await verifyRoster(roster, orgKey as string);
  if (!checked.ok || checked.roster.version < Number(localStorage.getItem(PINNED_VERSION) ?? 0)) return NOBODY;
  localStorage.setItem(PINNED_KEY, checked.roster.org_key);
  localStorage.setItem(PINNED_VERSION, String(checked.roster.version));
  return { kind: "roster", agents: new Map(checked.roster.agents.map((a) => [a.user_id, a.master_key])) };
}

/** Whom this console believes about forwarded history (see lib/matrix/history-trust), fetched at most once a minute. */
export function loadHistoryTrust(): Promise<HistoryTrust> {
  if (Date.now() - fetchedAt < MAX_AGE_MS) return Promise.resolve(current);
  loading ??= fetchTrust()
    .catch(() => current)
    .then((t) => ((current = t), (fetchedAt = Date.now()), t))
    .finally(() => (loading = null));
  return loading;
}

/** For the timeline: whether a message decrypted with keys `userId` forwarded may show as its sender's. */
export function forwarderTrusted(room: Room, userId: string): boolean {
  void loadHistoryTrust();
  return mayShowForwarded({ sharer: userId, visitor: roomVisitor(room), trust: current });
}

/** For joining: whether to import the key bundle of the user who invited us to `roomId`. */
export function historySharerCheck(client: MatrixClient, roomId: string): (inviter: string) => Promise<boolean> {
  return async (inviter) =>
    mayShareHistory({ sharer: inviter, visitor: roomVisitor(client.getRoom(roomId)), masterKey: await masterKeyOf(client, inviter), trust: await loadHistoryTrust() });
}
