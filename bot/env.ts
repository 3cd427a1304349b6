import { z } from "zod";
import { matrixUserIdSchema } from "../lib/matrix/user-id";

// The router's one validated view of its environment.
const schema = z.object({
  DATABASE_URL: z.string().url(),
  SYNAPSE_URL: z.string().url(),
  ROUTER_USER_ID: matrixUserIdSchema,
  /** Access token of the router's account; that account never uploads E2EE device keys. */
  ROUTER_ACCESS_TOKEN: z.string().min(1),
  /** How often (ms) the router re-checks the queue even without a Matrix event. */
  ROUTER_TICK_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** An assigned agent who has not accepted within this time (ms) is skipped. */
  ROUTER_NO_SHOW_MS: z.coerce.number().int().min(1000).default(120_000),
  /** A conversation with no event for this long (ms) is closed. */
  ROUTER_INACTIVITY_MS: z.coerce.number().int().min(1000).default(30 * 60_000),
  /** A room a visitor prepared (the chat opened) but never started is left after this long (ms). */
  ROUTER_PREPARED_TTL_MS: z.coerce.number().int().min(1000).default(6 * 3_600_000),
});

export type BotEnv = z.infer<typeof schema>;

/** Reads and validates the environment, exiting with a clear message when it is wrong. */
export function loadEnv(): BotEnv {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid router environment (see .env.example): ${problems}`);
  }
  return parsed.data;
}
