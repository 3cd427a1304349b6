import { describe, expect, it } from "vitest";
import { defaultLayout, layoutProblems, mainProcessConfig, sharedWorkerConfig, workerConfig, type WorkerLayout } from "./layout";

let next = 9000;
const local = (): WorkerLayout => defaultLayout(() => ({ host: "127.0.0.1", port: next++ }), { host: "127.0.0.1", port: 6379 });

describe("defaultLayout", () => {
  it("is valid: client, sync, two event persisters, one small-stream writer, media", () => {
    const layout = local();
    expect(layoutProblems(layout)).toEqual([]);
    expect(layout.workers.map((w) => [w.name, w.roles.join("+"), Boolean(w.http)])).toEqual([
      ["client1", "client", true],
      ["sync1", "sync", true],
      ["persister1", "events", false],
      ["persister2", "events", false],
      ["streams1", "streams", true],
      ["media1", "media", true],
    ]);
  });
});

describe("layoutProblems", () => {
  const base = local();
  const cases: [string, (l: WorkerLayout) => WorkerLayout, RegExp][] = [
    [
      "a name used twice",
      (l) => ({ ...l, workers: [...l.workers, { ...l.workers[0]!, replication: { host: "127.0.0.1", port: 1 }, http: { host: "127.0.0.1", port: 2 } }] }),
      /client1 is used twice/,
    ],
    ["a worker called main", (l) => ({ ...l, workers: l.workers.map((w, i) => (i === 0 ? { ...w, name: "main" } : w)) }), /called main/],
    ["no sync worker", (l) => ({ ...l, workers: l.workers.filter((w) => w.name !== "sync1") }), /no worker has the sync role/],
    ["no event persister", (l) => ({ ...l, workers: l.workers.filter((w) => !w.roles.includes("events")) }), /no worker has the events role/],
    [
      "two small-stream writers",
      (l) => ({ ...l, workers: l.workers.map((w) => (w.name === "client1" ? { ...w, roles: ["client", "streams"] } : w)) }),
      /exactly one worker must have the streams role/,
    ],
    ["a port used twice", (l) => ({ ...l, redis: l.main.http }), /used by two listeners/],
    [
      "a client worker without http listener",
      (l) => ({ ...l, workers: l.workers.map((w) => (w.name === "client1" ? { name: w.name, roles: w.roles, replication: w.replication } : w)) }),
      /client1 serves clients but has no http listener/,
    ],
    ["an upper-case name", (l) => ({ ...l, workers: l.workers.map((w) => (w.name === "media1" ? { ...w, name: "Media" } : w)) }), /must be lower-case/],
  ];
  it.each(cases)("reports %s", (_what, change, problem) => {
    expect(layoutProblems(change(base)).join("; ")).toMatch(problem);
  });
});

describe("sharedWorkerConfig", () => {
  const layout = local();
  const shared = sharedWorkerConfig(layout, "s3cret");

  it("shards events over both persisters and gives each single-writer stream one writer", () => {
    expect(shared.stream_writers).toEqual({
      events: ["persister1", "persister2"],
      typing: ["streams1"],
      to_device: ["streams1"],
      account_data: ["streams1"],
      receipts: ["streams1"],
    });
  });

  it("maps every instance Synapse may call to its replication listener, main included", () => {
    const map = shared.instance_map as Record<string, { host: string; port: number }>;
    expect(Object.keys(map).sort()).toEqual(["client1", "main", "media1", "persister1", "persister2", "streams1", "sync1"]);
    expect(map.main).toEqual(layout.main.replication);
    expect(map.persister2).toEqual(layout.workers.find((w) => w.name === "persister2")!.replication);
  });

  it("moves the media repository off the main process and uses Redis and the replication secret", () => {
    expect(shared).toMatchObject({
      enable_media_repo: false,
      media_instance_running_background_jobs: "media1",
      redis: { enabled: true, host: "127.0.0.1", port: 6379 },
      worker_replication_secret: "s3cret",
    });
  });

  it("refuses an invalid layout", () => {
    expect(() => sharedWorkerConfig({ ...layout, workers: [] }, "x")).toThrow(/invalid Synapse worker layout/);
  });
});

describe("process files", () => {
  const layout = local();
  const names = (cfg: Record<string, unknown>, key: string): string[][] =>
    (cfg[key] as { resources: { names: string[] }[] }[]).map((l) => l.resources.flatMap((r) => r.names));

  it("gives the main process a client listener behind the proxy and a replication listener", () => {
    const main = mainProcessConfig(layout);
    expect(names(main, "listeners")).toEqual([["client"], ["replication"]]);
    expect((main.listeners as { x_forwarded: boolean }[]).map((l) => l.x_forwarded)).toEqual([true, false]);
  });

  it.each([
    ["client1", "synapse.app.generic_worker", [["client"], ["replication"]]],
    ["sync1", "synapse.app.generic_worker", [["client"], ["replication"]]],
    ["persister1", "synapse.app.generic_worker", [["replication"]]],
    ["streams1", "synapse.app.generic_worker", [["client"], ["replication"]]],
    ["media1", "synapse.app.media_repository", [["media"], ["replication"]]],
  ])("%s runs %s with listeners %j", (name, app, listeners) => {
    const cfg = workerConfig(
      layout.workers.find((w) => w.name === name)!,
      "/x/log.config",
    );
    expect(cfg).toMatchObject({ worker_app: app, worker_name: name, worker_log_config: "/x/log.config" });
    expect(names(cfg, "worker_listeners")).toEqual(listeners);
  });

  it("binds every interface when the host is a service name (Compose), loopback otherwise", () => {
    const compose = defaultLayout((name) => ({ host: `synapse-${name}`, port: 8008 + next++ }), { host: "redis", port: 6379 });
    const bind = (cfg: Record<string, unknown>): string[] => (cfg.worker_listeners as { bind_addresses: string[] }[]).flatMap((l) => l.bind_addresses);
    expect(bind(workerConfig(compose.workers[0]!, undefined))).toEqual(["0.0.0.0", "0.0.0.0"]);
    expect(bind(workerConfig(layout.workers[0]!, undefined))).toEqual(["127.0.0.1", "127.0.0.1"]);
  });
});
