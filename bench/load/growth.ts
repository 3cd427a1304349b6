// Database growth split into a cost per conversation and a cost per message.

/**
 * Least squares without intercept of Δbytes = perConversation·Δconversations + perMessage·Δmessages
 * over the intervals between the ramp's levels (each adds conversations and messages in
 * different proportions). Null when the intervals cannot separate the two (collinear or too few).
 */
export function fitGrowth(
  intervals: readonly { conversations: number; messages: number; bytes: number }[],
): { perConversation: number; perMessage: number } | null {
  let cc = 0;
  let cm = 0;
  let mm = 0;
  let cb = 0;
  let mb = 0;
  for (const { conversations: c, messages: m, bytes: b } of intervals) {
    cc += c * c;
    cm += c * m;
    mm += m * m;
    cb += c * b;
    mb += m * b;
  }
  const det = cc * mm - cm * cm;
  if (intervals.length < 2 || Math.abs(det) < 1e-9 * Math.max(1, cc * mm)) return null;
  return { perConversation: (cb * mm - mb * cm) / det, perMessage: (mb * cc - cb * cm) / det };
}

/** Differences between consecutive cumulative points. */
export function intervalsOf(points: readonly { conversations: number; messages: number; bytes: number }[]) {
  return points.slice(1).map((p, i) => ({
    conversations: p.conversations - points[i]!.conversations,
    messages: p.messages - points[i]!.messages,
    bytes: p.bytes - points[i]!.bytes,
  }));
}
