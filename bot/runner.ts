import { ROUTING_EVENT } from "../lib/conversation/event-types";
import { inParallel } from "./in-parallel";
import { createKickBackoff, type BackoffSettings } from "./kick-backoff";
import { planMembership, type MembershipAction } from "./reconcile/plan-membership";
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

export type RunnerSettings = { noShowMs: number; inactivityMs: number; preparedTtlMs: number; kickBackoff?: BackoffSettings };
export type RunnerDeps = { me: string; store: RouterStore; source: RoomSource; writer: RoomWriter; status: StatusRooms; log: (m: string) => void; settings: RunnerSettings };

const byId = (facts: RoomFact[]): Map<string, RoomFact> => new Map(facts.map((f) => [f.roomId, f]));

/**
 * Applies the pure reconcile's actions, one pass at a time (the caller runs
 * one pass at once). The database holds the truth; the runner's own memory
 * only saves work (rooms handled, joins in flight, announcements made, kicks
 * backed off) and is rebuilt harmlessly after a restart.
 */
export function createRunner(deps: RunnerDeps) {
  const { me, store, source, writer, log, settings } = deps;
  const memory = {
    joining: new Set<string>(),
    recorded: new Set<string>(),
    leaving: new Set<string>(),
    /** The agent each open conversation's assignment was announced to. */
    notified: new Map<string, string>(),
    /** Why each queued conversation waited in the last pass (logged when it changes). */
    waits: new Map<string, string>(),
    kicks: createKickBackoff(settings.kickBackoff),
    statusRoomsCheckedAt: 0,
  };
  let phase = "idle";

  async function applyRoom(a: RoomAction): Promise<void> {
    if (a.kind === "join") {
      memory.joining.add(a.roomId);
      await writer.join(a.roomId).catch((e: Error) => (memory.joining.delete(a.roomId), log(`join ${a.roomId} failed: ${e.message}`)));
    } else if (a.kind === "leave") {
      memory.leaving.add(a.roomId);
      await writer.leave(a.roomId).then(
        () => log(`left ${a.roomId}: prepared, never started`),
        (e: Error) => (memory.leaving.delete(a.roomId), log(`leave ${a.roomId} failed: ${e.message}`)),
      );
    } else if (a.kind === "skip") {
      memory.recorded.add(a.roomId);
      if (a.why === "invalid") log(`ignoring ${a.roomId}: not a valid conversation for a known site`);
    } else {
      const c = a.conversation;
      // A failed insert throws: the room is not remembered and the next pass retries.
      const stored = await store.recordConversation(c);
      memory.recorded.add(c.roomId);
      const how = a.via === "prepared" ? `, prepared${c.ticketId ? ", routed by ticket" : ", started without a ticket"}` : c.ticketId ? ", routed by ticket" : "";
      log(stored ? `recorded ${c.roomId} (site ${c.siteId}${how})` : `ignoring ${c.roomId}: not a valid conversation for a known site`);
    }
  }

  /** Joins invitations, records new conversations, leaves prepared rooms never started. */
  async function rooms(now: Date): Promise<void> {
    const facts = source.facts(roomsToExamine(source.summaries(), memory));
    const { actions, started } = planRooms({ me, now, preparedTtlMs: settings.preparedTtlMs, rooms: facts, memory });
    await inParallel(actions.filter((a) => a.kind === "join"), applyRoom);
    for (const a of actions.filter((x) => x.kind !== "join")) await applyRoom(a);
    // Only prepared rooms that show a start cost a query: idle ones cost nothing per pass.
    if (started.length === 0) return;
    for (const a of planStarted(started, await store.preparedRooms(started.map((s) => s.roomId)))) await applyRoom(a);
  }

  async function kick(a: Extract<MembershipAction, { kind: "kick" }>, now: Date): Promise<void> {
    if (!memory.kicks.mayTry(a.roomId, a.userId, a.powerLevelsId, now.getTime())) return;
    try {
      await writer.kick(a.roomId, a.userId, a.reason);
      memory.kicks.done(a.roomId, a.userId);
    } catch (e) {
      const wait = memory.kicks.refused(a.roomId, a.userId, a.powerLevelsId, now.getTime());
      log(`kick ${a.userId} from ${a.roomId} refused (${(e as Error).message}): next try in ${Math.round(wait / 1000)} s or when the power levels change`);
    }
  }

  async function applyMembership(a: MembershipAction, now: Date): Promise<void> {
    if (a.kind === "close") await store.close(a.roomId, a.reason, now);
    else if (a.kind === "close-inactive") await store.closeInactive(a.roomId, a.cutoff, now);
    else if (a.kind === "accept" || a.kind === "claim") await store.memberJoined(a.roomId, a.userId, a.at);
    else if (a.kind === "kick") await kick(a, now);
    else await store.releaseAssignment(a.roomId, a.agentUserId, a.kind === "decline" ? "declined" : "no_show", now);
  }

  /** Turns membership, the visitor's close, no-shows and inactivity into routing changes. */
  async function membership(now: Date): Promise<void> {
    const open = await store.openConversations();
    const facts = byId(source.facts(open.map((c) => c.roomId)));
    for (const a of planMembership({ me, now, open, rooms: facts, noShowMs: settings.noShowMs, inactivityMs: settings.inactivityMs })) await applyMembership(a, now);
    memory.kicks.keepOnly(new Set(open.map((c) => c.roomId)));
  }

  async function assign(now: Date): Promise<void> {
    const { waits } = await store.assignQueued(now);
    for (const { roomId, reason } of waits) if (memory.waits.get(roomId) !== reason) log(`${roomId} waits: ${reason}`);
    memory.waits = new Map(waits.map((w) => [w.roomId, w.reason]));
    if (now.getTime() - memory.statusRoomsCheckedAt > 5_000) {
      memory.statusRoomsCheckedAt = now.getTime();
      await deps.status.ensure();
      // Housekeeping only: loads already ignore expired tickets, so no need to delete them every pass.
      await store.dropExpiredTickets(now);
    }
  }

  async function applyPublish(p: PublishAction): Promise<void> {
    try {
      await writer.sendState(p.roomId, ROUTING_EVENT, p.content);
      for (const w of p.withdraw) await writer.kick(p.roomId, w.userId, w.reason).catch(() => {});
      await store.markPublished(p.roomId, p.version);
    } catch (e) {
      log(`publish ${p.roomId} failed: ${(e as Error).message}`);
      return;
    }
    log(`${p.roomId}: ${p.summary}`);
    if (p.notify) {
      memory.notified.set(p.roomId, p.notify);
      await deps.status.notifyAssigned(p.notify, p.roomId).catch(() => {});
    }
    if (p.forget) memory.notified.delete(p.roomId);
  }

  async function publish(now: Date): Promise<void> {
    const unpublished = await store.unpublished();
    if (unpublished.length === 0) return;
    const facts = byId(source.facts(unpublished.map((u) => u.roomId)));
    await inParallel(planPublish({ me, now: now.getTime(), unpublished, rooms: facts, notified: memory.notified }), applyPublish);
  }

  return {
    /** One reconcile pass: Matrix to database, the queue, then database to Matrix. */
    async pass(now: Date): Promise<void> {
      const phases: [string, (now: Date) => Promise<void>][] = [["rooms", rooms], ["membership", membership], ["assign", assign], ["publish", publish]];
      for (const [name, run] of phases) {
        phase = name;
        await run(now);
      }
      phase = "idle";
    },
    /** Metadata of an event (who sent it and when), recorded for conversations the router handles. */
    activity(roomId: string, sender: string, at: Date): void {
      if (memory.recorded.has(roomId)) void store.recordActivity(roomId, sender, at).catch(() => {});
    },
    phase: () => phase,
    /** Read-only view for tests. */
    memory: memory as Readonly<typeof memory>,
  };
}

export type Runner = ReturnType<typeof createRunner>;
