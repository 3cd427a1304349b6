import { describe, expect, it } from "vitest";
import { layoutProblems } from "./workers/layout";
import { allocateWorkerPorts, listenerNames, localLayout } from "./worker-deployment";

describe("allocateWorkerPorts", () => {
  it("gives every listener and Redis its own port, never the proxy's, even when the kernel repeats one", async () => {
    // A free() that hands out the proxy's port and repeats itself, as a released port may be.
    const seq = [8448, 10001, 10001, 10002, 8448, ...Array.from({ length: 40 }, (_, i) => 10003 + i)];
    const ports = await allocateWorkerPorts(8448, () => Promise.resolve(seq.shift()!));
    const all = [ports.proxy, ports.redis, ...Object.values(ports.listeners)];
    expect(new Set(all).size).toBe(all.length);
    expect(Object.keys(ports.listeners).sort()).toEqual(listenerNames().sort());
    expect(ports.proxy).toBe(8448);
  });

  it("yields a valid loopback layout", async () => {
    let p = 20000;
    const layout = localLayout(await allocateWorkerPorts(19999, () => Promise.resolve(p++)));
    expect(layoutProblems(layout)).toEqual([]);
    expect(layout.main.http.host).toBe("127.0.0.1");
  });

  it("refuses ports that lack a listener", () => {
    expect(() => localLayout({ proxy: 1, redis: 2, listeners: {} })).toThrow(/no port for main\.http/);
  });
});
