import { allOpenConversationsRoute } from "../../../../lib/console-api/operator-routes";
import { apiRoute } from "../../../_server/api-route";
import { listAllOpen } from "../../../_server/conversation-lists";

/** Every open conversation's metadata (All view); operators only. */
export const GET = apiRoute({ access: "operator", answer: allOpenConversationsRoute.response }, async () => ({ conversations: await listAllOpen() }));
