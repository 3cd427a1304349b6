import { createSiteRoute, sitesRoute, updateSiteRoute } from "../../../../lib/console-api/operator-routes";
import { apiRoute } from "../../../_server/api-route";
import { createSite, listSites, updateSite } from "../../../_server/sites";

/** Every site with its settings (operators, or an API token with sites:write). */
export const GET = apiRoute({ access: "scoped:sites:write", answer: sitesRoute.response }, async () => ({ sites: await listSites() }));

/** Registers a site. */
export const POST = apiRoute({ access: "scoped:sites:write", body: createSiteRoute.body, answer: createSiteRoute.response, status: 201 }, ({ body }) =>
  createSite(body),
);

/** Changes a site's settings: `{ id, ...settings }`. */
export const PATCH = apiRoute({ access: "scoped:sites:write", body: updateSiteRoute.body, answer: updateSiteRoute.response }, ({ body }) => updateSite(body));
