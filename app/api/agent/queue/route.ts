import { queueRoute } from "../../../../lib/console-api/agent-routes";
import { apiRoute } from "../../../_server/api-route";
import { listQueue } from "../../../_server/conversation-lists";

/** Conversations waiting for an agent of the caller's teams (Queue view), with their wait. */
export const GET = apiRoute({ access: "agent", answer: queueRoute.response }, async ({ caller }) => ({ conversations: await listQueue(caller.userId) }));
