// Known customers (issue 15, item 3): the host site's backend signs a short token
// for its logged-in user; the widget opens as that customer's one visitor account,
// and agents see a "verified customer" mark with the name (which travels encrypted).
// A forged, expired, wrong-audience or replayed token is refused and the widget
// goes on anonymously.
import { randomBytes, randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { and, count, eq } from "drizzle-orm";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import * as schema from "../drizzle/schema";
import { agentSignsIn, visitorSends } from "./helpers";
import { stackInfo, type StackInfo } from "./stack-info";
import { createTeamSite, siteWithOneAgent, testDb } from "./support/routing-fixtures";
import { openChat, storedVisitor, widgetFrame } from "./support/widget-chat";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

const now = (): number => Math.floor(Date.now() / 1000);

/** What the host site's backend does: sign {sub, name, email} for this site, valid 5 minutes, used once. */
function signToken(siteId: string, key: CryptoKey | Uint8Array, alg: "HS256" | "ES256", claims: JWTPayload = {}): Promise<string> {
  return new SignJWT({ name: "Ada Lovelace", email: "ada@example.com", ...claims })
    .setProtectedHeader({ alg })
    .setSubject(String(claims.sub ?? "customer-1"))
    .setAudience(String(claims.aud ?? siteId))
    .setIssuedAt(Number(claims.iat ?? now()))
    .setExpirationTime(Number(claims.exp ?? now() + 300))
    .setJti(randomUUID())
    .sign(key);
}

/** The visitor's session as the widget stored it, with the customer it was verified as (if any). */
async function storedCustomer(context: BrowserContext, siteId: string) {
  const page = context.pages()[0]!;
  return widgetFrame(page).evaluate(
    (k) => JSON.parse(localStorage.getItem(k) ?? "{}") as { userId: string; deviceId: string; customer?: { sub: string; name?: string } },
    `sealdesk:visitor:${siteId}`,
  );
}

test("a verified customer's conversation shows the mark and name in the console; the same user on a second browser is the same Matrix account", async ({
  browser,
}) => {
  const stack = stackInfo();
  const { siteId, agent } = await siteWithOneAgent(stack, "known", "Known Agent");
  const { db, end } = testDb(stack);
  await db.update(schema.agents).set({ role: "operator" }).where(eq(schema.agents.userId, agent.userId));

  // The operator creates the site's shared secret on the Sites page; it is shown once.
  const inbox = await agentSignsIn(browser, stack, agent);
  await inbox.goto(`${stack.appUrl}/operator/sites`);
  const row = inbox.getByRole("group", { name: `Known customers of known (${siteId})` });
  await expect(row.getByTestId(`identity-${siteId}`)).toHaveText(/Off: every visitor is anonymous/);
  await row.getByRole("button", { name: "Create a shared secret" }).click();
  const secret = (await row.getByTestId("identity-secret").textContent())!.trim();
  expect(secret).toMatch(/^sdcs_/);
  await expect(row.getByTestId(`identity-${siteId}`)).toHaveText(/shared secret \(HS256\)/);
  const [stored] = await db.select().from(schema.siteIdentity).where(eq(schema.siteIdentity.siteId, siteId));
  expect(stored?.secretBox).not.toContain(secret.slice(-20)); // sealed at rest
  const key = new TextEncoder().encode(secret);

  // The customer, logged in on the host site, opens the chat: the frame is that customer.
  const sub = `user-${randomBytes(4).toString("hex")}`;
  const first = await browser.newContext();
  const { page, chat } = await openChat(first, stack, siteId, { embed: `data-user-token="${await signToken(siteId, key, "HS256", { sub })}"` });
  const one = await storedCustomer(first, siteId);
  expect(one.customer).toEqual({ sub, name: "Ada Lovelace", email: "ada@example.com" });
  const question = `Where is my order ${randomBytes(3).toString("hex")}?`;
  await visitorSends(chat, question);

  // The agent sees the question (decrypted in the console), the mark and the name.
  await inbox.goto(`${stack.appUrl}/inbox`);
  const nav = inbox.getByRole("navigation", { name: "Conversations" });
  await nav
    .getByRole("button", { name: /Visitor/ })
    .first()
    .click({ timeout: 60_000 });
  await expect(inbox.locator("li.theirs", { hasText: question })).toBeVisible({ timeout: 60_000 });
  const mark = inbox.getByTestId("verified-customer");
  await expect(mark).toContainText("Verified customer");
  await expect(mark.getByTestId("customer-name")).toHaveText("Ada Lovelace", { timeout: 30_000 });

  // Our database keeps a keyed hash of the customer id, never the id, the name or the email.
  const [mapping] = await db.select().from(schema.customers).where(eq(schema.customers.siteId, siteId));
  expect(mapping?.visitorUserId).toBe(one.userId);
  expect(JSON.stringify(mapping)).not.toContain(sub);

  // The same customer in a second browser: a new device on the same Matrix account.
  const second = await browser.newContext();
  const again = await openChat(second, stack, siteId, { embed: `data-user-token="${await signToken(siteId, key, "HS256", { sub })}"` });
  const two = await storedCustomer(second, siteId);
  expect(two.userId).toBe(one.userId);
  expect(two.deviceId).not.toBe(one.deviceId);
  const followUp = `Second browser ${randomBytes(3).toString("hex")}`;
  await visitorSends(again.chat, followUp);
  // The agent reads it, in the second conversation: the new device is cross-signed by the customer's (new) identity.
  const conversations = nav.getByRole("button", { name: /Visitor/ });
  await expect(conversations).toHaveCount(2, { timeout: 60_000 });
  const shown = inbox.locator("li.theirs", { hasText: followUp });
  await expect(async () => {
    for (const i of [0, 1]) {
      await conversations.nth(i).click();
      if (
        await shown.waitFor({ timeout: 3_000 }).then(
          () => true,
          () => false,
        )
      )
        return;
    }
    throw new Error("the second browser's message is in neither conversation (yet)");
  }).toPass({ timeout: 90_000 });
  await expect(inbox.getByTestId("verified-customer")).toContainText("Verified customer");
  const [mappings] = await db.select({ n: count() }).from(schema.customers).where(eq(schema.customers.siteId, siteId));
  expect(mappings?.n).toBe(1);
  await end();
  await page.close();
});

test("forged, expired, wrong-audience and replayed tokens are refused with a reason, create nothing, and the widget goes on anonymously", async ({
  browser,
  request,
}) => {
  const stack = stackInfo();
  const { db, end } = testDb(stack);
  const { siteId } = await createTeamSite(stack, db, "tokens");
  // This site registered an ES256 public key (the host keeps the private key).
  const site = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(site.publicKey);
  await db.insert(schema.siteIdentity).values({ siteId, publicKeyAlg: "ES256", publicKeyJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } });
  const forger = await generateKeyPair("ES256");
  const customersOfSite = async () => (await db.select({ n: count() }).from(schema.customers).where(eq(schema.customers.siteId, siteId)))[0]!.n;
  const visitors = async () => (await db.select({ n: count() }).from(schema.visitors).where(eq(schema.visitors.siteId, siteId)))[0]!.n;

  // The API, as the frame calls it: each refusal is a 4xx with its reason code, before anything is written.
  const before = await visitors();
  const valid = await signToken(siteId, site.privateKey, "ES256", { sub: "api-user" });
  const cases: [string, string, number, string][] = [
    ["forged (another key)", await signToken(siteId, forger.privateKey, "ES256"), 401, "bad_signature"],
    ["expired", await signToken(siteId, site.privateKey, "ES256", { iat: now() - 900, exp: now() - 600 }), 401, "expired"],
    ["for another site", await signToken(siteId, site.privateKey, "ES256", { aud: "another-site" }), 401, "wrong_audience"],
    ["HS256 while the site registered a public key", await signToken(siteId, new TextEncoder().encode("x".repeat(32)), "HS256"), 401, "alg_not_allowed"],
    ["valid, first use", valid, 201, ""],
    ["valid, replayed", valid, 409, "replayed"],
  ];
  for (const [name, token, status, code] of cases) {
    const res = await postCustomer(request, stack, siteId, token);
    expect(res.status(), name).toBe(status);
    if (code) expect(await res.json(), name).toMatchObject({ code, error: expect.any(String) });
  }
  expect(await visitors()).toBe(before + 1);
  expect(await customersOfSite()).toBe(1);

  // Two first uses at once (two tokens of one new customer): one account.
  const racing = await Promise.all(
    [0, 1].map(async () => (await postCustomer(request, stack, siteId, await signToken(siteId, site.privateKey, "ES256", { sub: "racer" }))).json()),
  );
  expect(racing[0].userId).toMatch(/^@visitor-/);
  expect(racing[1].userId).toBe(racing[0].userId);
  expect(racing[1].deviceId).not.toBe(racing[0].deviceId);
  expect(await customersOfSite()).toBe(2);

  // In the widget: a forged, an expired and a replayed token each leave an anonymous visitor, said quietly.
  const replayed = await signToken(siteId, site.privateKey, "ES256", { sub: "widget-user" });
  expect((await postCustomer(request, stack, siteId, replayed)).status()).toBe(201);
  for (const [name, token, reason] of [
    ["forged", await signToken(siteId, forger.privateKey, "ES256", { sub: "widget-user" }), "bad_signature"],
    ["expired", await signToken(siteId, site.privateKey, "ES256", { sub: "widget-user", iat: now() - 900, exp: now() - 600 }), "expired"],
    ["replayed", replayed, "replayed"],
  ] as const) {
    const context = await browser.newContext();
    const { page, chat } = await openChat(context, stack, siteId, { embed: `data-user-token="${token}"` });
    const note = chat.getByRole("status").filter({ hasText: "We could not confirm your account, so this chat is anonymous." });
    await expect(note, name).toBeVisible();
    await expect(note, name).toHaveAttribute("data-reason", reason);
    const v = await storedVisitor(page, siteId);
    expect(v.userId, name).toMatch(/^@visitor-/);
    expect((await storedCustomer(context, siteId)).customer, name).toBeUndefined();
    const [mapped] = await db
      .select()
      .from(schema.customers)
      .where(and(eq(schema.customers.siteId, siteId), eq(schema.customers.visitorUserId, v.userId)));
    expect(mapped, name).toBeUndefined();
    await visitorSends(chat, `anonymous after a ${name} token`);
    await expect(chat.locator("li.mine", { hasText: `anonymous after a ${name} token` })).toBeVisible();
    await context.close();
  }
  expect(await customersOfSite()).toBe(3); // api-user, racer, widget-user: none from the refused tokens
  await end();
});

function postCustomer(request: APIRequestContext, stack: StackInfo, siteId: string, token: string) {
  return request.post(`${stack.appUrl}/api/visitor/customer`, {
    headers: { origin: stack.appUrl, "content-type": "application/json" },
    data: Buffer.from(JSON.stringify({ siteId, hostOrigin: stack.demoUrl, token })),
  });
}
