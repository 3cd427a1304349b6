import { request, test, type APIRequestContext } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "@/drizzle/schema";
import type { RosterAgent } from "@/lib/roster/roster";
import { generateOrgKey, orgKeyId, signRoster } from "@/lib/roster/sign-roster";
import type { NodeAgent } from "./node-matrix-agent";
import { createAgent, testDb, type TestAgent } from "./routing-fixtures";
import { stackInfo, type StackInfo } from "../stack-info";

type Db = ReturnType<typeof testDb>["db"];

/** An organisation key held by the test (what an operator's secret storage holds in real use). */
export type TestOrg = { orgKey: string; privateKey: CryptoKey };

/** A new organisation key, made with the same WebCrypto code the console uses. */
export async function newTestOrg(): Promise<TestOrg> {
  const pair = await generateOrgKey();
  return { orgKey: await orgKeyId(pair.publicKey), privateKey: pair.privateKey };
}

/** The master key the agent's own client published (what the console reads with /keys/query). */
export async function masterKeyOf(agent: NodeAgent): Promise<string> {
  const id = await agent.client.getCrypto()!.getCrossSigningKeyId();
  if (!id) throw new Error(`${agent.userId} has no cross-signing identity`);
  return id;
}

/** Set-up as a fresh install would be: this org's key registered and a roster signed by it stored (replaces any earlier org). */
export async function installOrg(db: Db, org: TestOrg, version: number, agents: RosterAgent[]): Promise<void> {
  const roster = await signRoster({ version, issuedAt: Date.now(), orgKey: org.orgKey, agents }, org.privateKey);
  await db.delete(schema.orgTrust).where(eq(schema.orgTrust.id, "org"));
  await db.insert(schema.orgTrust).values({ id: "org", orgKey: org.orgKey, roster, rosterVersion: version, updatedBy: "@e2e:setup" });
}

/** No organisation key at all (the state every other spec expects). */
export async function removeOrg(db: Db): Promise<void> {
  await db.delete(schema.orgTrust).where(eq(schema.orgTrust.id, "org"));
}

/** An API client signed in to the console as this user (Matrix password login, then next-auth's Matrix-token sign-in). */
export async function consoleSession(stack: StackInfo, who: { username: string; password: string }): Promise<APIRequestContext> {
  const login = (await fetch(`${stack.synapseUrl}/_matrix/client/v3/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: "m.login.password", identifier: { type: "m.id.user", user: who.username }, password: who.password }),
  }).then((r) => r.json())) as { access_token: string };
  const api = await request.newContext({ baseURL: stack.appUrl });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await api.post("/api/auth/callback/matrix", { form: { csrfToken, accessToken: login.access_token, json: "true" } });
  if (!res.ok()) throw new Error(`console sign-in failed: ${res.status()}`);
  return api;
}

/** What {@link operatorSpec} sets up for a serial spec about the organisation key. */
export type OperatorSpec = { stack: StackInfo; fixtures: ReturnType<typeof testDb>; operator: TestAgent; api: APIRequestContext };

/**
 * The start and end of a spec about the organisation key: the stack and its database, an
 * operator of its own (added as `npm run setup:operator` adds one) with a console API session,
 * and no organisation key before or after. `nodeAgents` (filled by the spec) are stopped at the end.
 * The spec's own `beforeAll` runs after this one and reads the fields.
 */
export function operatorSpec(operatorName: string, nodeAgents: NodeAgent[]): OperatorSpec {
  const s = {} as OperatorSpec;
  test.beforeAll(async () => {
    s.stack = stackInfo();
    s.fixtures = testDb(s.stack);
    await removeOrg(s.fixtures.db);
    s.operator = await createAgent(s.stack, s.fixtures.db, { name: operatorName, teams: [], availability: "offline" });
    await s.fixtures.db.update(schema.agents).set({ role: "operator", addedBy: "setup:operator" }).where(eq(schema.agents.userId, s.operator.userId));
    s.api = await consoleSession(s.stack, s.operator);
  });
  test.afterAll(async () => {
    for (const a of nodeAgents) await a.stop().catch(() => {});
    await s.api?.dispose();
    await removeOrg(s.fixtures.db);
    await s.fixtures.end();
  });
  return s;
}
