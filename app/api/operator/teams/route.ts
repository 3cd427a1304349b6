import { z } from "zod";
import { addTeam } from "../../../_server/agent-admin";
import { apiRoute } from "../../../_server/api-route";

const bodySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,64}$/, "lowercase letters, digits and - only"),
    name: z.string().trim().min(1).max(80),
  })
  .strict();

/** Operators: create a team. */
export const POST = apiRoute({ access: "operator", body: bodySchema, status: 201 }, async ({ body }) => {
  await addTeam(body);
  return body;
});
