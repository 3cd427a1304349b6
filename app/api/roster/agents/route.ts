import { apiRoute } from "../../../_server/api-route";
import { agentUserIds } from "../../../_server/org-trust";

export const dynamic = "force-dynamic";

/**
 * Public: the agents' user ids, for the widget's degraded mode (an embed
 * without an organisation key). Metadata that mode accepts: it only decides
 * which members the chat names as "not one of this website's agents"; nothing
 * vouches for it, which is why a site should carry the organisation key.
 */
export const GET = apiRoute({ access: "public" }, async () => ({ agents: await agentUserIds() }));
