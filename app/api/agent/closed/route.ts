import { closedConversationsRoute } from "../../../../lib/console-api/closed-routes";
import { apiRoute } from "../../../_server/api-route";
import { listClosed } from "../../../_server/closed-conversations";

/** The Closed view: the caller's closed conversations, newest first, a page at a time (metadata only). */
export const GET = apiRoute({ access: "agent", query: closedConversationsRoute.query, answer: closedConversationsRoute.response }, async ({ caller, query }) =>
  listClosed(caller.userId, query),
);
