// A Matrix client of the least cost, for hundreds of simulated visitors and agents in one
// Node process: plain HTTP, one /sync long-poll loop, no matrix-js-sdk state. It speaks the
// same client-server API as the widget and the console.

/** The parts of a /sync response the load test reads. */
export type SyncBody = {
  next_batch: string;
  rooms?: {
    join?: Record<string, { timeline?: { events?: { event_id: string; type: string; sender: string; content: unknown }[] } }>;
    invite?: Record<string, unknown>;
  };
};

export type LightClient = {
  userId: string;
  accessToken: string;
  /** A client-server API call; throws with the status on a non-2xx answer. */
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  /** Starts the /sync loop; `onSync` gets every response with the time it arrived. */
  startSync(onSync: (body: SyncBody, at: number) => void): void;
  stop(): void;
};

/** Counters shared by every light client of a run. */
export const syncStats = { completed: 0, failed: 0 };

// Only what the test reads: encrypted timeline events and invites; no presence, receipts or typing.
const FILTER = JSON.stringify({
  presence: { types: [] },
  account_data: { types: [] },
  room: {
    timeline: { limit: 50, types: ["m.room.encrypted"] },
    state: { lazy_load_members: true, types: [] },
    ephemeral: { types: [] },
    account_data: { types: [] },
  },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function lightClient(baseUrl: string, userId: string, accessToken: string): LightClient {
  const abort = new AbortController();
  let stopped = false;
  const headers = { authorization: `Bearer ${accessToken}`, "content-type": "application/json" };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/_matrix/client/v3${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: abort.signal,
    });
    if (!res.ok) throw new Error(`${method} ${path.split("?")[0]}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    return (await res.json()) as T;
  };
  const loop = async (onSync: (body: SyncBody, at: number) => void): Promise<void> => {
    let since: string | undefined;
    while (!stopped) {
      try {
        const q = new URLSearchParams({ timeout: since ? "30000" : "0", filter: FILTER });
        if (since) q.set("since", since);
        const body = await call<SyncBody>("GET", `/sync?${q}`);
        const at = performance.now();
        since = body.next_batch;
        syncStats.completed++;
        onSync(body, at);
      } catch {
        if (stopped) return;
        syncStats.failed++;
        await sleep(1000); // as matrix-js-sdk backs off after a failed sync
      }
    }
  };
  return {
    userId,
    accessToken,
    call,
    startSync: (onSync) => void loop(onSync),
    stop() {
      stopped = true;
      abort.abort();
    },
  };
}

/** Each m.room.encrypted timeline event of a sync response not sent by `self`, with its room. */
export function encryptedFromOthers(body: SyncBody, self: string): { roomId: string; content: unknown }[] {
  const out: { roomId: string; content: unknown }[] = [];
  for (const [roomId, room] of Object.entries(body.rooms?.join ?? {}))
    for (const ev of room.timeline?.events ?? []) if (ev.type === "m.room.encrypted" && ev.sender !== self) out.push({ roomId, content: ev.content });
  return out;
}
