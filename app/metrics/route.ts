import { timingSafeEqual } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { prometheusText } from "../../lib/metrics/prometheus-text";
import { currentAgent } from "../_server/current-agent";
import { env } from "../_server/env";
import { routingMetrics, toPrometheus } from "../_server/routing-metrics";

function bearerMatches(request: NextRequest): boolean {
  const expected = env().METRICS_TOKEN;
  const given = request.headers.get("authorization")?.replace(/^Bearer /, "");
  if (!expected || !given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/** Prometheus scrape endpoint: METRICS_TOKEN bearer, or a signed-in operator. */
export async function GET(request: NextRequest): Promise<NextResponse> {
  if (!bearerMatches(request)) {
    const me = await currentAgent();
    if (!me) return NextResponse.json({ error: "Send the METRICS_TOKEN as a bearer token, or sign in as an operator" }, { status: 401 });
    if (me.role !== "operator") return NextResponse.json({ error: "Operators only" }, { status: 403 });
  }
  return new NextResponse(prometheusText(toPrometheus(await routingMetrics())), {
    headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
  });
}
