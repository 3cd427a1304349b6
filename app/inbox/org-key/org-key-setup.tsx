"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { SecretStorageKeyHolder } from "../../../lib/matrix/secure-backup";
import { FormAlert } from "../../_console/form-alert";
import { createOrganisationKey } from "../../operator/trust/create-org-key";

type Props = { client: MatrixClient; holder: SecretStorageKeyHolder; userId: string };

/**
 * For an operator of an install without an organisation key: a set-up step at the
 * top of the inbox. Right after the first sign-in the secret storage is still open
 * in this page, so the key is made here with one click; later it links to the
 * trust page (which asks for the recovery key). "Later" leaves a visible reminder.
 */
export function OrgKeySetup({ client, holder, userId }: Props) {
  const laterKey = `sealdesk:console:org-key-later:${userId}`;
  // Read once: this step is drawn only once the Matrix client is ready, never on the server.
  const [later, setLater] = useState(() => localStorage.getItem(laterKey) === "1");
  const create = useMutation({ mutationFn: () => createOrganisationKey(client) });
  const created = create.data?.orgKey ?? null;
  const busy = create.isPending;
  const error = create.isError ? `Could not create the organisation key: ${create.error.message}` : null;

  if (created)
    return (
      <section className="card org-key-setup" aria-labelledby="org-key-setup-title">
        <h2 id="org-key-setup-title">Organisation key created</h2>
        <p role="status">
          Fingerprint: <code aria-label="Organisation key fingerprint">{created}</code>
        </p>
        <p>
          Next: <a href="/operator/trust">sign the roster</a> (which agents visitors may trust), then paste the new snippets from{" "}
          <a href="/operator/sites">Sites</a> into your websites.
        </p>
      </section>
    );
  if (later)
    return (
      <p role="status" className="warning org-key-reminder">
        No organisation key yet: your sites&apos; snippets are incomplete and visitors&apos; chats are not protected against a compromised server.{" "}
        <a href="/operator/trust">Set up the organisation key</a>
      </p>
    );
  return (
    <section className="card org-key-setup" aria-labelledby="org-key-setup-title">
      <h2 id="org-key-setup-title">Set up your organisation key</h2>
      <p>
        Visitors&apos; chats should only trust agents your organisation vouches for, not whoever the server says. The organisation key does that: it is made in
        this browser and kept in your encrypted secret storage; the server only gets its public part, which goes into every embed snippet.
      </p>
      <div className="row">
        {holder.key ? (
          <button type="button" disabled={busy} onClick={() => create.mutate()}>
            Create the organisation key now
          </button>
        ) : (
          <a className="button" href="/operator/trust">
            Set up the organisation key (needs your recovery key)
          </a>
        )}
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => {
            localStorage.setItem(laterKey, "1");
            setLater(true);
          }}
        >
          Later
        </button>
      </div>
      {busy && <p role="status">Creating the organisation key…</p>}
      <FormAlert error={error} />
    </section>
  );
}
