import "server-only";
import { z } from "zod";

// The app's one validated view of its environment, read once at start.
const schema = z.object({
  DATABASE_URL: z.string().url(),
  /** Synapse as this server reaches it. */
  SYNAPSE_URL: z.string().url(),
  /** Synapse as browsers reach it (widget and console talk to it directly). */
  SYNAPSE_PUBLIC_URL: z.string().url(),
  /** Synapse's registration_shared_secret: server-side only, never sent to a browser. */
  SYNAPSE_REGISTRATION_SECRET: z.string().min(16),
  ROUTER_USER_ID: z.string().regex(/^@[^:]+:.+$/, "must be a Matrix user id such as @router:example.org"),
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
});

function load(): z.infer<typeof schema> {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid app environment (see .env.example): ${problems}`);
  }
  return parsed.data;
}

let cached: z.infer<typeof schema> | undefined;
/** The validated environment; throws naming every missing or bad variable. */
export function env(): z.infer<typeof schema> {
  cached ??= load();
  return cached;
}
