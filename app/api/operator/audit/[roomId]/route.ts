import { NextResponse, type NextRequest } from "next/server";
import { auditFailure, roomIdParam } from "../../../../_server/audit-query";
import { auditConversation } from "../../../../_server/audit-service";
import { requireOperator } from "../../../../_server/operator-request";

/** The full audit of one conversation: members over time, devices, readers per period, alerts. */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ roomId: string }> }): Promise<NextResponse> {
  const auth = await requireOperator();
  if (!auth.ok) return auth.response;
  const roomId = roomIdParam((await params).roomId);
  if (!roomId) return NextResponse.json({ error: "roomId: not a Matrix room id" }, { status: 400 });
  try {
    const result = await auditConversation(roomId);
    if (!result) return NextResponse.json({ error: "No such conversation" }, { status: 404 });
    return NextResponse.json(result, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return auditFailure(err);
  }
}
