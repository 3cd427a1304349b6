import { z } from "zod";

// Empty counts as unset: compose files pass "" for a variable nobody filled in.
const unsetIfEmpty = (v: unknown): unknown => (v === "" ? undefined : v);
const optional = <T extends z.ZodType>(s: T) => z.preprocess(unsetIfEmpty, s.optional());

/**
 * The reply-email settings both the app and the router read from their
 * environment (each merges this into its own validated env module). Without
 * `SMTP_HOST` the feature is off: the widget does not offer it and nothing is sent.
 */
export const smtpEnvShape = {
  /** The SMTP server's host; unset turns reply emails off. */
  SMTP_HOST: optional(z.string().min(1)),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  SMTP_SECURE: z.stringbool().default(false),
  SMTP_USER: optional(z.string().min(1)),
  SMTP_PASSWORD: optional(z.string().min(1)),
  /** The From address of reply emails, e.g. "Support <support@example.com>". */
  EMAIL_FROM: optional(z.string().min(3)),
  /** Signs the unsubscribe links (HMAC); the app and the router hold the same value. */
  EMAIL_LINK_SECRET: optional(z.string().min(32)),
  /** At most one reply email per conversation within this many minutes. */
  REPLY_EMAIL_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(30),
  /** A widget that has not said "I am open" for this many seconds counts as closed. */
  WIDGET_PRESENCE_TTL_SECONDS: z.coerce.number().int().min(5).max(600).default(45),
};

// Only its type is used (each env module parses the shape as part of its own schema).
const _smtpEnvSchema = z.object(smtpEnvShape);
type SmtpEnv = z.infer<typeof _smtpEnvSchema>;

/** The SMTP settings when the feature is on. */
export type SmtpSettings = {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  linkSecret: string;
  windowMinutes: number;
  presenceTtlSeconds: number;
};

/**
 * The settings when `SMTP_HOST` is set, null when it is not; throws naming
 * what is missing when the host is set without a From address or link secret,
 * or with a user but no password (so a half-configured server fails at start).
 */
export function smtpSettings(e: SmtpEnv): SmtpSettings | null {
  if (!e.SMTP_HOST) return null;
  const missing = [
    !e.EMAIL_FROM && "EMAIL_FROM",
    !e.EMAIL_LINK_SECRET && "EMAIL_LINK_SECRET (32+ characters)",
    e.SMTP_USER && !e.SMTP_PASSWORD && "SMTP_PASSWORD",
  ].filter(Boolean);
  if (missing.length) throw new Error(`SMTP_HOST is set, so reply emails need: ${missing.join(", ")}`);
  return {
    host: e.SMTP_HOST,
    port: e.SMTP_PORT,
    secure: e.SMTP_SECURE,
    user: e.SMTP_USER,
    password: e.SMTP_PASSWORD,
    from: e.EMAIL_FROM!,
    linkSecret: e.EMAIL_LINK_SECRET!,
    windowMinutes: e.REPLY_EMAIL_WINDOW_MINUTES,
    presenceTtlSeconds: e.WIDGET_PRESENCE_TTL_SECONDS,
  };
}
