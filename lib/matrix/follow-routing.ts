import { KnownMembership, RoomStateEvent, type MatrixClient, type MatrixEvent } from "matrix-js-sdk";
import { ROUTING_EVENT, routingContentSchema, type RoutingContent } from "../conversation/event-types";

// Invitations in flight, per client and room: sends wait for them (see invitesSettled).
const inFlight = new WeakMap<MatrixClient, Map<string, Set<Promise<void>>>>();

function track(client: MatrixClient, roomId: string, p: Promise<void>): void {
  const rooms = inFlight.get(client) ?? new Map<string, Set<Promise<void>>>();
  inFlight.set(client, rooms);
  const set = rooms.get(roomId) ?? new Set<Promise<void>>();
  rooms.set(roomId, set);
  set.add(p);
  void p.finally(() => set.delete(p));
}

/**
 * Resolves when no invitation of this client to this room is in flight.
 * Sharing the history for an invite rotates the sender's Megolm session; a
 * message sent before the invite shows in the room's membership would go out
 * in a session the invitee never gets. So senders wait for this first.
 */
export async function invitesSettled(client: MatrixClient, roomId: string): Promise<void> {
  const set = inFlight.get(client)?.get(roomId);
  while (set && set.size > 0) await Promise.allSettled([...set]);
}

/**
 * Resolves once this client's synced view of the room shows every user invited
 * or joined (or after a bound, so a lost sync cannot block sending). A room
 * created with invites reaches the creator's sync in pieces; a message sent
 * before an invitee shows up is not encrypted for them, and no history is
 * shared with invitees of createRoom. So the creator waits for this before
 * sending the first message.
 */
export async function membersVisible(client: MatrixClient, roomId: string, userIds: readonly string[], timeoutMs = 15_000): Promise<void> {
  await Promise.all(userIds.map((u) => membershipVisible(client, roomId, u, timeoutMs)));
}

/** Whether this client's synced view of the room shows the user invited or joined. */
export function invitedOrJoined(client: MatrixClient, roomId: string, userId: string): boolean {
  const m = client.getRoom(roomId)?.getMember(userId)?.membership;
  return m === KnownMembership.Invite || m === KnownMembership.Join;
}

/** Resolves once sync shows the user invited or joined (or after a bound, so a lost sync cannot block sending). */
async function membershipVisible(client: MatrixClient, roomId: string, userId: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!invitedOrJoined(client, roomId, userId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/** The current routing state of a room, or null when absent or malformed. */
export function currentRouting(client: MatrixClient, roomId: string): RoutingContent | null {
  const ev = client.getRoom(roomId)?.currentState.getStateEvents(ROUTING_EVENT, "");
  const parsed = ev ? routingContentSchema.safeParse(ev.getContent()) : null;
  return parsed?.success ? parsed.data : null;
}

/**
 * For a client that holds the room keys (the visitor's widget, or an agent who
 * has joined): invites every reader the router lists who is not in the room
 * yet. matrix-js-sdk's invite() shares the room history with them (MSC4268),
 * which the router cannot do because it holds no key. Calls `onChange` with
 * every new routing state. Returns a function that stops following.
 *
 * `deferInvitesMs` (for agents' clients): wait this long before inviting a
 * missing reader, so that the visitor's widget, when it is online, invites
 * first. History shared by the visitor's own device comes from the writer
 * itself; keys forwarded by a colleague are believed only because the
 * colleague is a verified agent (see history-trust.ts, join-with-history.ts).
 */
export function followRouting(
  client: MatrixClient,
  roomId: string,
  onChange: (routing: RoutingContent | null) => void,
  opts: {
    deferInvitesMs?: number;
    /** Asked before every invitation (the widget: is this reader on the signed roster?); refused readers are asked again every `recheckMs`. */
    mayInvite?: (userId: string) => Promise<boolean>;
    recheckMs?: number;
  } = {},
): () => void {
  const inviting = new Set<string>();
  const missingSince = new Map<string, number>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const me = client.getSafeUserId();
  const defer = opts.deferInvitesMs ?? 0;

  const check = (): void => {
    const room = client.getRoom(roomId);
    const routing = currentRouting(client, roomId);
    onChange(routing);
    if (!room || !routing || room.getMyMembership() !== KnownMembership.Join) return;
    for (const reader of routing.readers) {
      const membership = room.getMember(reader)?.membership;
      if (reader === me || membership === KnownMembership.Invite || membership === KnownMembership.Join || inviting.has(reader)) {
        missingSince.delete(reader);
        continue;
      }
      if (defer > 0) {
        const since = missingSince.get(reader) ?? Date.now();
        missingSince.set(reader, since);
        const wait = since + defer - Date.now();
        if (wait > 0) {
          // One pending re-check per reader, however many state events arrive meanwhile.
          if (!timers.has(reader)) timers.set(reader, setTimeout(() => (timers.delete(reader), check()), wait));
          continue;
        }
      }
      inviting.add(reader);
      const mayInvite = opts.mayInvite ?? (async () => true);
      const invited = mayInvite(reader)
        .then(async (allowed) => {
          if (allowed) return client.invite(roomId, reader).then(() => true);
          if (!timers.has(reader)) timers.set(reader, setTimeout(() => (timers.delete(reader), check()), opts.recheckMs ?? 3_000));
          return false;
        })
        .then(async (sent) => {
          if (sent) await membershipVisible(client, roomId, reader);
        })
        .catch((err: Error) => console.warn(`Sealdesk: could not invite ${reader}: ${err.message}`))
        // Cleared only after sync shows the invite (or it failed), so one reader gets one invite.
        .finally(() => inviting.delete(reader))
        .then(() => {});
      track(client, roomId, invited);
    }
  };
  const onState = (ev: MatrixEvent): void => {
    if (ev.getRoomId() === roomId && (ev.getType() === ROUTING_EVENT || ev.getType() === "m.room.member")) check();
  };
  // Membership changes are state events too: this one listener covers both.
  client.on(RoomStateEvent.Events, onState);
  check();
  return () => {
    client.off(RoomStateEvent.Events, onState);
    timers.forEach(clearTimeout);
  };
}
