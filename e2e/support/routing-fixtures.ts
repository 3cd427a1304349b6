import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { MatrixClient } from "matrix-js-sdk";
import { drizzle } from "drizzle-orm/postgres-js";
import { connectPostgres } from "@/drizzle/connect";
import * as schema from "@/drizzle/schema";
import { registerWithSharedSecret } from "@/lib/matrix/shared-secret-register";
import type { Browser } from "@playwright/test";
import { agentSignsIn } from "../helpers";
import { stackInfo, type StackInfo } from "../stack-info";
import { nodeVisitorPool, type NodeVisitor } from "./node-visitor";

/** Direct database access for test set-up and for asserting what the router recorded. */
export function testDb(stack: StackInfo) {
  const sql = connectPostgres(stack.databaseUrl, 2);
  return { db: drizzle(sql, { schema }), sql, end: () => sql.end() };
}

export type TestAgent = { userId: string; username: string; password: string };

/** A site whose conversations go to a team of its own; embeddable from the demo origin. */
export async function createTeamSite(stack: StackInfo, db: ReturnType<typeof testDb>["db"], name: string): Promise<{ siteId: string; teamId: string }> {
  const id = `${name}-${randomBytes(3).toString("hex")}`;
  await db.insert(schema.teams).values({ id, name });
  await db.insert(schema.sites).values({ id, name, allowedOrigins: [stack.demoUrl], teamId: id });
  return { siteId: id, teamId: id };
}

/** Registers an agent on Synapse and in our database (what operators will do in the console). */
export async function createAgent(
  stack: StackInfo,
  db: ReturnType<typeof testDb>["db"],
  opts: { name: string; teams: string[]; availability?: "available" | "away" | "offline"; maxConcurrent?: number },
): Promise<TestAgent> {
  const username = `${opts.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${randomBytes(3).toString("hex")}`;
  const password = randomBytes(12).toString("base64url");
  const { userId } = await registerWithSharedSecret({
    homeserverUrl: stack.synapseUrl,
    sharedSecret: stack.registrationSecret,
    username,
    password,
    displayName: opts.name,
  });
  await db
    .insert(schema.agents)
    .values({ userId, displayName: opts.name, availability: opts.availability ?? "available", maxConcurrent: opts.maxConcurrent ?? 5 });
  for (const teamId of opts.teams) await db.insert(schema.teamMembers).values({ teamId, agentUserId: userId });
  return { userId, username, password };
}

/** Polls until `check` returns a value (not undefined), or throws after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The conversation the router (or the app) recorded for a room, if any. */
export async function conversationRow(db: ReturnType<typeof testDb>["db"], roomId: string) {
  return (await db.select().from(schema.conversations).where(eq(schema.conversations.roomId, roomId)))[0];
}

/** Membership of each user in a room, as the homeserver has it right now (not a client's synced view). */
export async function serverMembers(stack: StackInfo, client: MatrixClient, roomId: string): Promise<Map<string, string>> {
  const res = await fetch(`${stack.synapseUrl}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/members`, {
    headers: { authorization: `Bearer ${client.getAccessToken()}` },
  });
  if (res.status !== 200) throw new Error(`GET members of ${roomId}: ${res.status}`);
  const { chunk } = (await res.json()) as { chunk: { state_key: string; content: { membership: string } }[] };
  return new Map(chunk.map((e) => [e.state_key, e.content.membership]));
}

/** A site with a team of its own and one available agent in it; the set-up's database connection is closed again. */
export async function siteWithOneAgent(stack: StackInfo, site: string, agentName: string): Promise<{ siteId: string; teamId: string; agent: TestAgent }> {
  const { db, end } = testDb(stack);
  try {
    const { siteId, teamId } = await createTeamSite(stack, db, site);
    return { siteId, teamId, agent: await createAgent(stack, db, { name: agentName, teams: [teamId] }) };
  } finally {
    await end();
  }
}

/** A site with one agent of its own, signed in to the console: how most console specs begin. */
export async function agentOnOwnSite(browser: Browser, site: string, agentName: string) {
  const stack = stackInfo();
  const { siteId, agent } = await siteWithOneAgent(stack, site, agentName);
  return { stack, siteId, agent, page: await agentSignsIn(browser, stack, agent) };
}

/**
 * What a routing spec shares: the stack and its database (opened by `open()`
 * in beforeAll, since the stack exists only once global-setup has run), Node
 * visitors without crypto, and a room's conversation row; `close()` stops the
 * visitors and the connection.
 */
export function routingSpecState() {
  let opened: { stack: StackInfo; db: ReturnType<typeof testDb>["db"]; end: () => Promise<void> } | undefined;
  const current = () => {
    if (!opened) throw new Error("routingSpecState: open() it in beforeAll first");
    return opened;
  };
  const visitors = nodeVisitorPool(() => current().stack);
  return {
    open(): { stack: StackInfo; db: ReturnType<typeof testDb>["db"] } {
      const stack = stackInfo();
      opened = { stack, ...testDb(stack) };
      return opened;
    },
    visitor: (siteId: string): Promise<NodeVisitor> => visitors.start(siteId),
    conversation: (roomId: string) => conversationRow(current().db, roomId),
    async close(): Promise<void> {
      visitors.stopAll();
      await opened?.end();
    },
  };
}
