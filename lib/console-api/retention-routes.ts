import { z } from "zod";
import { roomIdSchema } from "../conversation/event-types";
import { matrixUserIdSchema } from "../matrix/user-id";
import { apiContract } from "./api-contract";

/** A site's retention: days after a conversation's close before it is erased; 0 keeps its conversations. */
export const siteRetentionSchema = z.object({
  siteId: z.string().min(1).max(64),
  /** At most ten years. */
  retentionDays: z.number().int().min(0).max(3650),
});

const retentionAnswerSchema = z.object({ id: z.string(), retentionDays: z.number().int() });

/** `GET /api/operator/sites/retention`: every site's retention. */
export const siteRetentionsRoute = apiContract({
  method: "GET",
  path: "/api/operator/sites/retention",
  response: z.object({ sites: z.array(retentionAnswerSchema) }),
});

/** `PUT /api/operator/sites/retention`: set one site's retention; answers it (404 for an unknown site). */
export const setSiteRetentionRoute = apiContract({
  method: "PUT",
  path: "/api/operator/sites/retention",
  body: siteRetentionSchema.strict(),
  response: retentionAnswerSchema,
});

/** `POST /api/operator/visitors/erase`: erase a visitor now (GDPR); answers how many conversations went with them. */
export const eraseVisitorRoute = apiContract({
  method: "POST",
  path: "/api/operator/visitors/erase",
  body: z.strictObject({ user_id: matrixUserIdSchema }),
  response: z.object({ erased: z.string(), conversations: z.number().int() }),
});

/**
 * `GET /api/agent/erased-rooms`: rooms erased (retention, GDPR, the visitor's
 * own deletion) that this agent's console has not yet shredded the keys of.
 * Room ids only: metadata the server already had.
 */
export const erasedRoomsRoute = apiContract({
  method: "GET",
  path: "/api/agent/erased-rooms",
  response: z.object({ roomIds: z.array(z.string()) }),
});

/** `POST /api/agent/erased-rooms`: the console deleted these rooms' keys; their rows for this agent go. */
export const ackErasedRoomsRoute = apiContract({
  method: "POST",
  path: "/api/agent/erased-rooms",
  body: z.strictObject({ roomIds: z.array(roomIdSchema).min(1).max(500) }),
  response: z.object({ acknowledged: z.number().int() }),
});
