"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { deleteWebhook, fetchWebhooks, queryKeys } from "../../_console/console-api";
import { DataTable } from "../../_console/data-table";
import { LoadState } from "../../_console/load-state";
import { AddWebhookForm } from "./add-webhook-form";
import { WebhookLog } from "./webhook-log";

/** The webhook endpoints, the form to add one, and each endpoint's delivery log on request. */
export function WebhooksPanel() {
  const queryClient = useQueryClient();
  const endpoints = useQuery({ queryKey: queryKeys.webhooks, queryFn: fetchWebhooks });
  const remove = useMutation({ mutationFn: deleteWebhook, onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks }) });
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      <AddWebhookForm />
      <LoadState pending={endpoints.isPending} loading="Loading endpoints…" error={endpoints.error?.message ?? remove.error?.message} />
      {endpoints.data?.length === 0 && <p className="muted">No endpoints yet.</p>}
      {endpoints.data && endpoints.data.length > 0 && (
        <DataTable
          caption="Endpoints"
          columns={["URL", "Events", { label: "Actions", hidden: true }]}
          rows={endpoints.data}
          rowKey={(e) => e.id}
          row={(e) => (
            <>
              <td>
                {e.url} {e.description && <span className="muted small">{e.description}</span>}
              </td>
              <td className="small">{e.events.join(", ")}</td>
              <td>
                <button type="button" aria-expanded={open === e.id} onClick={() => setOpen(open === e.id ? null : e.id)}>
                  Delivery log
                </button>{" "}
                <button type="button" onClick={() => window.confirm(`Remove ${e.url}?`) && remove.mutate(e.id)}>
                  Remove
                </button>
              </td>
            </>
          )}
        />
      )}
      {open !== null && <WebhookLog endpointId={open} url={endpoints.data?.find((e) => e.id === open)?.url ?? ""} />}
    </section>
  );
}
