/**
 * How this device notifies the agent of new conversations: not at all, by the
 * open console (in-page browser notifications), or also while it is closed
 * (Web Push through the router).
 */
export type NotificationMode = "off" | "open" | "closed";

/** What the console knows of this device when it decides the mode and the choices. */
export type NotificationFacts = {
  /** The browser's notification permission (`unsupported`: no Notification API). */
  permission: NotificationPermission | "unsupported";
  /** This device holds a push subscription. */
  pushSubscribed: boolean;
  /** This browser supports Web Push here and the server has a VAPID key. */
  pushAvailable: boolean;
  /** What the agent last chose in this browser (`null`: never chose; in-page notifications follow the permission). */
  preference: "on" | "off" | null;
};

/** The mode now, and which modes the agent can choose (the others are explained, not offered). */
export type NotificationSetting = { mode: NotificationMode; choices: readonly NotificationMode[]; blocked: boolean };

/**
 * Decides the notification control's state. Without permission nothing
 * notifies (a blocked permission offers only "off": the browser's settings
 * must change first); a push subscription means "even when closed"; else an
 * explicit "off" choice, or in-page notifications while the console is open.
 * "Even when closed" is offered only where Web Push works and the server is
 * configured for it: elsewhere in-page notifications are the fallback. Pure.
 */
export function notificationSetting(f: NotificationFacts): NotificationSetting {
  const blocked = f.permission === "denied";
  const choices: NotificationMode[] = f.permission === "unsupported" || blocked ? ["off"] : f.pushAvailable ? ["off", "open", "closed"] : ["off", "open"];
  const mode: NotificationMode = f.permission !== "granted" ? "off" : f.pushSubscribed ? "closed" : f.preference === "off" ? "off" : "open";
  return { mode, choices, blocked };
}

/** The mode in words, for the control's name and its options. */
export function notificationModeWords(mode: NotificationMode): string {
  return { off: "Off", open: "On this device while Sealdesk is open", closed: "On this device, even when Sealdesk is closed" }[mode];
}
