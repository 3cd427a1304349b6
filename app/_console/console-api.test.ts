import { afterEach, describe, expect, it, vi } from "vitest";
import { claimConversation, fetchAgentConversations } from "./console-api";

afterEach(() => vi.unstubAllGlobals());

describe("claimConversation (the inbox's Take)", () => {
  it("resolves when the server assigns it", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Response.json({ ok: true })),
    );
    await expect(claimConversation("!r:x")).resolves.toBeUndefined();
  });
  it("rejects with the server's reason", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Response.json({ error: "Another agent has already taken this conversation" }, { status: 409 })),
    );
    await expect(claimConversation("!r:x")).rejects.toThrow("Another agent has already taken this conversation");
  });
  it("rejects with 'network error' when the server cannot be reached", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))),
    );
    await expect(claimConversation("!r:x")).rejects.toThrow(/^network error$/);
  });
});

describe("fetchAgentConversations", () => {
  it("answers the list", async () => {
    const row = {
      roomId: "!r:x",
      status: "assigned",
      siteId: "s",
      visitorUserId: "@visitor-1:x",
      createdAt: "2026-01-01T00:00:00.000Z",
      notesRoomId: null,
      participants: ["@visitor-1:x"],
    };
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Response.json({ conversations: [row] })),
    );
    await expect(fetchAgentConversations()).resolves.toEqual([row]);
  });
});
