import { publishRosterRoute } from "../../../../lib/console-api/operator-routes";
import { apiRoute } from "../../../_server/api-route";
import { publishRoster } from "../../../_server/org-trust";

// The roster itself is checked (shape and signature) by publishRoster against the registered key.
/** Operators: publish a roster signed in the browser with the organisation key. */
export const POST = apiRoute(
  { access: "operator", body: publishRosterRoute.body, answer: publishRosterRoute.response, status: 201 },
  async ({ caller, body }) => {
    const roster = await publishRoster(body.roster, caller.userId);
    return { version: roster.version };
  },
);
