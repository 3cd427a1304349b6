"use client";

import { useEffect, useState } from "react";

/** Asks, on the agent's click, for permission to notify about new assignments. */
export function NotificationPermission() {
  const [permission, setPermission] = useState<NotificationPermission | "unsupported">("granted");
  useEffect(() => setPermission(typeof Notification === "undefined" ? "unsupported" : Notification.permission), []);
  if (permission !== "default") return null;
  return (
    <button type="button" className="secondary small" onClick={() => void Notification.requestPermission().then(setPermission)}>
      Enable notifications
    </button>
  );
}
