import { teamRoute } from "../../../../lib/console-api/agent-routes";
import { apiRoute } from "../../../_server/api-route";
import { listTeam } from "../../../_server/conversation-lists";
import { Refusal } from "../../../_server/refusal";
import { supervisedTeam } from "../../../_server/supervision";

/** A supervisor's Team view: their team's open conversations (metadata; they read only what the visitor's browser shared with them). */
export const GET = apiRoute({ access: "agent", answer: teamRoute.response }, async ({ caller }) => {
  const team = await supervisedTeam(caller.userId);
  if (!team) throw new Refusal(403, "Only a team's supervisor sees its conversations");
  return { team, conversations: await listTeam(team.id) };
});
