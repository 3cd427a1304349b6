import type { MatrixClient } from "matrix-js-sdk";
import type { RoutingContent } from "../../lib/conversation/event-types";
import type { followRouting } from "../../lib/matrix/follow-routing";
import { roomSynced, type ConversationStarter, type TicketDecision } from "./conversation-start";
import type { RosterGuard } from "./roster-guard";
import { readersOf, type VisitorOutbox, type OutboxHooks } from "./visitor-outbox";
import type { StoredVisitor } from "./visitor-session";

/**
 * What changed: `room` (a room is followed now), `routing` (its routing state),
 * `restart` (the visitor chose "New conversation": no room now), `messages`
 * (the outbox's messages, or whether the roster guard holds them).
 */
export type SessionChange = "room" | "routing" | "restart" | "messages";

type Deps = {
  /** The started client and its roster guard: nothing is sent or started before. */
  ready: Promise<{ client: MatrixClient; guard: RosterGuard }>;
  /** Keeps the visitor in this browser (the room ids with it). */
  save(v: StoredVisitor): void;
  starter: ConversationStarter;
  /** Makes the outbox, which sends into the room this session starts. */
  outbox(hooks: OutboxHooks): VisitorOutbox;
  follow: typeof followRouting;
  /** Sent into each new conversation before the visitor's first message (a verified customer's details). */
  introduce?(client: MatrixClient, guard: RosterGuard, roomId: string): Promise<void>;
};

/** The visitor's chat: see {@link createChatSession}. */
export type ChatSession = ReturnType<typeof createChatSession>;

/**
 * The chat's state, in one place (a view model, as in hydrogen-web): the
 * visitor, their conversation room, its routing state and the outbox. It
 * starts the room on the first message (through the starter), follows it,
 * and tells listeners what changed; views only read it and call it.
 */
export function createChatSession(d: Deps) {
  let visitor: StoredVisitor | null = null;
  let ready: { client: MatrixClient; guard: RosterGuard } | null = null;
  d.ready.then((r) => void (ready = r)).catch(() => {});
  const listeners = new Set<(c: SessionChange) => void>();
  const emit = (c: SessionChange): void => listeners.forEach((l) => l(c));
  const setVisitor = (v: StoredVisitor): void => d.save((visitor = v));

  const routing = routingState(d.follow, () => emit("routing"));
  const follow = (client: MatrixClient, guard: RosterGuard, roomId: string): void => {
    emit("room"); // before the routing state, which may be known at once
    routing.follow(client, guard, roomId);
  };

  // The first message starts the conversation (once, however many wait for it).
  let starting: Promise<string> | null = null;
  const ensureRoom = async (client: MatrixClient, guard: RosterGuard): Promise<string> => {
    if (visitor?.roomId) return visitor.roomId;
    starting ??= d.starter
      .start(client, guard)
      .then(async ({ roomId, decision }) => {
        setVisitor({ ...visitor!, roomId, preparedRoomId: undefined });
        routing.decided(decision);
        await roomSynced(client, roomId);
        follow(client, guard, roomId);
        await d.introduce?.(client, guard, roomId).catch(() => {}); // the visitor's message goes on without it
        return roomId;
      })
      .catch((err: unknown) => {
        starting = null;
        throw err;
      });
    return starting;
  };

  const prepare = (): void => {
    if (!ready || !visitor || visitor.roomId) return;
    void d.starter.prepare(ready.client, ready.guard).then((roomId) => {
      if (roomId) setVisitor({ ...visitor!, preparedRoomId: roomId });
    });
  };

  const outbox = d.outbox({ ensureRoom, me: () => visitor?.userId ?? "", onChange: () => emit("messages") });

  return {
    outbox,
    visitor: (): StoredVisitor | null => visitor,
    roomId: (): string | undefined => visitor?.roomId,
    routing: routing.current,
    /** The name the routing state gave an agent (their room name may differ or be missing). */
    agentName: routing.agentName,
    /** Listens to changes; returns the function that stops listening. */
    on(listener: (c: SessionChange) => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    /** The roster guard started or stopped holding the messages. */
    holdingChanged: (): void => emit("messages"),
    /** The visitor's account runs (resumed or new): the session reads its room from it. */
    started: (v: StoredVisitor): void => void (visitor = v),
    /** The client runs: follow the open conversation, or prepare the next one's room while the visitor types. */
    open(): void {
      if (!ready || !visitor) return;
      if (visitor.roomId) follow(ready.client, ready.guard, visitor.roomId);
      else prepare();
    },
    /** "New conversation": forget the ended room; the next message starts another (prepared meanwhile). */
    restart(): void {
      routing.forget();
      setVisitor({ ...visitor!, roomId: undefined });
      starting = null;
      d.starter.reset();
      prepare();
      emit("restart");
    },
    /** Another tab takes the chat over: stop sending (that tab now sends what is kept). */
    stop: (): void => outbox.stop(),
  };
}

/** What the chat shows of the routing: the router's routing state, or until it comes, the ticket's decision. */
export type RoutingShown = TicketDecision & Pick<RoutingContent, "closed_reason">;

/**
 * The followed room's routing state (who is assigned, queued, closed) and the agents' names it gave;
 * until the router's state reaches the room, what the ticket decided (seconds in a burst).
 */
function routingState(followRouting: Deps["follow"], onChange: () => void) {
  let routing: RoutingContent | null = null;
  let decided: TicketDecision | null = null;
  let unfollow: (() => void) | null = null;
  const agentNames = new Map<string, string>();
  return {
    current: (): RoutingShown | null => routing ?? decided,
    /** The started conversation's ticket decided this (shown until the routing state comes). */
    decided(d: TicketDecision): void {
      decided = d;
      if (d.agent_user_id && d.agent_display_name) agentNames.set(d.agent_user_id, d.agent_display_name);
    },
    agentName: (userId: string): string | undefined => agentNames.get(userId),
    follow(client: MatrixClient, guard: RosterGuard, roomId: string): void {
      unfollow?.();
      unfollow = followRouting(
        client,
        roomId,
        (r) => {
          guard.review(readersOf(client, roomId)); // a member added by the server is named at once, not only at the next send
          routing = r;
          if (r?.agent_user_id && r.agent_display_name) agentNames.set(r.agent_user_id, r.agent_display_name);
          onChange();
        },
        { mayInvite: (reader, r) => guard.allowsReader(reader, r) },
      );
    },
    forget(): void {
      unfollow?.();
      unfollow = null;
      routing = null;
      decided = null;
    },
  };
}
