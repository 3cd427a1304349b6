import { openClosedRoute } from "../../../../../lib/console-api/closed-routes";
import { apiRoute } from "../../../../_server/api-route";
import { openClosed } from "../../../../_server/closed-conversations";

/** Opening a closed conversation the caller left: only an agent it was assigned to (else 403); recorded for the audit. */
export const POST = apiRoute({ access: "agent", body: openClosedRoute.body, answer: openClosedRoute.response }, async ({ caller, body }) =>
  openClosed(caller.userId, body.roomId),
);
