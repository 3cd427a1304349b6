"use client";

import { useEffect } from "react";

/** The conversation a tapped notification asked for (`/inbox?room=…`), read once when the console opens. */
export function roomFromUrl(): string | null {
  if (typeof window === "undefined") return null;
  const room = new URLSearchParams(window.location.search).get("room");
  return room?.startsWith("!") ? room : null;
}

/**
 * Opens the conversation a tapped notification names: the service worker
 * (public/push-sw.js) focuses an open console and posts the room to it.
 */
export function useOpenRoomFromNotification(select: (roomId: string) => void): void {
  useEffect(() => {
    if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
    const onMessage = (e: MessageEvent): void => {
      const data: unknown = e.data;
      if (!data || typeof data !== "object" || !("type" in data) || data.type !== "sealdesk:open-room" || !("roomId" in data)) return;
      if (typeof data.roomId === "string" && data.roomId.startsWith("!")) select(data.roomId);
    };
    navigator.serviceWorker.addEventListener("message", onMessage);
    return () => navigator.serviceWorker.removeEventListener("message", onMessage);
  }, [select]);
}
