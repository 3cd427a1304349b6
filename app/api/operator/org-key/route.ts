import { z } from "zod";
import { orgKeySchema } from "../../../../lib/roster/roster";
import { apiRoute } from "../../../_server/api-route";
import { registerOrgKey } from "../../../_server/org-trust";

const bodySchema = z.object({ orgKey: orgKeySchema }).strict();

/** Operators: register the organisation's public signing key (created in the browser; the private part never comes here). */
export const POST = apiRoute({ access: "operator", body: bodySchema, status: 201 }, async ({ caller, body }) => {
  await registerOrgKey(body.orgKey, caller.userId);
  return { orgKey: body.orgKey };
});
