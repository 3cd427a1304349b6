import { NextResponse, type NextRequest } from "next/server";
import { auditFailure, parseAuditQuery } from "../../../_server/audit-query";
import { auditOverview, snapshotOpenConversations } from "../../../_server/audit-service";
import { requireOperator } from "../../../_server/operator-request";

/** Every conversation (most recent first) with its alert counts; ?alert=kind, ?site=, ?since=date. */
export async function GET(request: NextRequest): Promise<NextResponse> {
  const auth = await requireOperator();
  if (!auth.ok) return auth.response;
  const q = parseAuditQuery(request.nextUrl.searchParams);
  if (!q.ok) return q.response;
  try {
    return NextResponse.json({ conversations: await auditOverview(q.filters) }, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return auditFailure(err);
  }
}

/** Takes a snapshot of every open conversation (for a periodic caller). */
export async function POST(): Promise<NextResponse> {
  const auth = await requireOperator();
  if (!auth.ok) return auth.response;
  try {
    return NextResponse.json(await snapshotOpenConversations());
  } catch (err) {
    return auditFailure(err);
  }
}
