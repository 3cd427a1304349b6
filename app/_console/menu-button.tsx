"use client";

import { useState, type ReactNode } from "react";

/** A header button that opens a small menu below it (aria-expanded tells screen readers). */
export function MenuButton({ label, menuLabel, className, children }: { label: string; menuLabel: string; className: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div className={className}>
      <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        {label}
      </button>
      {open && (
        <div className="menu card" role="group" aria-label={menuLabel}>
          {children}
        </div>
      )}
    </div>
  );
}
