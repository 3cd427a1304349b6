import { ClientEvent, createClient, KnownMembership, RoomEvent, RoomStateEvent, type ICreateClientOpts, type Room } from "matrix-js-sdk";
import { ASSIGNMENT_EVENT, CONVERSATION_EVENT, conversationContentSchema, isVisitorUserId, type AssignmentContent } from "../lib/conversation/event-types";
import type { BotEnv } from "./env";
import type { Assignment, Store } from "./store";

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

/**
 * The router: joins the conversations visitors invite it to, records them,
 * assigns them through the database (locks, not memory) and publishes the
 * assignment as room state. It never initialises crypto, so its account has
 * no E2EE device keys and no room key is ever shared with it.
 */
export async function startRouter(env: BotEnv, store: Store, log: Log): Promise<{ stop(): Promise<void> }> {
  const client = createClient({ baseUrl: env.SYNAPSE_URL, userId: env.ROUTER_USER_ID, accessToken: env.ROUTER_ACCESS_TOKEN, logger: quietLogger });
  const joining = new Set<string>();
  const recorded = new Set<string>();
  const published = new Map<string, string>();
  let running = false;
  let again = false;
  let stopped = false;

  const inviterOf = (room: Room): string | undefined => room.getMember(env.ROUTER_USER_ID)?.events.member?.getSender();

  async function acceptInvites(): Promise<void> {
    for (const room of client.getRooms()) {
      if (room.getMyMembership() !== KnownMembership.Invite || joining.has(room.roomId)) continue;
      const inviter = inviterOf(room);
      if (!inviter || !isVisitorUserId(inviter)) continue; // only visitors open conversations
      joining.add(room.roomId);
      await client.joinRoom(room.roomId).catch((e: Error) => log(`join ${room.roomId} failed: ${e.message}`));
    }
  }

  async function recordConversations(): Promise<void> {
    for (const room of client.getRooms()) {
      if (recorded.has(room.roomId) || room.getMyMembership() !== KnownMembership.Join) continue;
      const stateEvent = room.currentState.getStateEvents(CONVERSATION_EVENT, "");
      const creator = room.getCreator();
      if (!stateEvent || !creator || !isVisitorUserId(creator)) continue;
      const parsed = conversationContentSchema.safeParse(stateEvent.getContent());
      if (!parsed.success || !(await store.siteExists(parsed.data.site_id))) {
        log(`ignoring ${room.roomId}: not a valid conversation for a known site`);
        recorded.add(room.roomId);
        continue;
      }
      const created = room.currentState.getStateEvents("m.room.create", "")?.getTs() ?? Date.now();
      await store.recordConversation({ roomId: room.roomId, siteId: parsed.data.site_id, visitorUserId: creator, createdAt: new Date(created) });
      recorded.add(room.roomId);
    }
  }

  async function publish(a: Assignment): Promise<void> {
    const room = client.getRoom(a.roomId);
    const current = room?.currentState.getStateEvents(ASSIGNMENT_EVENT, "")?.getContent().agent_user_id;
    if (current === a.agentUserId || published.get(a.roomId) === a.agentUserId) return;
    const content: AssignmentContent = { agent_user_id: a.agentUserId, agent_display_name: a.agentDisplayName, assigned_at: a.assignedAt.getTime() };
    await client.sendStateEvent(a.roomId, ASSIGNMENT_EVENT, content, "");
    published.set(a.roomId, a.agentUserId);
    log(`assigned ${a.roomId} to ${a.agentUserId}`);
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await acceptInvites();
      await recordConversations();
      for (;;) {
        const result = await store.assignNext(new Date());
        if (!result || !("roomId" in result)) break;
        await publish(result);
      }
      // Re-publish what a crash between commit and publish may have left unpublished.
      for (const a of await store.openAssignments()) await publish(a).catch((e: Error) => log(`publish ${a.roomId} failed: ${e.message}`));
    } catch (e) {
      log(`routing pass failed: ${(e as Error).message}`);
    } finally {
      running = false;
      if (again && !stopped) {
        again = false;
        setImmediate(() => void tick());
      }
    }
  }

  const kick = (): void => void tick();
  client.on(RoomEvent.MyMembership, kick);
  client.on(RoomStateEvent.Events, kick);
  client.on(ClientEvent.Sync, kick);
  await client.startClient({ initialSyncLimit: 1 });
  const timer = setInterval(kick, env.ROUTER_TICK_MS);
  log(`router ${env.ROUTER_USER_ID} started`);

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      client.stopClient();
      while (running) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
