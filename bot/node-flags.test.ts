import { describe, expect, it } from "vitest";
import { hasRouterNodeFlags } from "./node-flags";

describe("hasRouterNodeFlags", () => {
  it.each([
    { execArgv: ["--max-semi-space-size=2", "--import", "tsx"], nodeOptions: undefined, ok: true },
    { execArgv: [], nodeOptions: "--max-semi-space-size=2", ok: true },
    { execArgv: [], nodeOptions: "--enable-source-maps  --max-semi-space-size=2", ok: true },
    { execArgv: ["--import", "tsx"], nodeOptions: undefined, ok: false },
    { execArgv: [], nodeOptions: "--max-semi-space-size=16", ok: false },
    { execArgv: [], nodeOptions: "", ok: false },
  ])("$execArgv / $nodeOptions -> $ok", ({ execArgv, nodeOptions, ok }) => {
    expect(hasRouterNodeFlags(execArgv, nodeOptions)).toBe(ok);
  });
});
