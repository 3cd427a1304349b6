import { KnownMembership, RoomStateEvent, type MatrixClient, type MatrixEvent } from "matrix-js-sdk";
import { ROUTING_EVENT, type RoutingContent } from "../conversation/event-types";
import { currentRouting } from "./current-routing";
import { inKeyTurn } from "./invites-in-flight";
import { membershipVisible } from "./member-visible";

// phase B: remove these re-exports once app/ and widget/ import from the modules that hold them
// (app/inbox/conversation-view.tsx, app/inbox/conversation-filter.ts: currentRouting;
// widget/frame/conversation-start.ts, widget/frame/conversation.ts: invitedOrJoined, membersVisible).
export { currentRouting } from "./current-routing";
export { invitedOrJoined, membersVisible } from "./member-visible";

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
    /**
     * Asked before every invitation, with the routing state that lists the reader (the widget: is this reader
     * on the signed roster, and signed as a supervisor of the team if listed as one?); refused readers are
     * asked again every `recheckMs`.
     */
    mayInvite?: (userId: string, routing: RoutingContent) => Promise<boolean>;
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
          if (!timers.has(reader))
            timers.set(
              reader,
              setTimeout(() => (timers.delete(reader), check()), wait),
            );
          continue;
        }
      }
      inviting.add(reader);
      const mayInvite = opts.mayInvite ?? (async () => true);
      void mayInvite(reader, routing)
        .then(async (allowed) => {
          // The invitation shares the history: it takes its turn with this client's sends (see inKeyTurn).
          if (allowed)
            return inKeyTurn(client, roomId, async () => {
              await client.invite(roomId, reader);
              await membershipVisible(client, roomId, reader);
            });
          if (!timers.has(reader))
            timers.set(
              reader,
              setTimeout(() => (timers.delete(reader), check()), opts.recheckMs ?? 3_000),
            );
        })
        .catch((err: Error) => console.warn(`Sealdesk: could not invite ${reader}: ${err.message}`))
        // Cleared only after sync shows the invite (or it failed), so one reader gets one invite.
        .finally(() => inviting.delete(reader));
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
