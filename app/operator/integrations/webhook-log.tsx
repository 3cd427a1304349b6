"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchWebhookLog, queryKeys } from "../../_console/console-api";
import { DataTable } from "../../_console/data-table";
import { LoadState } from "../../_console/load-state";

const time = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : "–");

/** An endpoint's latest attempts (refreshed every 5 s): event, attempt, answer, next retry. */
export function WebhookLog({ endpointId, url }: { endpointId: number; url: string }) {
  const log = useQuery({ queryKey: queryKeys.webhookLog(endpointId), queryFn: () => fetchWebhookLog(endpointId), refetchInterval: 5000 });
  return (
    <section aria-label={`Delivery log of ${url}`}>
      <LoadState pending={log.isPending} loading="Loading the delivery log…" error={log.error?.message} />
      {log.data && (
        <DataTable
          caption={`Delivery log of ${url} (${log.data.waiting} waiting)`}
          columns={["When", "Event", "Attempt", "Answer", "Next retry"]}
          rows={log.data.attempts}
          rowKey={(a) => `${a.deliveryId}-${a.attempt}`}
          empty="Nothing sent yet."
          row={(a) => (
            <>
              <td>{time(a.at)}</td>
              <td>
                {a.eventType} <span className="muted small">{a.eventId}</span>
              </td>
              <td>{a.attempt}</td>
              <td>{a.statusCode !== null ? `HTTP ${a.statusCode}` : (a.error ?? "no answer")}</td>
              <td>{a.nextRetryAt ? time(a.nextRetryAt) : a.statusCode !== null && a.statusCode < 300 ? "delivered" : "gave up"}</td>
            </>
          )}
        />
      )}
    </section>
  );
}
