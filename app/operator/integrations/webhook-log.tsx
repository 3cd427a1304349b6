"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchWebhookLog, queryKeys } from "../../_console/console-api";
import { FormAlert } from "../../_console/form-alert";

const time = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : "–");

/** An endpoint's latest attempts (refreshed every 5 s): event, attempt, answer, next retry. */
export function WebhookLog({ endpointId, url }: { endpointId: number; url: string }) {
  const log = useQuery({ queryKey: queryKeys.webhookLog(endpointId), queryFn: () => fetchWebhookLog(endpointId), refetchInterval: 5000 });
  return (
    <section aria-label={`Delivery log of ${url}`}>
      {log.isPending && <p role="status">Loading the delivery log…</p>}
      <FormAlert error={log.error?.message} />
      {log.data && (
        <table className="card">
          <caption>
            Delivery log of {url} ({log.data.waiting} waiting)
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Attempt</th>
              <th scope="col">Answer</th>
              <th scope="col">Next retry</th>
            </tr>
          </thead>
          <tbody>
            {log.data.attempts.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  Nothing sent yet.
                </td>
              </tr>
            )}
            {log.data.attempts.map((a) => (
              <tr key={`${a.deliveryId}-${a.attempt}`}>
                <td>{time(a.at)}</td>
                <td>
                  {a.eventType} <span className="muted small">{a.eventId}</span>
                </td>
                <td>{a.attempt}</td>
                <td>{a.statusCode !== null ? `HTTP ${a.statusCode}` : (a.error ?? "no answer")}</td>
                <td>{a.nextRetryAt ? time(a.nextRetryAt) : a.statusCode !== null && a.statusCode < 300 ? "delivered" : "gave up"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
