/** What the composer's "/" list needs of a canned response. */
export type CannedItem = { id: number; title: string; body: string };

/** Queries longer than this are ordinary text, not a search. */
export const MAX_SLASH_QUERY = 40;

/**
 * The "/" search the agent is typing at the caret: "/" at the start of the
 * draft or after a space, then the query (no new line, no further "/").
 * Null when the text before the caret is not such a search.
 */
export function slashQuery(draft: string, caret: number): { start: number; query: string } | null {
  const before = draft.slice(0, caret);
  const match = /(^|\s)\/([^\n/]*)$/.exec(before);
  if (!match || (match[2] ?? "").length > MAX_SLASH_QUERY) return null;
  return { start: match.index + (match[1] ?? "").length, query: match[2] ?? "" };
}

/**
 * The canned responses matching `query` (case-insensitive, every word):
 * titles starting with it first, then titles containing it, then texts
 * containing it; alphabetical within each group.
 */
export function filterCanned<T extends CannedItem>(items: readonly T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  const words = q.split(/\s+/).filter(Boolean);
  const rank = (item: T): number => {
    const title = item.title.toLowerCase();
    if (!q || title.startsWith(q)) return 0;
    if (words.every((w) => title.includes(w))) return 1;
    if (words.every((w) => title.includes(w) || item.body.toLowerCase().includes(w))) return 2;
    return 3;
  };
  return items
    .map((item) => ({ item, rank: rank(item) }))
    .filter((r) => r.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.item.title.localeCompare(b.item.title))
    .map((r) => r.item);
}

/** The draft with the "/" search at `start..caret` replaced by `body`, and where the caret goes. */
export function insertCanned(draft: string, start: number, caret: number, body: string): { draft: string; caret: number } {
  const next = draft.slice(0, start) + body + draft.slice(caret);
  return { draft: next, caret: start + body.length };
}
