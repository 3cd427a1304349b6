"use client";

// Per browser, like the permission it refines: "off" silences in-page notifications without revoking the permission.
const KEY = "sealdesk:notifications";

/** What the agent last chose in this browser (null: never chose). */
export function notificationPreference(): "on" | "off" | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === "on" || v === "off" ? v : null;
  } catch {
    return null;
  }
}

/** Remembers the agent's choice. */
export function setNotificationPreference(v: "on" | "off"): void {
  try {
    localStorage.setItem(KEY, v);
  } catch {
    // Storage blocked: the choice holds until the page reloads.
  }
}

/** True when the open console may show a browser notification: permission granted and not turned off here. */
export function inPageNotificationsOn(): boolean {
  return typeof Notification !== "undefined" && Notification.permission === "granted" && notificationPreference() !== "off";
}
