import "server-only";
import { timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { looksLikeApiToken } from "../../lib/integrations/api-tokens";
import type { ApiScope } from "../../lib/integrations/api-scopes";
import { currentAgent } from "./current-agent";
import { db, schema } from "./db";
import { env } from "./env";
import { Refusal } from "./refusal";
import { tokenCaller } from "./token-caller";

/** An operator's session, or a bearer API token with this scope. */
export type ScopedAccess = `scoped:${ApiScope}`;
/** Who may call a route. */
export type Access = "public" | "chat-frame" | "visitor" | "agent" | "operator" | "metrics" | ScopedAccess;
/** A signed-in agent or operator. */
export type Agent = NonNullable<Awaited<ReturnType<typeof currentAgent>>>;
/** What a route learns about its caller: the agent, the visitor's Matrix token, or nothing. */
export type Caller<A extends Access> = A extends "agent" | "operator" | ScopedAccess
  ? Agent
  : A extends "visitor"
    ? { accessToken: string }
    : A extends "metrics"
      ? Agent | null
      : null;

/** Whether the user is an operator now, according to our database (a demotion or an offboarding takes effect at once). */
export async function isOperator(userId: string): Promise<boolean> {
  const [row] = await db()
    .select({ role: schema.agents.role, offboardedAt: schema.agents.offboardedAt })
    .from(schema.agents)
    .where(eq(schema.agents.userId, userId));
  return row?.role === "operator" && !row.offboardedAt;
}

async function signedIn(message = "Sign in first", onSession?: () => void): Promise<Agent> {
  const me = await currentAgent();
  if (!me) throw new Refusal(401, message);
  onSession?.();
  // A session outlives an offboarding (it is a signed cookie): the database says whether they are still an agent.
  const [row] = await db().select({ offboardedAt: schema.agents.offboardedAt }).from(schema.agents).where(eq(schema.agents.userId, me.userId));
  if (!row || row.offboardedAt) throw new Refusal(401, "This account is no longer an agent here");
  return me;
}

async function operator(unsignedMessage?: string, onSession?: () => void): Promise<Agent> {
  const me = await signedIn(unsignedMessage, onSession);
  if (!(await isOperator(me.userId))) throw new Refusal(403, "Only operators can do this");
  return { ...me, role: "operator" };
}

function bearer(request: Request): string | undefined {
  return /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
}

function metricsTokenMatches(request: Request): boolean {
  const expected = env().METRICS_TOKEN;
  const given = bearer(request);
  if (!expected || !given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/**
 * The caller allowed by `access`, or a Refusal (401 nobody or wrong credentials, 403 not allowed).
 * `onSession` is called once a signed-in caller's session cookie has verified, before the database
 * says whether they are still an agent (or an operator): work that may start beside that check
 * (api-route's `read`). Its result must not be used unless this resolves.
 */
export async function authorize<A extends Access>(access: A, request: Request, onSession?: () => void): Promise<Caller<A>> {
  switch (access) {
    case "public":
      return null as Caller<A>;
    case "chat-frame":
      // Only our own chat iframe calls it: the browser's Origin header must be ours.
      if (request.headers.get("origin") !== new URL(env().NEXTAUTH_URL).origin) throw new Refusal(403, "Visitor sessions are created by the chat frame only");
      return null as Caller<A>;
    case "visitor": {
      const accessToken = bearer(request);
      if (!accessToken) throw new Refusal(401, "Send the visitor's access token as 'Authorization: Bearer <token>'");
      return { accessToken } as Caller<A>;
    }
    case "agent":
      return (await signedIn(undefined, onSession)) as Caller<A>;
    case "operator":
      return (await operator(undefined, onSession)) as Caller<A>;
    case "metrics": {
      if (metricsTokenMatches(request)) return null as Caller<A>;
      const token = bearer(request);
      if (token && looksLikeApiToken(token)) return (await tokenCaller(token, "metrics:read")) as Caller<A>;
      return (await operator("Send the METRICS_TOKEN or an API token with metrics:read as a bearer token, or sign in as an operator")) as Caller<A>;
    }
  }
  if (access.startsWith("scoped:")) {
    // A bearer credential means an API token (never a session: no CSRF); without one, the operator's session.
    const token = bearer(request);
    return (token ? await tokenCaller(token, access.slice("scoped:".length) as ApiScope) : await operator()) as Caller<A>;
  }
  throw new Error(`unknown access ${String(access)}`);
}
