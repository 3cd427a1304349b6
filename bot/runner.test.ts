import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunner, type Runner } from "./runner";
import { member, ROUTER, roomFact } from "./testing/facts";
import { fakeMatrix } from "./testing/fake-matrix";
import { memoryHarness, pgliteHarness, type StoreHarness } from "./testing/store-harnesses";
import { defined } from "../lib/testing/defined";

// The runner against an in-memory store and against the real data layer on
// embedded PostgreSQL: the same scenarios, the same outcomes.
const harnesses: [string, () => Promise<StoreHarness>][] = [
  ["in memory", async () => memoryHarness()],
  ["on embedded PostgreSQL", pgliteHarness],
];

describe.each(harnesses)("the router's runner, %s", (_name, make) => {
  const agent = (s: { a: string[] }, i: number): string => defined(s.a[i], `agent ${i} of the set-up`);
  let h: StoreHarness;
  let n = 0;
  beforeAll(async () => {
    h = await make();
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  /** A fresh team (own ids per test), the fake homeserver and a runner over both. */
  async function setup(
    agents: { id: string; max?: number; availability?: "available" | "away" | "offline" }[],
    settings: { noShowMs?: number; inactivityMs?: number; closedGraceMs?: number } = {},
  ) {
    const t = `t${++n}`;
    const ids = agents.map((a) => ({ ...a, id: `@${t}-${a.id.slice(1)}` }));
    await h.team(t, ids);
    const mx = fakeMatrix();
    const log: string[] = [];
    const notified: string[] = [];
    const status = { ensure: async () => {}, notifyAssigned: async (agent: string, roomId: string) => void notified.push(`${agent} ${roomId}`) };
    const runner: Runner = createRunner({
      me: ROUTER,
      store: h.store,
      source: mx.source,
      writer: mx.writer,
      status,
      log: (m) => log.push(m),
      settings: {
        noShowMs: 60_000,
        inactivityMs: 3_600_000,
        preparedTtlMs: 3_600_000,
        closedGraceMs: 600_000,
        kickBackoff: { baseMs: 1_000, maxMs: 8_000 },
        ...settings,
      },
    });
    const visitor = `@visitor-${t}:x`;
    /** A visitor's new room that invites the router. */
    const invite = (room: string, over: Parameters<typeof roomFact>[1] = {}): string => {
      const roomId = `!${t}-${room}:x`;
      mx.rooms.set(
        roomId,
        roomFact(roomId, {
          myMembership: "invite",
          inviter: visitor,
          creator: visitor,
          createdAt: Date.now(),
          marker: { siteId: t, prepared: false },
          members: [member(visitor, "join"), member(ROUTER, "invite", { sender: visitor })],
          ...over,
        }),
      );
      return roomId;
    };
    const pass = (at = new Date()) => runner.pass(at);
    return { t, a: ids.map((x) => x.id), mx, log, notified, runner, invite, pass, visitor };
  }

  it("joins, records, assigns, publishes; the agent's join accepts and withdraws the stand-by's invite", async () => {
    const s = await setup([{ id: "@a" }, { id: "@b" }]);
    const roomId = s.invite("r1");
    await s.pass();
    expect(s.mx.writes).toEqual([`join ${roomId}`]);
    await s.pass();
    expect(await h.conversation(roomId)).toMatchObject({ status: "assigned", agentUserId: agent(s, 0) });
    expect(s.mx.routing.get(roomId)).toMatchObject({ status: "assigned", agent_user_id: agent(s, 0), readers: [agent(s, 0), agent(s, 1)] });
    expect(s.notified).toEqual([`${agent(s, 0)} ${roomId}`]);
    expect(s.log).toContain(`recorded ${roomId} (site ${s.t})`);

    s.mx.setMember(roomId, agent(s, 1), "invite", s.visitor);
    s.mx.setMember(roomId, agent(s, 0), "join", agent(s, 0));
    await s.pass();
    expect(await h.conversation(roomId)).toMatchObject({ status: "active" });
    expect(s.mx.routing.get(roomId)).toMatchObject({ status: "active", readers: [agent(s, 0)] });
    expect(s.mx.writes).toContain(`kick ${agent(s, 1)} ${roomId}`);
    expect(s.notified).toHaveLength(1); // once per assignment
    await s.pass();
    expect(await h.assignments(roomId)).toEqual([`${agent(s, 0)} open`]);
  });

  it("a team's supervisor is a declared reader, also once accepted; removed from the role, the router kicks them", async () => {
    const s = await setup([{ id: "@a" }]);
    const sup = `@${s.t}-sup:x`;
    await h.supervise(sup, s.t, new Date());
    const roomId = s.invite("r1");
    await s.pass();
    await s.pass();
    expect(s.mx.routing.get(roomId)).toMatchObject({ status: "assigned", readers: [agent(s, 0), sup] });
    // The visitor's widget invited both; the supervisor's console and the agent joined.
    s.mx.setMember(roomId, sup, "join", sup);
    s.mx.setMember(roomId, agent(s, 0), "join", agent(s, 0));
    await s.pass();
    await s.pass();
    expect(await h.conversation(roomId)).toMatchObject({ status: "active", agentUserId: agent(s, 0) });
    expect(s.mx.routing.get(roomId)).toMatchObject({ status: "active", readers: [agent(s, 0), sup] });
    expect(s.mx.writes.filter((w) => w.startsWith(`kick ${sup}`))).toEqual([]);

    const later = new Date(Date.now() + 1_000);
    await h.supervise(sup, null, later);
    await s.pass(later);
    expect(s.mx.routing.get(roomId)).toMatchObject({ status: "active", readers: [agent(s, 0)] });
    expect(s.mx.writes).toContain(`kick ${sup} ${roomId}`);
    expect(await h.conversation(roomId)).toMatchObject({ status: "active", agentUserId: agent(s, 0) });
  });

  it("ignores invitations from non-visitors and rooms of unknown sites", async () => {
    const s = await setup([{ id: "@a" }]);
    const fromAgent = s.invite("r1", { inviter: agent(s, 0) });
    const unknownSite = s.invite("r2", { marker: { siteId: "nowhere", prepared: false } });
    await s.pass();
    await s.pass();
    expect(s.mx.writes).toEqual([`join ${unknownSite}`]);
    expect(await h.conversation(fromAgent)).toBeUndefined();
    expect(await h.conversation(unknownSite)).toBeUndefined();
    expect(s.log).toContain(`ignoring ${unknownSite}: not a valid conversation for a known site`);
  });

  it("an agent who rejects the invite is skipped; the next one gets it", async () => {
    const s = await setup([{ id: "@a" }, { id: "@b" }]);
    const roomId = s.invite("r1");
    await s.pass();
    await s.pass();
    s.mx.setMember(roomId, agent(s, 0), "leave", agent(s, 0), Date.now() + 1);
    await s.pass();
    expect(await h.conversation(roomId)).toMatchObject({ status: "assigned", agentUserId: agent(s, 1), declinedBy: [agent(s, 0)] });
    expect(await h.assignments(roomId)).toEqual([`${agent(s, 0)} declined`, `${agent(s, 1)} open`]);
  });

  it("a no-show is skipped, then the queue waits in arrival order and the log says why once", async () => {
    const s = await setup([{ id: "@a", max: 1 }], { noShowMs: 1_000 });
    const [r1, r2] = [s.invite("r1"), s.invite("r2", { createdAt: Date.now() + 1 })];
    await s.pass();
    await s.pass();
    expect(await h.conversation(r1)).toMatchObject({ status: "assigned", agentUserId: agent(s, 0) });
    expect(await h.conversation(r2)).toMatchObject({ status: "queued" });
    expect(s.log).toContain(`${r2} waits: everyone-at-capacity`);
    await s.pass(new Date(Date.now() + 5_000));
    expect(await h.conversation(r1)).toMatchObject({ status: "queued", declinedBy: [agent(s, 0)] });
    // r1 now waits for reasons of its own (its only agent did not show up): r2 goes to the agent.
    expect(await h.conversation(r2)).toMatchObject({ status: "assigned", agentUserId: agent(s, 0) });
    expect(s.log.filter((l) => l === `${r2} waits: everyone-at-capacity`)).toHaveLength(1);
  });

  it("the visitor's close and inactivity close the conversation, and the room shows it", async () => {
    const s = await setup([{ id: "@a" }], { inactivityMs: 10_000 });
    const [r1, r2] = [s.invite("r1"), s.invite("r2")];
    await s.pass();
    await s.pass();
    s.mx.rooms.get(r1)!.visitorClosed = true;
    await s.pass();
    expect(await h.conversation(r1)).toMatchObject({ status: "closed", closedReason: "visitor" });
    expect(s.mx.routing.get(r1)).toMatchObject({ status: "closed", readers: [] });
    s.runner.activity(r2, s.visitor, new Date(Date.now() + 5_000)); // activity keeps it open
    await new Promise((r) => setTimeout(r, 50));
    await s.pass(new Date(Date.now() + 12_000));
    expect(await h.conversation(r2)).toMatchObject({ status: "assigned" });
    await s.pass(new Date(Date.now() + 20_000));
    expect(await h.conversation(r2)).toMatchObject({ status: "closed", closedReason: "inactivity" });
  });

  it("a stranger in an accepted conversation is kicked; a refused kick backs off until the power levels change", async () => {
    const s = await setup([{ id: "@a" }]);
    const roomId = s.invite("r1");
    await s.pass();
    await s.pass();
    s.mx.setMember(roomId, agent(s, 0), "join", agent(s, 0));
    await s.pass();
    const stranger = `@${s.t}-stranger:x`;
    s.mx.unkickable.add(stranger);
    s.mx.setMember(roomId, stranger, "join", stranger);
    const kicks = () => s.mx.writes.filter((w) => w === `kick ${stranger} ${roomId}`).length;
    const t0 = Date.now();
    for (const dt of [0, 10, 500, 999]) await s.pass(new Date(t0 + dt));
    expect(kicks()).toBe(1); // not on every event
    expect(s.log.some((l) => l.startsWith(`kick ${stranger} from ${roomId} refused`))).toBe(true);
    await s.pass(new Date(t0 + 1_000));
    expect(kicks()).toBe(2);
    await s.pass(new Date(t0 + 2_999));
    expect(kicks()).toBe(2); // the second wait is twice as long
    await s.pass(new Date(t0 + 3_000));
    expect(kicks()).toBe(3);
    // The admin changes the power levels back: the router tries at once, and succeeds.
    s.mx.unkickable.delete(stranger);
    s.mx.rooms.get(roomId)!.powerLevelsId = "$pl2";
    await s.pass(new Date(t0 + 3_001));
    expect(kicks()).toBe(4);
    expect(s.mx.rooms.get(roomId)!.members.find((m) => m.userId === stranger)?.membership).toBe("leave");
  });

  it("a prepared room waits until started, then takes the ticket bound to it; one never started is left", async () => {
    const s = await setup([{ id: "@a" }, { id: "@b" }]);
    const prepared = { siteId: s.t, prepared: true };
    const started = s.invite("p1", { marker: prepared });
    const idle = s.invite("p2", { marker: prepared, createdAt: Date.now() - 4_000_000 });
    await s.pass();
    await s.pass();
    expect(await h.conversation(started)).toBeUndefined();
    expect(s.mx.writes).toContain(`leave ${idle}`);
    expect(await h.abandoned()).toContain(idle); // for the retention job to purge
    await h.ticket({ id: `${s.t}-ticket`, visitorUserId: s.visitor, siteId: s.t, agentUserId: agent(s, 1), standbyUserIds: [agent(s, 0)], roomId: started });
    s.mx.setMember(started, agent(s, 1), "invite", s.visitor);
    await s.pass();
    expect(await h.conversation(started)).toMatchObject({ status: "assigned", agentUserId: agent(s, 1) });
    expect(s.log).toContain(`recorded ${started} (site ${s.t}, prepared, routed by ticket)`);
    expect(await h.conversation(idle)).toBeUndefined();

    // The idle visitor writes after all: it invites the router back with its readers, and the room is recorded.
    s.mx.rooms.get(idle)!.myMembership = "invite";
    s.mx.setMember(idle, agent(s, 0), "invite", s.visitor);
    await s.pass();
    expect(s.mx.writes.filter((w) => w === `join ${idle}`)).toHaveLength(2);
    await s.pass();
    expect(await h.conversation(idle)).toMatchObject({ status: "assigned" });
    expect(await h.abandoned()).not.toContain(idle); // a conversation now: never purged as abandoned
  });

  it("names each joined prepared room as its visitor's, until the visitor leaves, the room is started, or the router leaves it", async () => {
    const s = await setup([{ id: "@a" }]);
    const prepared = { siteId: s.t, prepared: true };
    const [p1, p2, old] = [s.invite("p1", { marker: prepared }), s.invite("p2", { marker: prepared }), s.invite("p3", { marker: prepared, createdAt: 0 })];
    const mine = (): Promise<string[]> => h.prepared().then((rows) => rows.filter((r) => r.startsWith(`!${s.t}-`)));
    await s.pass();
    expect(await mine()).toEqual([]); // only invited: nothing the app may rely on yet
    await s.pass();
    expect(await mine()).toEqual([`${p1} ${s.visitor}`, `${p2} ${s.visitor}`]); // the old one was left at once
    expect(await h.abandoned()).toContain(old);
    s.mx.setMember(p2, s.visitor, "leave", s.visitor);
    await s.pass();
    expect(await mine()).toEqual([`${p1} ${s.visitor}`]);
    s.mx.setMember(p2, s.visitor, "join", s.visitor); // a visitor cannot rejoin an invite-only room; were it let in, it counts again
    await s.pass();
    expect(await mine()).toEqual([`${p1} ${s.visitor}`, `${p2} ${s.visitor}`]);
    s.mx.setMember(p1, agent(s, 0), "invite", s.visitor); // started (no ticket left: routed as it arrives)
    await s.pass();
    expect(await h.conversation(p1)).toBeDefined();
    expect(await mine()).toEqual([`${p2} ${s.visitor}`]);
  });

  it("publishing into a room the router is not in fails, is logged, and is retried on the next pass", async () => {
    const s = await setup([{ id: "@a" }]);
    const roomId = s.invite("r1");
    await s.pass();
    await s.pass();
    await h.store.close(roomId, "agent", new Date()); // the agent closed it in the console
    s.mx.rooms.get(roomId)!.myMembership = "leave"; // the server refuses the router's state event
    await s.pass();
    expect(s.log.some((l) => l.startsWith(`publish ${roomId} failed`))).toBe(true);
    expect(s.mx.routing.get(roomId)).toMatchObject({ status: "assigned" });
    s.mx.rooms.get(roomId)!.myMembership = "join";
    await s.pass();
    expect(s.mx.routing.get(roomId)).toMatchObject({ status: "closed", readers: [] });
  });

  it("a closed conversation: a visitor's message within the grace reopens it to its agent; after the grace the router leaves", async () => {
    const s = await setup([{ id: "@a" }], { closedGraceMs: 60_000 });
    const roomId = s.invite("r1");
    await s.pass();
    await s.pass();
    s.mx.setMember(roomId, agent(s, 0), "join", agent(s, 0));
    await s.pass();
    const closedAt = new Date();
    await h.store.close(roomId, "agent", closedAt);
    await s.pass(new Date(closedAt.getTime() + 1_000));
    expect(s.mx.routing.get(roomId)).toMatchObject({ status: "closed" });

    // A late message from the visitor, 30 s after the close: reopened, back to the agent who is still in the room.
    s.mx.rooms.get(roomId)!.creatorLastMessageAt = closedAt.getTime() + 30_000;
    await s.pass(new Date(closedAt.getTime() + 31_000));
    expect(await h.conversation(roomId)).toMatchObject({ status: "active", agentUserId: agent(s, 0), closedReason: null });
    expect(s.mx.routing.get(roomId)).toMatchObject({ status: "active", agent_user_id: agent(s, 0), readers: [agent(s, 0)] });
    expect(s.log).toContain(`reopened ${roomId}: the visitor wrote after the close, back to ${agent(s, 0)}`);
    expect(await h.assignments(roomId)).toEqual([`${agent(s, 0)} closed`, `${agent(s, 0)} open`]);

    // Closed again; no message this time: the router stays through the grace, then leaves and forgets the room.
    const closedAgain = new Date(closedAt.getTime() + 40_000);
    await h.store.close(roomId, "agent", closedAgain);
    await s.pass(new Date(closedAgain.getTime() + 59_000));
    expect(s.mx.writes).not.toContain(`leave-for-good ${roomId}`);
    await s.pass(new Date(closedAgain.getTime() + 61_000));
    expect(s.mx.writes).toContain(`leave-for-good ${roomId}`);
    expect(await h.routerLeftAt(roomId)).not.toBeNull();
    expect(await h.conversation(roomId)).toMatchObject({ status: "closed" });
    await s.pass(new Date(closedAgain.getTime() + 62_000));
    expect(s.mx.writes.filter((w) => w === `leave-for-good ${roomId}`)).toHaveLength(1);
  });

  it("a late message after the visitor ended the chat, or after the grace, does not reopen", async () => {
    const s = await setup([{ id: "@a" }], { closedGraceMs: 60_000 });
    const [byVisitor, late] = [s.invite("r1"), s.invite("r2")];
    await s.pass();
    await s.pass();
    const t0 = Date.now();
    s.mx.rooms.get(byVisitor)!.visitorClosed = true;
    await s.pass(new Date(t0));
    const closedAt = new Date(t0 + 1);
    await h.store.close(late, "agent", closedAt);
    await s.pass(new Date(t0 + 2));
    s.mx.rooms.get(byVisitor)!.creatorLastMessageAt = t0 + 5_000;
    s.mx.rooms.get(late)!.creatorLastMessageAt = closedAt.getTime() + 61_000;
    await s.pass(new Date(t0 + 62_000));
    expect(await h.conversation(byVisitor)).toMatchObject({ status: "closed", closedReason: "visitor" });
    expect(await h.conversation(late)).toMatchObject({ status: "closed", closedReason: "agent" });
    expect(s.mx.writes).toEqual(expect.arrayContaining([`leave-for-good ${late}`]));
  });
});
