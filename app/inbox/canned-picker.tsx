"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchCannedResponses, queryKeys } from "../_console/console-api";
import { OptionList } from "../_console/option-list";

/** Inserts one of the team's canned responses into the composer (nothing shown when there are none or they cannot be loaded). */
export function CannedPicker({ onInsert }: { onInsert: (body: string) => void }) {
  const { data: responses = [] } = useQuery({ queryKey: queryKeys.canned, queryFn: fetchCannedResponses });
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
        <OptionList options={responses.map((r) => ({ value: r.id, label: r.title }))} />
      </select>
    </label>
  );
}
