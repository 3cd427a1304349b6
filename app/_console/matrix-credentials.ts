// The agent's Matrix credentials live in this browser only (like any Matrix
// client): the app server never stores them.
const KEY = "sealdesk:console:matrix";
// Which device this browser's encryption store belongs to, kept after a sign-out
// that keeps the keys, so the next sign-in continues that device.
const DEVICE_KEY = "sealdesk:console:device";

export type ConsoleCredentials = { homeserverUrl: string; userId: string; deviceId: string; accessToken: string };

export function saveCredentials(c: ConsoleCredentials): void {
  localStorage.setItem(KEY, JSON.stringify(c));
  localStorage.setItem(DEVICE_KEY, JSON.stringify({ userId: c.userId, deviceId: c.deviceId }));
}

export function loadCredentials(): ConsoleCredentials | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const c = JSON.parse(raw) as Partial<ConsoleCredentials>;
    if (typeof c.homeserverUrl === "string" && typeof c.userId === "string" && typeof c.deviceId === "string" && typeof c.accessToken === "string") {
      return c as ConsoleCredentials;
    }
    return null;
  } catch {
    return null;
  }
}

/** The device whose keys this browser keeps, if any. */
export function rememberedDevice(): { userId: string; deviceId: string } | null {
  try {
    const d = JSON.parse(localStorage.getItem(DEVICE_KEY) ?? "null") as { userId?: unknown; deviceId?: unknown } | null;
    return d && typeof d.userId === "string" && typeof d.deviceId === "string" ? { userId: d.userId, deviceId: d.deviceId } : null;
  } catch {
    return null;
  }
}

/** Forgets the access token; with `wipe`, forgets the device too (its keys are deleted separately). */
export function forgetCredentials(wipe = false): void {
  localStorage.removeItem(KEY);
  if (wipe) localStorage.removeItem(DEVICE_KEY);
}
