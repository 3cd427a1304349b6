"use client";

import { useState } from "react";
import type { SasPrompt } from "../../../lib/matrix/sas-verification";

/** The emoji both devices show; the user confirms they are the same, or not. */
export function SasEmoji({ prompt }: { prompt: SasPrompt }) {
  const [answered, setAnswered] = useState(false);
  return (
    <div className="sas">
      <p>Compare these emoji with the ones on your other device. They must be the same, in the same order.</p>
      <ol className="sas-emoji" aria-label="Emoji to compare">
        {prompt.emoji.map(([emoji, name], i) => (
          <li key={i} data-emoji-name={name}>
            <span aria-hidden="true" className="emoji">
              {emoji}
            </span>
            <span className="small">{name}</span>
          </li>
        ))}
      </ol>
      <div className="row">
        <button
          type="button"
          disabled={answered}
          onClick={() => {
            setAnswered(true);
            void prompt.confirm();
          }}
        >
          Confirm
        </button>
        <button
          type="button"
          className="secondary"
          disabled={answered}
          onClick={() => {
            setAnswered(true);
            prompt.mismatch();
          }}
        >
          They don&apos;t match
        </button>
      </div>
      {answered && <p role="status">Waiting for the other device…</p>}
    </div>
  );
}
