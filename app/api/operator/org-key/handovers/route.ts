import { recordHandoverRoute } from "../../../../../lib/console-api/org-key-routes";
import { apiRoute } from "../../../../_server/api-route";
import { recordHandover } from "../../../../_server/org-key-rotation";

/** Operators: record a handover of the organisation key to another operator (the key went browser to browser; only the fact comes here). */
export const POST = apiRoute(
  { access: "operator", body: recordHandoverRoute.body, answer: recordHandoverRoute.response, status: 201 },
  async ({ caller, body }) => ({ id: await recordHandover(caller.userId, body.to, body.orgKey) }),
);
