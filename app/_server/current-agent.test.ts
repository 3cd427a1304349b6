import { encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const jar = vi.hoisted(() => ({ cookies: new Map<string, string>(), url: "http://desk.test", secret: "s".repeat(40) }));
vi.mock("next/headers", () => ({ cookies: async () => ({ getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })) }) }));
vi.mock("./env", () => ({ env: () => ({ NEXTAUTH_SECRET: jar.secret, NEXTAUTH_URL: jar.url }) }));

const { currentAgent } = await import("./current-agent");
const session = (claims: Record<string, unknown>, maxAge = 3600, secret = jar.secret) => encode({ token: claims, secret, maxAge });

describe("currentAgent", () => {
  beforeEach(() => {
    jar.cookies.clear();
    jar.url = "http://desk.test";
    jar.secret = "s".repeat(40);
  });
  afterEach(() => vi.useRealTimers());

  it("reads the agent from next-auth's session cookie, again and again", async () => {
    jar.cookies.set("next-auth.session-token", await session({ sub: "@a:x", name: "Ann", role: "operator" }));
    expect(await currentAgent()).toEqual({ userId: "@a:x", name: "Ann", role: "operator" });
    expect(await currentAgent()).toEqual({ userId: "@a:x", name: "Ann", role: "operator" });
  });

  it("takes the secure cookie's name when the app is served over https, and no token from anywhere else", async () => {
    const cookie = await session({ sub: "@a:x" });
    jar.cookies.set("next-auth.session-token", cookie);
    jar.url = "https://desk.test";
    expect(await currentAgent()).toBeNull();
    jar.cookies.set("__Secure-next-auth.session-token", cookie);
    expect(await currentAgent()).toEqual({ userId: "@a:x", name: "@a:x", role: "agent" });
  });

  it("refuses a cookie that is forged, altered or sealed with another secret", async () => {
    jar.cookies.set("next-auth.session-token", "not-a-jwt");
    expect(await currentAgent()).toBeNull();
    const good = await session({ sub: "@a:x" });
    jar.cookies.set("next-auth.session-token", good.slice(0, -3) + (good.endsWith("AAA") ? "BBB" : "AAA"));
    expect(await currentAgent()).toBeNull();
    jar.cookies.set("next-auth.session-token", await session({ sub: "@a:x" }, 3600, "t".repeat(40)));
    expect(await currentAgent()).toBeNull();
  });

  it("refuses a session once it expired, also one it has read before", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-07T06:00:00Z"));
    jar.cookies.set("next-auth.session-token", await session({ sub: "@a:x" }, 60));
    expect(await currentAgent()).not.toBeNull();
    vi.setSystemTime(new Date("2026-12-07T06:01:10Z")); // within next-auth's 15 s tolerance
    expect(await currentAgent()).not.toBeNull();
    vi.setSystemTime(new Date("2026-12-07T06:01:16Z"));
    expect(await currentAgent()).toBeNull();
  });

  it("no longer accepts a session read before once the secret changed", async () => {
    jar.cookies.set("next-auth.session-token", await session({ sub: "@a:x" }));
    expect(await currentAgent()).not.toBeNull();
    jar.secret = "u".repeat(40);
    expect(await currentAgent()).toBeNull();
  });
});
