import { eraseVisitorRoute } from "../../../../../lib/console-api/retention-routes";
import { apiRoute } from "../../../../_server/api-route";
import { eraseVisitorNow } from "../../../../_server/erasure";

/** Operators: erase a visitor now (GDPR): their rooms purged from Synapse, their account deactivated and erased, our rows dropped (counts kept); audited. */
export const POST = apiRoute({ access: "operator", body: eraseVisitorRoute.body, answer: eraseVisitorRoute.response }, ({ caller, body }) =>
  eraseVisitorNow(body.user_id, caller.userId),
);
