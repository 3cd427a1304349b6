import { z } from "zod";
import { matrixUserIdSchema } from "../lib/matrix/user-id";
import { pushEnvShape, vapidKeys } from "../lib/push/push-settings";
import { smtpEnvShape, smtpSettings } from "../lib/reply-email/smtp-settings";

// The router's one validated view of its environment.
/** The env schema; exported for the deployment check of which variables are required. */
export const envSchema = z.object({
  DATABASE_URL: z.string().url(),
  SYNAPSE_URL: z.string().url(),
  ROUTER_USER_ID: matrixUserIdSchema,
  /** Access token of the router's account; that account never uploads E2EE device keys. */
  ROUTER_ACCESS_TOKEN: z.string().min(1),
  /** How often (ms) the router re-checks the queue even without a Matrix event. */
  ROUTER_TICK_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** Node's own options: the router checks that they cap V8's young generation (`node-flags.ts`). */
  NODE_OPTIONS: z.string().optional(),
  /** Benchmarks: log each routing pass's duration and how many rooms the router's client holds (`bench/router-slope.ts`). */
  ROUTER_LOG_PASSES: z.stringbool().default(false),
  /** An assigned agent who has not accepted within this time (ms) is skipped. */
  ROUTER_NO_SHOW_MS: z.coerce.number().int().min(1000).default(120_000),
  /** A conversation with no event for this long (ms) is closed. */
  ROUTER_INACTIVITY_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(30 * 60_000),
  /** A room a visitor prepared (the chat opened) but never started is left after this long (ms). */
  ROUTER_PREPARED_TTL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(6 * 3_600_000),
  /** After a close, a visitor's message within this time (ms) reopens the conversation; then the router leaves the room. */
  ROUTER_CLOSED_GRACE_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(10 * 60_000),
  /**
   * A Synapse server admin's token (the auditor's, as the app's SYNAPSE_ADMIN_TOKEN) for the retention job only:
   * purging rooms and erasing visitor accounts. Never used by the router's own client; without it no retention runs.
   */
  // Empty counts as unset: compose passes "" until the auditor account exists.
  SYNAPSE_ADMIN_TOKEN: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(8).optional()),
  /** How often (ms) the retention job looks for expired conversations. */
  RETENTION_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(10 * 60_000),
  /** Tests only: a site's retention counts in seconds instead of days (never set it in production). */
  RETENTION_UNIT_SECONDS: z.enum(["1"]).optional(),
  /** A prepared room the router left unstarted is purged this long (ms) after it left. */
  RETENTION_ABANDONED_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(24 * 3_600_000),
  /**
   * Decrypts the webhook endpoints' signing secrets (the app's INTEGRATIONS_KEY); without it no webhook is sent
   * (deliveries wait in the queue).
   */
  INTEGRATIONS_KEY: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(32).optional()),
  /** How often (ms) the router sends due webhook deliveries. */
  WEBHOOK_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /** Finished webhook deliveries (and their attempts) are kept this many days for the delivery log. */
  WEBHOOK_LOG_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Reply emails (SMTP_*, EMAIL_FROM, EMAIL_LINK_SECRET as the app's): off without SMTP_HOST. */
  ...smtpEnvShape,
  /** The app's public URL (the app's NEXTAUTH_URL): reply emails' unsubscribe links point at it. Needed with SMTP_HOST. */
  APP_PUBLIC_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional()),
  /** Web Push to agents' devices (VAPID_*, PUSH_*, CONSOLE_PRESENCE_TTL_SECONDS as the app's): off without the VAPID keys. */
  ...pushEnvShape,
  /** How often (ms) the router looks for new assignments to push. */
  PUSH_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
});

export type BotEnv = z.infer<typeof envSchema>;

/** Reads and validates the environment, exiting with a clear message when it is wrong. */
export function loadEnv(): BotEnv {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid router environment (see .env.example): ${problems}`);
  }
  try {
    if (smtpSettings(parsed.data) && !parsed.data.APP_PUBLIC_URL) throw new Error("SMTP_HOST is set, so reply emails need: APP_PUBLIC_URL");
    vapidKeys(parsed.data); // half a VAPID configuration fails at start, naming what is missing
  } catch (e) {
    throw new Error(`Invalid router environment (see .env.example): ${(e as Error).message}`, { cause: e });
  }
  return parsed.data;
}
