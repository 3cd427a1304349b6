// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { HANDSHAKE_TIMEOUT_MS, handshake } from "./host-handshake";

const HOST = "https://shop.example";
// A compact JWT's shape (the app verifies it; the frame passes only that shape on).
const TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjdXN0LTEifQ.c2lnbmF0dXJl";
// The page's answer, as the loader posts it (in jsdom the frame's parent is the window itself).
const answer = (origin = HOST, data: unknown = { type: "sealdesk:context", pageUrl: `${HOST}/cart`, language: "en", userToken: TOKEN }) =>
  window.dispatchEvent(new MessageEvent("message", { origin, data, source: window }));

afterEach(() => void vi.useRealTimers());

describe("handshake with the page", () => {
  it("takes the page's context even when the answer comes late on a busy machine (seconds, not milliseconds)", async () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    const context = handshake(HOST, (m) => void sent.push(m));
    expect(sent).toEqual([{ type: "sealdesk:ready" }]);
    await vi.advanceTimersByTimeAsync(1_500);
    answer();
    await expect(context).resolves.toEqual({ pageUrl: `${HOST}/cart`, language: "en", userToken: TOKEN });
  });

  it("ignores another origin's message and gives up (no context) only when the page never answers", async () => {
    vi.useFakeTimers();
    const context = handshake(HOST, () => {});
    answer("https://evil.example");
    let settled: unknown = "pending";
    void context.then((c) => (settled = c));
    await vi.advanceTimersByTimeAsync(HANDSHAKE_TIMEOUT_MS - 1);
    expect(settled).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBeNull();
  });
});
