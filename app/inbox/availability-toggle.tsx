"use client";

import { useEffect, useState } from "react";

type Availability = "available" | "away" | "offline";

export function AvailabilityToggle() {
  const [value, setValue] = useState<Availability | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetch("/api/agent/availability")
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((b: { availability: Availability }) => setValue(b.availability))
      .catch(() => setError("Could not load your status"));
  }, []);

  async function change(next: Availability): Promise<void> {
    const before = value;
    setValue(next);
    const res = await fetch("/api/agent/availability", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ availability: next }),
    });
    if (!res.ok) {
      setValue(before);
      setError("Could not change your status");
    } else setError(null);
  }

  return (
    <label className="availability">
      Status{" "}
      <select value={value ?? ""} disabled={value === null} onChange={(e) => change(e.target.value as Availability)} aria-describedby={error ? "availability-error" : undefined}>
        {value === null && <option value="">…</option>}
        <option value="available">Available</option>
        <option value="away">Away</option>
        <option value="offline">Offline</option>
      </select>
      {error && (
        <span id="availability-error" role="alert" className="error">
          {error}
        </span>
      )}
    </label>
  );
}
