import { consolePresenceRoute } from "../../../../lib/console-api/push-routes";
import { apiRoute } from "../../../_server/api-route";
import { setConsolePresence } from "../../../_server/push-subscriptions";

/** The console is open (a ping every 30 s) or closing: the router pushes to the agent's devices only while it is not. */
export const POST = apiRoute({ access: "agent", body: consolePresenceRoute.body, answer: consolePresenceRoute.response }, async ({ caller, body }) => {
  await setConsolePresence(caller.userId, body.open);
  return { ok: true as const };
});
