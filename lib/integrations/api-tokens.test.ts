import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decideToken, hashApiToken, looksLikeApiToken, newApiToken } from "./api-tokens";

describe("API tokens", () => {
  it("are sdk_ and 32 random bytes, stored as their SHA-256", () => {
    const a = newApiToken();
    const b = newApiToken();
    expect(a.token).toMatch(/^sdk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.token.slice(4), "base64url")).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(createHash("sha256").update(a.token).digest("hex"));
    expect(hashApiToken(a.token)).toBe(a.hash);
    expect(a.hash).not.toContain(a.token.slice(4, 12));
  });

  const shapes: [string, boolean][] = [
    [newApiToken().token, true],
    ["sdk_short", false],
    ["metrics-token-0123456789", false],
    [`sdk_${"a".repeat(43)} `, false],
  ];
  for (const [s, want] of shapes) it(`looksLikeApiToken(${JSON.stringify(s.slice(0, 12))}…) = ${want}`, () => expect(looksLikeApiToken(s)).toBe(want));

  const now = new Date();
  const decisions: { name: string; row: Parameters<typeof decideToken>[0]; scope: Parameters<typeof decideToken>[1]; want: string }[] = [
    { name: "unknown token", row: undefined, scope: "metrics:read", want: "unknown" },
    { name: "revoked token, even with the scope", row: { scopes: ["metrics:read"], revokedAt: now }, scope: "metrics:read", want: "revoked" },
    { name: "the scope", row: { scopes: ["metrics:read"], revokedAt: null }, scope: "metrics:read", want: "ok" },
    { name: "one of several scopes", row: { scopes: ["sites:write", "teams:write"], revokedAt: null }, scope: "teams:write", want: "ok" },
    { name: "another scope", row: { scopes: ["metrics:read"], revokedAt: null }, scope: "sites:write", want: "missing-scope" },
    { name: "no scope", row: { scopes: [], revokedAt: null }, scope: "conversations:read", want: "missing-scope" },
  ];
  for (const d of decisions) it(d.name, () => expect(decideToken(d.row, d.scope)).toBe(d.want));
});
