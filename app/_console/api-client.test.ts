import { afterEach, describe, expect, it, vi } from "vitest";
import { claimRoute, notesRoomRoute, queueRoute } from "../../lib/console-api/agent-routes";
import { ApiError, callApi } from "./api-client";

function answer(status: number, body: unknown): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(text, { status, headers: { "content-type": "application/json" } })),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("callApi", () => {
  it("sends the body as JSON, uncached, and answers the parsed result", async () => {
    answer(200, { ok: true, extra: "dropped" });
    await expect(callApi(claimRoute, { body: { roomId: "!r:x" } })).resolves.toEqual({ ok: true });
    expect(fetch).toHaveBeenCalledWith("/api/agent/claim", {
      method: "POST",
      cache: "no-store",
      headers: { "content-type": "application/json" },
      body: '{"roomId":"!r:x"}',
    });
  });

  it("puts the query in the URL", async () => {
    answer(200, { notesRoomId: null });
    await expect(callApi(notesRoomRoute, { query: { roomId: "!r:x" } })).resolves.toEqual({ notesRoomId: null });
    expect(vi.mocked(fetch).mock.calls[0]?.[0]).toBe("/api/agent/notes?roomId=%21r%3Ax");
  });

  it.each([
    ["the server's message", 409, { error: "Another agent has already taken this conversation" }, "Another agent has already taken this conversation"],
    ["HTTP status without a message", 502, "<html>Bad gateway</html>", "HTTP 502"],
    ["HTTP status when error is not text", 400, { error: { nested: true } }, "HTTP 400"],
  ])("a refusal carries %s", async (_what, status, body, message) => {
    answer(status, body);
    const err = await callApi(claimRoute, { body: { roomId: "!r:x" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status, message });
  });

  it("refuses a 2xx answer that does not fit the schema (no cast)", async () => {
    answer(200, { conversations: [{ roomId: 1 }] });
    await expect(callApi(queueRoute)).rejects.toThrow("Unexpected answer from /api/agent/queue");
  });

  it("passes a network failure on", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))),
    );
    await expect(callApi(queueRoute)).rejects.toThrow("Failed to fetch");
  });
});
