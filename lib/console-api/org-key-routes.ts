import { z } from "zod";
import { isCurrentMatrixUserId, MATRIX_USER_ID_MESSAGE } from "../matrix/user-id";
import { orgKeySchema } from "../roster/roster";
import { apiContract } from "./api-contract";

/**
 * `POST /api/operator/org-key/rotate`: replace the organisation key by a new one, with the old
 * key's endorsement of it and the first roster the new key signed (both checked by the server).
 */
export const rotateOrgKeyRoute = apiContract({
  method: "POST",
  path: "/api/operator/org-key/rotate",
  body: z.object({ endorsement: z.unknown(), roster: z.unknown() }).strict(),
  response: z.object({ orgKey: z.string(), version: z.number().int(), transitionEndsAt: z.number().int() }),
});

/** `POST /api/operator/org-key/handovers`: record that this operator's browser handed the key to another operator (never the key). */
export const recordHandoverRoute = apiContract({
  method: "POST",
  path: "/api/operator/org-key/handovers",
  body: z.object({ to: z.string().refine(isCurrentMatrixUserId, MATRIX_USER_ID_MESSAGE), orgKey: orgKeySchema }).strict(),
  response: z.object({ id: z.number().int() }),
});
