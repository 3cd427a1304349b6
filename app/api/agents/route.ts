import { transferTargetsRoute } from "../../../lib/console-api/conversation-routes";
import { apiRoute } from "../../_server/api-route";
import { transferTargets } from "../../_server/conversations";

/** Agents and teams, for the transfer menu. */
export const GET = apiRoute({ access: "agent", answer: transferTargetsRoute.response }, () => transferTargets());
