// zod/mini: the chat iframe parses these answers; mini keeps its bundle small.
import * as z from "zod/mini";

/** What the iframe receives once: the new visitor's Matrix credentials. */
export const visitorSessionResponseSchema = z.object({
  homeserverUrl: z.url(),
  userId: z.string(),
  deviceId: z.string(),
  accessToken: z.string(),
  /** The router's Matrix id: invited at room creation so it can assign the conversation. */
  routerUserId: z.string(),
});
/** Parsed visitor session response. */
export type VisitorSession = z.infer<typeof visitorSessionResponseSchema>;

/** Answer of `GET /api/visitor/challenge?site=…`: a proof of work to do before asking for a session. */
export const visitorChallengeSchema = z.object({
  challenge: z.string(),
  /** Leading zero bits SHA-256(`challenge:nonce`) must have. */
  bits: z.int().check(z.minimum(0), z.maximum(32)),
  /** Milliseconds since the epoch. */
  expiresAt: z.number(),
});
/** Parsed visitor challenge. */
export type VisitorChallenge = z.infer<typeof visitorChallengeSchema>;
