import { agentAvailabilityRoute, setAgentAvailabilityRoute } from "../../../../lib/console-api/agent-routes";
import { apiRoute } from "../../../_server/api-route";
import { availabilityOf, setAvailability } from "../../../_server/availability";

/** The signed-in agent's own availability and capacity. */
export const GET = apiRoute({ access: "agent", answer: agentAvailabilityRoute.response }, ({ caller }) => availabilityOf(caller.userId));

/** Sets the signed-in agent's availability and/or capacity; the router only assigns to "available" agents under capacity. */
export const POST = apiRoute({ access: "agent", body: setAgentAvailabilityRoute.body, answer: setAgentAvailabilityRoute.response }, ({ caller, body }) =>
  setAvailability(caller.userId, body),
);
