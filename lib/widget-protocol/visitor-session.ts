import { z } from "zod";

/** Body of `POST /api/visitor/session`, sent by the chat iframe. */
export const visitorSessionRequestSchema = z.object({
  siteId: z.string().regex(/^[a-z0-9-]{1,64}$/, "siteId must be 1-64 lowercase letters, digits or dashes"),
  /** Origin of the page that embeds the widget, as seen by the iframe. */
  hostOrigin: z.string().url().max(300),
  /** A challenge from `GET /api/visitor/challenge`, used once. */
  challenge: z.string().min(1, "challenge is required: ask GET /api/visitor/challenge first").max(300),
  /** Solves the challenge (see lib/proof-of-work). */
  nonce: z.string().regex(/^[0-9a-z]{1,16}$/, "nonce must be 1-16 lowercase letters or digits"),
  /**
   * The device id the widget chose, so that it could open the device's crypto store while the
   * account is made (registered with it through the application service; without one the
   * homeserver chooses). Synapse's own shape: 10 capital letters.
   */
  deviceId: z
    .string()
    .regex(/^[A-Z]{10}$/, "deviceId must be 10 capital letters A-Z")
    .optional(),
});
/** Parsed visitor session request. */
export type VisitorSessionRequest = z.infer<typeof visitorSessionRequestSchema>;

export { visitorChallengeSchema, visitorSessionResponseSchema, type VisitorChallenge, type VisitorSession } from "./visitor-session-response";
