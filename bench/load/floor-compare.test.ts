import { describe, expect, it } from "vitest";
import { cpuMsPerMessage, floorComparison, type RampFigures } from "./floor-compare";

const level = (live: number, pass: boolean, eventsPerS: number, cpu: Record<string, number>): RampFigures["levels"][number] => ({
  live,
  pass,
  eventsPerS,
  usage: { groups: Object.entries(cpu).map(([name, c]) => ({ name, cpu: c })) },
});

describe("cpuMsPerMessage", () => {
  it.each([
    ["50% of a core at 5 messages/s is 100 ms a message", 5, { synapse: 50 }, { synapse: 100 }, 100],
    [
      "the bench and the rest of the machine are not the stack's",
      4,
      { synapse: 20, "load generator": 40, "everything else on the machine": 8 },
      { synapse: 50 },
      50,
    ],
    ["every process of the stack adds up", 10, { synapse: 60, postgresql: 30, router: 10 }, { synapse: 60, postgresql: 30, router: 10 }, 100],
  ])("%s", (_, eventsPerS, cpu, expected, stack) => {
    const got = cpuMsPerMessage(level(50, true, eventsPerS, cpu))!;
    for (const [name, ms] of Object.entries(expected)) expect(got.groups.find((g) => g.name === name)?.ms).toBeCloseTo(ms);
    expect(got.stack).toBeCloseTo(stack);
  });
  it("no message: no figure", () => expect(cpuMsPerMessage(level(50, true, 0, { synapse: 10 }))).toBeNull());
});

describe("floorComparison", () => {
  const floor: RampFigures = {
    kind: "plain",
    levels: [level(50, true, 4, { synapse: 20, postgresql: 8 }), level(100, true, 8, { synapse: 40, postgresql: 16 })],
  };
  const monolith: RampFigures = {
    kind: "monolith",
    levels: [level(50, true, 4, { synapse: 40, postgresql: 12, router: 4 }), level(100, false, 8, { synapse: 80, postgresql: 24, router: 8 })],
  };
  const lines = floorComparison(floor, [monolith]);
  it("prints both knees: the floor never failed (a lower bound), Sealdesk's failed at 100", () => {
    expect(lines).toContain("floor (plain Synapse, no Sealdesk part): knee >= 100");
    expect(lines).toContain("monolith: knee 50 against the floor's >= 100");
  });
  it("compares CPU per message at each level both held, with the ratio", () => {
    expect(lines.filter((l) => l.startsWith("  live "))).toEqual([
      "  live 50: CPU per message (ms): monolith synapse 100, postgresql 30, router 10 = 140; floor synapse 50, postgresql 20 = 70; ratio 2.00 (Synapse alone 2.00)",
      "  live 100: CPU per message (ms): monolith synapse 100, postgresql 30, router 10 = 140; floor synapse 50, postgresql 20 = 70; ratio 2.00 (Synapse alone 2.00)",
    ]);
  });
  it("skips levels the floor did not hold", () => {
    expect(floorComparison({ kind: "plain", levels: [floor.levels[0]!] }, [monolith]).filter((l) => l.startsWith("  live "))).toHaveLength(1);
  });
});
