import { newSiteSchema, siteUpdateSchema } from "../../../../lib/sites/site-settings";
import { apiRoute } from "../../../_server/api-route";
import { createSite, listSites, updateSite } from "../../../_server/sites";

/** Every site with its settings (operators only). */
export const GET = apiRoute({ access: "operator" }, async () => ({ sites: await listSites() }));

/** Registers a site. */
export const POST = apiRoute({ access: "operator", body: newSiteSchema, status: 201 }, ({ body }) => createSite(body));

/** Changes a site's settings: `{ id, ...settings }`. */
export const PATCH = apiRoute({ access: "operator", body: siteUpdateSchema }, ({ body }) => updateSite(body));
