import { NextResponse, type NextRequest } from "next/server";
import { auditCsv, type ExportedAudit } from "../../../../../lib/audit/audit-csv";
import { auditFailure, parseAuditQuery } from "../../../../_server/audit-query";
import { auditConversations } from "../../../../_server/audit-service";
import { requireOperator } from "../../../../_server/operator-request";

/** The audit as a download: ?format=json (full analyses) or csv (conversation × member × device); same filters as the overview. */
export async function GET(request: NextRequest): Promise<NextResponse> {
  const auth = await requireOperator();
  if (!auth.ok) return auth.response;
  const q = parseAuditQuery(request.nextUrl.searchParams);
  if (!q.ok) return q.response;
  try {
    const all = await auditConversations(q.filters);
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const download = (body: string, type: string, ext: string) =>
      new NextResponse(body, { headers: { "content-type": type, "content-disposition": `attachment; filename="sealdesk-audit-${stamp}.${ext}"`, "cache-control": "no-store" } });
    if (q.format === "csv") return download(auditCsv(all.filter((a): a is ExportedAudit => "audit" in a)), "text/csv; charset=utf-8", "csv");
    return download(JSON.stringify({ exportedAt: new Date().toISOString(), conversations: all }, null, 2), "application/json", "json");
  } catch (err) {
    return auditFailure(err);
  }
}
