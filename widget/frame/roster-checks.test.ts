// @vitest-environment jsdom
import type { MatrixClient } from "matrix-js-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { prefetchRoster, rosterChecks } from "./roster-checks";

const ME = "@visitor-1:hs";
const client = { getSafeUserId: () => ME } as unknown as MatrixClient;
// The app: the agent list names these agents at each request; records the URLs asked.
function fakeApp(...lists: string[][]): string[] {
  const asked: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => (asked.push(url), new Response(JSON.stringify({ agents: lists[asked.length - 1] ?? [] }), { status: 200 }))),
  );
  return asked;
}

describe("prefetchRoster", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("the first check uses the answer asked for at start; later ones ask again", async () => {
    const asked = fakeApp(["@agent:hs"], ["@agent:hs", "@new:hs"]);
    prefetchRoster(false);
    expect(asked).toEqual(["/api/roster/agents"]);
    const checks = rosterChecks(client, null, "@router:hs", new Set());
    expect((await checks.unknown([ME, "@agent:hs"])).map((u) => u.userId)).toEqual([]); // the prefetched list, no new request
    expect(asked).toHaveLength(1);
    await checks.refresh();
    expect(asked).toHaveLength(2);
    expect((await checks.unknown([ME, "@new:hs"])).map((u) => u.userId)).toEqual([]);
  });

  it("an answer for the other kind of check is not used (roster asked for, agent list needed)", async () => {
    const asked = fakeApp([], ["@agent:hs"]);
    prefetchRoster(true);
    const checks = rosterChecks(client, null, "@router:hs", new Set());
    expect((await checks.unknown([ME, "@agent:hs"])).map((u) => u.userId)).toEqual([]);
    expect(asked).toEqual(["/api/roster", "/api/roster/agents"]);
  });

  it("a failed early request is not an answer: the check asks again", async () => {
    const asked: string[] = [];
    let first = true;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        asked.push(url);
        if (first) return ((first = false), Promise.reject(new TypeError("offline")));
        return new Response(JSON.stringify({ agents: ["@agent:hs"] }), { status: 200 });
      }),
    );
    prefetchRoster(false);
    const checks = rosterChecks(client, null, "@router:hs", new Set());
    expect((await checks.unknown([ME, "@agent:hs"])).map((u) => u.userId)).toEqual([]);
    expect(asked).toEqual(["/api/roster/agents", "/api/roster/agents"]);
  });
});

describe("rosterChecks' minute", () => {
  afterEach(() => (vi.unstubAllGlobals(), vi.useRealTimers()));
  const agentsOf = async (checks: ReturnType<typeof rosterChecks>, who: string) => (await checks.unknown([ME, who])).map((u) => u.userId);

  it("past 45 s a check uses the list it has and fetches the next beside it; past 60 s without one it waits for it", async () => {
    vi.useFakeTimers();
    const asked = fakeApp(["@agent:hs"], ["@agent:hs", "@new:hs"], ["@agent:hs", "@new:hs", "@third:hs"]);
    const checks = rosterChecks(client, null, "@router:hs", new Set());
    expect(await agentsOf(checks, "@new:hs")).toEqual(["@new:hs"]);
    vi.advanceTimersByTime(30_000);
    expect(await agentsOf(checks, "@new:hs")).toEqual(["@new:hs"]);
    expect(asked).toHaveLength(1);
    vi.advanceTimersByTime(20_000); // 50 s: the check does not wait, the next list is on its way
    expect(await agentsOf(checks, "@new:hs")).toEqual(["@new:hs"]);
    expect(asked).toHaveLength(2);
    await vi.waitFor(async () => expect(await agentsOf(checks, "@new:hs")).toEqual([]));
    vi.advanceTimersByTime(61_000); // nothing fetched for a minute: the check waits for the list
    expect(await agentsOf(checks, "@third:hs")).toEqual([]);
    expect(asked).toHaveLength(3);
  });
});
