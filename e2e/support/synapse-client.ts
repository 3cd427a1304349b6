// Straight calls on Synapse's client API, for the specs that act as a user
// would with a raw token (a visitor trying what it must not, an agent's control).
import type { StackInfo } from "../stack-info";
import { startNodeVisitor, type NodeVisitor } from "./node-visitor";
import { createAgent, createTeamSite, type testDb, type TestAgent } from "./routing-fixtures";

/** Synapse's answer: HTTP status and JSON body ({} when the body is not JSON). */
export type Reply = { status: number; body: Record<string, unknown> };

/** One call to Synapse as `token`; `prefix` selects the API (client v3 unless told). */
export async function synapseCall(
  stack: StackInfo,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  prefix = "/_matrix/client/v3",
): Promise<Reply> {
  const res = await fetch(`${stack.synapseUrl}${prefix}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

/** An access token for a test agent, by password login. */
export async function loginToken(stack: StackInfo, a: TestAgent): Promise<string> {
  const res = await fetch(`${stack.synapseUrl}/_matrix/client/v3/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: "m.login.password", identifier: { type: "m.id.user", user: a.username }, password: a.password }),
  });
  if (!res.ok) throw new Error(`login ${a.username}: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export type TokenAgent = TestAgent & { token: string };

/**
 * A site with a team of its own, an agent of that team and an agent of no team
 * of it (both logged in), and a visitor of the site with its token, as the
 * widget gets it from /api/visitor/session (without crypto).
 */
export async function siteWithVisitorToken(
  stack: StackInfo,
  db: ReturnType<typeof testDb>["db"],
  names: { site: string; agent: string; stranger: string },
): Promise<{ siteId: string; agent: TokenAgent; stranger: TokenAgent; visitor: NodeVisitor & { token: string } }> {
  const { siteId, teamId } = await createTeamSite(stack, db, names.site);
  const a = await createAgent(stack, db, { name: names.agent, teams: [teamId] });
  const s = await createAgent(stack, db, { name: names.stranger, teams: [] });
  const agent = { ...a, token: await loginToken(stack, a) };
  const stranger = { ...s, token: await loginToken(stack, s) };
  const v = await startNodeVisitor({ appUrl: stack.appUrl, siteId, hostOrigin: stack.demoUrl, withCrypto: false });
  const token = v.client.getAccessToken();
  if (!token) throw new Error("the visitor has no access token");
  return { siteId, agent, stranger, visitor: Object.assign(v, { token }) };
}
