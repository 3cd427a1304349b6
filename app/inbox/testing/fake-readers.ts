import type { Room } from "matrix-js-sdk";
import { CONVERSATION_EVENT } from "../../../lib/conversation/event-types";
import type { RoomReaders } from "../matrix-store";

/** What a fake room holds: plain texts and typists instead of events; a conversation unless its state says otherwise. */
export type FakeRoomData = { roomId: string; texts: string[]; typing: string[]; state?: Record<string, unknown> };

/** Readers that read fake rooms' plain fields, for tests of the console's Matrix store. */
export function fakeReaders(fake: (room: Room) => FakeRoomData): RoomReaders {
  return {
    summary: (room) => {
      const f = fake(room);
      return {
        roomId: room.roomId,
        conversation: f.state === undefined || CONVERSATION_EVENT in f.state,
        title: room.roomId,
        site: "s",
        closed: false,
        lastActive: f.texts.length,
        unread: f.texts.length,
      };
    },
    view: (room) => ({
      roomId: room.roomId,
      messages: fake(room).texts.map((body, i) => ({ id: `${i}`, sender: "@v:hs", body, timestamp: i, state: "sent", encrypted: true })),
      readers: [],
      closed: false,
    }),
    typing: (room) => [...fake(room).typing],
    bodies: (room) => [...fake(room).texts],
  };
}
