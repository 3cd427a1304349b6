"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { WEBHOOK_EVENTS, type WebhookEventType } from "../../../lib/integrations/webhook-events";
import { addWebhook, queryKeys } from "../../_console/console-api";
import { FormAlert } from "../../_console/form-alert";
import { ShownOnce } from "./shown-once";

/** Registers an endpoint; shows its signing secret once. */
export function AddWebhookForm() {
  const queryClient = useQueryClient();
  const add = useMutation({ mutationFn: addWebhook, onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks }) });
  const submit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const events = form.getAll("events").map(String) as WebhookEventType[];
    add.mutate({ url: String(form.get("url") ?? ""), description: String(form.get("description") ?? ""), events }, { onSuccess: () => formEl.reset() });
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="add-webhook-title">
      <h3 id="add-webhook-title">Add an endpoint</h3>
      <label>
        Endpoint URL
        <input name="url" type="url" required placeholder="https://example.com/hooks/sealdesk" />
      </label>
      <label>
        Description
        <input name="description" maxLength={200} />
      </label>
      <fieldset>
        <legend>Events</legend>
        {WEBHOOK_EVENTS.map((ev) => (
          <label key={ev}>
            <input type="checkbox" name="events" value={ev} defaultChecked /> {ev}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={add.isPending}>
        Add endpoint
      </button>
      <FormAlert error={add.error?.message} />
      <ShownOnce label="Signing secret" value={add.data?.secret} />
    </form>
  );
}
