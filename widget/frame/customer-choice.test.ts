import { describe, expect, it } from "vitest";
import { storedVisitorFate } from "./customer-choice";

const token = (sub: string): string => `e30.${Buffer.from(JSON.stringify({ sub })).toString("base64url")}.sig`;
const ada = { customer: { sub: "ada" } };
const anonymous = {};

describe("storedVisitorFate", () => {
  it.each([
    ["nobody stored, no token", null, undefined, "resume"],
    ["anonymous, no token", anonymous, undefined, "resume"],
    ["a customer, no token (logged out)", ada, undefined, "forget"],
    ["the same customer", ada, token("ada"), "resume"],
    ["another customer", ada, token("bob"), "replace"],
    ["anonymous who logged in", anonymous, token("ada"), "replace"],
    ["nobody stored, a token", null, token("ada"), "replace"],
    ["a customer, an unreadable token", ada, "garbage", "replace"],
  ] as const)("%s: %s", (_, stored, t, fate) => {
    expect(storedVisitorFate(stored, t)).toBe(fate);
  });
});
