import { visitorConversationsRoute } from "../../../../lib/console-api/customer-routes";
import { apiRoute } from "../../../_server/api-route";
import { visitorConversations } from "../../../_server/closed-conversations";

export const dynamic = "force-dynamic";

/** A visitor's earlier conversations that the signed-in agent was assigned (metadata only): shown beside the open one. */
export const GET = apiRoute(
  { access: "agent", query: visitorConversationsRoute.query, answer: visitorConversationsRoute.response },
  async ({ caller, query }) => ({ conversations: await visitorConversations(caller.userId, query.visitor, query.except) }),
);
