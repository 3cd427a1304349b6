import "server-only";
import { and, count, eq } from "drizzle-orm";
import { pushEndpointProblem, type PushSubscriptionInput } from "../../lib/push/push-subscription";
import { vapidKeys } from "../../lib/push/push-settings";
import { db, schema } from "./db";
import { env } from "./env";
import { Refusal } from "./refusal";

const { consolePresence, pushSubscriptions } = schema;
// Enough for every browser an agent uses; a bound on what one account can make the router send.
const MAX_DEVICES = 20;

/** The VAPID public key the console subscribes with, or null when Web Push is off. */
export function pushPublicKey(): string | null {
  return vapidKeys(env())?.publicKey ?? null;
}

/**
 * Stores this device's subscription for the agent (one row per endpoint: a
 * browser that subscribes again replaces its keys; a browser profile another
 * agent used before now notifies this one). 400 for an endpoint that is no push
 * service's, 409 when Web Push is off or the agent has too many devices.
 */
export async function saveSubscription(agentUserId: string, s: PushSubscriptionInput): Promise<{ devices: number }> {
  if (!pushPublicKey()) throw new Refusal(409, "Notifications on this device are not set up on this server");
  const problem = pushEndpointProblem(s.endpoint, { allowLocalHttp: env().PUSH_ALLOW_LOCAL_HTTP, allowedHosts: env().PUSH_ENDPOINT_HOSTS });
  if (problem) throw new Refusal(400, problem);
  return db().transaction(async (tx) => {
    // Serialises one agent's subscribes, so the device limit holds under concurrent requests.
    await tx.select().from(schema.agents).where(eq(schema.agents.userId, agentUserId)).for("update");
    const [others] = await tx.select({ n: count() }).from(pushSubscriptions).where(eq(pushSubscriptions.agentUserId, agentUserId));
    const [mine] = await tx
      .select({ id: pushSubscriptions.id })
      .from(pushSubscriptions)
      .where(and(eq(pushSubscriptions.endpoint, s.endpoint), eq(pushSubscriptions.agentUserId, agentUserId)));
    if (!mine && (others?.n ?? 0) >= MAX_DEVICES) throw new Refusal(409, `At most ${MAX_DEVICES} devices can be notified; turn notifications off on one first`);
    const keys = { agentUserId, p256dh: s.keys.p256dh, auth: s.keys.auth };
    await tx
      .insert(pushSubscriptions)
      .values({ endpoint: s.endpoint, ...keys })
      .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: keys });
    const [after] = await tx.select({ n: count() }).from(pushSubscriptions).where(eq(pushSubscriptions.agentUserId, agentUserId));
    return { devices: after?.n ?? 0 };
  });
}

/** Forgets one of the agent's own subscriptions ("turn off", sign-out); another agent's endpoint is left alone. */
export async function removeSubscription(agentUserId: string, endpoint: string): Promise<{ removed: boolean }> {
  const rows = await db()
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.agentUserId, agentUserId), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  return { removed: rows.length > 0 };
}

/** Forgets every device of an agent (offboarding). */
export async function removeAllSubscriptions(agentUserId: string): Promise<void> {
  await db().delete(pushSubscriptions).where(eq(pushSubscriptions.agentUserId, agentUserId));
}

/** Records that the agent's console is open now, or closed (pushes go out again at once). */
export async function setConsolePresence(agentUserId: string, open: boolean): Promise<void> {
  const seenAt = open ? new Date() : null;
  await db().insert(consolePresence).values({ agentUserId, seenAt }).onConflictDoUpdate({ target: consolePresence.agentUserId, set: { seenAt } });
}
