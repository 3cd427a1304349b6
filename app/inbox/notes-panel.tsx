"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { MatrixClient, Room } from "matrix-js-sdk";
import { useEffect, useState, type FormEvent } from "react";
import { loadWholeHistory } from "../../lib/matrix/load-whole-history";
import { createNotesRoom, notesRoomProblem } from "../../lib/matrix/notes-room";
import { readyToSendEncrypted, sendEncryptedText } from "../../lib/matrix/send-encrypted-text";
import { timelineMessages } from "../../lib/matrix/timeline-messages";
import { fetchNotesRoom, linkNotesRoom, queryKeys } from "../_console/console-api";
import { FormAlert } from "../_console/form-alert";

/** Writes a note, creating and linking the notes room first if the conversation has none. */
function useAddNote(client: MatrixClient, conversationRoomId: string, notesRoomId: string | null | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: string): Promise<void> => {
      let target = notesRoomId;
      if (!target) {
        const created = await createNotesRoom(client, conversationRoomId);
        target = await linkNotesRoom(conversationRoomId, created);
        // Another console of ours linked its room first: use that one.
        if (target !== created) void client.leave(created).catch(() => {});
        queryClient.setQueryData(queryKeys.notesRoom(conversationRoomId), target);
      }
      // The link comes from our server: check the room itself before writing a note into it.
      await readyToSendEncrypted(client, target);
      const problem = notesRoomProblem(client, target, conversationRoomId);
      if (problem) throw new Error(problem);
      await sendEncryptedText(client, target, body);
    },
  });
}

function NoteList({ client, room }: { client: MatrixClient; room: Room | null }) {
  const notes = room ? timelineMessages(room) : [];
  return (
    <ol className="note-list">
      {notes.map((m) => (
        <li key={m.id} data-state={m.state}>
          <span className="sender">{m.sender === client.getUserId() ? "You" : (room?.getMember(m.sender)?.name ?? m.sender)}</span>{" "}
          {m.state === "undecryptable" ? <em className="muted">Unable to decrypt this note</em> : <span className="body">{m.body}</span>}
        </li>
      ))}
    </ol>
  );
}

/**
 * Internal notes on a conversation: only agents see them. They live in a
 * separate agents-only encrypted room (see lib/matrix/notes-room.ts), never in
 * the visitor's room, so the visitor's devices never receive them or their keys.
 */
export function NotesPanel({ client, conversationRoomId }: { client: MatrixClient; conversationRoomId: string }) {
  // undefined: still asking the server where the notes are; null: no note yet.
  const where = useQuery({ queryKey: queryKeys.notesRoom(conversationRoomId), queryFn: () => fetchNotesRoom(conversationRoomId) });
  const notesRoomId = where.data;
  const [draft, setDraft] = useState("");
  const add = useAddNote(client, conversationRoomId, notesRoomId);

  const notesRoom = notesRoomId ? client.getRoom(notesRoomId) : null;
  const membership = notesRoom?.getMyMembership();
  useEffect(() => {
    if (notesRoom && membership === "join") void loadWholeHistory(client, notesRoom).catch(() => {});
  }, [client, notesRoom, membership]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const body = draft.trim();
    if (body) add.mutate(body, { onSuccess: () => setDraft("") });
  };

  const joined = notesRoom && membership === "join" ? notesRoom : null;
  const problem = joined ? notesRoomProblem(client, joined.roomId, conversationRoomId) : null;
  const error = where.isError ? `Notes unavailable: ${where.error.message}` : add.isError ? `Note not saved: ${add.error.message}` : null;
  const busy = add.isPending;
  return (
    <aside className="notes" aria-label="Internal notes" aria-busy={notesRoomId === undefined}>
      <h2>Internal notes</h2>
      <p className="muted small">Only agents see these notes. They are end-to-end encrypted in a separate room; the visitor never receives them.</p>
      {notesRoomId && membership !== "join" && (
        <p role="status" className="muted small">
          Loading notes…
        </p>
      )}
      <FormAlert error={problem} className="error small" />
      <NoteList client={client} room={problem ? null : joined} />
      <form onSubmit={submit} className="note-composer">
        <label htmlFor="note-input">Add an internal note</label>
        <textarea id="note-input" rows={2} value={draft} onChange={(e) => setDraft(e.target.value)} disabled={busy || notesRoomId === undefined} />
        <button type="submit" className="secondary" disabled={busy || !draft.trim() || notesRoomId === undefined}>
          {busy ? "Saving…" : "Add note"}
        </button>
      </form>
      <FormAlert error={error} />
    </aside>
  );
}
