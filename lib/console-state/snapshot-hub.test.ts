import { describe, expect, it } from "vitest";
import { createSnapshotHub } from "./snapshot-hub";

describe("createSnapshotHub", () => {
  it("builds a snapshot once and keeps it until its key is invalidated", () => {
    const hub = createSnapshotHub();
    let builds = 0;
    const build = () => ({ n: ++builds });
    const first = hub.read("a", build);
    expect(hub.read("a", build)).toBe(first);
    hub.invalidate(["b"]);
    expect(hub.read("a", build)).toBe(first);
    hub.invalidate(["a"]);
    expect(hub.read("a", build)).toEqual({ n: 2 });
  });

  it("keeps the old identity when the rebuilt value is the same", () => {
    const hub = createSnapshotHub();
    const same = (x: number[], y: number[]) => x.join() === y.join();
    const first = hub.read("k", () => [1, 2], same);
    hub.invalidate(["k"]);
    expect(hub.read("k", () => [1, 2], same)).toBe(first);
    hub.invalidate(["k"]);
    expect(hub.read("k", () => [3], same)).toEqual([3]);
  });

  it("tells only the listeners of the keys invalidated; a prefix key reaches every key under it", () => {
    const hub = createSnapshotHub();
    const heard: string[] = [];
    for (const key of ["list", "notes:!a", "notes:!b", "room:!a"]) hub.subscribe(key, () => heard.push(key));
    hub.invalidate(["room:!a"]);
    expect(heard).toEqual(["room:!a"]);
    heard.length = 0;
    hub.invalidate(["notes:*"]);
    expect(heard.sort()).toEqual(["notes:!a", "notes:!b"]);
    heard.length = 0;
    hub.invalidateAll();
    expect(heard.sort()).toEqual(["list", "notes:!a", "notes:!b", "room:!a"]);
  });

  it("stops telling a listener once unsubscribed", () => {
    const hub = createSnapshotHub();
    let n = 0;
    const off = hub.subscribe("k", () => n++);
    hub.invalidate(["k"]);
    off();
    hub.invalidate(["k"]);
    expect(n).toBe(1);
  });
});
