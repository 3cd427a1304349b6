import { z } from "zod";

/** A JWT's compact form: three base64url parts (the app verifies it; this only bounds what it reads). */
export const customerTokenSchema = z
  .string()
  .max(4096, "token must be at most 4096 characters")
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/, "token must be a JWT (three base64url parts)");

/** Body of `POST /api/visitor/customer`, sent by the chat iframe with the host site's signed token. */
export const customerSessionRequestSchema = z
  .object({
    siteId: z.string().regex(/^[a-z0-9-]{1,64}$/, "siteId must be 1-64 lowercase letters, digits or dashes"),
    /** Origin of the page that embeds the widget, as seen by the iframe. */
    hostOrigin: z.string().url().max(300),
    token: customerTokenSchema,
  })
  .strict();
/** Parsed customer session request. */
export type CustomerSessionRequest = z.infer<typeof customerSessionRequestSchema>;
