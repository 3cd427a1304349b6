"use client";

import { useState, type FormEvent } from "react";

/** Adds a canned response to a team; agents of the team insert it from the composer. */
export function AddCannedForm({ teams }: { teams: { id: string; name: string }[] }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>): Promise<void> {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const res = await fetch("/api/operator/canned", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ teamId: String(form.get("teamId") ?? ""), title: String(form.get("title") ?? ""), body: String(form.get("body") ?? "") }),
    });
    if (!res.ok) return setMessage({ ok: false, text: ((await res.json()) as { error?: string }).error ?? `HTTP ${res.status}` });
    formEl.reset();
    setMessage({ ok: true, text: "Canned response added." });
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="add-canned-title">
      <h2 id="add-canned-title">Add a canned response</h2>
      <label>
        Team
        <select name="teamId" required>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Title
        <input name="title" required />
      </label>
      <label>
        Text
        <textarea name="body" required rows={3} />
      </label>
      <button type="submit">Add canned response</button>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "" : "error"}>
          {message.text}
        </p>
      )}
    </form>
  );
}
