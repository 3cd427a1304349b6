import { ClientEvent, createClient, MemoryStore, SyncState } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { prefetchSyncStart } from "./prefetch-sync-start";

const userId = "@visitor-1:example.org";

/**
 * A real matrix-js-sdk client against a fake homeserver that records each request: versions,
 * push rules, filters, one answered `/sync` (later ones wait until the client stops).
 */
function clientWithFakeServer(storedFilterId?: string, versions = ["v1.1", "v1.4", "v1.11"]) {
  const requests: string[] = [];
  const filters = new Map<string, unknown>();
  const answer = (body: unknown): Response => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  let syncs = 0;
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = init?.method ?? "GET";
    requests.push(`${method} ${url.pathname.replace(/^\/_matrix\/client\/v3/, "")}`);
    if (url.pathname.endsWith("/versions")) return answer({ versions, unstable_features: {} });
    if (url.pathname.endsWith("/pushrules/")) return answer({ global: {} });
    if (method === "POST" && url.pathname.endsWith("/filter")) {
      const id = String(filters.size + 10);
      filters.set(id, JSON.parse(String(init?.body)));
      return answer({ filter_id: id });
    }
    const got = url.pathname.match(/\/filter\/(\w+)$/);
    if (got) return filters.has(got[1]!) ? answer(filters.get(got[1]!)) : new Response('{"errcode":"M_NOT_FOUND"}', { status: 404 });
    if (url.pathname.endsWith("/sync") && syncs++ === 0) return answer({ next_batch: "s1" });
    if (url.pathname.endsWith("/sync")) return new Promise<Response>(() => {}); // the long poll, never answered
    return answer({});
  };
  // matrix-js-sdk keeps filter ids in localStorage (none in Node): a Map behind the Storage interface.
  const kept = new Map<string, string>();
  const localStorage = {
    getItem: (k: string) => kept.get(k) ?? null,
    setItem: (k: string, v: string) => void kept.set(k, v),
    removeItem: (k: string) => void kept.delete(k),
    clear: () => kept.clear(),
    key: (i: number) => [...kept.keys()][i] ?? null,
    get length() {
      return kept.size;
    },
  };
  const store = new MemoryStore({ localStorage });
  const client = createClient({ baseUrl: "http://hs.example", userId, deviceId: "D", accessToken: "t", store, fetchFn: fetchFn as typeof fetch });
  if (storedFilterId) {
    // A filter this account made on an earlier start: on the server and its id in the store.
    filters.set(storedFilterId, { room: { timeline: { unread_thread_notifications: true } } });
    store.setFilterIdByName(`FILTER_SYNC_${userId}`, storedFilterId);
  }
  return { client, requests };
}

async function startAndSync(client: ReturnType<typeof createClient>): Promise<void> {
  const synced = new Promise<void>((resolve) => client.on(ClientEvent.Sync, (s: SyncState) => s === SyncState.Prepared && resolve()));
  await client.startClient();
  await synced;
  client.stopClient();
}

// What must not change: the requests startClient makes, each once. Only their time moves.
describe("prefetchSyncStart", () => {
  it.each([
    ["a new account (no filter yet)", undefined, ["v1.1", "v1.4", "v1.11"], ["POST /user/@visitor-1:example.org/filter"]],
    ["a new account, a server without thread notifications", undefined, ["v1.1"], ["POST /user/@visitor-1:example.org/filter"]],
    ["an account with its filter stored", "7", ["v1.1", "v1.4", "v1.11"], ["GET /user/@visitor-1:example.org/filter/7"]],
  ])("%s: the sync starts with nothing asked twice", async (_, stored, versions, filterRequests) => {
    const { client, requests } = clientWithFakeServer(stored, versions);
    prefetchSyncStart(client, userId);
    // Before the client starts: the versions, the push rules and the filter are asked for already.
    await new Promise((r) => setTimeout(r, 20));
    expect(requests.map(decodeURIComponent)).toEqual(expect.arrayContaining(["GET /_matrix/client/versions", "GET /pushrules/", ...filterRequests]));
    const before = requests.length;
    await startAndSync(client);
    const after = requests.slice(before).map(decodeURIComponent);
    expect(after.filter((r) => r.includes("/pushrules/") || r.includes("/filter") || r.includes("/versions"))).toEqual([]);
    expect(after.some((r) => r.startsWith("GET /sync"))).toBe(true);
  });

  it("without it, startClient asks for the push rules and makes the filter itself, after it starts", async () => {
    const { client, requests } = clientWithFakeServer();
    await startAndSync(client);
    const seen = requests.map(decodeURIComponent);
    expect(seen.filter((r) => r === "GET /pushrules/")).toHaveLength(1);
    expect(seen.filter((r) => r.endsWith("/filter"))).toHaveLength(1);
  });

  it("a later push rules request asks the server again", async () => {
    const { client, requests } = clientWithFakeServer();
    prefetchSyncStart(client, userId);
    await client.getPushRules();
    await client.getPushRules();
    expect(requests.filter((r) => r === "GET /pushrules/")).toHaveLength(2);
  });
});
