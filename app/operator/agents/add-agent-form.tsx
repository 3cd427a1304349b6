"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

type Result = { userId: string; oneTimePassword: string | null };

/** New Matrix account (one-time password shown once, to hand over) or an existing Matrix account. */
export function AddAgentForm({ teams }: { teams: { id: string; name: string }[] }) {
  const router = useRouter();
  const [kind, setKind] = useState<"new" | "existing">("new");
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const common = { displayName: String(form.get("displayName") ?? ""), role: String(form.get("role") ?? "agent"), teams: form.getAll("teams").map(String) };
    const body = kind === "new" ? { kind, username: String(form.get("username") ?? ""), ...common } : { kind, userId: String(form.get("userId") ?? ""), ...common };
    setError(null);
    setResult(null);
    const res = await fetch("/api/operator/agents", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const json = (await res.json()) as Result & { error?: string };
    if (!res.ok) return setError(json.error ?? `HTTP ${res.status}`);
    setResult(json);
    router.refresh();
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="add-agent-title">
      <h2 id="add-agent-title">Add an agent</h2>
      <fieldset className="row">
        <legend>Matrix account</legend>
        <label className="check">
          <input type="radio" name="kind" checked={kind === "new"} onChange={() => setKind("new")} />
          Create a new account
        </label>
        <label className="check">
          <input type="radio" name="kind" checked={kind === "existing"} onChange={() => setKind("existing")} />
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
      <label>
        Display name
        <input name="displayName" required />
      </label>
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
      <button type="submit">Add agent</button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
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
