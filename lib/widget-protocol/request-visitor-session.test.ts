import { afterEach, describe, expect, it, vi } from "vitest";
import { requestVisitorSession, VisitorSessionError, type EarlyWork } from "./request-visitor-session";

const session = { homeserverUrl: "http://hs.example", userId: "@visitor-1:hs", deviceId: "D", accessToken: "t", routerUserId: "@router:hs" };
const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status });
const fresh = { challenge: "fresh-challenge", bits: 1, expiresAt: Date.now() + 300_000 };

// The app: a challenge on GET, then the session answers in order; records what was asked.
function fakeApp(sessionAnswers: Response[]) {
  const asked: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url.includes("/api/visitor/challenge")) {
        asked.push("challenge");
        return json(200, fresh);
      }
      asked.push(`session ${(JSON.parse(String(init?.body)) as { challenge: string; nonce: string }).challenge}`);
      return sessionAnswers.shift()!;
    }),
  );
  return asked;
}
const solve = vi.fn(async () => "fresh-nonce");
const early = (msLeft: number): Promise<EarlyWork | null> => Promise.resolve({ challenge: "early-challenge", nonce: "n", expiresAt: Date.now() + msLeft });
// Made when the test runs (a rejected promise made at collection would be reported unhandled).
const failedWork = (): Promise<EarlyWork | null> => Promise.reject(new Error("worker"));
const ask = (work?: Promise<EarlyWork | null>) => requestVisitorSession({ appUrl: "", siteId: "demo", hostOrigin: "http://host", solve, work });

afterEach(() => {
  vi.unstubAllGlobals();
  solve.mockClear();
});

describe("requestVisitorSession", () => {
  it.each([
    ["solved early: no challenge request, no solving", () => early(200_000), ["session early-challenge"], 0],
    ["no early work", () => undefined, ["challenge", "session fresh-challenge"], 1],
    ["the early work could not run", () => Promise.resolve(null), ["challenge", "session fresh-challenge"], 1],
    ["the early work failed", failedWork, ["challenge", "session fresh-challenge"], 1],
    ["the early challenge about to expire", () => early(5_000), ["challenge", "session fresh-challenge"], 1],
  ])("%s", async (_name, work, expected, solved) => {
    const asked = fakeApp([json(200, session)]);
    await expect(ask(work())).resolves.toEqual(session);
    expect(asked).toEqual(expected);
    expect(solve).toHaveBeenCalledTimes(solved);
  });

  it.each([400, 403, 409])("early work refused with %i: one fresh challenge", async (status) => {
    const asked = fakeApp([json(status, { error: "expired" }), json(200, session)]);
    await expect(ask(early(200_000))).resolves.toEqual(session);
    expect(asked).toEqual(["session early-challenge", "challenge", "session fresh-challenge"]);
  });

  it("a refusal that is not about the work (rate limit) is reported, not retried", async () => {
    const asked = fakeApp([json(429, { error: "Too many new chats" })]);
    const err: unknown = await ask(early(200_000)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VisitorSessionError);
    expect((err as VisitorSessionError).status).toBe(429);
    expect(asked).toEqual(["session early-challenge"]);
  });

  it("fresh work refused too: reported, no loop", async () => {
    const asked = fakeApp([json(403, { error: "expired" }), json(403, { error: "wrong" })]);
    await expect(ask(early(200_000))).rejects.toThrow("wrong");
    expect(asked).toHaveLength(3);
  });
});
