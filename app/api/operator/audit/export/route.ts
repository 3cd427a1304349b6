import { NextResponse } from "next/server";
import { auditCsv, type ExportedAudit } from "../../../../../lib/audit/audit-csv";
import { apiRoute } from "../../../../_server/api-route";
import { auditQuerySchema } from "../../../../_server/audit-query";
import { auditConversations } from "../../../../_server/audit-service";

function download(body: string, type: string, ext: string): NextResponse {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new NextResponse(body, {
    headers: { "content-type": type, "content-disposition": `attachment; filename="sealdesk-audit-${stamp}.${ext}"`, "cache-control": "no-store" },
  });
}

/** The audit as a download: ?format=json (full analyses) or csv (conversation × member × device); same filters as the overview. */
export const GET = apiRoute({ access: "operator", query: auditQuerySchema }, async ({ query: { format = "json", ...filters } }) => {
  const all = await auditConversations(filters);
  if (format === "csv") return download(auditCsv(all.filter((a): a is ExportedAudit => "audit" in a)), "text/csv; charset=utf-8", "csv");
  return download(JSON.stringify({ exportedAt: new Date().toISOString(), conversations: all }, null, 2), "application/json", "json");
});
