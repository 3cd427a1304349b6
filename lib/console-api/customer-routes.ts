import { z } from "zod";
import { roomIdSchema } from "../conversation/event-types";
import { matrixUserIdSchema } from "../matrix/user-id";
import { apiContract } from "./api-contract";

const siteIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, "site must be 1-64 lowercase letters, digits or dashes");

/** A site's identity verification settings as the console shows them (never the secret itself). */
export const siteIdentitySchema = z.object({
  siteId: z.string(),
  /** True when the site has an HS256 shared secret. */
  hasSecret: z.boolean(),
  /** The registered public key: its algorithm and RFC 7638 thumbprint. */
  publicKey: z.object({ alg: z.enum(["ES256", "EdDSA"]), thumbprint: z.string() }).nullable(),
});

/** `GET /api/operator/sites/identity?site=…`: how the site's backend vouches for its logged-in users. */
export const siteIdentityRoute = apiContract({
  method: "GET",
  path: "/api/operator/sites/identity",
  query: z.object({ site: siteIdSchema }),
  response: siteIdentitySchema,
});

/**
 * `POST /api/operator/sites/identity`: `new-secret` makes (or replaces) the HS256 secret and answers
 * it this once; `set-key` registers a public key (PEM or JWK); `remove-secret` / `remove-key` turn one off.
 */
export const changeSiteIdentityRoute = apiContract({
  method: "POST",
  path: "/api/operator/sites/identity",
  body: z.discriminatedUnion("action", [
    z.object({ siteId: siteIdSchema, action: z.enum(["new-secret", "remove-secret", "remove-key"]) }).strict(),
    z.object({ siteId: siteIdSchema, action: z.literal("set-key"), alg: z.enum(["ES256", "EdDSA"]), publicKey: z.string().min(1).max(4000) }).strict(),
  ]),
  response: siteIdentitySchema.extend({ secret: z.string().optional() }),
});

/** `GET /api/agent/customer?visitor=…`: whether the app verified this visitor account as a site's customer. */
export const customerStatusRoute = apiContract({
  method: "GET",
  path: "/api/agent/customer",
  query: z.object({ visitor: matrixUserIdSchema }),
  response: z.object({ verified: z.boolean() }),
});

/** One earlier conversation of a visitor, as the console lists it beside the open one (metadata, never content). */
export const visitorConversationSchema = z.object({
  roomId: z.string(),
  status: z.enum(["queued", "assigned", "active", "closed"]),
  /** ISO 8601. */
  createdAt: z.string(),
  /** ISO 8601, or null while open. */
  closedAt: z.string().nullable(),
});
export type VisitorConversation = z.infer<typeof visitorConversationSchema>;

/**
 * `GET /api/agent/visitor-conversations?visitor=…&except=…`: the visitor's other conversations
 * the caller may read (those it was assigned to: the Closed view's rule), newest first.
 */
export const visitorConversationsRoute = apiContract({
  method: "GET",
  path: "/api/agent/visitor-conversations",
  query: z.object({ visitor: matrixUserIdSchema, except: z.optional(roomIdSchema) }),
  response: z.object({ conversations: z.array(visitorConversationSchema) }),
});
