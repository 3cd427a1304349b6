import { z } from "zod";

/** Body of `POST /api/visitor/session`, sent by the chat iframe. */
export const visitorSessionRequestSchema = z.object({
  siteId: z.string().regex(/^[a-z0-9-]{1,64}$/, "siteId must be 1-64 lowercase letters, digits or dashes"),
  /** Origin of the page that embeds the widget, as seen by the iframe. */
  hostOrigin: z.string().url().max(300),
});
/** Parsed visitor session request. */
export type VisitorSessionRequest = z.infer<typeof visitorSessionRequestSchema>;

/** What the iframe receives once: the new visitor's Matrix credentials. */
export const visitorSessionResponseSchema = z.object({
  homeserverUrl: z.string().url(),
  userId: z.string(),
  deviceId: z.string(),
  accessToken: z.string(),
  /** The router's Matrix id: invited at room creation so it can assign the conversation. */
  routerUserId: z.string(),
});
/** Parsed visitor session response. */
export type VisitorSession = z.infer<typeof visitorSessionResponseSchema>;
