"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { API_SCOPES, type ApiScope } from "../../../lib/integrations/api-scopes";
import { createApiToken, fetchApiTokens, queryKeys, revokeApiToken } from "../../_console/console-api";
import { DataTable } from "../../_console/data-table";
import { FormAlert } from "../../_console/form-alert";
import { LoadState } from "../../_console/load-state";
import { ShownOnce } from "./shown-once";

const date = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : "never");

/** Creates scoped API tokens (shown once), lists them and revokes them. */
export function ApiTokensPanel() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens });
  const tokens = useQuery({ queryKey: queryKeys.apiTokens, queryFn: fetchApiTokens });
  const create = useMutation({ mutationFn: createApiToken, onSuccess: refresh });
  const revoke = useMutation({ mutationFn: revokeApiToken, onSuccess: refresh });
  const submit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    create.mutate({ name: String(form.get("name") ?? ""), scopes: form.getAll("scopes").map(String) as ApiScope[] }, { onSuccess: () => formEl.reset() });
  };
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <form className="card" onSubmit={submit} aria-label="Create an API token">
        <label>
          Token name
          <input name="name" required maxLength={80} />
        </label>
        <fieldset>
          <legend>Scopes</legend>
          {API_SCOPES.map((s) => (
            <label key={s}>
              <input type="checkbox" name="scopes" value={s} /> {s}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={create.isPending}>
          Create token
        </button>
        <FormAlert error={create.error?.message} />
        <ShownOnce label="API token" value={create.data?.token} />
      </form>
      <LoadState pending={tokens.isPending} loading="Loading tokens…" error={tokens.error?.message ?? revoke.error?.message} />
      {tokens.data && tokens.data.length > 0 && (
        <DataTable
          caption="Tokens"
          columns={["Name", "Scopes", "Created", "Last used", { label: "Actions", hidden: true }]}
          rows={tokens.data}
          rowKey={(t) => t.id}
          row={(t) => (
            <>
              <td>{t.name}</td>
              <td className="small">{t.scopes.join(", ")}</td>
              <td>{date(t.createdAt)}</td>
              <td>{date(t.lastUsedAt)}</td>
              <td>
                {t.revokedAt ? (
                  <span className="muted">revoked {date(t.revokedAt)}</span>
                ) : (
                  <button
                    type="button"
                    aria-label={`Revoke ${t.name}`}
                    onClick={() => window.confirm(`Revoke ${t.name}? Anything using it stops working at once.`) && revoke.mutate(t.id)}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </>
          )}
        />
      )}
    </section>
  );
}
