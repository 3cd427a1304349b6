import { ROUTING_EVENT } from "../lib/conversation/event-types";
import { inParallel } from "./in-parallel";
import { createKickBackoff, type BackoffSettings } from "./kick-backoff";
import { planClosed, type ClosedAction } from "./reconcile/plan-closed";
import { planMembership, type MembershipAction } from "./reconcile/plan-membership";
import { planPrepared } from "./reconcile/plan-prepared";
import { planPublish, type PublishAction } from "./reconcile/plan-publish";
import { planRooms, planStarted, roomsToExamine, type RoomAction } from "./reconcile/plan-rooms";
import type { RoomFact } from "./room-facts";
import type { RoomSource, RoomWriter } from "./room-source";
import type { RouterStore } from "./router-store";

/** The agents' status rooms (`control-rooms.ts`). */
export interface StatusRooms {
  /** Agents added since the last call get their status room. */
  ensure(): Promise<void>;
  notifyAssigned(agentUserId: string, roomId: string): Promise<void>;
}

export type RunnerSettings = { noShowMs: number; inactivityMs: number; preparedTtlMs: number; closedGraceMs: number; kickBackoff?: BackoffSettings };
export type RunnerDeps = {
  me: string;
  store: RouterStore;
  source: RoomSource;
  writer: RoomWriter;
  status: StatusRooms;
  log: (m: string) => void;
  settings: RunnerSettings;
};

const byId = (facts: RoomFact[]): Map<string, RoomFact> => new Map(facts.map((f) => [f.roomId, f]));

/** The runner's own memory: it only saves work, and is rebuilt harmlessly after a restart. */
function newMemory(settings: RunnerSettings) {
  return {
    /** Rooms being joined (or joined: their membership shows it soon). */
    joining: new Set<string>(),
    /** Rooms recorded or found not to be conversations: not looked at again. */
    recorded: new Set<string>(),
    leaving: new Set<string>(),
    /** Prepared rooms as last written to the database: true when named as their joined creator's. */
    prepared: new Map<string, boolean>(),
    /** The agent each open conversation's assignment was announced to. */
    notified: new Map<string, string>(),
    /** Why each queued conversation waited in the last pass (logged when it changes). */
    waits: new Map<string, string>(),
    kicks: createKickBackoff(settings.kickBackoff),
    statusRoomsCheckedAt: 0,
  };
}

type Ctx = RunnerDeps & { memory: ReturnType<typeof newMemory> };

async function applyRoom(ctx: Ctx, a: RoomAction): Promise<void> {
  const { memory, writer, log } = ctx;
  if (a.kind === "join") {
    memory.joining.add(a.roomId);
    memory.leaving.delete(a.roomId); // invited back after leaving a prepared room: handled afresh
    await writer.join(a.roomId).catch((e: Error) => (memory.joining.delete(a.roomId), log(`join ${a.roomId} failed: ${e.message}`)));
  } else if (a.kind === "leave") {
    memory.leaving.add(a.roomId);
    const left = await writer.leave(a.roomId).then(
      () => (memory.joining.delete(a.roomId), log(`left ${a.roomId}: prepared, never started`), true), // it may invite the router back
      (e: Error) => (memory.leaving.delete(a.roomId), log(`leave ${a.roomId} failed: ${e.message}`), false),
    );
    // The retention job purges it from Synapse later, unless the visitor starts it after all.
    if (left) await ctx.store.recordAbandoned(a.roomId, a.visitorUserId, new Date());
    if (left) memory.prepared.delete(a.roomId); // recordAbandoned forgot it
  } else if (a.kind === "skip") {
    memory.recorded.add(a.roomId);
    if (a.why === "invalid") log(`ignoring ${a.roomId}: not a valid conversation for a known site`);
  } else {
    const c = a.conversation;
    // A failed insert throws: the room is not remembered and the next pass retries.
    const stored = await ctx.store.recordConversation(c);
    memory.recorded.add(c.roomId);
    memory.prepared.delete(c.roomId); // recordConversation forgot it
    const how = a.via === "prepared" ? `, prepared${c.ticketId ? ", routed by ticket" : ", started without a ticket"}` : c.ticketId ? ", routed by ticket" : "";
    log(stored ? `recorded ${c.roomId} (site ${c.siteId}${how})` : `ignoring ${c.roomId}: not a valid conversation for a known site`);
  }
}

/** Joins invitations, records new conversations, leaves prepared rooms never started. */
async function rooms(ctx: Ctx, now: Date): Promise<void> {
  const facts = ctx.source.facts(roomsToExamine(ctx.source.summaries(), ctx.memory));
  const { actions, started } = planRooms({ me: ctx.me, now, preparedTtlMs: ctx.settings.preparedTtlMs, rooms: facts, memory: ctx.memory });
  await notePrepared(ctx, facts, now);
  await inParallel(
    actions.filter((a) => a.kind === "join"),
    (a) => applyRoom(ctx, a),
  );
  for (const a of actions.filter((x) => x.kind !== "join")) await applyRoom(ctx, a);
  // Only prepared rooms that show a start cost a query: idle ones cost nothing per pass.
  if (started.length === 0) return;
  for (const a of planStarted(started, await ctx.store.preparedRooms(started.map((s) => s.roomId)))) await applyRoom(ctx, a);
}

/**
 * Names prepared rooms as their joined creator's in the database, in one write
 * per pass (`reconcile/plan-prepared.ts`). A failed write is only logged: the
 * app then asks Synapse, as it does for a room the router has not seen yet.
 */
async function notePrepared(ctx: Ctx, facts: Parameters<typeof planPrepared>[0], now: Date): Promise<void> {
  const { remember, forget } = planPrepared(facts, ctx.memory);
  if (remember.length === 0 && forget.length === 0) return;
  try {
    await ctx.store.notePreparedRooms(remember, forget, now);
  } catch (e) {
    ctx.log(`recording prepared rooms failed: ${(e as Error).message}`);
    return;
  }
  for (const r of remember) ctx.memory.prepared.set(r.roomId, true);
  for (const roomId of forget) ctx.memory.prepared.set(roomId, false);
}

/** Removes a member, unless Synapse refused that kick recently and the room's power levels did not change since. */
async function kick(ctx: Ctx, a: Extract<MembershipAction, { kind: "kick" }>, now: Date): Promise<void> {
  const { kicks } = ctx.memory;
  if (!kicks.mayTry(a.roomId, a.userId, a.powerLevelsId, now.getTime())) return;
  try {
    await ctx.writer.kick(a.roomId, a.userId, a.reason);
    kicks.done(a.roomId, a.userId);
  } catch (e) {
    const wait = kicks.refused(a.roomId, a.userId, a.powerLevelsId, now.getTime());
    ctx.log(`kick ${a.userId} from ${a.roomId} refused (${(e as Error).message}): next try in ${Math.round(wait / 1000)} s or when the power levels change`);
  }
}

async function applyMembership(ctx: Ctx, a: MembershipAction, now: Date): Promise<void> {
  const { store } = ctx;
  if (a.kind === "close") await store.close(a.roomId, a.reason, now);
  else if (a.kind === "close-inactive") await store.closeInactive(a.roomId, a.cutoff, now);
  else if (a.kind === "accept" || a.kind === "claim") await store.memberJoined(a.roomId, a.userId, a.at);
  else if (a.kind === "kick") await kick(ctx, a, now);
  else await store.releaseAssignment(a.roomId, a.agentUserId, a.kind === "decline" ? "declined" : "no_show", now);
}

/** Turns membership, the visitor's close, no-shows and inactivity into routing changes. */
async function membership(ctx: Ctx, now: Date): Promise<void> {
  const [open, offboarded] = await Promise.all([ctx.store.openConversations(), ctx.store.offboardedAgents()]);
  const facts = byId(ctx.source.facts(open.map((c) => c.roomId)));
  const { noShowMs, inactivityMs } = ctx.settings;
  const input = { me: ctx.me, now, open, rooms: facts, noShowMs, inactivityMs, offboarded: new Set(offboarded) };
  for (const a of planMembership(input)) await applyMembership(ctx, a, now);
  ctx.memory.kicks.keepOnly(new Set(open.map((c) => c.roomId)));
}

async function applyClosed(ctx: Ctx, a: ClosedAction, now: Date): Promise<void> {
  const { memory, log } = ctx;
  if (a.kind === "reopen") {
    if (await ctx.store.reopen(a.roomId, a.agentUserId, a.at, a.closedAt))
      log(`reopened ${a.roomId}: the visitor wrote after the close${a.agentUserId ? `, back to ${a.agentUserId}` : ", queued"}`);
    return;
  }
  try {
    await ctx.writer.leaveForGood(a.roomId);
  } catch (e) {
    log(`leave closed ${a.roomId} failed: ${(e as Error).message}`);
    return;
  }
  await ctx.store.markLeft(a.roomId, now);
  for (const set of [memory.recorded, memory.joining, memory.leaving]) set.delete(a.roomId);
  memory.notified.delete(a.roomId);
  log(`left ${a.roomId}: closed, grace over`);
}

/** Closed conversations: a late visitor message within the grace reopens; after it the router leaves the room. */
async function closed(ctx: Ctx, now: Date): Promise<void> {
  const list = await ctx.store.closedNotLeft();
  if (list.length === 0) return;
  const facts = byId(ctx.source.facts(list.map((c) => c.roomId)));
  for (const a of planClosed({ now, graceMs: ctx.settings.closedGraceMs, closed: list, rooms: facts })) await applyClosed(ctx, a, now);
}

/** Assigns the queue (the routing policy runs in the store's transaction) and logs new wait reasons. */
async function assign(ctx: Ctx, now: Date): Promise<void> {
  const { memory } = ctx;
  const { waits } = await ctx.store.assignQueued(now);
  for (const { roomId, reason } of waits) if (memory.waits.get(roomId) !== reason) ctx.log(`${roomId} waits: ${reason}`);
  memory.waits = new Map(waits.map((w) => [w.roomId, w.reason]));
  if (now.getTime() - memory.statusRoomsCheckedAt > 5_000) {
    memory.statusRoomsCheckedAt = now.getTime();
    await ctx.status.ensure();
    // Housekeeping only: loads already ignore expired tickets, so no need to delete them every pass.
    await ctx.store.dropExpiredTickets(now);
  }
}

async function applyPublish(ctx: Ctx, p: PublishAction): Promise<void> {
  try {
    await ctx.writer.sendState(p.roomId, ROUTING_EVENT, p.content);
    for (const w of p.withdraw) await ctx.writer.kick(p.roomId, w.userId, w.reason).catch(() => {});
    await ctx.store.markPublished(p.roomId, p.version);
  } catch (e) {
    ctx.log(`publish ${p.roomId} failed: ${(e as Error).message}`);
    return;
  }
  ctx.log(`${p.roomId}: ${p.summary}`);
  if (p.notify) {
    ctx.memory.notified.set(p.roomId, p.notify);
    await ctx.status.notifyAssigned(p.notify, p.roomId).catch(() => {});
  }
  if (p.forget) ctx.memory.notified.delete(p.roomId);
}

/** Writes the routing state of every conversation whose room lags behind the database. */
async function publish(ctx: Ctx, now: Date): Promise<void> {
  const unpublished = await ctx.store.unpublished();
  if (unpublished.length === 0) return;
  const facts = byId(ctx.source.facts(unpublished.map((u) => u.roomId)));
  await inParallel(planPublish({ me: ctx.me, now: now.getTime(), unpublished, rooms: facts, notified: ctx.memory.notified }), (p) => applyPublish(ctx, p));
}

const PHASES: [string, (ctx: Ctx, now: Date) => Promise<void>][] = [
  ["rooms", rooms],
  ["membership", membership],
  ["closed", closed],
  ["assign", assign],
  ["publish", publish],
];

/**
 * Applies the pure reconcile's actions (`reconcile/`), one pass at a time (the
 * caller runs one pass at once): Matrix to database, the queue, then database
 * to Matrix. The database holds the truth.
 */
export function createRunner(deps: RunnerDeps) {
  const ctx: Ctx = { ...deps, memory: newMemory(deps.settings) };
  let phase = "idle";
  return {
    async pass(now: Date): Promise<void> {
      for (const [name, run] of PHASES) {
        phase = name;
        await run(ctx, now);
      }
      phase = "idle";
    },
    /** Metadata of an event (who sent it and when), recorded for conversations the router handles. */
    activity(roomId: string, sender: string, at: Date): void {
      if (ctx.memory.recorded.has(roomId)) void ctx.store.recordActivity(roomId, sender, at).catch(() => {});
    },
    phase: () => phase,
    /** Read-only view for tests. */
    memory: ctx.memory as Readonly<Ctx["memory"]>,
  };
}

export type Runner = ReturnType<typeof createRunner>;
