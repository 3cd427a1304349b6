import { describe, expect, it } from "vitest";
import { hasRouterNodeFlags } from "./node-flags";

describe("hasRouterNodeFlags", () => {
  it.each([
    { execArgv: ["--max-semi-space-size=2", "--optimize-for-size", "--import", "tsx"], nodeOptions: undefined, ok: true },
    { execArgv: ["--optimize-for-size"], nodeOptions: "--enable-source-maps  --max-semi-space-size=2", ok: true },
    { execArgv: ["--max-semi-space-size=2", "--import", "tsx"], nodeOptions: undefined, ok: false },
    { execArgv: [], nodeOptions: "--max-semi-space-size=2", ok: false },
    { execArgv: ["--import", "tsx"], nodeOptions: undefined, ok: false },
    { execArgv: ["--optimize-for-size"], nodeOptions: "--max-semi-space-size=16", ok: false },
    { execArgv: [], nodeOptions: "", ok: false },
  ])("$execArgv / $nodeOptions -> $ok", ({ execArgv, nodeOptions, ok }) => {
    expect(hasRouterNodeFlags(execArgv, nodeOptions)).toBe(ok);
  });
});
