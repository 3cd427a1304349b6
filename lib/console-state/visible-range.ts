/** The rows of a fixed-height list to render: `start` inclusive, `end` exclusive. */
export type RowRange = { start: number; end: number };

/**
 * Which rows of a list of `count` rows, each `rowHeight` px high, are in a
 * viewport scrolled to `top` and `height` px high, plus `overscan` rows on each
 * side (kept ready for scrolling and for j/k). A short list is rendered whole.
 */
export function visibleRange(view: { top: number; height: number }, rowHeight: number, count: number, overscan = 8): RowRange {
  const start = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  return { start: Math.min(start, end), end };
}
