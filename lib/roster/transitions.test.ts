import { describe, expect, it } from "vitest";
import { transitionsInForce } from "./transitions";

const key = (c: string) => `ed25519:${c.repeat(43)}`;
const e = (old: string, expires: number) => ({
  type: "org.sealdesk.key_endorsement",
  old_key: key(old),
  new_key: key("N"),
  issued_at: 0,
  expires_at: expires,
  signatures: {},
});

describe("transitionsInForce", () => {
  it.each<[string, unknown, string[]]>([
    ["nothing stored", [], []],
    ["not a list", { a: 1 }, []],
    ["one running", [e("A", 200)], [key("A")]],
    ["one over (ends exactly now)", [e("A", 100)], []],
    ["two running, latest end first; a malformed one ignored", [e("A", 150), { x: 1 }, e("B", 300)], [key("B"), key("A")]],
  ])("%s", (_what, stored, olds) => {
    expect(transitionsInForce(stored, 100).map((t) => t.old_key)).toEqual(olds);
  });
});
