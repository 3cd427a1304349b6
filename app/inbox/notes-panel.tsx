"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useEffect, useState, type FormEvent } from "react";
import { loadWholeHistory } from "../../lib/matrix/load-whole-history";
import { createNotesRoom, notesRoomProblem } from "../../lib/matrix/notes-room";
import { readyToSendEncrypted } from "../../lib/matrix/send-encrypted-text";
import { sendEncryptedText } from "../../lib/matrix/send-encrypted-text";
import { timelineMessages } from "../../lib/matrix/timeline-messages";

async function linkNotesRoom(roomId: string, notesRoomId: string): Promise<string> {
  const res = await fetch("/api/agent/notes", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ roomId, notesRoomId }) });
  const json = (await res.json().catch(() => ({}))) as { notesRoomId?: string; error?: string };
  if (!res.ok || !json.notesRoomId) throw new Error(json.error ?? `HTTP ${res.status}`);
  return json.notesRoomId;
}

/**
 * Internal notes on a conversation: only agents see them. They live in a
 * separate agents-only encrypted room (see lib/matrix/notes-room.ts), never in
 * the visitor's room, so the visitor's devices never receive them or their keys.
 */
export function NotesPanel({ client, conversationRoomId }: { client: MatrixClient; conversationRoomId: string }) {
  // undefined: still asking the server where the notes are; null: no note yet.
  const [notesRoomId, setNotesRoomId] = useState<string | null | undefined>(undefined);
  const [draft, setDraft] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setNotesRoomId(undefined);
    let live = true;
    fetch(`/api/agent/notes?roomId=${encodeURIComponent(conversationRoomId)}`, { cache: "no-store" })
      .then(async (r) => {
        const json = (await r.json()) as { notesRoomId?: string | null; error?: string };
        if (!r.ok) throw new Error(json.error ?? `HTTP ${r.status}`);
        if (live) setNotesRoomId(json.notesRoomId ?? null);
      })
      .catch((err: Error) => live && setError(`Notes unavailable: ${err.message}`));
    return () => {
      live = false;
    };
  }, [conversationRoomId]);

  const notesRoom = notesRoomId ? client.getRoom(notesRoomId) : null;
  const membership = notesRoom?.getMyMembership();
  useEffect(() => {
    if (notesRoom && membership === "join") void loadWholeHistory(client, notesRoom).catch(() => {});
  }, [client, notesRoom, membership]);

  async function add(e: FormEvent): Promise<void> {
    e.preventDefault();
    const body = draft.trim();
    if (!body) return;
    setBusy(true);
    setError(null);
    try {
      let target = notesRoomId;
      if (!target) {
        const created = await createNotesRoom(client, conversationRoomId);
        target = await linkNotesRoom(conversationRoomId, created);
        // Another console of ours linked its room first: use that one.
        if (target !== created) void client.leave(created).catch(() => {});
        setNotesRoomId(target);
      }
      // The link comes from our server: check the room itself before writing a note into it.
      await readyToSendEncrypted(client, target);
      const problem = notesRoomProblem(client, target, conversationRoomId);
      if (problem) throw new Error(problem);
      await sendEncryptedText(client, target, body);
      setDraft("");
    } catch (err) {
      setError(`Note not saved: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  const problem = notesRoom && membership === "join" ? notesRoomProblem(client, notesRoom.roomId, conversationRoomId) : null;
  const notes = notesRoom && membership === "join" && !problem ? timelineMessages(notesRoom) : [];
  return (
    <aside className="notes" aria-label="Internal notes" aria-busy={notesRoomId === undefined}>
      <h2>Internal notes</h2>
      <p className="muted small">Only agents see these notes. They are end-to-end encrypted in a separate room; the visitor never receives them.</p>
      {notesRoomId && membership !== "join" && <p role="status" className="muted small">Loading notes…</p>}
      {problem && (
        <p role="alert" className="error small">
          {problem}
        </p>
      )}
      <ol className="note-list">
        {notes.map((m) => (
          <li key={m.id} data-state={m.state}>
            <span className="sender">{m.sender === client.getUserId() ? "You" : (notesRoom?.getMember(m.sender)?.name ?? m.sender)}</span>{" "}
            {m.state === "undecryptable" ? <em className="muted">Unable to decrypt this note</em> : <span className="body">{m.body}</span>}
          </li>
        ))}
      </ol>
      <form onSubmit={add} className="note-composer">
        <label htmlFor="note-input">Add an internal note</label>
        <textarea id="note-input" rows={2} value={draft} onChange={(e) => setDraft(e.target.value)} disabled={busy || notesRoomId === undefined} />
        <button type="submit" className="secondary" disabled={busy || !draft.trim() || notesRoomId === undefined}>
          {busy ? "Saving…" : "Add note"}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </aside>
  );
}
