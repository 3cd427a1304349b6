import "server-only";
import { z } from "zod";
import { matrixUserIdSchema } from "../../lib/matrix/user-id";
import { pushEnvShape, vapidKeys } from "../../lib/push/push-settings";
import { smtpEnvShape, smtpSettings } from "../../lib/reply-email/smtp-settings";

// The app's one validated view of its environment, read once at start.
export const envSchema = z.object({
  DATABASE_URL: z.string().url(),
  /** Synapse as this server reaches it. */
  SYNAPSE_URL: z.string().url(),
  /** Synapse as browsers reach it (widget and console talk to it directly). */
  SYNAPSE_PUBLIC_URL: z.string().url(),
  /** Synapse's registration_shared_secret: server-side only, never sent to a browser. */
  SYNAPSE_REGISTRATION_SECRET: z.string().min(16),
  /**
   * The as_token of Synapse's `sealdesk` application service (its registration file: synapse/appservice-config.ts),
   * server-side only, never sent to a browser. With it visitors are registered without a password (no bcrypt,
   * ~0.35 s faster); without it through the shared secret. Empty counts as unset.
   */
  SYNAPSE_APPSERVICE_TOKEN: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(16).optional()),
  ROUTER_USER_ID: matrixUserIdSchema,
  NEXTAUTH_SECRET: z.string().min(32),
  /** Signs routing tickets (HMAC); the Synapse module that confines visitors holds the same secret. */
  ROUTING_TICKET_SECRET: z.string().min(32),
  NEXTAUTH_URL: z.string().url(),
  /** Bearer token a Prometheus scraper presents at /metrics (operators can also open it signed in). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /**
   * Access token of a Synapse server admin, server-side only: the audit reads each
   * conversation's membership history through the admin API. Without it the audit answers 503.
   */
  SYNAPSE_ADMIN_TOKEN: z.string().min(8).optional(),
  /**
   * Set when the app is reachable only through a reverse proxy that appends the
   * client address to X-Forwarded-For: rate limits then count that address.
   * Otherwise they count the TCP peer and ignore X-Forwarded-For.
   */
  TRUSTED_PROXY: z.stringbool().default(false),
  /** New visitor accounts per hour from one IP address (IPv6: one /64). */
  VISITOR_IP_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(20),
  /** New visitor accounts per hour for one site, unless the site sets its own limit. */
  VISITOR_SITE_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(1000),
  /** Proof-of-work difficulty: leading zero bits of SHA-256 (each bit doubles the browser's work). */
  VISITOR_POW_BITS: z.coerce.number().int().min(0).max(28).default(15),
  /** Logs where each routing ticket's time went (Synapse checks, waiting for its batch, the batch): `npm run bench` sets it. */
  ROUTING_TICKET_TIMING: z.stringbool().default(false),
  /** API answers carry a Server-Timing of the authorization and the handler (the latency bench sets it; off: timings stay in the server). */
  SERVER_TIMING: z.stringbool().default(false),
  /** How long a proof-of-work challenge stays valid, in seconds. */
  VISITOR_POW_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  /** Key material for signing proof-of-work challenges; derived from NEXTAUTH_SECRET when absent. */
  VISITOR_POW_SECRET: z.string().min(32).optional(),
  /** Encrypts webhook signing secrets in our database (the router holds the same key to sign). Without it webhooks cannot be added. */
  // Empty counts as unset (compose passes "" when .env has none).
  INTEGRATIONS_KEY: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(32).optional()),
  /** Development and tests only: webhook endpoints may be plain http to localhost. */
  WEBHOOK_ALLOW_LOCAL_HTTP: z.stringbool().default(false),
  /**
   * Single sign-on: the OpenID Connect provider Synapse's `oidc_providers` uses (its client id and
   * secret live in homeserver.yaml only). With OIDC_ISSUER and OIDC_PROVIDER_NAME set, the sign-in
   * page offers "Sign in with <name>"; the app only checks that the issuer answers before sending
   * the browser there. Empty counts as unset.
   */
  OIDC_ISSUER: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional()),
  OIDC_PROVIDER_NAME: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).max(40).optional()),
  /** Synapse's id of that provider (`idp_id` in oidc_providers; synapse/oidc-config.ts uses oidc-sealdesk). */
  OIDC_IDP_ID: z
    .string()
    .regex(/^[A-Za-z0-9._~-]{1,255}$/)
    .default("oidc-sealdesk"),
  /** Reply emails (SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASSWORD, EMAIL_FROM, EMAIL_LINK_SECRET, ...): off without SMTP_HOST. */
  ...smtpEnvShape,
  /** Web Push to agents' devices (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT, PUSH_ENDPOINT_HOSTS, PUSH_ALLOW_LOCAL_HTTP, ...): off without the VAPID keys. */
  ...pushEnvShape,
});

function load(): z.infer<typeof envSchema> {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid app environment (see .env.example): ${problems}`);
  }
  if (Boolean(parsed.data.OIDC_ISSUER) !== Boolean(parsed.data.OIDC_PROVIDER_NAME)) {
    throw new Error("Invalid app environment (see .env.example): single sign-on needs both OIDC_ISSUER and OIDC_PROVIDER_NAME");
  }
  try {
    smtpSettings(parsed.data); // a half-configured SMTP server fails at start, naming what is missing
    vapidKeys(parsed.data); // so does half a VAPID configuration
  } catch (e) {
    throw new Error(`Invalid app environment (see .env.example): ${(e as Error).message}`, { cause: e });
  }
  return parsed.data;
}

let cached: z.infer<typeof envSchema> | undefined;
/** The validated environment; throws naming every missing or bad variable. */
export function env(): z.infer<typeof envSchema> {
  cached ??= load();
  return cached;
}

/** The reply-email settings, or null when SMTP_HOST is unset (the widget then does not offer emails). */
export function replyEmailSettings(): ReturnType<typeof smtpSettings> {
  return smtpSettings(env());
}
