// BENCH_PROFILE=1 in bench/message-latency.ts: the CPU profile (Chromium's sampling profiler over CDP) of both
// sides while a few more messages go each way, cut into the hops the marks give (bench/latency-hops.ts).
// A hop whose time is mostly idle is waiting (network, IndexedDB, a queue), not computing.
import type { CDPSession, Frame, Page } from "@playwright/test";
import type { Entry, PageEntries } from "./latency-hops";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };
/** A window of one page's timeline (ms since the epoch) and the hop it belongs to. */
export type Window = { hop: string; from: number; to: number };

/** Starts the sampling profiler on a page or an out-of-process frame; `stop` returns its profile. */
export async function startProfiler(target: Page | Frame): Promise<{ stop(): Promise<Profile> }> {
  const page = "page" in target ? target.page() : target;
  // A frame in its page's process has no session of its own: the page's profiles that process, the frame included.
  const cdp: CDPSession = await page
    .context()
    .newCDPSession(target)
    .catch(() => page.context().newCDPSession(page));
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  return {
    async stop() {
      const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
      await cdp.detach();
      return profile;
    },
  };
}

/** The epoch clock minus the monotonic clock the profiler stamps samples with (the same as Node's hrtime on this machine), in us. */
export function wallMinusMonotonicUs(): number {
  return Date.now() * 1000 - Number(process.hrtime.bigint() / 1000n);
}

/** The windows of each message's hops on the sending side (Enter -> checks -> request) and the receiving side (/sync answer -> decrypted). */
export function hopWindows(txnIds: string[], sender: PageEntries, receiver: PageEntries): { sender: Window[]; receiver: Window[] } {
  const at = (p: PageEntries, name: string): Entry | undefined => p.marks.find((m) => m.name === name);
  const out = { sender: [] as Window[], receiver: [] as Window[] };
  for (const txn of txnIds) {
    const enter = at(sender, `sd:send:${txn}:enter`)?.at;
    const checked = at(sender, `sd:send:${txn}:checked`)?.at;
    const sent = sender.marks.find((m) => m.name.startsWith(`sd:send:${txn}:sent:`));
    const put = sender.resources.find((r) => r.name.includes(`/send/m.room.encrypted/${encodeURIComponent(txn)}`));
    if (enter === undefined || checked === undefined || !sent || !put) continue;
    out.sender.push({ hop: "checks", from: enter, to: checked }, { hop: "encrypt", from: checked, to: put.at });
    const eventId = sent.name.slice(`sd:send:${txn}:sent:`.length);
    const decrypted = at(receiver, `sd:recv:${eventId}:decrypted`)?.at;
    const synced = at(receiver, `sd:recv:${eventId}:synced`)?.at;
    if (decrypted === undefined || synced === undefined) continue;
    const sync = receiver.resources.filter((r) => /\/sync\?/.test(r.name) && r.end <= Math.min(synced, decrypted)).reduce((l, r) => Math.max(l, r.end), 0);
    if (sync) out.receiver.push({ hop: "decrypt", from: sync, to: decrypted });
  }
  return out;
}

/**
 * Per hop: wall time, time on the CPU (samples that are not idle), and the functions with the most self time
 * in it. `wallMinusMonotonicUs`: the epoch clock minus the monotonic clock the profiler stamps samples with.
 */
export function summariseHops(label: string, profile: Profile, windows: Window[], wallMinusMonotonicUs: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const file = (url: string): string => url.split("/").at(-1)?.split("?")[0] || "(native)";
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const perHop = new Map<string, { wall: number; busy: number; fns: Map<string, number>; inclusive: Map<string, number> }>();
  for (const w of windows) {
    const h = perHop.get(w.hop) ?? { wall: 0, busy: 0, fns: new Map<string, number>(), inclusive: new Map<string, number>() };
    perHop.set(w.hop, h);
    h.wall += (w.to - w.from) * 1000;
  }
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    const wallMs = (at + wallMinusMonotonicUs) / 1000;
    const w = windows.find((x) => x.from <= wallMs && wallMs < x.to);
    const node = byId.get(id);
    if (!w || !node || node.callFrame.functionName === "(idle)") return;
    const h = perHop.get(w.hop)!;
    h.busy += us;
    const name = (n: ProfileNode): string => `${n.callFrame.functionName || "(anon)"}@${file(n.callFrame.url)}:${n.callFrame.lineNumber}`;
    h.fns.set(name(node), (h.fns.get(name(node)) ?? 0) + us);
    // Inclusive: every named function on the stack once (what our code or the SDK's spent the time under).
    const stack = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const fn = byId.get(n)!;
      if (fn.callFrame.functionName && fn.callFrame.url) stack.add(name(fn));
    }
    for (const f of stack) h.inclusive.set(f, (h.inclusive.get(f) ?? 0) + us);
  });
  const top = (m: Map<string, number>, k: number): string =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([f, us]) => `        ${(us / 1000).toFixed(1).padStart(6)} ms  ${f}`)
      .join("\n");
  const lines = [...perHop].map(
    ([hop, h]) =>
      `    ${hop}: ${(h.wall / 1000).toFixed(0)} ms in all, on the CPU ${(h.busy / 1000).toFixed(0)} ms (${((100 * h.busy) / (h.wall || 1)).toFixed(0)}%)\n` +
      `      self time:\n${top(h.fns, 6)}\n      inclusive (named functions):\n${top(h.inclusive, 12)}`,
  );
  return `  ${label} (${windows.length} windows):\n${lines.join("\n")}`;
}
