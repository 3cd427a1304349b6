import { createClient, MatrixEvent, Room, type MatrixClient } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { dropLeftRooms, dropUnseenUsers } from "./sync-source";

/** A client whose store holds rooms with the router's membership in each. */
function clientWith(rooms: Record<string, string>) {
  const held = new Map(Object.entries(rooms));
  const asRoom = (roomId: string, membership: string) => ({ roomId, getMyMembership: () => membership }) as unknown as Room;
  return {
    held,
    client: {
      getRooms: () => [...held].map(([id, m]) => asRoom(id, m)),
      store: { removeRoom: (roomId: string) => void held.delete(roomId) },
    } as unknown as Pick<MatrixClient, "getRooms" | "store">,
  };
}

describe("dropLeftRooms", () => {
  it("removes the rooms the router left or was banned from, and keeps invited and joined ones", () => {
    const { held, client } = clientWith({ "!a": "join", "!b": "leave", "!c": "invite", "!d": "ban", "!e": "leave" });
    expect(dropLeftRooms(client)).toBe(3);
    expect([...held.keys()]).toEqual(["!a", "!c"]);
    expect(dropLeftRooms(client)).toBe(0);
  });
});

describe("dropUnseenUsers", () => {
  const me = "@router:sealdesk.test";
  /** A real client and MemoryStore holding rooms whose members joined, the router's membership in each as given. */
  function storeWith(rooms: Record<string, { mine: string; members: string[] }>) {
    const client = createClient({ baseUrl: "http://127.0.0.1:1", userId: me, accessToken: "unused" });
    for (const [roomId, { mine, members }] of Object.entries(rooms)) {
      const room = new Room(roomId, client, me);
      const join = (userId: string) =>
        new MatrixEvent({
          type: "m.room.member",
          state_key: userId,
          sender: userId,
          room_id: roomId,
          event_id: `$${roomId}${userId}`,
          content: { membership: "join" },
        });
      room.currentState.setStateEvents([me, ...members].map(join));
      room.updateMyMembership(mine);
      client.store.storeRoom(room);
    }
    return client;
  }

  it("after a room is left and dropped, the store keeps no user known only from it", () => {
    const client = storeWith({
      "!closed": { mine: "leave", members: ["@visitor-a:x", "@agent:x"] },
      "!open": { mine: "join", members: ["@visitor-b:x", "@agent:x"] },
    });
    expect(client.getUser("@visitor-a:x")).not.toBeNull(); // the store did learn them
    dropLeftRooms(client);
    expect(dropUnseenUsers(client)).toBe(1);
    expect(client.getUser("@visitor-a:x")).toBeNull();
    expect(
      client
        .getUsers()
        .map((u) => u.userId)
        .sort(),
    ).toEqual(["@agent:x", me, "@visitor-b:x"].sort());
    expect(dropUnseenUsers(client)).toBe(0);
  });

  it("forgets the users of a room removed by forget() too", () => {
    const client = storeWith({ "!gone": { mine: "join", members: ["@visitor-c:x"] } });
    client.store.removeRoom("!gone");
    dropUnseenUsers(client);
    expect(client.getUsers().map((u) => u.userId)).toEqual([me]);
  });
});
