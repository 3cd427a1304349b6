import type { MatrixClient, Room } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { dropLeftRooms } from "./sync-source";

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
