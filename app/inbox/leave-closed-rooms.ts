import type { MatrixClient, Room } from "matrix-js-sdk";
import { closedRoomsToLeave, type HeldRoom } from "../../lib/console-state/closed-rooms-to-leave";
import { CONVERSATION_EVENT, ROUTING_EVENT } from "../../lib/conversation/event-types";
import { currentRouting } from "../../lib/matrix/current-routing";

type Sdk = Pick<typeof import("matrix-js-sdk"), "RoomEvent" | "RoomStateEvent" | "ClientEvent">;
type LeaveClient = Pick<MatrixClient, "getRooms" | "getRoom" | "leave" | "store" | "on" | "off">;

/** A held room as the pure rule reads it. */
function heldRoom(client: LeaveClient, room: Room): HeldRoom {
  const routing = room.currentState.getStateEvents(ROUTING_EVENT, "");
  const sender = routing?.getSender();
  return {
    roomId: room.roomId,
    myMembership: room.getMyMembership(),
    conversation: room.currentState.getStateEvents(CONVERSATION_EVENT, "") !== null,
    routingStatus: currentRouting(client as MatrixClient, room.roomId)?.status ?? null,
    routingSenderMembership: sender ? (room.currentState.getMember(sender)?.membership ?? null) : null,
  };
}

/**
 * Leaves one closed conversation and drops it from this client's memory (a
 * client-side forget). Not the server's /forget: Synapse lets a member who
 * left, and did not forget, read the room's history up to their leave, which
 * is how the Closed view reads it later (closed-history.ts). The room is
 * dropped once the leave has come back through sync, else sync would add it again.
 */
async function leaveAndDrop(client: LeaveClient, sdk: Sdk, roomId: string): Promise<void> {
  const synced = new Promise<void>((resolve) => {
    const onMembership = (room: Room, membership: string): void => {
      if (room.roomId !== roomId || membership !== "leave") return;
      client.off(sdk.RoomEvent.MyMembership, onMembership);
      resolve();
    };
    client.on(sdk.RoomEvent.MyMembership, onMembership);
    setTimeout(() => (client.off(sdk.RoomEvent.MyMembership, onMembership), resolve()), 30_000);
  });
  await client.leave(roomId);
  await synced;
  client.store.removeRoom(roomId);
}

/**
 * Follows the agent's rooms and leaves each closed conversation once the
 * router has left it (see closedRoomsToLeave), one at a time; a failure is
 * tried again at the next change. `onLeft` tells the store. Returns the stop function.
 */
export function followClosedRooms(client: LeaveClient, sdk: Sdk, onLeft: () => void): () => void {
  let running = false;
  let again = false;
  let stopped = false;
  const failed = new Set<string>();
  const pass = async (): Promise<void> => {
    if (running) return void (again = true);
    running = true;
    try {
      do {
        again = false;
        const rooms = client.getRooms().map((r) => heldRoom(client, r));
        for (const roomId of closedRoomsToLeave(rooms).filter((id) => !failed.has(id))) {
          if (stopped) return;
          await leaveAndDrop(client, sdk, roomId).then(onLeft, (e: Error) => {
            failed.add(roomId);
            console.warn(`Could not leave closed conversation ${roomId}: ${e.message}`);
          });
        }
      } while (again && !stopped);
    } finally {
      running = false;
    }
  };
  // A member's leave (the router's) arrives as a state event; a failure is retried on the next change.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onChange = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      failed.clear();
      void pass();
    }, 500);
  };
  client.on(sdk.RoomStateEvent.Members, onChange);
  client.on(sdk.ClientEvent.Room, onChange);
  void pass();
  return () => {
    stopped = true;
    clearTimeout(timer);
    client.off(sdk.RoomStateEvent.Members, onChange);
    client.off(sdk.ClientEvent.Room, onChange);
  };
}
