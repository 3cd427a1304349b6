import { describe, expect, it } from "vitest";
import { synapseErasureAdmin } from "./synapse-admin";

/** Synapse's answers in order, per "METHOD path"; records each call. */
function fakeFetch(answers: Record<string, { status: number; body: object }[]>) {
  const calls: string[] = [];
  const f = (async (url: string, init: RequestInit) => {
    const key = `${init.method} ${url.replace("http://hs/_synapse/admin", "")}`;
    calls.push(init.body ? `${key} ${String(init.body)}` : key);
    const next = answers[key]?.shift();
    if (!next) throw new Error(`unexpected ${key}`);
    return new Response(JSON.stringify(next.body), { status: next.status });
  }) as unknown as typeof fetch;
  return { f, calls };
}
const admin = (f: typeof fetch) => synapseErasureAdmin({ baseUrl: "http://hs/", token: "t0ken-admin", fetch: f, sleep: async () => {}, timeoutMs: 60_000 });

describe("the Synapse admin calls of erasure", () => {
  it("purges with purge: true and polls the task until complete", async () => {
    const { f, calls } = fakeFetch({
      "DELETE /v2/rooms/!r%3Ax": [{ status: 200, body: { delete_id: "d1" } }],
      "GET /v2/rooms/delete_status/d1": [
        { status: 200, body: { status: "active" } },
        { status: 200, body: { status: "complete" } },
      ],
    });
    await admin(f).purgeRoom("!r:x");
    expect(calls).toEqual([`DELETE /v2/rooms/!r%3Ax {"purge":true,"block":false}`, "GET /v2/rooms/delete_status/d1", "GET /v2/rooms/delete_status/d1"]);
  });

  it("a purge already running (another router) is followed by room; a failed one throws", async () => {
    const { f } = fakeFetch({
      "DELETE /v2/rooms/!r%3Ax": [
        { status: 400, body: { error: "Purge already in progress for !r:x" } },
        { status: 200, body: { delete_id: "d2" } },
      ],
      "GET /v2/rooms/!r%3Ax/delete_status": [{ status: 200, body: { results: [{ status: "complete" }] } }],
      "GET /v2/rooms/delete_status/d2": [{ status: 200, body: { status: "failed", error: "boom" } }],
    });
    await admin(f).purgeRoom("!r:x");
    await expect(admin(f).purgeRoom("!r:x")).rejects.toThrow("Synapse failed to purge !r:x: boom");
  });

  it("a refused purge throws with Synapse's reason", async () => {
    const { f } = fakeFetch({ "DELETE /v2/rooms/!r%3Ax": [{ status: 403, body: { error: "You are not a server admin" } }] });
    await expect(admin(f).purgeRoom("!r:x")).rejects.toThrow("Synapse refused to purge !r:x: 403 You are not a server admin");
  });

  it("deactivates with erase: true; an unknown account is done; joined rooms of an unknown account are none", async () => {
    const { f, calls } = fakeFetch({
      "POST /v1/deactivate/%40visitor-1%3Ax": [
        { status: 200, body: {} },
        { status: 404, body: { error: "User not found" } },
      ],
      "GET /v1/users/%40visitor-1%3Ax/joined_rooms": [{ status: 404, body: {} }],
    });
    await admin(f).deactivate("@visitor-1:x");
    await admin(f).deactivate("@visitor-1:x");
    expect(await admin(f).joinedRooms("@visitor-1:x")).toEqual([]);
    expect(calls[0]).toBe(`POST /v1/deactivate/%40visitor-1%3Ax {"erase":true}`);
  });
});
