import { apiRoute } from "../../../_server/api-route";
import { auditQuerySchema } from "../../../_server/audit-query";
import { auditOverview, snapshotOpenConversations } from "../../../_server/audit-service";

/** Every conversation (most recent first) with its alert counts; ?alert=kind, ?site=, ?since=date. */
export const GET = apiRoute({ access: "operator", query: auditQuerySchema }, async ({ query: { format: _format, ...filters } }) => ({
  conversations: await auditOverview(filters),
}));

/** Takes a snapshot of every open conversation (for a periodic caller). */
export const POST = apiRoute({ access: "operator" }, () => snapshotOpenConversations());
