"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { addAgent } from "../../_console/console-api";
import { FormAlert } from "../../_console/form-alert";

type Kind = "new" | "existing";
type Team = { id: string; name: string };

/** The agent to add, from the form (the server checks every field). */
function agentFromForm(kind: Kind, form: FormData): Parameters<typeof addAgent>[0] {
  const text = (k: string): string => String(form.get(k) ?? "");
  const common = {
    displayName: text("displayName"),
    role: text("role") === "operator" ? ("operator" as const) : ("agent" as const),
    teams: form.getAll("teams").map(String),
  };
  return kind === "new" ? { kind, username: text("username"), ...common } : { kind, userId: text("userId"), ...common };
}

function AccountFields({ kind, onKind }: { kind: Kind; onKind: (k: Kind) => void }) {
  return (
    <>
      <fieldset className="row">
        <legend>Matrix account</legend>
        <label className="check">
          <input type="radio" name="kind" checked={kind === "new"} onChange={() => onKind("new")} />
          Create a new account
        </label>
        <label className="check">
          <input type="radio" name="kind" checked={kind === "existing"} onChange={() => onKind("existing")} />
          Use an existing Matrix account
        </label>
      </fieldset>
      {kind === "new" ? (
        <label>
          Username
          <input name="username" required pattern="[a-z0-9._=\-]+" autoComplete="off" />
        </label>
      ) : (
        <label>
          Matrix user id
          <input name="userId" required placeholder="@alice:example.org" autoComplete="off" />
        </label>
      )}
    </>
  );
}

function RoleAndTeams({ teams }: { teams: Team[] }) {
  return (
    <>
      <label>
        Role
        <select name="role" defaultValue="agent">
          <option value="agent">Agent</option>
          <option value="operator">Operator</option>
        </select>
      </label>
      <fieldset className="row">
        <legend>Teams</legend>
        {teams.map((t) => (
          <label key={t.id} className="check">
            <input type="checkbox" name="teams" value={t.id} />
            {t.name}
          </label>
        ))}
      </fieldset>
    </>
  );
}

/** New Matrix account (one-time password shown once, to hand over) or an existing Matrix account. */
export function AddAgentForm({ teams }: { teams: Team[] }) {
  const router = useRouter();
  const [kind, setKind] = useState<Kind>("new");
  const add = useMutation({ mutationFn: addAgent, onSuccess: () => router.refresh() });

  const submit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    add.mutate(agentFromForm(kind, new FormData(e.currentTarget)));
  };

  const result = add.data;
  return (
    <form className="card" onSubmit={submit} aria-labelledby="add-agent-title">
      <h2 id="add-agent-title">Add an agent</h2>
      <AccountFields kind={kind} onKind={setKind} />
      <label>
        Display name
        <input name="displayName" required />
      </label>
      <RoleAndTeams teams={teams} />
      <button type="submit">Add agent</button>
      <FormAlert error={add.error?.message} />
      {result && (
        <div role="status">
          <p>Added {result.userId}.</p>
          {result.oneTimePassword && (
            <p>
              One-time password, shown only now — hand it over; the agent changes it in any Matrix client:{" "}
              <code aria-label="One-time password">{result.oneTimePassword}</code>
            </p>
          )}
        </div>
      )}
    </form>
  );
}
