"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

/** Creates a team; sites and agents are then linked to it. */
export function AddTeamForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>): Promise<void> {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setError(null);
    const res = await fetch("/api/operator/teams", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: String(form.get("id") ?? ""), name: String(form.get("name") ?? "") }),
    });
    if (!res.ok) return setError(((await res.json()) as { error?: string }).error ?? `HTTP ${res.status}`);
    formEl.reset();
    router.refresh();
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="add-team-title">
      <h2 id="add-team-title">Add a team</h2>
      <label>
        Team id
        <input name="id" required pattern="[a-z0-9\-]+" />
      </label>
      <label>
        Team name
        <input name="name" required />
      </label>
      <button type="submit">Add team</button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
