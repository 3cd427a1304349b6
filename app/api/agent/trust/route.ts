import { agentTrustRoute } from "../../../../lib/console-api/agent-routes";
import { apiRoute } from "../../../_server/api-route";
import { env } from "../../../_server/env";
import { agentUserIds, currentOrgTrust } from "../../../_server/org-trust";

export const dynamic = "force-dynamic";

/**
 * What the console's member guard needs, as stored (not trusted: the console
 * verifies the roster against the key it pinned): the organisation key, the
 * signed roster, the agents' user ids (the degraded mode's list when there is
 * no key) and the router's user id. Read fresh at every call (the console asks
 * before each message), beside the check that the caller is still an agent.
 */
export const GET = apiRoute(
  { access: "agent", answer: agentTrustRoute.response, read: () => Promise.all([currentOrgTrust(), agentUserIds()]) },
  async ({ read: [trust, agents] }) => ({
    orgKey: trust?.orgKey ?? null,
    roster: trust?.roster ?? null,
    endorsements: trust?.endorsements ?? [],
    agents,
    routerUserId: env().ROUTER_USER_ID,
  }),
);
