// The Synapse worker deployment as data: which processes run, what each one does, and the
// configuration files that follow from it. Pure: a layout in, YAML text out. The scripts
// (synapse/worker-deployment.ts) write these files next to the monolith's homeserver.yaml;
// deploy/synapse/workers/ holds the same files rendered for docker-compose.yml.
import { stringify } from "yaml";

/** What a worker does; each role decides the worker's listeners and which paths the proxy sends it. */
export type WorkerRole =
  /** Client reads and writes that any generic worker serves (room state, members, send, invite, keys…). */
  | "client"
  /** Long-polling `/sync` (and the legacy /events and /initialSync). */
  | "sync"
  /** An event persister: one shard of `stream_writers.events` (rooms are sharded by id). */
  | "events"
  /** The single writer of the typing, to_device, receipts and account_data streams. */
  | "streams"
  /** The media repository (uploads, downloads, thumbnails, media admin API). */
  | "media";

/** Where a process listens. `http` serves clients through the proxy; `replication` serves the other processes. */
export type Endpoint = { host: string; port: number };

export type WorkerSpec = { name: string; roles: WorkerRole[]; http?: Endpoint; replication: Endpoint };

export type WorkerLayout = {
  /** The main process: the admin API, registration and every path no worker takes. */
  main: { http: Endpoint; replication: Endpoint };
  workers: WorkerSpec[];
  redis: Endpoint;
};

/** Roles whose worker answers client requests (and so needs a `client` HTTP listener). */
const HTTP_ROLES: ReadonlySet<WorkerRole> = new Set(["client", "sync", "streams", "media"]);

/** Whether a worker with these roles serves HTTP requests from the proxy. */
export const servesHttp = (roles: readonly WorkerRole[]): boolean => roles.some((r) => HTTP_ROLES.has(r));

/** Workers that have `role`. */
export const withRole = (layout: WorkerLayout, role: WorkerRole): WorkerSpec[] => layout.workers.filter((w) => w.roles.includes(role));

/**
 * The deployment the scripts start and docker-compose.yml describes: one client worker, one
 * sync worker, two event persisters, one writer for the small streams, one media worker.
 * `endpoint(name, kind)` places each listener (free ports on one machine; service names in Compose).
 */
export function defaultLayout(endpoint: (name: string, kind: "http" | "replication") => Endpoint, redis: Endpoint): WorkerLayout {
  const worker = (name: string, roles: WorkerRole[]): WorkerSpec => ({
    name,
    roles,
    replication: endpoint(name, "replication"),
    ...(servesHttp(roles) ? { http: endpoint(name, "http") } : {}),
  });
  return {
    main: { http: endpoint("main", "http"), replication: endpoint("main", "replication") },
    workers: [
      worker("client1", ["client"]),
      worker("sync1", ["sync"]),
      worker("persister1", ["events"]),
      worker("persister2", ["events"]),
      worker("streams1", ["streams"]),
      worker("media1", ["media"]),
    ],
    redis,
  };
}

/**
 * Problems that would make Synapse refuse the layout or leave a part unserved: duplicate
 * names, a missing role, more than one writer of a single-writer stream, a port used twice.
 */
export function layoutProblems(layout: WorkerLayout): string[] {
  const problems: string[] = [];
  const names = layout.workers.map((w) => w.name);
  for (const n of new Set(names)) if (names.filter((x) => x === n).length > 1) problems.push(`worker name ${n} is used twice`);
  if (names.includes("main")) problems.push("no worker may be called main (the main process's instance name)");
  for (const w of layout.workers) {
    if (!/^[a-z][a-z0-9_-]*$/.test(w.name)) problems.push(`worker name ${w.name} must be lower-case letters, digits, - or _`);
    if (servesHttp(w.roles) && !w.http) problems.push(`${w.name} serves clients but has no http listener`);
  }
  for (const role of ["client", "sync", "events", "media"] as const) {
    if (withRole(layout, role).length === 0) problems.push(`no worker has the ${role} role`);
  }
  if (withRole(layout, "streams").length !== 1)
    problems.push("exactly one worker must have the streams role (typing, to_device and account_data take a single writer)");
  const used = [layout.main.http, layout.main.replication, ...layout.workers.flatMap((w) => [w.replication, ...(w.http ? [w.http] : [])]), layout.redis].map(
    (e) => `${e.host}:${e.port}`,
  );
  for (const e of new Set(used)) if (used.filter((x) => x === e).length > 1) problems.push(`${e} is used by two listeners`);
  return problems;
}

const assertValid = (layout: WorkerLayout): void => {
  const problems = layoutProblems(layout);
  if (problems.length) throw new Error(`invalid Synapse worker layout: ${problems.join("; ")}`);
};

const listener = (e: Endpoint, names: string[], xForwarded: boolean): object => ({
  port: e.port,
  bind_addresses: [e.host === "localhost" || /^[\d.:]+$/.test(e.host) ? e.host : "0.0.0.0"],
  type: "http",
  tls: false,
  x_forwarded: xForwarded,
  resources: [{ names, compress: false }],
});

/**
 * Settings every process reads on top of homeserver.yaml: Redis, the instance map, the
 * stream writers, and the media repository moved off the main process.
 * `replicationSecret` authenticates the replication HTTP calls between processes; leave it out
 * when homeserver.yaml carries it (deploy/: the one file with secrets).
 */
export function sharedWorkerConfig(layout: WorkerLayout, replicationSecret?: string): Record<string, unknown> {
  assertValid(layout);
  const streams = withRole(layout, "streams")[0]!.name; // assertValid: exactly one
  const media = withRole(layout, "media").map((w) => w.name);
  return {
    redis: { enabled: true, host: layout.redis.host, port: layout.redis.port },
    ...(replicationSecret === undefined ? {} : { worker_replication_secret: replicationSecret }),
    instance_map: Object.fromEntries(
      [["main", layout.main.replication], ...layout.workers.map((w) => [w.name, w.replication])].map(([n, e]) => [
        n,
        { host: (e as Endpoint).host, port: (e as Endpoint).port },
      ]),
    ),
    stream_writers: {
      events: withRole(layout, "events").map((w) => w.name),
      typing: [streams],
      to_device: [streams],
      account_data: [streams],
      receipts: [streams],
    },
    // Presence is off (homeserver.yaml), so its single writer stays the main process.
    enable_media_repo: false,
    media_instance_running_background_jobs: media[0],
  };
}

/** The main process's listeners: clients (through the proxy, x_forwarded) and replication. */
export function mainProcessConfig(layout: WorkerLayout): Record<string, unknown> {
  return { listeners: [listener(layout.main.http, ["client"], true), listener(layout.main.replication, ["replication"], false)] };
}

/** One worker's own file: its app, name, listeners and log config. */
export function workerConfig(worker: WorkerSpec, logConfigPath: string | undefined): Record<string, unknown> {
  const media = worker.roles.includes("media");
  return {
    worker_app: media ? "synapse.app.media_repository" : "synapse.app.generic_worker",
    worker_name: worker.name,
    worker_listeners: [
      ...(worker.http ? [listener(worker.http, media ? ["media"] : ["client"], true)] : []),
      listener(worker.replication, ["replication"], false),
    ],
    ...(logConfigPath ? { worker_log_config: logConfigPath } : {}),
  };
}

/** YAML text of one of the objects above, with a header comment. */
export function toYaml(doc: Record<string, unknown>, header: string): string {
  return `${header
    .split("\n")
    .map((l) => `# ${l}`.trimEnd())
    .join("\n")}\n${stringify(doc, { lineWidth: 0 })}`;
}
