import { z } from "zod";
import { apiRoute } from "../../../../_server/api-route";
import { setSiteRetention, siteRetentions } from "../../../../_server/site-retention";

const bodySchema = z.strictObject({
  siteId: z.string().min(1).max(64),
  /** Days after the close; 0 keeps the site's conversations. At most ten years. */
  retentionDays: z.number().int().min(0).max(3650),
});

/** Operators: every site's retention. */
export const GET = apiRoute({ access: "operator" }, () => siteRetentions());

/** Operators: set a site's retention (days after close before its conversations are erased; 0 keeps them). */
export const PUT = apiRoute({ access: "operator", body: bodySchema }, ({ body }) => setSiteRetention(body.siteId, body.retentionDays));
