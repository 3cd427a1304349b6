import { expect, test } from "@playwright/test";
import { connectPostgres } from "../drizzle/connect";
import { solveChallenge } from "../lib/proof-of-work/solve-challenge";
import { stackInfo } from "./stack-info";
import { defined } from "../lib/testing/defined";

async function visitorCount(databaseUrl: string): Promise<number> {
  const sql = connectPostgres(databaseUrl, 1);
  const { n } = defined((await sql<{ n: number }[]>`select count(*)::int as n from visitors`)[0], "the visitor count");
  await sql.end();
  return n;
}

test("visitor provisioning refuses bad input with a clear 4xx and creates no account", async ({ request }) => {
  const stack = stackInfo();
  const url = `${stack.appUrl}/api/visitor/session`;
  const ours = { origin: stack.appUrl, "content-type": "application/json" };
  const before = await visitorCount(stack.databaseUrl);
  // Well-formed but unsolved: the site and origin checks come first (the proof of work is e2e/abuse.spec.ts).
  const pow = { challenge: "v1.demo.4.1.00000000000000000000000000000000.00", nonce: "0" };
  const cases: { name: string; headers: Record<string, string>; data: string; status: number; error: RegExp }[] = [
    {
      name: "no Origin (not from our frame)",
      headers: { "content-type": "application/json" },
      data: JSON.stringify({ siteId: "demo", hostOrigin: stack.demoUrl }),
      status: 403,
      error: /chat frame only/,
    },
    {
      name: "another site's Origin",
      headers: { ...ours, origin: "https://evil.example" },
      data: JSON.stringify({ siteId: "demo", hostOrigin: stack.demoUrl }),
      status: 403,
      error: /chat frame only/,
    },
    { name: "not JSON", headers: { origin: stack.appUrl, "content-type": "text/plain" }, data: "siteId=demo", status: 415, error: /JSON body/ },
    { name: "a JSON string, not an object", headers: ours, data: JSON.stringify("demo"), status: 400, error: /body: .*object/ },
    { name: "broken JSON", headers: ours, data: "{", status: 400, error: /not valid JSON/ },
    { name: "malformed site id", headers: ours, data: JSON.stringify({ siteId: "<script>", hostOrigin: stack.demoUrl }), status: 400, error: /siteId/ },
    { name: "missing host origin", headers: ours, data: JSON.stringify({ siteId: "demo" }), status: 400, error: /hostOrigin/ },
    { name: "unknown site", headers: ours, data: JSON.stringify({ siteId: "nope", hostOrigin: stack.demoUrl, ...pow }), status: 404, error: /Unknown site/ },
    {
      name: "page origin not allowed for the site",
      headers: ours,
      data: JSON.stringify({ siteId: "demo", hostOrigin: "https://evil.example", ...pow }),
      status: 403,
      error: /not allowed/,
    },
    {
      name: "oversized body",
      headers: ours,
      data: JSON.stringify({ siteId: "demo", hostOrigin: stack.demoUrl, pad: "x".repeat(20_000) }),
      status: 413,
      error: /too large/,
    },
  ];
  for (const c of cases) {
    const res = await request.post(url, { headers: c.headers, data: Buffer.from(c.data) });
    expect(res.status(), c.name).toBe(c.status);
    expect((await res.json()).error, c.name).toMatch(c.error);
  }
  expect(await visitorCount(stack.databaseUrl)).toBe(before);

  // A solved challenge with a device id that is not Synapse's shape: refused before anything is spent or made.
  const c = (await (await request.get(`${stack.appUrl}/api/visitor/challenge?site=demo`)).json()) as { challenge: string; bits: number };
  const solved = { siteId: "demo", hostOrigin: stack.demoUrl, challenge: c.challenge, nonce: await solveChallenge(c.challenge, c.bits) };
  for (const deviceId of ["abcdefghij", "ABCDEFGHI", "ABCDEFGHIJK", "ABCDE/../X", 12]) {
    const res = await request.post(url, { headers: ours, data: Buffer.from(JSON.stringify({ ...solved, deviceId })) });
    expect(res.status(), String(deviceId)).toBe(400);
    expect((await res.json()).error, String(deviceId)).toMatch(/deviceId/);
  }
  expect(await visitorCount(stack.databaseUrl)).toBe(before);

  // Control: the same route does provision for a well-formed request from our frame, with the same (unspent) challenge:
  // the user id the challenge names (its salt), the device id the frame chose.
  const ok = await request.post(url, { headers: ours, data: Buffer.from(JSON.stringify({ ...solved, deviceId: "QWERTYUIOP" })) });
  expect(ok.status()).toBe(201);
  const salt = c.challenge.split(".")[4];
  expect(await ok.json()).toMatchObject({
    userId: expect.stringMatching(new RegExp(`^@visitor-${salt}:`)),
    deviceId: "QWERTYUIOP",
    accessToken: expect.any(String),
  });
  expect(JSON.stringify(await ok.json())).not.toContain("shared");
  expect(await visitorCount(stack.databaseUrl)).toBe(before + 1);
});

test("agent routes need a signed-in agent", async ({ request }) => {
  const stack = stackInfo();
  expect((await request.get(`${stack.appUrl}/api/agent/availability`)).status()).toBe(401);
  const res = await request.post(`${stack.appUrl}/api/agent/availability`, {
    headers: { "content-type": "application/json" },
    data: Buffer.from(JSON.stringify({ availability: "available" })),
  });
  expect(res.status()).toBe(401);
  const page = await request.get(`${stack.appUrl}/inbox`, { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toContain("/login");
});

test("the chat frame is embeddable only by the site's allowed origins", async ({ request }) => {
  const stack = stackInfo();
  expect((await request.get(`${stack.appUrl}/widget/frame`)).status()).toBe(400);
  expect((await request.get(`${stack.appUrl}/widget/frame?site=unknown`)).status()).toBe(404);
  const res = await request.get(`${stack.appUrl}/widget/frame?site=demo`);
  expect(res.status()).toBe(200);
  const csp = res.headers()["content-security-policy"];
  expect(csp).toContain(`frame-ancestors ${stack.demoUrl}`);
  const directives = new Map(
    (csp ?? "").split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(" ")];
    }),
  );
  expect(directives.get("script-src")).toBe("'self' 'wasm-unsafe-eval'");
  expect(directives.get("object-src")).toBe("'none'");
  expect(directives.get("base-uri")).toBe("'none'");
  expect(directives.get("default-src")).toBe("'none'");
  expect(directives.get("connect-src")).toBe(`'self' ${new URL(stack.synapseUrl).origin}`);
  expect(directives.get("frame-ancestors")).toBe(stack.demoUrl);
  expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
  // No inline script in the page itself: every script is a file of ours.
  const html = await res.text();
  expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  expect(html).toMatch(/<link rel="preload" href="\/widget\/wasm\/crypto\.[0-9a-f]{16}\.wasm" as="fetch"/);
});

test("the crypto WebAssembly is served compressed, content-hashed and cached for a year", async ({ request }) => {
  const stack = stackInfo();
  const html = await (await request.get(`${stack.appUrl}/widget/frame?site=demo`)).text();
  const wasm = /href="(\/widget\/wasm\/crypto\.[0-9a-f]{16}\.wasm)"/.exec(html)![1];
  for (const [accept, encoding] of [
    ["br, gzip", "br"],
    ["gzip", "gzip"],
    ["identity", undefined],
  ] as const) {
    const res = await request.get(`${stack.appUrl}${wasm}`, { headers: { "accept-encoding": accept } });
    expect(res.status(), accept).toBe(200);
    expect(res.headers()["content-encoding"], accept).toBe(encoding);
    expect(res.headers()["content-type"]).toBe("application/wasm");
    expect(res.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    // Playwright decodes the body: it is the WebAssembly module either way.
    expect((await res.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
  }
  expect((await request.get(`${stack.appUrl}/widget/wasm/crypto.0000000000000000.wasm`)).status()).toBe(404);
});

test("/metrics answers a scraper with the token and nobody else", async ({ request }) => {
  const stack = stackInfo();
  expect((await request.get(`${stack.appUrl}/metrics`)).status()).toBe(401);
  expect((await request.get(`${stack.appUrl}/metrics`, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status()).toBe(401);
  const res = await request.get(`${stack.appUrl}/metrics`, { headers: { authorization: `Bearer ${stack.metricsToken}` } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/plain");
  const text = await res.text();
  expect(text).toMatch(/^sealdesk_queue_length \d+$/m);
  expect(text).toContain(`sealdesk_agent_open_conversations{agent="${stack.agent.userId}"}`);
  expect(text).toMatch(/^sealdesk_wait_seconds_count \d+$/m);
});

test("conversation actions need a signed-in agent", async ({ request }) => {
  const stack = stackInfo();
  for (const path of ["/api/conversations/close", "/api/conversations/transfer", "/api/agent/claim", "/api/agent/notes"]) {
    const res = await request.post(`${stack.appUrl}${path}`, {
      headers: { "content-type": "application/json" },
      data: Buffer.from(JSON.stringify({ roomId: "!x:localhost" })),
    });
    expect(res.status(), path).toBe(401);
  }
  expect((await request.get(`${stack.appUrl}/api/agent/conversations`)).status()).toBe(401);
  expect((await request.get(`${stack.appUrl}/api/agents`)).status()).toBe(401);
  for (const path of ["/api/agent/queue", "/api/agent/notes?roomId=!x:localhost", "/api/operator/conversations"]) {
    expect((await request.get(`${stack.appUrl}${path}`)).status(), path).toBe(401);
  }
});
