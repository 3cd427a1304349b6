import { changeSiteIdentityRoute, siteIdentityRoute } from "../../../../../lib/console-api/customer-routes";
import { apiRoute } from "../../../../_server/api-route";
import { changeSiteIdentity, siteIdentitySettings } from "../../../../_server/site-identity";

/** How the site's backend vouches for logged-in users (never the secret). */
export const GET = apiRoute({ access: "operator", query: siteIdentityRoute.query, answer: siteIdentityRoute.response }, ({ query }) =>
  siteIdentitySettings(query.site),
);

/** New or removed HS256 secret (shown once), registered or removed public key. */
export const POST = apiRoute({ access: "operator", body: changeSiteIdentityRoute.body, answer: changeSiteIdentityRoute.response }, ({ body }) =>
  changeSiteIdentity(body),
);
