import { agentConversationsRoute } from "../../../../lib/console-api/agent-routes";
import { apiRoute } from "../../../_server/api-route";
import { listMyConversations } from "../../../_server/conversations";

/** The signed-in agent's open conversations: the console joins the ones it is invited to. */
export const GET = apiRoute({ access: "agent", answer: agentConversationsRoute.response }, async ({ caller }) => {
  const conversations = await listMyConversations(caller);
  // As JSON writes a Date (ISO 8601), spelled out so the answer's type is the one the console parses.
  return { conversations: conversations.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })) };
});
