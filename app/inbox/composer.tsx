"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useEffect, useState, type FormEvent, type KeyboardEvent } from "react";
import { AttachButton } from "./attach-button";
import { CannedPicker } from "./canned-picker";
import type { ConsoleOutbox } from "./console-outbox";

type Props = { client: MatrixClient; roomId: string; outbox: ConsoleOutbox; closed: boolean };

/** The reply box: Enter sends through the outbox (member check first); tells the visitor's widget while the agent types. */
export function Composer({ client, roomId, outbox, closed }: Props) {
  const [draft, setDraft] = useState("");

  // The visitor's widget shows "<agent> is typing…".
  const typing = draft.trim().length > 0;
  useEffect(() => {
    void client.sendTyping(roomId, typing, 30_000).catch(() => {});
  }, [client, roomId, typing]);

  function send(e?: FormEvent): void {
    e?.preventDefault();
    const body = draft.trim();
    if (!body) return;
    setDraft("");
    outbox.sendText(body);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): void {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      send();
    }
  }

  const error = outbox.lastError();
  return (
    <>
      <form className="composer" onSubmit={send} hidden={closed}>
        <label className="visually-hidden" htmlFor="composer-input">
          Reply
        </label>
        <CannedPicker onInsert={(body) => setDraft((d) => (d ? `${d} ${body}` : body))} />
        <textarea
          id="composer-input"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Write a reply… (Enter to send)"
          rows={2}
        />
        <button type="submit" disabled={!draft.trim()}>
          Send
        </button>
        <AttachButton outbox={outbox} />
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}
