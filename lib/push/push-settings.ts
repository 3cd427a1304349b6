import { z } from "zod";
import { DEFAULT_PUSH_HOSTS } from "./push-subscription";

// Empty counts as unset: compose files pass "" for a variable nobody filled in.
const unsetIfEmpty = (v: unknown): unknown => (v === "" ? undefined : v);
const optional = <T extends z.ZodType>(s: T) => z.preprocess(unsetIfEmpty, s.optional());
const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, "must be base64url (as `npx web-push generate-vapid-keys` prints it)");

/**
 * The Web Push settings the app and the router read from their environment
 * (each merges this into its own env module). Without the VAPID keys the
 * feature is off: the console does not offer it and nothing is sent.
 */
export const pushEnvShape = {
  /** The server's VAPID public key (the console subscribes with it); the app and the router hold the same. */
  VAPID_PUBLIC_KEY: optional(base64url.length(87)),
  /** The VAPID private key: the router signs with it; never sent to a browser. */
  VAPID_PRIVATE_KEY: optional(base64url.length(43)),
  /** Who runs this server, for the push services: a mailto: or https: URL. */
  VAPID_SUBJECT: optional(z.string().regex(/^(mailto:|https:\/\/)\S+$/, "must be a mailto: or https: URL")),
  /** Push endpoint hosts agents' browsers may register (comma-separated; `*.` for subdomains). */
  PUSH_ENDPOINT_HOSTS: z.preprocess(
    (v) => (typeof v === "string" && v.trim() ? v.split(",").map((h) => h.trim()) : undefined),
    z.array(z.string().min(1)).default([...DEFAULT_PUSH_HOSTS]),
  ),
  /** Development and tests only: push endpoints may be plain http to localhost. */
  PUSH_ALLOW_LOCAL_HTTP: z.stringbool().default(false),
  /** At most one push per conversation and agent within this many seconds (a new assignment always pushes). */
  PUSH_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** A console that has not said "I am open" for this many seconds counts as closed (it says so every 30 s). */
  CONSOLE_PRESENCE_TTL_SECONDS: z.coerce.number().int().min(35).max(600).default(75),
};

const _pushEnvSchema = z.object(pushEnvShape);
type PushEnv = z.infer<typeof _pushEnvSchema>;

/** The VAPID keys when Web Push is on, null when none is set; throws naming what is missing when only some are. */
export function vapidKeys(e: PushEnv): { publicKey: string; privateKey: string; subject: string } | null {
  const set = [e.VAPID_PUBLIC_KEY, e.VAPID_PRIVATE_KEY, e.VAPID_SUBJECT].filter(Boolean).length;
  if (set === 0) return null;
  if (set < 3) throw new Error("Web Push needs all of VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT (or none)");
  return { publicKey: e.VAPID_PUBLIC_KEY!, privateKey: e.VAPID_PRIVATE_KEY!, subject: e.VAPID_SUBJECT! };
}
