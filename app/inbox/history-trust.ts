import type { MatrixClient, Room } from "matrix-js-sdk";
import { mayShareHistory, mayShowForwarded, type HistoryTrust } from "../../lib/matrix/history-trust";
import { masterKeyOf, roomVisitor } from "../../lib/matrix/join-with-history";
import { consoleTrust, type ConsoleTrust } from "./console-trust";

const NOBODY: HistoryTrust = { kind: "nobody" };
// The last trust loaded, for the timeline's synchronous check (nobody until the first load).
let current: HistoryTrust = NOBODY;

/** The console's one trust (pinned organisation key, verified roster, or the degraded mode) as whom history sharers are believed. */
function historyTrustOf(trust: ConsoleTrust): HistoryTrust {
  if (trust.mode === "roster") return { kind: "roster", agents: new Map(trust.roster.agents.map((a) => [a.user_id, a.master_key])) };
  if (trust.mode === "degraded") return { kind: "app-list", agents: trust.agents };
  return NOBODY;
}

/** Whom this console believes about forwarded history (see lib/matrix/history-trust), from {@link consoleTrust}. */
export async function loadHistoryTrust(me: string): Promise<HistoryTrust> {
  current = await consoleTrust(me).then(historyTrustOf, () => current);
  return current;
}

/** For the timeline: whether a message decrypted with keys `userId` forwarded may show as its sender's. */
export function forwarderTrusted(room: Room, userId: string): boolean {
  void loadHistoryTrust(room.client.getSafeUserId());
  return mayShowForwarded({ sharer: userId, visitor: roomVisitor(room), trust: current });
}

/** For joining: whether to import the key bundle of the user who invited us to `roomId`. */
export function historySharerCheck(client: MatrixClient, roomId: string): (inviter: string) => Promise<boolean> {
  return async (inviter) =>
    mayShareHistory({
      sharer: inviter,
      visitor: roomVisitor(client.getRoom(roomId)),
      masterKey: await masterKeyOf(client, inviter),
      trust: await loadHistoryTrust(client.getSafeUserId()),
    });
}
