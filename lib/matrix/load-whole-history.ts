import { Direction, EventType, Method, type MatrixClient, type Room } from "matrix-js-sdk";
import { isTrustFailure, retryDecryption } from "./retry-trust-failures";

/**
 * A room first seen as an invite has no pagination token: when the join then
 * arrives in an unlimited sync, matrix-js-sdk believes the timeline starts at
 * the invite, though (history_visibility shared) everything before it is
 * readable. Ask the server for a token before the earliest event we have.
 */
async function ensureBackwardToken(client: MatrixClient, room: Room): Promise<void> {
  const timeline = room.getLiveTimeline();
  if (timeline.getPaginationToken(Direction.Backward) !== null) return;
  const events = timeline.getEvents();
  if (events.some((e) => e.getType() === EventType.RoomCreate)) return;
  const first = events.find((e) => e.getId()?.startsWith("$"))?.getId();
  if (!first) return;
  const path = `/rooms/${encodeURIComponent(room.roomId)}/context/${encodeURIComponent(first)}`;
  const ctx = await client.http.authedRequest<{ start?: string }>(Method.Get, path, { limit: "0" });
  if (ctx.start) timeline.setPaginationToken(ctx.start, Direction.Backward);
}

/**
 * A late joiner may try to decrypt an old message before it has downloaded the
 * sender's device keys; under OnlySignedDevicesIsolationMode that fails with
 * UNKNOWN_SENDER_DEVICE (or UNSIGNED_SENDER_DEVICE while the sender's identity
 * is unknown) and is not retried by itself. Download the senders' keys and
 * retry those events (see also retryTrustFailuresOnKeyUpdates).
 */
export async function retryUnknownSenderDevices(client: MatrixClient, room: Room): Promise<void> {
  const failed = room.getLiveTimeline().getEvents().filter(isTrustFailure);
  const crypto = client.getCrypto();
  if (failed.length === 0 || !crypto) return;
  await crypto.getUserDeviceInfo([...new Set(failed.map((e) => e.getSender() ?? ""))].filter(Boolean), true);
  await retryDecryption(client, failed);
}

/**
 * Pages a room's timeline back to its start (support conversations are short),
 * so that whoever joins later, or reloads, sees the whole conversation and not
 * only the last events of the sync window. Bounded by `maxPages`.
 */
export async function loadWholeHistory(client: MatrixClient, room: Room, maxPages = 20): Promise<void> {
  await ensureBackwardToken(client, room);
  for (let page = 0; page < maxPages && room.getLiveTimeline().getPaginationToken(Direction.Backward) !== null; page++) {
    const before = room.getLiveTimeline().getEvents().length;
    await client.scrollback(room, 100);
    if (room.getLiveTimeline().getEvents().length === before) break;
  }
  await retryUnknownSenderDevices(client, room);
}
