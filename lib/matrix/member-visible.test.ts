import { EventEmitter } from "node:events";
import { ClientEvent, KnownMembership, RoomStateEvent, type MatrixClient } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { membershipVisible, membersVisible, untilMembership } from "./member-visible";

// A client whose synced room has these memberships; `sync` changes one and emits the member event, as sync does.
function fakeClient(initial: Record<string, string>, stored = true) {
  const members = { ...initial };
  const emitter = new EventEmitter();
  const room = { getMember: (u: string) => (u in members ? { membership: members[u] } : null) };
  const client = Object.assign(emitter, { getRoom: (id: string) => (id === "!r:hs" && stored ? room : null) }) as unknown as MatrixClient;
  const sync = (userId: string, membership: string): void => {
    members[userId] = membership;
    emitter.emit(RoomStateEvent.Members);
  };
  // A room new to the sync: its member events come first, then the client stores it and says so.
  const arrives = (userId: string, membership: string): void => {
    sync(userId, membership);
    stored = true;
    emitter.emit(ClientEvent.Room, room);
  };
  const listeners = (): number => emitter.listenerCount(RoomStateEvent.Members) + emitter.listenerCount(ClientEvent.Room);
  return { client, sync, arrives, listeners };
}

const settled = async (p: Promise<void>): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 5));
  return done;
};

describe("member-visible: waits woken by the sync's member events", () => {
  it("resolves at once when the sync already shows the invite", async () => {
    const { client } = fakeClient({ "@a:hs": KnownMembership.Invite });
    await expect(settled(membershipVisible(client, "!r:hs", "@a:hs"))).resolves.toBe(true);
  });

  it("waits for the member event that shows the invite, not for a timer, and removes its listener", async () => {
    const { client, sync, listeners } = fakeClient({});
    const waiting = membershipVisible(client, "!r:hs", "@a:hs", 60_000);
    expect(await settled(waiting)).toBe(false);
    sync("@b:hs", KnownMembership.Invite); // someone else: still waiting
    expect(await settled(waiting)).toBe(false);
    sync("@a:hs", KnownMembership.Join);
    expect(await settled(waiting)).toBe(true);
    expect(listeners()).toBe(0);
  });

  it("a room new to the sync, whose member events come before the client stores it, is seen when it arrives", async () => {
    const { client, arrives, listeners } = fakeClient({}, false);
    const waiting = membershipVisible(client, "!r:hs", "@a:hs", 60_000);
    arrives("@a:hs", KnownMembership.Invite);
    expect(await settled(waiting)).toBe(true);
    expect(listeners()).toBe(0);
  });

  it("a leave is not visible as a reader, but any membership is 'synced'", async () => {
    const { client, sync } = fakeClient({});
    const reader = membershipVisible(client, "!r:hs", "@a:hs", 60_000);
    const any = untilMembership(client, "!r:hs", "@a:hs", (m) => m !== undefined, 60_000);
    sync("@a:hs", KnownMembership.Leave);
    expect(await settled(any)).toBe(true);
    expect(await settled(reader)).toBe(false);
  });

  it("gives up after the bound (a lost sync cannot block sending)", async () => {
    const { client, listeners } = fakeClient({});
    await membersVisible(client, "!r:hs", ["@a:hs", "@b:hs"], 20);
    expect(listeners()).toBe(0);
  });
});
