import { customerStatusRoute } from "../../../../lib/console-api/customer-routes";
import { apiRoute } from "../../../_server/api-route";
import { isVerifiedCustomer } from "../../../_server/known-customer";

export const dynamic = "force-dynamic";

/** Whether a visitor account is a verified customer: the console shows the mark only when the app says so. */
export const GET = apiRoute({ access: "agent", query: customerStatusRoute.query, answer: customerStatusRoute.response }, async ({ query }) => ({
  verified: await isVerifiedCustomer(query.visitor),
}));
