// The agent's Matrix credentials live in this browser only (like any Matrix
// client): the app server never stores them.
const KEY = "sealdesk:console:matrix";

export type ConsoleCredentials = { homeserverUrl: string; userId: string; deviceId: string; accessToken: string };

export function saveCredentials(c: ConsoleCredentials): void {
  localStorage.setItem(KEY, JSON.stringify(c));
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

export function forgetCredentials(): void {
  localStorage.removeItem(KEY);
}
