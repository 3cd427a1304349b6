import { apiRoute } from "../../../_server/api-route";
import { listMyConversations } from "../../../_server/conversations";

/** The signed-in agent's open conversations: the console joins the ones it is invited to. */
export const GET = apiRoute({ access: "agent" }, async ({ caller }) => ({ conversations: await listMyConversations(caller) }));
