"use client";

import { useSyncExternalStore } from "react";

// The browser tells no event when the permission changes, so the one place that asks tells the readers.
const listeners = new Set<() => void>();
const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const current = (): NotificationPermission | "unsupported" => (typeof Notification === "undefined" ? "unsupported" : Notification.permission);
// Server rendering shows no button; the browser's answer replaces it after hydration.
const onServer = (): NotificationPermission => "granted";

/** Asks, on the agent's click, for permission to notify about new assignments. */
export function NotificationPermission() {
  const permission = useSyncExternalStore(subscribe, current, onServer);
  if (permission !== "default") return null;
  const ask = (): void => void Notification.requestPermission().then(() => listeners.forEach((l) => l()));
  return (
    <button type="button" className="secondary small" onClick={ask}>
      Enable notifications
    </button>
  );
}
