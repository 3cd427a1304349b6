// @vitest-environment jsdom
import type { MatrixClient } from "matrix-js-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WIDGET_CATALOGUE } from "../../lib/widget-i18n/catalogue";
import { createRosterGuard } from "./roster-guard";

const ME = "@visitor-1:hs";
const AGENT = "@agent:hs";
const STRANGER = "@stranger:hs";

/** fetch answers that the test releases one by one, in any order. */
function heldFetches(): { release(i: number): void; count(): number } {
  const pending: (() => void)[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(
      () =>
        new Promise<Response>((resolve) => {
          pending.push(() => resolve(new Response(JSON.stringify({ agents: [AGENT] }), { status: 200 })));
        }),
    ),
  );
  return { release: (i) => pending[i]?.(), count: () => pending.length };
}

const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe("roster guard: overlapping checks", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("an older check that finishes last does not bring back a stranger who has left", async () => {
    const fetches = heldFetches();
    const warnings: (string | null)[] = [];
    const guard = createRosterGuard({
      client: { getSafeUserId: () => ME } as unknown as MatrixClient,
      orgKeyParam: null, // degraded mode: the agent list is fetched for each check until one answers
      routerUserId: "@router:hs",
      t: WIDGET_CATALOGUE.en,
      onWarning: (w) => warnings.push(w),
    });
    guard.review([ME, AGENT, STRANGER]); // the stranger is in the room
    guard.review([ME, AGENT]); // then gone
    await flush();
    expect(fetches.count()).toBe(3); // the start-up fetch and one per check
    fetches.release(2); // the newer check answers first: nobody unknown
    await flush();
    await flush();
    fetches.release(1); // the older one answers last, with the stranger in its member list
    await flush();
    await flush();
    expect(warnings.at(-1)).toBeNull();
  });

  it("an older check that finishes last does not clear the warning about a newcomer", async () => {
    const fetches = heldFetches();
    const warnings: (string | null)[] = [];
    const guard = createRosterGuard({
      client: { getSafeUserId: () => ME } as unknown as MatrixClient,
      orgKeyParam: null,
      routerUserId: "@router:hs",
      t: WIDGET_CATALOGUE.en,
      onWarning: (w) => warnings.push(w),
    });
    guard.review([ME, AGENT]); // before the newcomer
    guard.review([ME, AGENT, STRANGER]); // the newcomer joined
    await flush();
    fetches.release(2);
    await flush();
    await flush();
    fetches.release(1);
    await flush();
    await flush();
    expect(warnings.at(-1)).toContain(STRANGER);
  });
});

describe("roster guard: a held send", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("goes on as soon as the room's members change for the better, not at the next 3 s re-check", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(JSON.stringify({ agents: [AGENT] }), { status: 200 })),
    );
    const guard = createRosterGuard({
      client: { getSafeUserId: () => ME } as unknown as MatrixClient,
      orgKeyParam: null,
      routerUserId: "@router:hs",
      t: WIDGET_CATALOGUE.en,
      onWarning: () => {},
    });
    let members = [ME, AGENT, STRANGER];
    let sent = false;
    const send = guard.waitUntilSafe(() => members).then(() => (sent = true));
    for (let i = 0; i < 5; i++) await flush();
    expect(guard.holding).toBe(true);
    members = [ME, AGENT]; // the stranger left: the membership event reaches the guard
    const t0 = Date.now();
    guard.review(members);
    await send;
    expect(sent).toBe(true);
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(guard.holding).toBe(false);
  });
});
