import { retentionUnitSeconds } from "../lib/retention/conversation-stats";
import { synapseErasureAdmin } from "../lib/retention/synapse-admin";
import { vapidKeys } from "../lib/push/push-settings";
import { smtpSettings } from "../lib/reply-email/smtp-settings";
import { loadEnv } from "./env";
import { hasRouterNodeFlags, ROUTER_NODE_FLAGS } from "./node-flags";
import { createPushNotifier, webPushSender } from "./push-notifier";
import { createReplyNotifier, smtpTransport } from "./reply-notifier";
import { startRetention } from "./retention";
import { startRouter } from "./router";
import { createStore } from "./store";
import { startWebhookDelivery } from "./webhooks";

const log = (msg: string): void => console.log(`[router] ${new Date().toISOString()} ${msg}`);

const env = loadEnv();
if (!hasRouterNodeFlags(process.execArgv, env.NODE_OPTIONS))
  log(`started without ${ROUTER_NODE_FLAGS.join(" ")} (node's command line): V8 keeps the young generation and the pages a burst grew, ~120 MiB more RSS`);
const { store, db, end } = createStore(env.DATABASE_URL);
const smtp = smtpSettings(env);
// Reply emails need the SMTP server; without SMTP_HOST none is sent (and the widget does not offer them).
const notifier = smtp && env.APP_PUBLIC_URL ? createReplyNotifier(db, smtp, env.APP_PUBLIC_URL.replace(/\/$/, ""), smtpTransport(smtp), log) : null;
// Web Push to agents' devices needs the VAPID keys; without them nothing is pushed (the console does not offer it).
const vapid = vapidKeys(env);
const pushes = vapid
  ? createPushNotifier(
      db,
      { presenceTtlMs: env.CONSOLE_PRESENCE_TTL_SECONDS * 1000, windowMs: env.PUSH_WINDOW_SECONDS * 1000, intervalMs: env.PUSH_INTERVAL_MS },
      webPushSender(vapid),
      log,
    )
  : null;
const router = await startRouter(env, store, log, (roomId, sender, at, type, eventId) => {
  notifier?.activity(roomId, sender, at, type);
  pushes?.activity(roomId, sender, at, type, eventId);
});
const pushTimer = pushes?.start() ?? (log("web push off: no VAPID keys"), null);
// Retention needs a server admin's token (the auditor's), used for the admin API only, never by the router's own client.
const retention = env.SYNAPSE_ADMIN_TOKEN
  ? startRetention(
      db,
      synapseErasureAdmin({ baseUrl: env.SYNAPSE_URL, token: env.SYNAPSE_ADMIN_TOKEN }),
      { intervalMs: env.RETENTION_INTERVAL_MS, unitSeconds: retentionUnitSeconds(env.RETENTION_UNIT_SECONDS === "1"), abandonedMs: env.RETENTION_ABANDONED_MS },
      log,
    )
  : (log("retention off: no SYNAPSE_ADMIN_TOKEN (closed conversations are kept)"), null);

const webhooks = env.INTEGRATIONS_KEY
  ? startWebhookDelivery(db, { intervalMs: env.WEBHOOK_INTERVAL_MS, integrationsKey: env.INTEGRATIONS_KEY, keepMs: env.WEBHOOK_LOG_DAYS * 86_400_000 }, log)
  : (log("webhooks off: no INTEGRATIONS_KEY (deliveries wait in the queue)"), null);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void Promise.all([router.stop(), retention?.stop(), webhooks?.stop(), pushTimer?.stop()])
      .then(end)
      .finally(() => process.exit(0));
  });
}
