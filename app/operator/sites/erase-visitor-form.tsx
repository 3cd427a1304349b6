"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { eraseVisitor } from "../../_console/console-api";
import { FormAlert } from "../../_console/form-alert";

/**
 * A GDPR erasure: the operator names the visitor's account, confirms, and
 * sees what was erased. The server refuses anything but a visitor's account.
 */
export function EraseVisitorForm() {
  const [pending, setPending] = useState<string | null>(null);
  const erase = useMutation({ mutationFn: eraseVisitor });
  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    erase.reset();
    setPending(String(new FormData(e.currentTarget).get("userId") ?? "").trim());
  };
  const confirm = (): void => {
    if (pending) erase.mutate(pending);
    setPending(null);
  };
  return (
    <section className="card" aria-labelledby="erase-heading">
      <h2 id="erase-heading">Erase a visitor</h2>
      <p className="muted small">
        For a request to be forgotten: every conversation of this visitor is deleted from the server now, whatever the retention, their account is deactivated
        and erased, and the agents&apos; consoles delete the keys. This cannot be undone.
      </p>
      <form onSubmit={onSubmit} aria-label="Erase a visitor">
        <label>
          Visitor&apos;s account (such as @visitor-abc:example.org)
          <input name="userId" required pattern="@visitor-.+:.+" autoComplete="off" />
        </label>{" "}
        <button type="submit" disabled={erase.isPending}>
          Erase…
        </button>
      </form>
      {pending && (
        <div role="alertdialog" aria-labelledby="erase-confirm" className="card">
          <p id="erase-confirm">Erase {pending} and every conversation of theirs now? This cannot be undone.</p>
          <button type="button" onClick={confirm} autoFocus>
            Erase now
          </button>{" "}
          <button type="button" className="secondary" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      )}
      <FormAlert error={erase.error?.message} />
      {erase.data && (
        <p role="status">
          Erased {erase.data.erased}: {erase.data.conversations === 1 ? "1 conversation" : `${erase.data.conversations} conversations`} deleted.
        </p>
      )}
    </section>
  );
}
