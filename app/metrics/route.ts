import { NextResponse } from "next/server";
import { prometheusText } from "../../lib/metrics/prometheus-text";
import { apiRoute } from "../_server/api-route";
import { ratingMetrics } from "../../lib/rating/rating-report";
import { ratingsReport } from "../_server/conversation-rating";
import { routingMetrics, toPrometheus } from "../_server/routing-metrics";

/** Prometheus scrape endpoint: METRICS_TOKEN bearer, an API token with metrics:read, or a signed-in operator. */
export const GET = apiRoute(
  { access: "metrics" },
  async () =>
    new NextResponse(prometheusText([...toPrometheus(await routingMetrics()), ...ratingMetrics(await ratingsReport())]), {
      headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
    }),
);
