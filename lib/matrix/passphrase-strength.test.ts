import { describe, expect, it } from "vitest";
import { passphraseProblem } from "./passphrase-strength";

describe("passphraseProblem", () => {
  it.each([
    ["short", /at least 14/],
    ["correct horse", /at least 14/],
    ["aaaaaaaaaaaaaaaaaaaa", /repeats/],
    ["abcabcabcabcabcabc", /repeats/],
    ["12345678901234567", /digits/],
  ])("refuses %j", (p, message) => {
    expect(passphraseProblem(p)).toMatch(message);
  });

  it.each(["correct horse battery staple", "tulipe-brouette-47-nuage", "Sealdesk agents read first"])("accepts %j", (p) => {
    expect(passphraseProblem(p)).toBeNull();
  });
});
