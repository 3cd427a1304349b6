"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AvailabilitySettings } from "../../lib/console-api/agent-routes";
import { fetchAvailability, queryKeys, saveAvailability } from "../_console/console-api";
import { OptionList } from "../_console/option-list";

type Availability = AvailabilitySettings["availability"];

const STATUSES: { value: Availability; label: string }[] = [
  { value: "available", label: "Available" },
  { value: "away", label: "Away" },
  { value: "offline", label: "Offline" },
];

/** The agent's status and capacity, shown at once as chosen (optimistic) and put back if the server refuses. */
function useAvailability() {
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: queryKeys.availability, queryFn: fetchAvailability });
  const change = useMutation({
    mutationFn: saveAvailability,
    onMutate: (patch) => {
      const before = queryClient.getQueryData<AvailabilitySettings>(queryKeys.availability);
      if (before) queryClient.setQueryData(queryKeys.availability, { ...before, ...patch });
      return { before };
    },
    onError: (_err, _patch, context) => queryClient.setQueryData(queryKeys.availability, context?.before),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.availability, saved),
  });
  const error = change.isError ? "Could not save your status" : current.isError ? "Could not load your status" : null;
  return { value: current.data ?? null, error, change: (patch: Partial<AvailabilitySettings>) => change.mutate(patch) };
}

/** Status and capacity: the router gives conversations only to available agents under their capacity. */
export function AvailabilityToggle() {
  const { value, error, change } = useAvailability();
  return (
    <div className="availability">
      <label>
        Status{" "}
        <select value={value?.availability ?? ""} disabled={value === null} onChange={(e) => change({ availability: e.target.value as Availability })}>
          {value === null && <option value="">…</option>}
          <OptionList options={STATUSES} />
        </select>
      </label>
      <label>
        Capacity{" "}
        <input
          type="number"
          min={1}
          max={50}
          className="capacity"
          value={value?.maxConcurrent ?? ""}
          disabled={value === null}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1 && n <= 50) change({ maxConcurrent: n });
          }}
        />
      </label>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </div>
  );
}
