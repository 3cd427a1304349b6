"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { siteIdentitySchema } from "../../../lib/console-api/customer-routes";
import type { z } from "zod";
import { changeSiteIdentity, customerQueryKeys, fetchSiteIdentity } from "../../_console/customer-api";
import { FormAlert } from "../../_console/form-alert";

type Site = { id: string; name: string };
type Settings = z.infer<typeof siteIdentitySchema>;

/** One site's verification keys: a new HS256 secret (shown once), a registered public key, or neither. */
function IdentityRow({ site }: { site: Site }) {
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: customerQueryKeys.siteIdentity(site.id), queryFn: () => fetchSiteIdentity(site.id) });
  const [secret, setSecret] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: changeSiteIdentity,
    onSuccess: ({ secret: shown, ...settings }) => {
      queryClient.setQueryData<Settings>(customerQueryKeys.siteIdentity(site.id), settings);
      setSecret(shown ?? null);
    },
  });
  const act = (action: "new-secret" | "remove-secret" | "remove-key") => () => change.mutate({ siteId: site.id, action });
  const onKey = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    change.mutate({ siteId: site.id, action: "set-key", alg: f.get("alg") === "EdDSA" ? "EdDSA" : "ES256", publicKey: String(f.get("publicKey") ?? "") });
  };
  const s = current.data;
  return (
    <div aria-label={`Known customers of ${site.name} (${site.id})`} role="group">
      <h3>{site.name}</h3>
      <p className="muted small" data-testid={`identity-${site.id}`}>
        {!s
          ? "Loading…"
          : s.hasSecret || s.publicKey
            ? `Verifies customers with ${[s.hasSecret ? "a shared secret (HS256)" : "", s.publicKey ? `a ${s.publicKey.alg} public key (thumbprint ${s.publicKey.thumbprint})` : ""].filter(Boolean).join(" and ")}.`
            : "Off: every visitor is anonymous."}
      </p>
      <p>
        <button type="button" onClick={act("new-secret")} disabled={change.isPending}>
          {s?.hasSecret ? "Replace the shared secret" : "Create a shared secret"}
        </button>{" "}
        {s?.hasSecret && (
          <button type="button" className="secondary" onClick={act("remove-secret")} disabled={change.isPending}>
            Remove the shared secret
          </button>
        )}{" "}
        {s?.publicKey && (
          <button type="button" className="secondary" onClick={act("remove-key")} disabled={change.isPending}>
            Remove the public key
          </button>
        )}
      </p>
      {secret && (
        <p role="status">
          The new secret (shown this once; put it in your server&apos;s configuration, never in a page): <code data-testid="identity-secret">{secret}</code>
        </p>
      )}
      <form onSubmit={onKey} aria-label={`Public key of ${site.name}`}>
        <label>
          Algorithm{" "}
          <select name="alg" defaultValue="ES256">
            <option value="ES256">ES256 (P-256)</option>
            <option value="EdDSA">EdDSA (Ed25519)</option>
          </select>
        </label>
        <label>
          Public key (PEM or JWK)
          <textarea name="publicKey" rows={3} required />
        </label>
        <button type="submit" disabled={change.isPending}>
          Register the public key
        </button>
      </form>
      <FormAlert error={change.error?.message ?? (current.error ? `Could not load: ${current.error.message}` : null)} />
    </div>
  );
}

/**
 * Known customers (issue 15): how each site's backend vouches for its logged-in
 * users. The site signs a short token per page; the chat then opens as that
 * customer's one account, and agents see a "verified customer" mark.
 */
export function IdentityPanel({ sites }: { sites: Site[] }) {
  return (
    <section className="card" aria-labelledby="identity-heading">
      <h2 id="identity-heading">Known customers</h2>
      <p className="muted small">
        Your website&apos;s server signs a token for a logged-in user (user id, and optionally name and email; valid 10 minutes at most, used once) and puts it
        in the snippet as data-user-token. See the operations guide for an example.
      </p>
      {sites.map((s) => (
        <IdentityRow key={s.id} site={s} />
      ))}
    </section>
  );
}
