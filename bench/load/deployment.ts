// One deployment under test (the monolith, the worker deployment or plain Synapse), all on PostgreSQL:
// the stack, its processes' CPU and RSS, and its databases' size.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { createTestDatabases } from "../../e2e/test-databases";
import { startStack } from "../../scripts/stack";
import { stackInfoOf } from "../bench-stack";
import { cpuPercent, readAllProcs, sumGroup, type GroupSample } from "./proc";

/** "plain": Synapse alone, no Sealdesk part (the floor, bench/load/plain-deployment.ts). */
export type Kind = "monolith" | "workers" | "plain";
export type ProcSnapshot = { at: number; groups: Map<string, GroupSample>; machineBusy: number; machineTotal: number };

/** The machine's busy and total CPU ticks (all cores) from /proc/stat. */
async function machineTicks(): Promise<{ busy: number; total: number }> {
  const cpu = (await readFile("/proc/stat", "utf8")).split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

/** Starts one deployment with the real settings but rate limits high enough for one load generator's address. */
export async function startDeployment(kind: "monolith" | "workers", adminUrl: string, powBits: string | undefined) {
  const dataDir = await mkdtemp(path.join(tmpdir(), `sealdesk-load-${kind}-`));
  const dbs = await createTestDatabases(adminUrl);
  const limits = { VISITOR_IP_LIMIT_PER_HOUR: "1000000", VISITOR_SITE_LIMIT_PER_HOUR: "1000000", ...(powBits ? { VISITOR_POW_BITS: powBits } : {}) };
  const stack = await startStack({
    dataDir,
    appMode: "start",
    quiet: true,
    databaseUrl: dbs.appUrl,
    synapsePostgres: dbs.synapse,
    synapseWorkers: kind === "workers",
    appEnv: limits,
  });
  const info = stackInfoOf(stack);
  const observer = observe(kind, adminUrl, dbs, () => ({ synapse: stack.synapseProcesses(), routers: stack.routerPids() }));
  return {
    ...observer,
    stack,
    info,
    async close(): Promise<void> {
      await observer.end();
      await stack.stop();
      await dbs.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What the bench reads of a running deployment: its processes' CPU and memory (named
 * groups: each Synapse process, the routers, the app, PostgreSQL, this load generator)
 * and its databases' sizes. `end` closes the admin connection.
 */
export function observe(
  kind: Kind,
  adminUrl: string,
  dbs: { appUrl: string; synapse: { database: string } },
  procs: () => { synapse: { name: string; pid: number }[]; routers: number[] },
) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const appDb = new URL(dbs.appUrl).pathname.slice(1);
  const pgPort = new URL(adminUrl).port || "5432";

  async function snapshot(): Promise<ProcSnapshot> {
    const { stats, rss, pss, cmdline } = await readAllProcs();
    const groups = new Map<string, GroupSample>();
    const { synapse, routers } = procs();
    for (const p of synapse) groups.set(kind === "workers" ? `synapse ${p.name}` : "synapse", sumGroup(p.pid, stats, rss, true, pss));
    routers.forEach((pid, i) => groups.set(i ? `router${i + 1}` : "router", sumGroup(pid, stats, rss, true, pss)));
    const app = stats.find((s) => s.ppid === process.pid && /next-server|next\S* start/.test(cmdline.get(s.pid) ?? ""));
    if (app) groups.set("app (next start)", sumGroup(app.pid, stats, rss, true, pss));
    const postmaster = stats.find(
      (s) => new RegExp(`postgres .*-p ${pgPort}\\b`).test(cmdline.get(s.pid) ?? "") && !/postgres/.test(cmdline.get(s.ppid) ?? ""),
    );
    if (postmaster) groups.set("postgresql", sumGroup(postmaster.pid, stats, rss, true, pss));
    groups.set("load generator", sumGroup(process.pid, stats, rss, false, pss));
    const m = await machineTicks();
    return { at: performance.now(), groups, machineBusy: m.busy, machineTotal: m.total };
  }

  /** Synapse's and the app's database sizes (bytes), and Synapse's largest tables. */
  async function sizes(tables = 0): Promise<{ synapse: number; app: number; top: { name: string; bytes: number }[] }> {
    const [row] = await admin<{ s: string; a: string }[]>`select pg_database_size(${dbs.synapse.database}) as s, pg_database_size(${appDb}) as a`;
    let top: { name: string; bytes: number }[] = [];
    if (tables > 0) {
      const syn = postgres(adminUrl.replace(/\/[^/]*$/, `/${dbs.synapse.database}`), { max: 1, onnotice: () => {} });
      top = (
        await syn<
          { name: string; bytes: string }[]
        >`select relname as name, pg_total_relation_size(oid) as bytes from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace order by 2 desc limit ${tables}`
      ).map((r) => ({ name: r.name, bytes: Number(r.bytes) }));
      await syn.end();
    }
    return { synapse: Number(row?.s), app: Number(row?.a), top };
  }

  return { kind, snapshot, sizes, end: () => admin.end() };
}

/** What the ramp needs of any deployment (Sealdesk's or the plain floor). */
export type Observed = ReturnType<typeof observe>;

export type Deployment = Awaited<ReturnType<typeof startDeployment>>;

/** CPU % of one core per group between two snapshots, with RSS (MiB) at the second; and the whole machine's busy %. */
export function usageBetween(
  a: ProcSnapshot,
  b: ProcSnapshot,
): { groups: { name: string; cpu: number; rssMiB: number; pssMiB: number }[]; machineBusyPct: number } {
  const s = (b.at - a.at) / 1000;
  const groups = [...b.groups].map(([name, after]) => ({
    name,
    cpu: cpuPercent(a.groups.get(name) ?? after, after, s),
    rssMiB: after.rssKb / 1024,
    pssMiB: after.pssKb / 1024,
  }));
  const machineBusyPct = ((b.machineBusy - a.machineBusy) / Math.max(1, b.machineTotal - a.machineTotal)) * 100;
  // What the machine spent outside the stack and the load generator (other helpers' builds, type checks…), in % of one core.
  const others = machineBusyPct * cpus().length - groups.reduce((sum, g) => sum + g.cpu, 0);
  return { groups: [...groups, { name: "everything else on the machine", cpu: Math.max(0, others), rssMiB: 0, pssMiB: 0 }], machineBusyPct };
}
