import type { PreviewFrom } from "./conversation-preview";
import type { VisitorNameSource } from "./visitor-name";

/** One joined room as the conversation list shows it: plain values read from the room once per change. */
export type RoomSummary = {
  roomId: string;
  /** The room carries the conversation marker (rooms without it are never listed). */
  conversation: boolean;
  /** The visitor's name: verified, from the pre-chat form, or generated (see visitor-name). */
  title: string;
  /** Where `title` comes from. */
  nameSource?: VisitorNameSource;
  /** The site the visitor wrote from, as the marker says. */
  site: string;
  /** The router's routing state says closed (the Closed view). */
  closed: boolean;
  /** For newest-first order: the last message's time (else the room's last event). */
  lastActive: number;
  /** The last message's first line, decrypted in this browser (see conversation-preview); absent before any. */
  preview?: string;
  /** Who wrote the last message (whose turn it is). */
  previewFrom?: PreviewFrom;
  /** Messages from others after the agent's read receipt. */
  unread: number;
};

/** Mine and Closed come from this browser's rooms; Queue, All and Team (a supervisor's) from our database (metadata only). */
export type InboxView = "mine" | "queue" | "all" | "closed" | "team";

/**
 * The rooms a supervisor reads for their team, not as its agent: listed under
 * Team (read-only), never in Mine. Pure.
 */
export function supervisedRoomIds(teamRows: readonly { roomId: string; agentUserId: string | null }[] | null, me: string): ReadonlySet<string> {
  return new Set((teamRows ?? []).filter((r) => r.agentUserId !== me).map((r) => r.roomId));
}

/**
 * The conversations of one view, newest first, matching `query` in the
 * visitor's name, the site or (through `bodies`, asked only when a query is
 * typed) the decrypted text. Search runs in the browser: the server never sees the text.
 */
export function selectConversations(all: readonly RoomSummary[], view: InboxView, query: string, bodies: (roomId: string) => string[]): RoomSummary[] {
  const q = query.trim().toLowerCase();
  return all
    .filter((s) => s.conversation && s.closed === (view === "closed"))
    .filter((s) => !q || [s.title, s.site].some((t) => t.toLowerCase().includes(q)) || bodies(s.roomId).some((b) => b.toLowerCase().includes(q)))
    .sort((a, b) => b.lastActive - a.lastActive);
}

/** The unread badge of the Mine tab: unread messages of open conversations, except the one on screen. */
export function unreadInMine(all: readonly RoomSummary[], selected: string | null): number {
  return selectConversations(all, "mine", "", () => []).reduce((n, s) => n + (s.roomId === selected ? 0 : s.unread), 0);
}
