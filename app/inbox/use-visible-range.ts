"use client";

import { useEffect, useState, type RefObject } from "react";

/**
 * Which rows of a fixed-height list are in view (plus `overscan` on each side),
 * so a long list renders only those rows: the inbox stays smooth with hundreds
 * of conversations.
 */
export function useVisibleRange(ref: RefObject<HTMLElement | null>, rowHeight: number, count: number, overscan = 8): { start: number; end: number } {
  const [view, setView] = useState({ top: 0, height: 800 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = (): void => setView({ top: el.scrollTop, height: el.clientHeight || 800 });
    update();
    el.addEventListener("scroll", update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(el);
    return () => {
      el.removeEventListener("scroll", update);
      resize.disconnect();
    };
  }, [ref]);
  const start = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  return { start, end };
}
