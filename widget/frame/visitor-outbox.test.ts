// @vitest-environment jsdom
import type { MatrixClient } from "matrix-js-sdk";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { WIDGET_CATALOGUE } from "../../lib/widget-i18n/catalogue";
import type { RosterGuard } from "./roster-guard";
import { createVisitorOutbox } from "./visitor-outbox";

const t = WIDGET_CATALOGUE.en;
const never = new Promise<{ client: MatrixClient; guard: RosterGuard }>(() => {});

function outbox(ready = never, ensureRoom = vi.fn(async () => "!room:hs")) {
  return createVisitorOutbox({ ready, resumingUserId: "@v:hs", t, siteId: "s1", ensureRoom, me: () => "@v:hs", onChange: () => {} });
}

beforeEach(() => localStorage.clear());

describe("createVisitorOutbox", () => {
  it("shows what the visitor wrote as pending at once, in order, before the client runs", () => {
    const o = outbox();
    o.sendText("one");
    o.sendText("two");
    const views = o.pendingViews(new Set(), new Set());
    expect(views.map((v) => [v.body, v.state, v.mine, v.sender])).toEqual([
      ["one", "pending", true, "@v:hs"],
      ["two", "pending", true, "@v:hs"],
    ]);
  });

  it("keeps unsent text across page loads under the same transaction ids (the server stores it once)", () => {
    const first = outbox();
    first.sendText("kept");
    const [pending] = first.pendingViews(new Set(), new Set());
    if (!pending) throw new Error("the unsent text is not shown as pending");
    const txn = pending.id;
    const next = outbox();
    expect(next.pendingViews(new Set(), new Set()).map((v) => [v.id, v.body])).toEqual([[txn, "kept"]]);
    // Once the timeline has an event sent under that txn id, it is not shown twice.
    expect(next.pendingViews(new Set(), new Set([txn]))).toEqual([]);
  });

  it("after another tab takes over, this tab no longer rewrites the kept messages", () => {
    const o = outbox();
    o.sendText("mine");
    const kept = localStorage.getItem("sealdesk:outbox:s1");
    o.stop();
    o.sendText("after stop");
    expect(localStorage.getItem("sealdesk:outbox:s1")).toBe(kept);
  });

  it("sends the pre-chat answers just before the first message, as a notice", () => {
    const o = outbox();
    o.holdPrechat({ name: "Ada", email: "" });
    o.sendText("hi");
    const views = o.pendingViews(new Set(), new Set());
    expect(views.map((v) => [v.body, v.prechat ?? false])).toEqual([
      [t.prechatSummary("Ada", ""), true],
      ["hi", false],
    ]);
  });

  it("marks pending messages held while the roster guard holds", async () => {
    const guard = { holding: true, waitUntilSafe: () => new Promise(() => {}) } as unknown as RosterGuard;
    const client = { getSafeUserId: () => "@v:hs", getRoom: () => null } as unknown as MatrixClient;
    const o = outbox(Promise.resolve({ client, guard }));
    o.sendText("waits");
    await new Promise((r) => setTimeout(r, 0));
    expect(o.pendingViews(new Set(), new Set())[0]).toMatchObject({ state: "pending", held: true });
  });
});
