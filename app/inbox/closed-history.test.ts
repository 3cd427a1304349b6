import type { Room } from "matrix-js-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { closeClosedHistory, openClosedHistory } from "./closed-history";

afterEach(() => vi.unstubAllGlobals());

/** The app answers the open route with `status`; the client records what it asked Synapse. */
function setUp(status: number, membership = "leave") {
  const calls: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      calls.push(`app ${url}`);
      return status === 200
        ? Response.json({ ok: true })
        : Response.json({ error: "Only an agent this conversation was assigned to may open it." }, { status });
    }),
  );
  const room = { roomId: "!r:x", getMyMembership: () => membership } as unknown as Room;
  const client = {
    peekInRoom: vi.fn(async () => (calls.push("synapse peek"), room)),
    stopPeeking: vi.fn(() => void calls.push("stop peeking")),
    getRoom: () => room,
    store: { removeRoom: vi.fn((id: string) => void calls.push(`drop ${id}`)) },
  };
  const loadAll = vi.fn(async () => void calls.push("load history"));
  return { calls, client: client as unknown as Parameters<typeof openClosedHistory>[0], loadAll };
}

describe("openClosedHistory", () => {
  it("asks our checked route first, then reads the room once from Synapse and its whole history", async () => {
    const { calls, client, loadAll } = setUp(200);
    await openClosedHistory(client, loadAll, "!r:x");
    expect(calls).toEqual(["app /api/agent/closed/open", "synapse peek", "stop peeking", "load history"]);
  });

  it("asks Synapse nothing when our route refuses (403), and shows the server's reason", async () => {
    const { calls, client, loadAll } = setUp(403);
    await expect(openClosedHistory(client, loadAll, "!r:x")).rejects.toThrow("Only an agent this conversation was assigned to may open it.");
    expect(calls).toEqual(["app /api/agent/closed/open"]);
  });
});

describe("closeClosedHistory", () => {
  it("drops a room read as a departed member from memory", () => {
    const { calls, client } = setUp(200);
    closeClosedHistory(client, "!r:x");
    expect(calls).toEqual(["drop !r:x"]);
  });
  it("keeps a room the console is joined to (a conversation within the reopening grace)", () => {
    const { calls, client } = setUp(200, "join");
    closeClosedHistory(client, "!r:x");
    expect(calls).toEqual([]);
  });
});
