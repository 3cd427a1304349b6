import { apiRoute } from "../../../_server/api-route";
import { cannedResponsesFor } from "../../../_server/canned-responses";

/** The signed-in agent's canned responses (those of their teams). */
export const GET = apiRoute({ access: "agent" }, async ({ caller }) => ({ responses: await cannedResponsesFor(caller.userId) }));
