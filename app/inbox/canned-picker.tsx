"use client";

import { useEffect, useState } from "react";

type Canned = { id: number; title: string; body: string };

/** Inserts one of the team's canned responses into the composer. */
export function CannedPicker({ onInsert }: { onInsert: (body: string) => void }) {
  const [responses, setResponses] = useState<Canned[]>([]);
  useEffect(() => {
    fetch("/api/agent/canned", { cache: "no-store" })
      .then((r) => (r.ok ? (r.json() as Promise<{ responses: Canned[] }>) : { responses: [] }))
      .then((j) => setResponses(j.responses))
      .catch(() => {});
  }, []);
  if (responses.length === 0) return null;
  return (
    <label className="canned">
      <span className="visually-hidden">Canned response</span>
      <select
        value=""
        onChange={(e) => {
          const picked = responses.find((r) => String(r.id) === e.target.value);
          if (picked) onInsert(picked.body);
        }}
      >
        <option value="">Canned response…</option>
        {responses.map((r) => (
          <option key={r.id} value={r.id}>
            {r.title}
          </option>
        ))}
      </select>
    </label>
  );
}
