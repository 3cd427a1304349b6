"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { typingNotices } from "../../lib/matrix/typing-stop";
import { AttachButton } from "./attach-button";
import { CannedPicker } from "./canned-picker";
import { useCannedSlash } from "./canned-slash";
import type { ConsoleOutbox } from "./console-outbox";

type Props = { client: MatrixClient; roomId: string; outbox: ConsoleOutbox; closed: boolean };

/**
 * While the agent types: the session is prepared (see ConsoleOutbox.prepare) and the visitor's widget shows
 * "<agent> is typing…" once the agent has typed a moment; the stop waits for the message just sent (see typingNotices).
 */
function useTypingNotices(client: MatrixClient, roomId: string, outbox: ConsoleOutbox, typing: boolean): void {
  const notices = useMemo(
    () =>
      typingNotices({
        send: (on) => void client.sendTyping(roomId, on, 30_000).catch(() => {}),
        busy: () => outbox.items().some((i) => i.state === "sending"),
        subscribe: outbox.subscribe,
      }),
    [client, roomId, outbox],
  );
  useEffect(() => {
    if (!typing) return;
    outbox.prepare();
    notices.typing();
    return () => notices.stopped();
  }, [notices, typing, outbox]);
}

/** The reply box: Enter sends through the outbox (member check first); "/" searches canned responses; tells the visitor's widget while the agent types. */
export function Composer({ client, roomId, outbox, closed }: Props) {
  const [draft, setDraft] = useState("");
  const textarea = useRef<HTMLTextAreaElement>(null);
  const slash = useCannedSlash(draft, setDraft, textarea);

  useTypingNotices(client, roomId, outbox, draft.trim().length > 0);

  function send(e?: FormEvent): void {
    e?.preventDefault();
    const body = draft.trim();
    if (!body) return;
    setDraft("");
    outbox.sendText(body);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): void {
    if (slash.onKeyDown(e)) {
      e.preventDefault();
      return;
    }
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      send();
    }
  }

  const error = outbox.lastError();
  return (
    <>
      <form className="composer" onSubmit={send} hidden={closed}>
        {slash.list}
        <label className="visually-hidden" htmlFor="composer-input">
          Reply
        </label>
        <CannedPicker onInsert={(body) => setDraft((d) => (d ? `${d} ${body}` : body))} />
        <textarea
          id="composer-input"
          ref={textarea}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            slash.onCaret();
          }}
          onKeyDown={onKeyDown}
          onKeyUp={(e) => {
            if (e.key === "ArrowLeft" || e.key === "ArrowRight" || e.key === "Home" || e.key === "End") slash.onCaret();
          }}
          onClick={slash.onCaret}
          placeholder="Write a reply… (Enter to send, / for canned responses)"
          rows={2}
          {...slash.aria}
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
