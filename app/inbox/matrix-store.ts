import type { EventStatus, MatrixClient, MatrixEvent, Room, RoomMember, RoomState } from "matrix-js-sdk";
import { CONVERSATION_EVENT, NOTES_EVENT } from "../../lib/conversation/event-types";
import { concernKey, roomChangeConcerns, type RoomChangeKind } from "../../lib/console-state/room-change-concerns";
import type { RoomSummary } from "../../lib/console-state/room-summary";
import { createSnapshotHub, type Listener } from "../../lib/console-state/snapshot-hub";
import type { ChatMessage } from "../../lib/matrix/timeline-messages";
import { echoShownByOutbox, localEchoStillSending, redrawReceiptUnlessDecrypting, redrawUnlessDecrypting } from "../../lib/matrix/needless-redraws";
import { outboxShows } from "./console-outbox";

/** What the conversation view shows of one room: its messages, who reads it, whether it is closed. */
export type RoomView = {
  roomId: string;
  messages: readonly ChatMessage[];
  /** Joined and invited members, sorted: everyone a message is encrypted to. */
  readers: readonly string[];
  closed: boolean;
};

/**
 * The console's Matrix state as snapshots, one per concern: the conversation
 * list, each room's view, each room's typing members, each conversation's
 * notes room. A snapshot keeps its identity until its concern changes, so
 * `useSyncExternalStore` redraws only the components reading it.
 */
export type MatrixStore = {
  list(): readonly RoomSummary[];
  room(roomId: string): RoomView | null;
  typing(roomId: string): readonly string[];
  /** A counter that moves when the conversation's notes room changes (the notes panel reads the room itself). */
  notes(conversationRoomId: string): number;
  /** The decrypted texts of a room, for search. */
  bodies(roomId: string): string[];
  subscribe(key: string, listener: Listener): () => void;
  /** Something every snapshot depends on changed (whom the console believes about forwarded history). */
  refreshAll(): void;
  stop(): void;
};

/** The SDK's event names the store listens to (matrix-js-sdk is loaded on demand, so they are passed in). */
export type StoreEventNames = Record<"room" | "timeline" | "localEcho" | "myMembership" | "state" | "decrypted" | "typing" | "receipt", string>;

/** How the store reads a room; replaced in unit tests. */
export type RoomReaders = {
  summary(room: Room): RoomSummary;
  view(room: Room): RoomView;
  typing(room: Room): string[];
  bodies(room: Room): string[];
};

/** The part of the client the store uses. */
export type StoreClient = Pick<MatrixClient, "getRooms" | "getRoom"> & {
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
};

const sameStrings = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((s, i) => s === b[i]);
const sameSummary = (a: RoomSummary, b: RoomSummary): boolean => (Object.keys(a) as (keyof RoomSummary)[]).every((k) => a[k] === b[k]);
const sameList = (a: readonly RoomSummary[], b: readonly RoomSummary[]): boolean => a.length === b.length && a.every((s, i) => s === b[i]);

function notesOf(room: Room | null): string | null {
  const target = (room?.currentState.getStateEvents(NOTES_EVENT, "")?.getContent() as { conversation_room_id?: unknown } | undefined)?.conversation_room_id;
  return typeof target === "string" ? target : null;
}

/**
 * Subscribes once to the client's room events and keeps the console's snapshots (see {@link MatrixStore}).
 * `shownByOutbox`: whether a room's outbox already shows the message written under a txn id (see echoShownByOutbox).
 */
export function createMatrixStore(
  client: StoreClient,
  names: StoreEventNames,
  read: RoomReaders,
  shownByOutbox: (roomId: string, txnId: string) => boolean = outboxShows,
): MatrixStore {
  const hub = createSnapshotHub();
  let notesBuilds = 0;
  // A room's summary is read again only after that room changed.
  const revisions = new Map<string, number>();
  const summaries = new Map<string, { revision: number; summary: RoomSummary }>();
  const joined = (roomId: string): Room | null => {
    const room = client.getRoom(roomId);
    return room?.getMyMembership() === "join" ? room : null;
  };

  const summaryOf = (room: Room): RoomSummary => {
    const revision = revisions.get(room.roomId) ?? 0;
    const cached = summaries.get(room.roomId);
    if (cached?.revision === revision) return cached.summary;
    const fresh = read.summary(room);
    const summary = cached && sameSummary(cached.summary, fresh) ? cached.summary : fresh;
    summaries.set(room.roomId, { revision, summary });
    return summary;
  };

  const changed = (kind: RoomChangeKind, room: Room | null | undefined): void => {
    if (!room) return;
    if (kind !== "typing") revisions.set(room.roomId, (revisions.get(room.roomId) ?? 0) + 1);
    const unmarked = !room.currentState.getStateEvents(CONVERSATION_EVENT, "");
    hub.invalidate(roomChangeConcerns({ kind, roomId: room.roomId, notesOf: notesOf(room), unmarked }));
  };
  const listeners = storeListeners(names, changed, (roomId) => (roomId ? client.getRoom(roomId) : null), shownByOutbox);
  for (const [name, fn] of listeners) client.on(name, fn);

  return {
    list: () =>
      hub.read(
        concernKey.list,
        () =>
          client
            .getRooms()
            .filter((r) => r.getMyMembership() === "join")
            .map(summaryOf),
        sameList,
      ),
    room: (roomId) =>
      hub.read(concernKey.room(roomId), () => {
        const room = joined(roomId);
        return room ? read.view(room) : null;
      }),
    typing: (roomId) =>
      hub.read(
        concernKey.typing(roomId),
        () => {
          const room = client.getRoom(roomId);
          return room ? read.typing(room) : [];
        },
        sameStrings,
      ),
    // Each build is after a change, so a new number says "look again".
    notes: (conversationRoomId) => hub.read(concernKey.notes(conversationRoomId), () => ++notesBuilds),
    bodies: (roomId) => {
      const room = joined(roomId);
      return room ? read.bodies(room) : [];
    },
    subscribe: (key, listener) => hub.subscribe(key, listener),
    refreshAll: () => {
      summaries.clear();
      hub.invalidateAll();
    },
    stop: () => {
      for (const [name, fn] of listeners) client.off(name, fn);
    },
  };
}

type Changed = (kind: RoomChangeKind, room: Room | null | undefined) => void;

/** The store's listener for each of the SDK's events: which change it is, and in which room. */
function storeListeners(
  names: StoreEventNames,
  changed: Changed,
  roomOf: (roomId: string | undefined | null) => Room | null,
  shownByOutbox: (roomId: string, txnId: string) => boolean,
): [string, (...args: never[]) => void][] {
  // Our message's echo, added as its encryption begins, while the outbox shows it: drawn once it is sent (or fails).
  const shown = (e: MatrixEvent, room: Room | undefined): boolean => !!room && echoShownByOutbox(e, (txnId) => shownByOutbox(room.roomId, txnId));
  return [
    [names.room, (room: Room) => changed("added", room)],
    // An event still being decrypted is drawn once, at its Event.decrypted: not as a placeholder meanwhile.
    [names.timeline, (e: MatrixEvent, room: Room | undefined) => shown(e, room) || redrawUnlessDecrypting(e, () => changed("timeline", room))],
    // Encrypting -> sending shows the same "Sending…": no redraw while the SDK encrypts.
    [
      names.localEcho,
      (e: MatrixEvent, room: Room, oldId?: string, oldStatus?: EventStatus) =>
        localEchoStillSending(e, oldId, oldStatus) || shown(e, room) || changed("local-echo", room),
    ],
    [names.myMembership, (room: Room) => changed("membership", room)],
    [names.state, (_e: MatrixEvent, state: RoomState) => changed("state", roomOf(state.roomId))],
    [names.decrypted, (e: MatrixEvent) => changed("decrypted", roomOf(e.getRoomId()))],
    [names.typing, (_e: MatrixEvent, member: RoomMember) => changed("typing", roomOf(member.roomId))],
    // The receipt the SDK makes up for a synced event's sender, before decrypting it: shown with the event, at its Event.decrypted.
    [names.receipt, (e: MatrixEvent, room: Room) => redrawReceiptUnlessDecrypting(e, room, () => changed("receipt", room))],
  ];
}
