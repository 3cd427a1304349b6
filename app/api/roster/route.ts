import { NextResponse } from "next/server";
import { currentOrgTrust } from "../../_server/org-trust";

export const dynamic = "force-dynamic";

/**
 * Public: the latest signed roster, for the widget. Served as stored, not
 * trusted: the widget verifies it against the key in its embed snippet.
 */
export async function GET(): Promise<NextResponse> {
  const current = await currentOrgTrust();
  if (!current?.roster) return NextResponse.json({ error: "No roster is published yet" }, { status: 404, headers: { "cache-control": "no-store" } });
  return NextResponse.json({ roster: current.roster }, { headers: { "cache-control": "no-store" } });
}
