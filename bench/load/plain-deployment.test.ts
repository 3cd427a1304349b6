import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { withoutModules } from "./plain-deployment";

describe("withoutModules", () => {
  it("drops the modules block and keeps what follows", () => {
    const yaml = ["a: 1", "modules:", "  - module: x.Y", "    config:", "      k: v", "", "# next", "b: 2"].join("\n");
    expect(withoutModules(yaml)).toBe(["a: 1", "# next", "b: 2"].join("\n"));
  });
  it("refuses a file without one (the floor must not silently keep the confinement module)", () => expect(() => withoutModules("a: 1\n")).toThrow());
  it("takes the confinement module out of the real template and nothing else", () => {
    const template = readFileSync(new URL("../../synapse/homeserver.template.yaml", import.meta.url), "utf8");
    const out = withoutModules(template);
    expect(out).not.toMatch(/^\s*- module:|routing_ticket_secret:|^modules:/m);
    expect(out).toMatch(/notify_appservices: false/);
    expect(out).toContain("${DATABASE_BLOCK}");
    expect(template.split("\n").length - out.split("\n").length).toBeLessThan(20);
  });
});
