import { z } from "zod";
import { apiRoute } from "../../../_server/api-route";
import { addCannedResponse } from "../../../_server/canned-responses";

const bodySchema = z
  .object({
    teamId: z.string().min(1).max(64),
    title: z.string().trim().min(1).max(80),
    body: z.string().trim().min(1).max(4000),
  })
  .strict();

/** Operators: add a canned response to a team. */
export const POST = apiRoute({ access: "operator", body: bodySchema, status: 201 }, ({ body }) => addCannedResponse(body));
