"use client";

import { useCallback, useSyncExternalStore } from "react";
import type { RoomSummary } from "../../lib/console-state/room-summary";
import { concernKey } from "../../lib/console-state/room-change-concerns";
import type { MatrixStore, RoomView } from "./matrix-store";

const NONE: readonly never[] = [];

/** One concern of the store, read with useSyncExternalStore: the component redraws only when that snapshot changes. */
function useConcern<T>(store: MatrixStore, key: string, read: () => T, serverValue: T): T {
  const subscribe = useCallback((listener: () => void) => store.subscribe(key, listener), [store, key]);
  return useSyncExternalStore(subscribe, read, () => serverValue);
}

/** Every joined room as the conversation list shows it. */
export function useRoomSummaries(store: MatrixStore): readonly RoomSummary[] {
  return useConcern(
    store,
    concernKey.list,
    useCallback(() => store.list(), [store]),
    NONE,
  );
}

/** The open conversation's messages, readers and status. */
export function useRoomView(store: MatrixStore, roomId: string): RoomView | null {
  return useConcern(
    store,
    concernKey.room(roomId),
    useCallback(() => store.room(roomId), [store, roomId]),
    null,
  );
}

/** Who is typing in a room. */
export function useTyping(store: MatrixStore, roomId: string): readonly string[] {
  return useConcern(
    store,
    concernKey.typing(roomId),
    useCallback(() => store.typing(roomId), [store, roomId]),
    NONE,
  );
}

/** A number that moves whenever the conversation's notes room changes. */
export function useNotesRevision(store: MatrixStore, conversationRoomId: string): number {
  return useConcern(
    store,
    concernKey.notes(conversationRoomId),
    useCallback(() => store.notes(conversationRoomId), [store, conversationRoomId]),
    0,
  );
}
