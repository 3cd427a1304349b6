import { describe, expect, it } from "vitest";
import { isCurrentMatrixUserId, isMatrixUserId, matrixUserIdSchema } from "./user-id";

// [value, isMatrixUserId, isCurrentMatrixUserId]
const cases: [string, boolean, boolean][] = [
  ["@alice:example.org", true, true],
  ["@router:localhost:8448", true, true],
  ["@a.b_c=d-e/f+g:example.org", true, true],
  ["@visitor-0123abcd:127.0.0.1", true, true],
  ["@bob:[::1]", true, true],
  ["@bob:[2001:db8::1]:8448", true, true],
  ["@x:a", true, true],
  // Historical localparts: clients must accept them; servers no longer create them.
  ["@Alice:example.org", true, false],
  ["@sum(1+1):example.org", true, false],
  ['@"quoted"!:example.org', true, false],
  // Not user ids.
  ["", false, false],
  ["@", false, false],
  ["@:example.org", false, false],
  ["@alice", false, false],
  ["@alice:", false, false],
  ["alice:example.org", false, false],
  ["#room:example.org", false, false],
  ["@al ice:example.org", false, false],
  ["@alice:exa mple.org", false, false],
  ["@alice:example.org\n", false, false],
  ["@alïce:example.org", false, false],
  ["@alice:exämple.org", false, false],
  ["@alice:example.org:", false, false],
  ["@alice:example.org:123456", false, false],
  ["@alice:example.org:port", false, false],
  ["@alice:[::1", false, false],
  ["@alice:[zz::1]", false, false],
  ["@alice:exa_mple.org", false, false],
  ["@alice:example.org/path", false, false],
];

describe("Matrix user ids", () => {
  it.each(cases)("%j: user id %s, current grammar %s", (value, any, current) => {
    expect(isMatrixUserId(value)).toBe(any);
    expect(isCurrentMatrixUserId(value)).toBe(current);
    expect(matrixUserIdSchema.safeParse(value).success).toBe(any);
  });

  it("allows 255 characters in all, not 256", () => {
    const at255 = `@${"a".repeat(255 - "@:example.org".length)}:example.org`;
    expect(at255).toHaveLength(255);
    expect(isMatrixUserId(at255)).toBe(true);
    expect(isCurrentMatrixUserId(at255)).toBe(true);
    const at256 = `@a${at255.slice(1)}`;
    expect(at256).toHaveLength(256);
    expect(isMatrixUserId(at256)).toBe(false);
    expect(isCurrentMatrixUserId(at256)).toBe(false);
  });

  it("rejects non-strings with the schema", () => {
    expect(matrixUserIdSchema.safeParse(42).success).toBe(false);
    expect(matrixUserIdSchema.safeParse(null).success).toBe(false);
  });
});
