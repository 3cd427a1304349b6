// Sealdesk's deployments against the plain-Matrix floor: knees and CPU per message.
import { kneeOf } from "./ramp";

/** What the comparison reads of one deployment's ramp. */
export type RampFigures = {
  kind: string;
  levels: readonly { live: number; pass: boolean; eventsPerS: number; usage: { groups: readonly { name: string; cpu: number }[] } }[];
};

// Not the stack's own work: the bench itself and whatever else ran on the machine.
const OUTSIDE = new Set(["load generator", "everything else on the machine"]);

/**
 * CPU milliseconds per message of each process group over a level's hold (its CPU in % of one
 * core over the messages a second sent), and `stack`: the sum over the deployment's own
 * processes (not the load generator nor the rest of the machine). Null without messages.
 */
export function cpuMsPerMessage(level: RampFigures["levels"][number]): { groups: { name: string; ms: number }[]; stack: number } | null {
  if (!(level.eventsPerS > 0)) return null;
  const groups = level.usage.groups.map((g) => ({ name: g.name, ms: (g.cpu * 10) / level.eventsPerS }));
  return { groups, stack: groups.filter((g) => !OUTSIDE.has(g.name)).reduce((a, g) => a + g.ms, 0) };
}

const knee = (o: RampFigures): string => {
  const k = kneeOf(o.levels);
  return `${k.passedPast ? "" : ">= "}${k.knee}`;
};
const msList = (c: NonNullable<ReturnType<typeof cpuMsPerMessage>>): string =>
  c.groups
    .filter((g) => !OUTSIDE.has(g.name))
    .map((g) => `${g.name} ${g.ms.toFixed(0)}`)
    .join(", ");

/** The report's lines: each deployment's knee beside the floor's, and CPU per message at the levels both held. */
export function floorComparison(floor: RampFigures, others: readonly RampFigures[]): string[] {
  const lines = ["\n=== Sealdesk against the plain-Matrix floor (same machine, same run) ===", `floor (plain Synapse, no Sealdesk part): knee ${knee(floor)}`];
  for (const o of others) {
    lines.push(`${o.kind}: knee ${knee(o)} against the floor's ${knee(floor)}`);
    for (const l of o.levels) {
      const f = floor.levels.find((x) => x.live === l.live);
      const [mine, base] = [cpuMsPerMessage(l), f && cpuMsPerMessage(f)];
      if (!mine || !base) continue;
      const syn = (c: typeof mine): number => c.groups.filter((g) => g.name.startsWith("synapse")).reduce((a, g) => a + g.ms, 0);
      lines.push(
        `  live ${l.live}: CPU per message (ms): ${o.kind} ${msList(mine)} = ${mine.stack.toFixed(0)}; floor ${msList(base)} = ${base.stack.toFixed(0)}; ` +
          `ratio ${(mine.stack / base.stack).toFixed(2)} (Synapse alone ${(syn(mine) / syn(base)).toFixed(2)})`,
      );
    }
  }
  return lines;
}
