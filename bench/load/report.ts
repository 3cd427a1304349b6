// The bench's printed report for one deployment, and the side-by-side summary.
import { summarise } from "../stats";
import type { Kind } from "./deployment";
import { fitGrowth, intervalsOf } from "./growth";
import { kneeOf } from "./ramp";
import type { Level, runRamp } from "./ramp-run";

export type Outcome = Awaited<ReturnType<typeof runRamp>> & { kind: Kind };

const mib = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MiB`;
const kib = (b: number): string => `${(b / 1024).toFixed(1)} KiB`;

/** Growth per conversation and per message, fitted over the levels (null below two levels). */
export function growthOf(o: Outcome) {
  const points = [
    { conversations: 0, messages: 0, bytes: o.sizes0.synapse + o.sizes0.app },
    ...o.levels.map((l) => ({ conversations: l.live, messages: l.messagesSoFar, bytes: l.sizes.synapse + l.sizes.app })),
  ];
  return fitGrowth(intervalsOf(points));
}

function usageLines(l: Level): string[] {
  return l.usage.groups.map(
    (g) =>
      `    ${g.name.padEnd(28)} ${g.cpu.toFixed(0).padStart(4)}% of a core  RSS ${g.rssMiB.toFixed(0).padStart(5)} MiB  PSS ${g.pssMiB.toFixed(0).padStart(5)} MiB`,
  );
}

/** How conversations started: Sealdesk's flow, or the floor's room alone (its accounts were made before). */
function arrivalLines(o: Outcome): string[] {
  const a = o.arrivals;
  const line = (name: string, pick: (x: (typeof a)[number]) => number): string => `    ${summarise(name, a.map(pick))}`;
  const head = `  ${o.kind === "plain" ? "conversations" : "routing and provisioning"} (${a.length} light conversations started, ${o.arrivalErrors} failed${o.firstErrors.length ? `: ${o.firstErrors.join(" | ")}` : ""}):`;
  if (o.kind === "plain")
    return [
      head,
      line("createRoom with the agent and the router's stand-in invited (accounts registered before the level)", (x) => x.createRoomMs),
      line("createRoom asked -> the agent's sync has the invite", (x) => x.agentSawInviteMs),
      line("createRoom asked -> the agent joined", (x) => x.agentJoinedMs),
    ];
  return [
    head,
    line("provisioning (challenge, proof of work, POST session)", (x) => x.provisionMs),
    line("routing decision (POST /api/visitor/conversations)", (x) => x.ticketMs),
    line("createRoom (the room prepared, only the router invited; before the ticket)", (x) => x.createRoomMs),
    line("routing latency: ticket asked -> the agent's sync has the invite", (x) => x.agentSawInviteMs),
    line("ticket asked -> the agent joined", (x) => x.agentJoinedMs),
  ];
}

/** The report of one deployment. */
export function reportDeployment(o: Outcome, budgetMs: number): string[] {
  const { knee, passedPast } = kneeOf(o.levels);
  const lines = [`\n=== ${o.kind} ===`];
  lines.push(
    passedPast
      ? `knee: ${knee} live conversations (p95 <= ${budgetMs} ms); the next level failed`
      : `knee: >= ${knee} live conversations (no level failed before the ramp ended)`,
  );
  for (const l of o.levels)
    lines.push(
      `  live ${String(l.live).padStart(5)}: message p50 ${l.p50.toFixed(0)} / p95 ${l.p95.toFixed(0)} / p99 ${l.p99.toFixed(0)} ms (n=${l.n}; real crypto p95 ${l.crypto.p95.toFixed(0)} n=${l.crypto.n}; opaque p95 ${l.opaque.p95.toFixed(0)} n=${l.opaque.n}) ${l.pass ? "pass" : "FAIL"}; ` +
        `${l.eventsPerS.toFixed(1)} messages/s, ${l.syncsPerS.toFixed(0)} syncs/s; machine ${l.usage.machineBusyPct.toFixed(0)}% busy (both cores), load ${l.load}; load generator's event-loop delay p99 ${l.loopDelay.p99.toFixed(0)} / max ${l.loopDelay.max.toFixed(0)} ms`,
    );
  const worst = o.levels.at(-1);
  if (worst) lines.push(`  per process over the hold of the last level (live ${worst.live}):`, ...usageLines(worst));
  lines.push(...arrivalLines(o));
  const f = o.final;
  lines.push(
    `  messages: ${f.sent} sent, ${f.received} received, ${o.lost} lost (after a ${o.drained ? "complete" : "60 s, INCOMPLETE"} drain), ${f.duplicates} duplicated, ${f.unknown} unknown ids, ${f.errors} failed sends`,
  );
  const g = growthOf(o);
  const dSyn = o.sizes1.synapse - o.sizes0.synapse;
  const dApp = o.sizes1.app - o.sizes0.app;
  lines.push(
    `  database growth: Synapse +${mib(dSyn)}, app +${mib(dApp)} for ${o.live} conversations and ${f.sent} messages = ${kib((dSyn + dApp) / Math.max(1, o.live))} per conversation with its messages so far` +
      (g ? `; fitted: ${kib(g.perConversation)} per conversation started + ${kib(g.perMessage)} per message` : ""),
    `  Synapse's largest tables: ${o.sizes1.top.map((t) => `${t.name} ${mib(t.bytes)}`).join(", ")}`,
  );
  return lines;
}

/** One line per deployment, side by side. */
export function reportSideBySide(outcomes: readonly Outcome[]): string[] {
  return [
    "\n=== side by side ===",
    ...outcomes.map((o) => {
      const { knee, passedPast } = kneeOf(o.levels);
      const last = o.levels.at(-1);
      return `${o.kind.padEnd(9)} knee ${passedPast ? "" : ">="}${knee}; last level ${last?.live ?? 0} p95 ${last?.p95.toFixed(0) ?? "-"} ms; lost ${o.lost}, duplicated ${o.final.duplicates}, failed sends ${o.final.errors}, failed arrivals ${o.arrivalErrors}`;
    }),
  ];
}
