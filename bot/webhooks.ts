import type { Db } from "../lib/conversation/transitions";
import { claimDueDeliveries, deliverAll, pruneDeliveries } from "../lib/integrations/deliver-webhooks";
import { everyInterval } from "./router";

export type WebhookSettings = { intervalMs: number; integrationsKey: string; keepMs: number; batch?: number };

/** One pass: claim due deliveries (SKIP LOCKED + lease, safe beside other routers) and send them; then prune old finished ones. */
export async function runWebhookDeliveries(db: Db, settings: WebhookSettings, now: Date): Promise<number> {
  const batch = settings.batch ?? 50;
  let sent = 0;
  for (let more = true; more;) {
    const due = await claimDueDeliveries(db, now, batch);
    await deliverAll(db, settings.integrationsKey, due);
    sent += due.length;
    more = due.length === batch;
  }
  await pruneDeliveries(db, now, settings.keepMs);
  return sent;
}

/** Works the webhook delivery queue on a timer, one pass at a time, in the router process. */
export function startWebhookDelivery(db: Db, settings: WebhookSettings, log: (m: string) => void): { stop(): Promise<void> } {
  return everyInterval(settings.intervalMs, async () => {
    await runWebhookDeliveries(db, settings, new Date()).catch((e: Error) => log(`webhook deliveries failed: ${e.message}`));
  });
}
