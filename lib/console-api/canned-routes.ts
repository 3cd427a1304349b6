import { z } from "zod";
import { apiContract } from "./api-contract";
import { cannedResponseSchema } from "./agent-routes";

/** A canned response's title and text, as an operator writes them (the same limits as when adding one). */
export const cannedTitleSchema = z.string().trim().min(1).max(80);
/** See {@link cannedTitleSchema}. */
export const cannedBodySchema = z.string().trim().min(1).max(4000);
const cannedIdSchema = z.number().int().positive();

/** `GET /api/operator/canned`: every team's canned responses, for the operator's list. */
export const operatorCannedRoute = apiContract({
  method: "GET",
  path: "/api/operator/canned",
  response: z.object({ responses: z.array(cannedResponseSchema.extend({ teamName: z.string() })) }),
});

/** `POST /api/operator/canned/update`: change a canned response's title and text; answers it (404 when there is no such response). */
export const updateCannedRoute = apiContract({
  method: "POST",
  path: "/api/operator/canned/update",
  body: z.object({ id: cannedIdSchema, title: cannedTitleSchema, body: cannedBodySchema }).strict(),
  response: cannedResponseSchema,
});

/** `POST /api/operator/canned/delete`: remove a canned response (404 when there is no such response). */
export const deleteCannedRoute = apiContract({
  method: "POST",
  path: "/api/operator/canned/delete",
  body: z.object({ id: cannedIdSchema }).strict(),
  response: z.object({ id: z.number().int() }),
});
