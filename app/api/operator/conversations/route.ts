import { NextResponse } from "next/server";
import { listAllOpen } from "../../../_server/conversation-lists";
import { requireOperator } from "../../../_server/operator-request";

/** Every open conversation's metadata (All view); operators only. */
export async function GET(): Promise<NextResponse> {
  const who = await requireOperator();
  if (!who.ok) return who.response;
  return NextResponse.json({ conversations: await listAllOpen() }, { headers: { "cache-control": "no-store" } });
}
