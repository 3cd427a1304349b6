import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Download, type FrameLocator, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { connectPostgres } from "../drizzle/connect";
import * as schema from "../drizzle/schema";
import { requestVisitorSession } from "../lib/widget-protocol/request-visitor-session";
import { agentSends, agentSignsIn, visitorSends } from "./helpers";
import { findPlaintext } from "./plaintext-scan";
import { stackInfo, type StackInfo } from "./stack-info";
import { consoleSession } from "./support/org-roster";
import { createAgent, siteWithOneAgent, testDb } from "./support/routing-fixtures";
import { storedVisitor, widgetFrame } from "./support/widget-chat";

const unique = (what: string): string => `${what} ${randomBytes(6).toString("hex")}`;

async function text(download: Promise<Download>): Promise<{ name: string; body: string }> {
  const d = await download;
  const chunks: Buffer[] = [];
  for await (const c of await d.createReadStream()) chunks.push(c as Buffer);
  return { name: d.suggestedFilename(), body: Buffer.concat(chunks).toString("utf8") };
}

/** Every line appears, in this order. */
function expectInOrder(body: string, lines: string[]): void {
  const at = lines.map((l) => body.indexOf(l));
  expect(
    at.every((i) => i >= 0),
    `all of ${JSON.stringify(lines)} in:\n${body}`,
  ).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
}

const rate = (stack: StackInfo, token: string | null, body: unknown) =>
  fetch(`${stack.appUrl}/api/visitor/rating`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

async function openChat(page: Page, stack: StackInfo, siteId: string): Promise<FrameLocator> {
  await page.goto(`${stack.demoUrl}/?${new URLSearchParams({ site: siteId })}`);
  await page.getByRole("button", { name: "Open support chat" }).click();
  const chat = page.frameLocator('iframe[title="Support chat"]');
  await expect(chat.getByRole("textbox", { name: "Message" })).toBeEnabled({ timeout: 60_000 });
  return chat;
}

test("rating at close: the score is metadata, the comment reaches only the encrypted room; both transcripts hold the whole conversation", async ({
  browser,
}) => {
  const stack = stackInfo();
  const { siteId, teamId, agent } = await siteWithOneAgent(stack, "rating", "Rating Agent");
  const console_ = await agentSignsIn(browser, stack, agent);
  const visitor = await (await browser.newContext()).newPage();
  const chat = await openChat(visitor, stack, siteId);
  const lines = [
    unique("Can I change my delivery address?"),
    unique("Yes: which address?"),
    unique("12 Rue de la Paix, Paris"),
    unique("Done, it is updated."),
  ];
  const comment = unique("Quick and friendly, thank you");

  // A conversation both ways, with an attachment.
  await visitorSends(chat, lines[0]!);
  await console_
    .getByRole("navigation", { name: "Conversations" })
    .getByRole("button", { name: /Visitor/ })
    .first()
    .click({ timeout: 60_000 });
  await expect(console_.locator("li.theirs", { hasText: lines[0] })).toBeVisible({ timeout: 60_000 });
  await agentSends(console_, lines[1]!);
  await expect(chat.locator("li.theirs", { hasText: lines[1] })).toBeVisible();
  await visitorSends(chat, lines[2]!);
  await chat.locator("input[type=file]").setInputFiles({ name: "proof-of-address.txt", mimeType: "text/plain", buffer: randomBytes(512) });
  await expect(console_.locator("li.theirs", { hasText: lines[2] })).toBeVisible();
  await expect(console_.getByRole("button", { name: /Download proof-of-address\.txt/ })).toBeVisible({ timeout: 60_000 });
  await agentSends(console_, lines[3]!);
  await expect(chat.locator("li.theirs", { hasText: lines[3] })).toBeVisible();
  const { userId: visitorId, roomId } = await storedVisitor(visitor, siteId);
  const token = await widgetFrame(visitor).evaluate(
    (k) => (JSON.parse(localStorage.getItem(k) ?? "{}") as { accessToken: string }).accessToken,
    `sealdesk:visitor:${siteId}`,
  );

  // Not before the close: refused, nothing stored.
  expect((await rate(stack, token, { room_id: roomId, score: 5 })).status).toBe(409);

  // The agent closes: the widget asks, saying plainly what goes where.
  await console_.getByRole("button", { name: "Close conversation" }).click();
  const question = chat.getByRole("group", { name: "How was this conversation?" });
  await expect(question).toBeVisible();
  await expect(chat.getByText(`Your score is shared with rating.`, { exact: false })).toBeVisible(); // the test site's name
  await expect(chat.getByText(/Your comment is end-to-end encrypted/)).toBeVisible();
  const axe = await new AxeBuilder({ page: visitor }).include('iframe[title="Support chat"]').analyze();
  const bad = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  // Keyboard only: the stars are one radio group (arrow keys), the comment a labelled text box.
  await chat.getByRole("radio", { name: "1 star" }).focus();
  for (let i = 0; i < 3; i++) await visitor.keyboard.press("ArrowRight");
  await expect(chat.getByRole("radio", { name: "4 stars" })).toBeChecked();
  await chat.getByRole("textbox", { name: "Comment (optional)" }).fill(comment);
  await chat.getByRole("button", { name: "Send rating" }).focus();
  await visitor.keyboard.press("Enter");
  await expect(chat.getByRole("status").filter({ hasText: "Thank you for your rating." })).toBeVisible();

  // Our database has the score; the agent's console shows the comment, decrypted, as a rating comment.
  const sql = connectPostgres(stack.databaseUrl, 1);
  try {
    await expect.poll(async () => sql`select score from conversation_ratings where room_id = ${roomId!}`).toEqual([{ score: 4 }]);
    const rated = console_.locator("li.rating-comment", { hasText: comment });
    await expect(rated).toBeVisible({ timeout: 60_000 });
    await expect(rated).toContainText("Rating comment");
    await expect(rated).toContainText("· encrypted");
    // The comment, a visitor event after the agent's close, does not reopen it (the router decides within a second).
    await new Promise((r) => setTimeout(r, 5_000));
    expect(await sql`select status::text, closed_reason from conversations where room_id = ${roomId!}`).toEqual([{ status: "closed", closed_reason: "agent" }]);
    await expect(console_.getByText("This conversation is closed.")).toBeVisible();

    // Rating twice, another visitor, bad input: refused with a clear 4xx, nothing changed.
    const other = await requestVisitorSession({ appUrl: stack.appUrl, siteId, hostOrigin: stack.demoUrl, headers: { origin: stack.appUrl } });
    const refusals: [string, string | null, unknown, number, RegExp][] = [
      ["twice", token, { room_id: roomId, score: 1 }, 409, /already been rated/],
      ["another visitor", other.accessToken, { room_id: roomId, score: 1 }, 404, /No such conversation of yours/],
      ["no token", null, { room_id: roomId, score: 1 }, 401, /access token/],
      ["score 6", token, { room_id: roomId, score: 6 }, 400, /score/],
      ["a comment sent to the server", token, { room_id: roomId, score: 1, comment: "x" }, 400, /comment|Unrecognized/i],
    ];
    for (const [name, who, body, status, error] of refusals) {
      const res = await rate(stack, who, body);
      expect(res.status, name).toBe(status);
      expect(((await res.json()) as { error: string }).error, name).toMatch(error);
    }
    expect(await sql`select score from conversation_ratings where room_id = ${roomId!}`).toEqual([{ score: 4 }]);

    // What an attacker with the servers' storage gets: the score, never the comment (the scanner does find stored metadata).
    expect(await findPlaintext(stack, [visitorId])).not.toHaveLength(0);
    expect(await findPlaintext(stack, [comment, ...lines])).toEqual([]);
  } finally {
    await sql.end();
  }

  // Reports: the score in /metrics per agent, team and site.
  const metrics = await (await fetch(`${stack.appUrl}/metrics`, { headers: { authorization: `Bearer ${stack.metricsToken}` } })).text();
  expect(metrics).toContain(`sealdesk_agent_rating_score_sum{agent="${agent.userId}"} 4`);
  expect(metrics).toContain(`sealdesk_agent_rating_score_count{agent="${agent.userId}"} 1`);
  expect(metrics).toContain(`sealdesk_team_rating_score_count{team="${teamId}"} 1`);
  expect(metrics).toContain(`sealdesk_site_rating_score_sum{site="${siteId}"} 4`);
  // And on the operators' metrics page, beside the routing figures (an operator of its own, offline: never routed to).
  const { db, end } = testDb(stack);
  const operatorAccount = await createAgent(stack, db, { name: "Rating Operator", teams: [], availability: "offline" });
  await db.update(schema.agents).set({ role: "operator" }).where(eq(schema.agents.userId, operatorAccount.userId));
  await end();
  const operator = await consoleSession(stack, operatorAccount);
  const metricsPage = await (await operator.get("/operator/metrics")).text();
  await operator.dispose();
  expect(metricsPage).toContain("Satisfaction ratings");
  expect(metricsPage).toContain("Agent: Rating Agent</th><td>4.00 / 5</td><td>1</td>");

  // Both transcripts, made in the browsers: every message in order, the attachment's name, the comment last.
  const expected = [lines[0]!, lines[1]!, lines[2]!, "Attachment: proof-of-address.txt", lines[3]!, `Rating comment (4/5): ${comment}`];
  const mine = await text(Promise.all([visitor.waitForEvent("download"), chat.getByRole("button", { name: "Download transcript" }).click()]).then(([d]) => d));
  expect(mine.name).toMatch(/^transcript-rating-\d{4}-\d\d-\d\d\.txt$/);
  expectInOrder(mine.body, expected);
  expect(mine.body).toContain(`You: ${lines[0]}`);
  expect(mine.body).toContain(`Rating Agent: ${lines[1]}`);
  const theirs = await text(
    Promise.all([console_.waitForEvent("download"), console_.getByRole("button", { name: "Download transcript" }).click()]).then(([d]) => d),
  );
  expectInOrder(theirs.body, expected);
  expect(theirs.body).toContain(`Visitor: ${lines[0]}`);
  expect(theirs.body).toContain(`You: ${lines[1]}`);

  // The rating is asked once: after a reload the widget does not ask again.
  await visitor.reload();
  await visitor.getByRole("button", { name: "Open support chat" }).click();
  const again = visitor.frameLocator('iframe[title="Support chat"]');
  await expect(again.getByRole("button", { name: "Start a new conversation" })).toBeVisible({ timeout: 60_000 });
  await expect(again.getByRole("group", { name: "How was this conversation?" })).toBeHidden();
});
