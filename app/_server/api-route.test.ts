import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

vi.mock("server-only", () => ({}));
const session = vi.hoisted(() => ({
  me: null as null | { userId: string; name: string; role: "agent" | "operator" },
  dbRole: "agent",
  offboardedAt: null as Date | null,
  // While set, the database's answers wait for it (to see what runs beside a check).
  gate: null as Promise<void> | null,
}));
vi.mock("./current-agent", () => ({ currentAgent: async () => session.me }));
vi.mock("./db", () => ({
  schema: { agents: { role: "role", userId: "userId" } },
  db: () => ({
    select: () => ({ from: () => ({ where: async () => (await session.gate, [{ role: session.dbRole, offboardedAt: session.offboardedAt }]) }) }),
  }),
}));
const envVars = { METRICS_TOKEN: "metrics-token-0123456789", NEXTAUTH_URL: "https://desk.example", SERVER_TIMING: false };
vi.mock("./env", () => ({ env: () => envVars }));

// API tokens as the store holds them (looked up by the token here; the real store looks up its SHA-256).
const tokens = vi.hoisted(() => ({
  rows: new Map<string, { id: number; name: string; scopes: string[]; revokedAt: Date | null }>([
    ["sdk_" + "m".repeat(43), { id: 1, name: "grafana", scopes: ["metrics:read"], revokedAt: null }],
    ["sdk_" + "s".repeat(43), { id: 2, name: "provisioning", scopes: ["sites:write"], revokedAt: null }],
    ["sdk_" + "r".repeat(43), { id: 3, name: "old", scopes: ["metrics:read", "sites:write"], revokedAt: new Date() }],
  ]),
}));
vi.mock("./api-token-store", () => ({ findApiToken: async (t: string) => tokens.rows.get(t), touchApiToken: async () => {} }));

const { apiRoute } = await import("./api-route");
const { Refusal } = await import("./refusal");

const agent = { userId: "@a:x", name: "A", role: "agent" as const };
const ctx = { params: Promise.resolve({}) };
const post = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new NextRequest("https://desk.example/api/x", { method: "POST", body, headers });
const get = (headers: Record<string, string> = {}, query = "") => new NextRequest(`https://desk.example/api/x${query}`, { headers });

const echo = apiRoute({ access: "agent", body: z.object({ n: z.number() }).strict() }, async ({ body }) => ({ got: body.n }));
const forOperators = apiRoute({ access: "operator" }, async ({ caller }) => ({ who: caller.userId }));
const scoped = apiRoute({ access: "scoped:sites:write" }, async ({ caller }) => ({ who: caller.userId }));

describe("apiRoute", () => {
  beforeEach(() => {
    session.me = agent;
    session.dbRole = "agent";
    session.offboardedAt = null;
    session.gate = null;
  });

  const cases: { name: string; run: () => Promise<Response>; status: number; error?: RegExp; me?: typeof session.me; dbRole?: string }[] = [
    { name: "nobody signed in", me: null, run: () => echo(post('{"n":1}'), ctx), status: 401, error: /Sign in first/ },
    { name: "not JSON", run: () => echo(post("n=1", { "content-type": "text/plain" }), ctx), status: 415, error: /JSON body/ },
    { name: "broken JSON", run: () => echo(post("{"), ctx), status: 400, error: /not valid JSON/ },
    { name: "too large", run: () => echo(post(JSON.stringify({ n: 1, pad: "x".repeat(20_000) })), ctx), status: 413, error: /too large/ },
    { name: "invalid field named", run: () => echo(post('{"n":"one"}'), ctx), status: 400, error: /^n: / },
    { name: "not an object", run: () => echo(post('"one"'), ctx), status: 400, error: /^body: / },
    { name: "valid", run: () => echo(post('{"n":2}'), ctx), status: 200 },
    {
      name: "agent on an operator route (role from the database, not the session)",
      me: { ...agent, role: "operator" },
      run: () => forOperators(get(), ctx),
      status: 403,
      error: /Only operators/,
    },
    { name: "operator", dbRole: "operator", run: () => forOperators(get(), ctx), status: 200 },
    {
      name: "an offboarded agent's session (still signed, no longer an agent)",
      run: () => ((session.offboardedAt = new Date(0)), echo(post('{"n":2}'), ctx)),
      status: 401,
      error: /no longer an agent/,
    },
    {
      name: "an offboarded operator's session on an operator route",
      dbRole: "operator",
      run: () => ((session.offboardedAt = new Date(0)), forOperators(get(), ctx)),
      status: 401,
      error: /no longer an agent/,
    },
    { name: "visitor route without a bearer token", run: () => apiRoute({ access: "visitor" }, async () => ({}))(get(), ctx), status: 401, error: /Bearer/ },
    {
      name: "chat-frame route from another origin",
      run: () => apiRoute({ access: "chat-frame" }, async () => ({}))(get({ origin: "https://evil.example" }), ctx),
      status: 403,
      error: /chat frame only/,
    },
    {
      name: "metrics: wrong token, nobody signed in",
      me: null,
      run: () => apiRoute({ access: "metrics" }, async () => ({}))(get({ authorization: "Bearer wrong-token-wrong-token-0" }), ctx),
      status: 401,
      error: /METRICS_TOKEN/,
    },
    {
      name: "metrics: the token",
      me: null,
      run: () => apiRoute({ access: "metrics" }, async () => ({}))(get({ authorization: "Bearer metrics-token-0123456789" }), ctx),
      status: 200,
    },
    {
      name: "metrics: an API token with metrics:read",
      me: null,
      run: () => apiRoute({ access: "metrics" }, async () => ({}))(get({ authorization: `Bearer sdk_${"m".repeat(43)}` }), ctx),
      status: 200,
    },
    {
      name: "metrics: an API token without metrics:read",
      me: null,
      run: () => apiRoute({ access: "metrics" }, async () => ({}))(get({ authorization: `Bearer sdk_${"s".repeat(43)}` }), ctx),
      status: 403,
      error: /metrics:read/,
    },
    {
      name: "metrics: a revoked API token",
      me: null,
      run: () => apiRoute({ access: "metrics" }, async () => ({}))(get({ authorization: `Bearer sdk_${"r".repeat(43)}` }), ctx),
      status: 401,
      error: /revoked/,
    },
    { name: "scoped: the scope, nobody signed in", me: null, run: () => scoped(get({ authorization: `Bearer sdk_${"s".repeat(43)}` }), ctx), status: 200 },
    {
      name: "scoped: another scope",
      me: null,
      run: () => scoped(get({ authorization: `Bearer sdk_${"m".repeat(43)}` }), ctx),
      status: 403,
      error: /lacks the sites:write scope/,
    },
    {
      name: "scoped: a revoked token",
      me: null,
      run: () => scoped(get({ authorization: `Bearer sdk_${"r".repeat(43)}` }), ctx),
      status: 401,
      error: /revoked/,
    },
    {
      name: "scoped: an unknown token",
      me: null,
      run: () => scoped(get({ authorization: `Bearer sdk_${"u".repeat(43)}` }), ctx),
      status: 401,
      error: /Unknown API token/,
    },
    {
      name: "scoped: not a token at all",
      me: null,
      run: () => scoped(get({ authorization: "Bearer metrics-token-0123456789" }), ctx),
      status: 401,
      error: /Unknown API token/,
    },
    {
      name: "scoped: a token beats an agent's session (no session fallback)",
      run: () => scoped(get({ authorization: `Bearer sdk_${"m".repeat(43)}` }), ctx),
      status: 403,
    },
    { name: "scoped: an operator's session without a token", dbRole: "operator", run: () => scoped(get(), ctx), status: 200 },
    { name: "scoped: an agent's session", run: () => scoped(get(), ctx), status: 403, error: /Only operators/ },
    { name: "scoped: nobody", me: null, run: () => scoped(get(), ctx), status: 401 },
    {
      name: "bad query",
      run: () => apiRoute({ access: "public", query: z.object({ site: z.string().regex(/^[a-z]+$/) }) }, async () => ({}))(get({}, "?site=%3Cx%3E"), ctx),
      status: 400,
      error: /^site: /,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      if (c.me !== undefined) session.me = c.me;
      if (c.dbRole) session.dbRole = c.dbRole;
      const res = await c.run();
      expect(res.status).toBe(c.status);
      if (c.error) expect(((await res.json()) as { error: string }).error).toMatch(c.error);
    });
  }

  it("names a token's caller after the token (what it changes records api-token:<id>)", async () => {
    session.me = null;
    const res = await scoped(get({ authorization: `Bearer sdk_${"s".repeat(43)}` }), ctx);
    expect(await res.json()).toEqual({ who: "api-token:2" });
  });

  it("answers a Refusal with its status, message and headers", async () => {
    const res = await apiRoute({ access: "public" }, async () => {
      throw new Refusal(429, "Slow down", { "retry-after": "30" });
    })(get(), ctx);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(await res.json()).toEqual({ error: "Slow down" });
  });

  it("answers anything else with a generic 500 that leaks nothing, and logs it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await apiRoute({ access: "public" }, async () => {
      throw new Error("password=hunter2 at db.internal:5432");
    })(get(), ctx);
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("hunter2");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it("answers a request its caller aborted with a 400 and logs nothing (a closing tab is no server error)", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const gone = new AbortController();
    gone.abort();
    const res = await apiRoute({ access: "public" }, async () => {
      throw new Error("aborted");
    })(new NextRequest("https://desk.example/api/x", { signal: gone.signal }), ctx);
    expect(res.status).toBe(400);
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });

  it("answers a handler's data as no-store JSON with the route's status", async () => {
    const res = await apiRoute({ access: "public", status: 201 }, async () => ({ id: 1 }))(get(), ctx);
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ id: 1 });
  });

  it("reports where the server's time went (Server-Timing: authorization, handler) only when SERVER_TIMING is set", async () => {
    expect((await echo(post('{"n":2}'), ctx)).headers.get("server-timing")).toBeNull();
    envVars.SERVER_TIMING = true;
    try {
      const res = await echo(post('{"n":2}'), ctx);
      expect(res.headers.get("server-timing")).toMatch(/^auth;dur=\d+\.\d, handler;dur=\d+\.\d$/);
    } finally {
      envVars.SERVER_TIMING = false;
    }
  });

  it("starts a route's read beside the database's check of a signed-in caller, and hands it over once authorized", async () => {
    let release = () => {};
    session.gate = new Promise((r) => (release = r));
    const started: string[] = [];
    const handled = vi.fn(async ({ read }: { read: number }) => ({ read }));
    const pending = apiRoute({ access: "agent", read: async () => (started.push("read"), 42) }, handled)(get(), ctx);
    await vi.waitFor(() => expect(started).toEqual(["read"]));
    expect(handled).not.toHaveBeenCalled(); // the check has not answered yet
    release();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ read: 42 });
  });

  it("never hands a refused caller's read to the handler, nor starts it for a caller without a session", async () => {
    const read = vi.fn(async (): Promise<number> => {
      throw new Error("the database is down");
    });
    const handled = vi.fn(async () => ({ leaked: true }));
    const route = apiRoute({ access: "agent", read }, handled);
    session.me = null;
    expect((await route(get(), ctx)).status).toBe(401);
    expect(read).not.toHaveBeenCalled();
    // An offboarded agent's cookie still verifies: the read started beside the check is dropped unseen (a 401, not its 500).
    session.me = agent;
    session.offboardedAt = new Date(0);
    const res = await route(get(), ctx);
    expect(res.status).toBe(401);
    expect(read).toHaveBeenCalledTimes(1);
    expect(handled).not.toHaveBeenCalled();
    const operators = apiRoute({ access: "operator", read: async () => "roster" }, handled);
    session.offboardedAt = null;
    expect((await operators(get(), ctx)).status).toBe(403);
    expect(handled).not.toHaveBeenCalled();
  });

  it("reads after the authorization for callers without a session (public, visitor, tokens)", async () => {
    const res = await apiRoute({ access: "visitor", read: async () => 7 }, async ({ read }) => ({ read }))(get({ authorization: "Bearer syt_x" }), ctx);
    expect(await res.json()).toEqual({ read: 7 });
  });
});
