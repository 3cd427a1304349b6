/**
 * The Synapse admin API calls that retention and erasure need, with a server
 * admin's token (the auditor account's: see docs/operations.md). Only these
 * three; the router's own account stays a normal user.
 */
export interface ErasureAdmin {
  /** Deletes a room and purges every trace of it from Synapse's database; resolves once the purge is complete. */
  purgeRoom(roomId: string): Promise<void>;
  /** Deactivates a local account and marks it erased (GDPR); an unknown account counts as done. */
  deactivate(userId: string): Promise<void>;
  /** Rooms the account is joined to now (empty for an unknown or deactivated account). */
  joinedRooms(userId: string): Promise<string[]>;
  /** Who created the room; null when Synapse does not know it. */
  roomCreator(roomId: string): Promise<string | null>;
}

/** Options of {@link synapseErasureAdmin}; `fetch` and `sleep` for tests. */
export type ErasureAdminOptions = {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Poll interval and limit for a purge (ms). */
  pollMs?: number;
  timeoutMs?: number;
};

type Task = { status?: string; error?: string };

/** A Synapse admin call refused or failed. */
export class SynapseAdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "SynapseAdminError";
  }
}

/** The admin API over HTTP. A purge is a background task in Synapse: polled until complete or failed. */
export function synapseErasureAdmin(opts: ErasureAdminOptions): ErasureAdmin {
  const f = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const base = `${opts.baseUrl.replace(/\/$/, "")}/_synapse/admin`;
  const call = async (method: string, path: string, body?: object): Promise<{ status: number; json: Record<string, unknown> }> => {
    const res = await f(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${opts.token}`, "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: res.status, json };
  };
  const fail = (what: string, r: { status: number; json: Record<string, unknown> }): SynapseAdminError =>
    new SynapseAdminError(r.status, `Synapse refused ${what}: ${r.status} ${typeof r.json.error === "string" ? r.json.error : ""}`.trim());

  /** The latest delete task of the room (when a purge was already running, say from another router). */
  async function latestTask(roomId: string): Promise<Task | undefined> {
    const r = await call("GET", `/v2/rooms/${encodeURIComponent(roomId)}/delete_status`);
    if (r.status === 404) return undefined;
    if (r.status !== 200) throw fail(`the purge status of ${roomId}`, r);
    const results = (r.json.results as Task[] | undefined) ?? [];
    return results.at(-1);
  }

  return {
    async purgeRoom(roomId) {
      // purge: every event, state and membership of the room leaves the database; block: false, the id may come back harmlessly.
      const started = await call("DELETE", `/v2/rooms/${encodeURIComponent(roomId)}`, { purge: true, block: false });
      const deleteId = typeof started.json.delete_id === "string" ? started.json.delete_id : null;
      const alreadyRunning = started.status === 400 && /already in progress/i.test(String(started.json.error ?? ""));
      if (!deleteId && !alreadyRunning) throw fail(`to purge ${roomId}`, started);
      const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
      for (;;) {
        const task = deleteId ? await taskById(deleteId) : await latestTask(roomId);
        if (task?.status === "complete") return;
        if (task?.status === "failed") throw new SynapseAdminError(500, `Synapse failed to purge ${roomId}: ${task.error ?? "no reason given"}`);
        if (Date.now() > deadline) throw new SynapseAdminError(504, `the purge of ${roomId} did not finish in time`);
        await sleep(opts.pollMs ?? 250);
      }
    },
    async deactivate(userId) {
      const r = await call("POST", `/v1/deactivate/${encodeURIComponent(userId)}`, { erase: true });
      if (r.status !== 200 && r.status !== 404) throw fail(`to deactivate ${userId}`, r);
    },
    async joinedRooms(userId) {
      const r = await call("GET", `/v1/users/${encodeURIComponent(userId)}/joined_rooms`);
      if (r.status === 404) return [];
      if (r.status !== 200) throw fail(`the rooms of ${userId}`, r);
      return ((r.json.joined_rooms as unknown[] | undefined) ?? []).filter((x): x is string => typeof x === "string");
    },
    async roomCreator(roomId) {
      const r = await call("GET", `/v1/rooms/${encodeURIComponent(roomId)}`);
      if (r.status === 404) return null;
      if (r.status !== 200) throw fail(`the details of ${roomId}`, r);
      return typeof r.json.creator === "string" ? r.json.creator : null;
    },
  };

  async function taskById(deleteId: string): Promise<Task | undefined> {
    const r = await call("GET", `/v2/rooms/delete_status/${encodeURIComponent(deleteId)}`);
    if (r.status !== 200) throw fail(`the purge status ${deleteId}`, r);
    return r.json as Task;
  }
}
