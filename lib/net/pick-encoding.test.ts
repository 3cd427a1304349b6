import { describe, expect, it } from "vitest";
import { pickEncoding } from "./pick-encoding";

describe("pickEncoding", () => {
  it.each([
    ["br, gzip", "br"],
    ["gzip, deflate, br, zstd", "br"],
    ["gzip", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["br;q=0.5, gzip;q=1", "br"],
    ["identity", null],
    ["", null],
    ["*", "br"],
    ["*;q=0, gzip", "gzip"],
  ])("%j -> %j", (header, expected) => {
    expect(pickEncoding(header, ["br", "gzip"])).toBe(expected);
  });
});
