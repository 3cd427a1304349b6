import { allOpenConversationsRoute } from "../../../../lib/console-api/operator-routes";
import { apiRoute } from "../../../_server/api-route";
import { listAllOpen } from "../../../_server/conversation-lists";

/** Every open conversation's metadata (All view); operators, or an API token with conversations:read. */
export const GET = apiRoute({ access: "scoped:conversations:read", answer: allOpenConversationsRoute.response }, async () => ({
  conversations: await listAllOpen(),
}));
