import { describe, expect, it } from "vitest";
import { formerSupervisors } from "./former-supervisors";

const t = (s: number) => new Date(s * 1000);

describe("formerSupervisors", () => {
  const cases: {
    name: string;
    changes: { userId: string; fromRole: string; at: Date }[];
    current?: Map<string, string[]>;
    expected: [string, { userId: string; at: Date }[]][];
  }[] = [
    { name: "nobody stopped supervising", changes: [{ userId: "@a:x", fromRole: "agent", at: t(1) }], expected: [] },
    { name: "one supervisor removed", changes: [{ userId: "@s:x", fromRole: "supervisor:t1", at: t(5) }], expected: [["t1", [{ userId: "@s:x", at: t(5) }]]] },
    {
      name: "the latest removal counts",
      changes: [
        { userId: "@s:x", fromRole: "supervisor:t1", at: t(5) },
        { userId: "@s:x", fromRole: "supervisor:t1", at: t(9) },
        { userId: "@s:x", fromRole: "supervisor:t1", at: t(7) },
      ],
      expected: [["t1", [{ userId: "@s:x", at: t(9) }]]],
    },
    {
      name: "supervising the team again: not former",
      changes: [{ userId: "@s:x", fromRole: "supervisor:t1", at: t(5) }],
      current: new Map([["t1", ["@s:x"]]]),
      expected: [],
    },
    {
      name: "moved to another team: former of the first only",
      changes: [{ userId: "@s:x", fromRole: "supervisor:t1", at: t(5) }],
      current: new Map([["t2", ["@s:x"]]]),
      expected: [["t1", [{ userId: "@s:x", at: t(5) }]]],
    },
  ];
  for (const c of cases) it(c.name, () => expect([...formerSupervisors(c.changes, c.current ?? new Map())]).toEqual(c.expected));
});
