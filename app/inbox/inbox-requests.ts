// The console's two hand-written API calls of the inbox (swapped for the typed client at merge).

/** A conversation the router assigned to this agent, with its internal notes room. */
export type AssignedConversation = { roomId: string; participants: string[]; notesRoomId: string | null };

/** GET /api/agent/conversations: what the router assigned to me; null when the server refused. */
export async function fetchAssignedConversations(): Promise<AssignedConversation[] | null> {
  const res = await fetch("/api/agent/conversations", { cache: "no-store" });
  if (!res.ok) return null;
  const { conversations } = (await res.json()) as { conversations: AssignedConversation[] };
  return conversations;
}

/** POST /api/agent/claim: take a queued conversation; the server's reason when it refuses ("network error" when unreachable). */
export async function claimConversation(roomId: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const res = await fetch("/api/agent/claim", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ roomId }) }).catch(
    () => null,
  );
  const json = ((await res?.json().catch(() => ({}))) ?? {}) as { error?: string };
  return res?.ok ? { ok: true } : { ok: false, error: json.error ?? "network error" };
}
