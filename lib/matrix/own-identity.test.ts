import { describe, expect, it } from "vitest";
import { judgeOwnIdentity } from "./own-identity";

describe("judgeOwnIdentity", () => {
  it.each([
    ["nothing trusted yet (first sign-in)", { recorded: null, verifiedHere: null, onServer: "S" }, { trusted: null, replaced: false }],
    ["the server shows the key this browser verified", { recorded: "A", verifiedHere: "A", onServer: "A" }, { trusted: "A", replaced: false }],
    [
      "an admin replaced it: the crypto layer dropped the private keys, the record remains",
      { recorded: "A", verifiedHere: null, onServer: "B" },
      { trusted: "A", replaced: true },
    ],
    ["the identity was deleted on the server", { recorded: "A", verifiedHere: null, onServer: null }, { trusted: "A", replaced: true }],
    ["this browser was verified with a new identity since", { recorded: "A", verifiedHere: "B", onServer: "B" }, { trusted: "B", replaced: false }],
    ["first record, verified now", { recorded: null, verifiedHere: "A", onServer: "A" }, { trusted: "A", replaced: false }],
  ])("%s", (_what, input, expected) => {
    expect(judgeOwnIdentity(input)).toEqual(expected);
  });
});
