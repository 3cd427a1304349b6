import { ClientEvent, createClient, EventType, KnownMembership, RoomEvent, RoomStateEvent, SyncState, type ICreateClientOpts, type MatrixEvent, type Room } from "matrix-js-sdk";
import { CONVERSATION_EVENT, conversationContentSchema, isVisitorUserId, VISITOR_CLOSED_EVENT } from "../lib/conversation/event-types";
import { controlRooms } from "./control-rooms";
import type { BotEnv } from "./env";
import { publishRouting } from "./publish-routing";
import type { Store } from "./store";

type Log = (msg: string) => void;
type SdkLogger = NonNullable<ICreateClientOpts["logger"]>;

/** matrix-js-sdk logs every request at debug level; the router keeps warnings and errors only. */
const quietLogger: SdkLogger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (...msg: unknown[]) => console.warn("[matrix-js-sdk]", ...msg),
  error: (...msg: unknown[]) => console.error("[matrix-js-sdk]", ...msg),
  getChild: () => quietLogger,
};

/** Runs `fn` over `items`, at most `limit` at a time (Synapse requests in a burst). */
async function inParallel<T>(items: readonly T[], fn: (item: T) => Promise<void>, limit = 10): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The router. Every pass reconciles Matrix with the database, which holds the
 * truth (row locks and a unique index, never in-memory flags, so a killed or
 * second router assigns nothing twice): it joins conversations visitors invite
 * it to, records them, turns joins, rejections, silence and the visitor's
 * close into routing changes, assigns queued conversations, and publishes the
 * routing state. It never initialises crypto: no device keys, no room key.
 */
export async function startRouter(env: BotEnv, store: Store, log: Log): Promise<{ stop(): Promise<void> }> {
  const client = createClient({ baseUrl: env.SYNAPSE_URL, userId: env.ROUTER_USER_ID, accessToken: env.ROUTER_ACCESS_TOKEN, logger: quietLogger });
  const me = env.ROUTER_USER_ID;
  const joining = new Set<string>();
  const recorded = new Set<string>();
  const leaving = new Set<string>();
  /** The agent each open conversation's assignment was announced to (in the agent's status room). */
  const notified = new Map<string, string>();
  const control = controlRooms(client, store, log);
  let running = false;
  let again = false;
  let statusRoomsCheckedAt = 0;
  const loggedWaits = new Map<string, string>();
  let stopped = false;

  async function acceptInvites(): Promise<void> {
    const rooms = client.getRooms().filter((room) => {
      if (room.getMyMembership() !== KnownMembership.Invite || joining.has(room.roomId)) return false;
      const inviter = room.getMember(me)?.events.member?.getSender();
      return !!inviter && isVisitorUserId(inviter); // only visitors open conversations
    });
    rooms.forEach((r) => joining.add(r.roomId));
    await inParallel(rooms, (room) =>
      client.joinRoom(room.roomId).then(
        () => {},
        (e: Error) => {
          joining.delete(room.roomId); // retried on the next pass
          log(`join ${room.roomId} failed: ${e.message}`);
        },
      ),
    );
  }

  async function recordConversations(): Promise<void> {
    const prepared: { room: Room; creator: string; siteId: string }[] = [];
    for (const room of client.getRooms()) {
      if (recorded.has(room.roomId) || room.getMyMembership() !== KnownMembership.Join) continue;
      const context = room.currentState.getStateEvents(CONVERSATION_EVENT, "");
      const creator = room.getCreator();
      if (!context || !creator || !isVisitorUserId(creator)) continue;
      const parsed = conversationContentSchema.safeParse(context.getContent());
      if (parsed.success && parsed.data.prepared && !parsed.data.routing_ticket) {
        prepared.push({ room, creator, siteId: parsed.data.site_id });
        continue;
      }
      const createdAt = createdAtOf(room);
      const ticketId = parsed.success ? parsed.data.routing_ticket?.id : undefined;
      const stored = parsed.success && (await store.recordConversation({ roomId: room.roomId, siteId: parsed.data.site_id, visitorUserId: creator, createdAt, ticketId }));
      // Added only once handled: a failed insert throws and is retried on the next pass.
      recorded.add(room.roomId);
      log(stored ? `recorded ${room.roomId} (site ${parsed.data!.site_id}${ticketId ? ", routed by ticket" : ""})` : `ignoring ${room.roomId}: not a valid conversation for a known site`);
    }
    await recordStartedPreparedRooms(prepared);
  }

  /**
   * A prepared room becomes a conversation when its visitor starts it: with a
   * routing ticket bound to it (the readers are invited already; the ticket's
   * decision is taken), or, when that ticket is gone (the router was down past
   * its expiry), routed as it arrives. Until then it is not routed and holds
   * nobody's capacity. A start always shows in the room (the widget invites the
   * ticket's readers, then writes), so rooms that show none cost no query: this
   * runs on every pass.
   */
  async function recordStartedPreparedRooms(prepared: { room: Room; creator: string; siteId: string }[]): Promise<void> {
    const staleBefore = Date.now() - env.ROUTER_PREPARED_TTL_MS;
    const started: { room: Room; creator: string; siteId: string; seenAt: Date }[] = [];
    for (const p of prepared) {
      const seenAt = startOf(p.room, p.creator);
      if (seenAt) started.push({ ...p, seenAt });
      else if (createdAtOf(p.room).getTime() < staleBefore) await leaveUnstarted(p.room.roomId);
    }
    const { known, tickets } = await store.preparedRooms(started.map((p) => p.room.roomId));
    for (const { room, creator, siteId, seenAt } of started) {
      if (!known.has(room.roomId)) {
        const ticket = tickets.get(room.roomId);
        const stored = await store.recordConversation({ roomId: room.roomId, siteId, visitorUserId: creator, createdAt: ticket?.createdAt ?? seenAt, ticketId: ticket?.id });
        log(stored ? `recorded ${room.roomId} (site ${siteId}, prepared${ticket ? ", routed by ticket" : ", started without a ticket"})` : `ignoring ${room.roomId}: not a valid conversation for a known site`);
      }
      recorded.add(room.roomId);
    }
  }

  /**
   * Leaves a prepared room never started for too long (the visitor opened the
   * chat and left), so the router does not carry every visitor who ever opened
   * it. A widget that still holds the room invites the router back when the
   * visitor writes; a reloaded one prepares a new room.
   */
  async function leaveUnstarted(roomId: string): Promise<void> {
    if (leaving.has(roomId)) return;
    leaving.add(roomId);
    await client.leave(roomId).then(
      () => log(`left ${roomId}: prepared, never started`),
      (e: Error) => (leaving.delete(roomId), log(`leave ${roomId} failed: ${e.message}`)),
    );
  }

  /** When the room was created (its m.room.create event). */
  function createdAtOf(room: Room): Date {
    return new Date(room.currentState.getStateEvents(EventType.RoomCreate, "")?.getTs() ?? Date.now());
  }

  /** When the visitor visibly started a prepared room: its first reader invite or message. */
  function startOf(room: Room, visitor: string): Date | null {
    const invite = room.getMembers().find((m) => m.userId !== me && m.userId !== visitor && m.membership !== KnownMembership.Leave)?.events.member;
    const message = room.getLiveTimeline().getEvents().find((e) => !e.isState() && e.getSender() === visitor);
    const ts = [invite?.getTs(), message?.getTs()].filter((t): t is number => typeof t === "number");
    return ts.length > 0 ? new Date(Math.min(...ts)) : null;
  }

  /** Turns room membership and the visitor's close into routing changes. */
  async function reconcileRooms(now: Date): Promise<void> {
    for (const c of await store.openConversations()) {
      const room = client.getRoom(c.roomId);
      if (!room || room.getMyMembership() !== KnownMembership.Join) continue;
      if (room.currentState.getStateEvents(VISITOR_CLOSED_EVENT, "")) {
        await store.close(c.roomId, "visitor", now);
        continue;
      }
      for (const m of room.getMembers()) {
        if (m.userId === me || m.userId === c.visitorUserId) continue;
        const ev = m.events.member;
        if (m.membership === KnownMembership.Join && (c.status !== "active" || m.userId !== c.agentUserId)) {
          const entitled = c.status === "active" ? false : await store.memberJoined(c.roomId, m.userId, new Date(ev?.getTs() ?? now.getTime()));
          if (!entitled && c.status === "active") await client.kick(c.roomId, m.userId, "Not assigned to this conversation").catch(() => {});
        } else if (m.membership === KnownMembership.Leave && m.userId === c.agentUserId && c.status === "assigned" && ev?.getSender() === m.userId && c.assignedAt && (ev.getTs() ?? 0) >= c.assignedAt.getTime()) {
          await store.releaseAssignment(c.roomId, m.userId, "declined", now);
        }
      }
    }
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const now = new Date();
      const slow = setTimeout(() => log(`routing pass still running after 5 s (phase: ${phase})`), 5_000);
      let phase = "invites";
      await acceptInvites();
      phase = "record";
      await recordConversations();
      phase = "reconcile";
      await reconcileRooms(now);
      phase = "timers";
      for (const n of await store.noShows(new Date(now.getTime() - env.ROUTER_NO_SHOW_MS))) {
        if (n.agentUserId) await store.releaseAssignment(n.roomId, n.agentUserId, "no_show", now);
      }
      await store.closeInactive(new Date(now.getTime() - env.ROUTER_INACTIVITY_MS), now);
      phase = "assign";
      await store.assignQueued(now);
      for (const [roomId, reason] of store.waitReasons) {
        if (loggedWaits.get(roomId) !== reason) log(`${roomId} waits: ${reason}`);
        loggedWaits.set(roomId, reason);
      }
      store.waitReasons.clear();
      if (now.getTime() - statusRoomsCheckedAt > 5_000) {
        statusRoomsCheckedAt = now.getTime();
        await control.ensure(); // agents added since the last check get their status room
        // Housekeeping only: loads already ignore expired tickets, so no need to delete them every pass.
        await store.dropExpiredTickets(now);
      }
      phase = "publish";
      await inParallel(await store.unpublished(), async (u) => {
        const published = await publishRouting(client, store, u, now.getTime()).catch((e: Error) => (log(`publish ${u.roomId} failed: ${e.message}`), false));
        if (published) log(`${u.roomId}: ${u.status}${u.agentUserId ? ` -> ${u.agentUserId}` : ""}`);
        // Once per assignment: an agent who joined before this pass published it (already active) is told too.
        const assignedNow = (u.status === "assigned" || u.status === "active") && u.agentUserId && notified.get(u.roomId) !== u.agentUserId;
        if (published && assignedNow) {
          notified.set(u.roomId, u.agentUserId!);
          await control.notifyAssigned(u.agentUserId!, u.roomId).catch(() => {});
        }
        if (published && u.status === "closed") notified.delete(u.roomId);
      });
      clearTimeout(slow);
    } catch (e) {
      const err = e as Error & { cause?: Error };
      log(`routing pass failed: ${err.message.split("\n")[0]}${err.cause ? ` (${err.cause.message})` : ""}`);
    } finally {
      running = false;
      if (again && !stopped) {
        again = false;
        setImmediate(() => void tick());
      }
    }
  }

  /** Metadata only: who sent an event and when (the content stays encrypted). */
  const onTimeline = (ev: MatrixEvent, room: Room | undefined, toStart: boolean | undefined): void => {
    if (toStart || !room || ev.isState() || ev.getSender() === me || !recorded.has(room.roomId)) return;
    void store.recordActivity(room.roomId, ev.getSender() ?? "", new Date(ev.getTs())).catch(() => {});
  };

  const kick = (): void => void tick();
  client.on(RoomEvent.MyMembership, kick);
  client.on(RoomStateEvent.Events, kick);
  client.on(ClientEvent.Sync, (state) => {
    if (state === SyncState.Error || state === SyncState.Reconnecting) log(`sync ${state.toLowerCase()}`);
    kick();
  });
  client.on(RoomEvent.Timeline, onTimeline);
  // Not a server admin: its rate-limit exemption is set at install (scripts/bootstrap.ts, deploy/README.md).
  await client.startClient({ initialSyncLimit: 1 });
  const timer = setInterval(() => {
    // After Synapse restarts, matrix-js-sdk backs off between reconnection attempts
    // (up to minutes); routing cannot wait that long, so retry at the tick's pace.
    const sync = client.getSyncState();
    if (sync === SyncState.Error || sync === SyncState.Reconnecting) client.retryImmediately();
    kick();
  }, env.ROUTER_TICK_MS);
  log(`router ${me} started`);

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      client.stopClient();
      while (running) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
