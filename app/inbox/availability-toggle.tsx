"use client";

import { useEffect, useState } from "react";

type Availability = "available" | "away" | "offline";
type Settings = { availability: Availability; maxConcurrent: number };

/** Status and capacity: the router gives conversations only to available agents under their capacity. */
export function AvailabilityToggle() {
  const [value, setValue] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetch("/api/agent/availability")
      .then((r) => (r.ok ? (r.json() as Promise<Settings>) : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then(setValue)
      .catch(() => setError("Could not load your status"));
  }, []);

  async function change(patch: Partial<Settings>): Promise<void> {
    const before = value;
    if (value) setValue({ ...value, ...patch });
    const res = await fetch("/api/agent/availability", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(patch) });
    if (!res.ok) {
      setValue(before);
      setError("Could not save your status");
    } else {
      setValue((await res.json()) as Settings);
      setError(null);
    }
  }

  return (
    <div className="availability">
      <label>
        Status{" "}
        <select value={value?.availability ?? ""} disabled={value === null} onChange={(e) => void change({ availability: e.target.value as Availability })}>
          {value === null && <option value="">…</option>}
          <option value="available">Available</option>
          <option value="away">Away</option>
          <option value="offline">Offline</option>
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
            if (Number.isInteger(n) && n >= 1 && n <= 50) void change({ maxConcurrent: n });
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
