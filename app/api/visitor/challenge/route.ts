import { z } from "zod";
import { apiRoute } from "../../../_server/api-route";
import { issueChallengeForSite } from "../../../_server/visitor-challenge";

const querySchema = z.object({ site: z.string().regex(/^[a-z0-9-]{1,64}$/, "must be 1-64 lowercase letters, digits or dashes") });

// Public by design: a challenge is worthless until solved, and solving it costs the caller.
export const GET = apiRoute({ access: "public", query: querySchema }, ({ query }) => issueChallengeForSite(query.site));
