"use client";

import { useEffect, useState, type RefObject } from "react";
import { visibleRange, type RowRange } from "../../lib/console-state/visible-range";

/**
 * Which rows of a fixed-height list are in view (plus `overscan` on each side),
 * so a long list renders only those rows: the inbox stays smooth with hundreds
 * of conversations.
 */
export function useVisibleRange(ref: RefObject<HTMLElement | null>, rowHeight: number, count: number, overscan = 8): RowRange {
  const [view, setView] = useState({ top: 0, height: 800 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Same numbers, same state object: no second render of the list after its first draw.
    const update = (): void => {
      const next = { top: el.scrollTop, height: el.clientHeight || 800 };
      setView((v) => (v.top === next.top && v.height === next.height ? v : next));
    };
    update();
    el.addEventListener("scroll", update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(el);
    return () => {
      el.removeEventListener("scroll", update);
      resize.disconnect();
    };
  }, [ref]);
  return visibleRange(view, rowHeight, count, overscan);
}
