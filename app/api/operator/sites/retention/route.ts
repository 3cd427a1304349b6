import { setSiteRetentionRoute, siteRetentionsRoute } from "../../../../../lib/console-api/retention-routes";
import { apiRoute } from "../../../../_server/api-route";
import { setSiteRetention, siteRetentions } from "../../../../_server/site-retention";

/** Operators: every site's retention. */
export const GET = apiRoute({ access: "operator", answer: siteRetentionsRoute.response }, () => siteRetentions());

/** Operators: set a site's retention (days after close before its conversations are erased; 0 keeps them; at most 3650). */
export const PUT = apiRoute({ access: "operator", body: setSiteRetentionRoute.body, answer: setSiteRetentionRoute.response }, ({ body }) =>
  setSiteRetention(body.siteId, body.retentionDays),
);
