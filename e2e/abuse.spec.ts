import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { challengeKey, signChallenge } from "../lib/proof-of-work/challenge-token";
import { meetsDifficulty, solveChallenge } from "../lib/proof-of-work/solve-challenge";
import { stackInfo } from "./stack-info";
import { createTeamSite, testDb } from "./support/routing-fixtures";
import { defined } from "../lib/testing/defined";

// Anonymous provisioning is the one door to account creation: every refusal
// below must leave the number of visitor accounts unchanged.

type Body = { siteId: string; hostOrigin: string; challenge?: string; nonce?: string };

async function visitorCount(): Promise<number> {
  const { sql, end } = testDb(stackInfo());
  const { n } = defined((await sql<{ n: number }[]>`select count(*)::int as n from visitors`)[0], "the visitor count");
  await end();
  return n;
}

async function challengeFor(request: APIRequestContext, siteId: string): Promise<{ challenge: string; bits: number }> {
  const res = await request.get(`${stackInfo().appUrl}/api/visitor/challenge?site=${siteId}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as { challenge: string; bits: number };
}

async function solved(request: APIRequestContext, siteId: string): Promise<{ challenge: string; nonce: string }> {
  const c = await challengeFor(request, siteId);
  return { challenge: c.challenge, nonce: await solveChallenge(c.challenge, c.bits) };
}

function provision(request: APIRequestContext, body: Body, headers: Record<string, string> = {}) {
  const stack = stackInfo();
  return request.post(`${stack.appUrl}/api/visitor/session`, {
    headers: { origin: stack.appUrl, "content-type": "application/json", ...headers },
    data: Buffer.from(JSON.stringify(body)),
  });
}

test("provisioning without a valid, fresh, unused proof of work is refused and creates no account", async ({ request }) => {
  const stack = stackInfo();
  const base = { siteId: "demo", hostOrigin: stack.demoUrl };
  const before = await visitorCount();

  const missing = await provision(request, base);
  expect(missing.status()).toBe(400);
  expect((await missing.json()).error).toMatch(/challenge/);

  const c = await challengeFor(request, "demo");
  let wrong = "0";
  while (await meetsDifficulty(c.challenge, wrong, c.bits)) wrong = String(Number(wrong) + 1);
  const wrongWork = await provision(request, { ...base, challenge: c.challenge, nonce: wrong });
  expect(wrongWork.status()).toBe(403);
  expect((await wrongWork.json()).error).toMatch(/proof of work is wrong/);

  const forged = c.challenge.replace(/\.\d+\.(\d+)\./, ".0.$1."); // claims 0 bits, signature no longer matches
  const forgedRes = await provision(request, { ...base, challenge: forged, nonce: "0" });
  expect(forgedRes.status()).toBe(400);
  expect((await forgedRes.json()).error).toMatch(/not issued by this server/);

  const otherSite = await createTeamSite(stack, testDb(stack).db, "pow-other");
  const foreign = await solved(request, otherSite.siteId);
  const foreignRes = await provision(request, { ...base, ...foreign });
  expect(foreignRes.status()).toBe(403);
  expect((await foreignRes.json()).error).toMatch(/another site/);

  // Signed with the server's real key, solved, but past its expiry.
  const key = await challengeKey(stack.nextauthSecret);
  const expired = await signChallenge(key, { siteId: "demo", bits: c.bits, expiresAt: Date.now() - 1000, salt: randomBytes(16).toString("hex") });
  const expiredRes = await provision(request, { ...base, challenge: expired, nonce: await solveChallenge(expired, c.bits) });
  expect(expiredRes.status()).toBe(403);
  expect((await expiredRes.json()).error).toMatch(/expired/);

  expect(await visitorCount()).toBe(before);

  // Control: a correct proof works once; the same proof again is refused.
  const good = await solved(request, "demo");
  expect((await provision(request, { ...base, ...good })).status()).toBe(201);
  const reused = await provision(request, { ...base, ...good });
  expect(reused.status()).toBe(409);
  expect((await reused.json()).error).toMatch(/already used/);
  expect(await visitorCount()).toBe(before + 1);
});

test("a site over its hourly visitor limit gets 429 with Retry-After and no account", async ({ request }) => {
  const stack = stackInfo();
  const { db, end } = testDb(stack);
  const { siteId } = await createTeamSite(stack, db, "limited");
  await db.update(schema.sites).set({ visitorsPerHour: 2 }).where(eq(schema.sites.id, siteId));
  await end();
  const body = { siteId, hostOrigin: stack.demoUrl };
  for (let i = 0; i < 2; i++) expect((await provision(request, { ...body, ...(await solved(request, siteId)) })).status()).toBe(201);
  const before = await visitorCount();
  const refused = await provision(request, { ...body, ...(await solved(request, siteId)) });
  expect(refused.status()).toBe(429);
  expect((await refused.json()).error).toMatch(/Too many new chats on this website/);
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(3600);
  expect(await visitorCount()).toBe(before);
  // Other sites are not affected.
  expect((await provision(request, { siteId: "demo", hostOrigin: stack.demoUrl, ...(await solved(request, "demo")) })).status()).toBe(201);
});

test("an address over its hourly limit gets 429, and forged address headers do not help", async ({ request }) => {
  const stack = stackInfo();
  const { db, end } = testDb(stack);
  // Every test request comes from 127.0.0.1: fill its counter for this hour and the next
  // (the suite's own limit is high), then put it back.
  const hour = 3_600_000;
  const windows = [0, 1].map((k) => new Date((Math.floor(Date.now() / hour) + k) * hour));
  const key = "visitor-ip:127.0.0.1";
  const saved = await db.select().from(schema.rateLimitHits).where(eq(schema.rateLimitHits.key, key));
  try {
    for (const windowStart of windows) {
      await db
        .insert(schema.rateLimitHits)
        .values({ key, windowStart, hits: 1_000_000 })
        .onConflictDoUpdate({ target: [schema.rateLimitHits.key, schema.rateLimitHits.windowStart], set: { hits: 1_000_000 } });
    }
    const before = await visitorCount();
    const body = { siteId: "demo", hostOrigin: stack.demoUrl };
    for (const headers of [
      {},
      { "x-forwarded-for": "198.51.100.23" },
      { "x-sealdesk-peer-address": "198.51.100.24" },
      { "x-real-ip": "198.51.100.25" },
    ] as Record<string, string>[]) {
      const res = await provision(request, { ...body, ...(await solved(request, "demo")) }, headers);
      expect(res.status(), JSON.stringify(headers)).toBe(429);
      expect((await res.json()).error).toMatch(/Too many new chats from your network/);
      expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
    }
    expect(await visitorCount()).toBe(before);
  } finally {
    for (const windowStart of windows)
      await db.delete(schema.rateLimitHits).where(and(eq(schema.rateLimitHits.key, key), eq(schema.rateLimitHits.windowStart, windowStart)));
    if (saved.length) await db.insert(schema.rateLimitHits).values(saved).onConflictDoNothing();
    await end();
  }
});

test("a page on an origin the site does not allow cannot provision, nor frame the chat", async ({ request, browser }) => {
  const stack = stackInfo();
  const before = await visitorCount();
  const res = await provision(request, { siteId: "demo", hostOrigin: "https://evil.example", ...(await solved(request, "demo")) });
  expect(res.status()).toBe(403);
  expect((await res.json()).error).toMatch(/not allowed/);
  expect(await visitorCount()).toBe(before);

  // A site that allows only another origin: the browser refuses to show its frame on the demo page.
  const { db, end } = testDb(stack);
  const { siteId } = await createTeamSite(stack, db, "elsewhere");
  await db
    .update(schema.sites)
    .set({ allowedOrigins: ["https://shop.example"] })
    .where(eq(schema.sites.id, siteId));
  await end();
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${stack.demoUrl}/?site=${siteId}`);
  await page.getByRole("button", { name: "Open support chat" }).click();
  const frame = page.frameLocator('iframe[title="Support chat"]');
  await page.waitForTimeout(2000);
  await expect(frame.getByRole("textbox", { name: "Message" })).toHaveCount(0);
  expect(await visitorCount()).toBe(before);
  await page.context().close();
});
