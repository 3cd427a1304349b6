"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { filterCanned, insertCanned, slashQuery } from "../../lib/console-state/canned-search";
import { fetchCannedResponses, queryKeys } from "../_console/console-api";

const LIST_ID = "canned-slash-list";
const optionId = (id: number): string => `canned-option-${id}`;

type Slash = {
  /** Shown above the composer while the agent types "/…". */
  list: ReactNode;
  /** The list takes ↑, ↓, Enter, Tab and Escape while it is open; true when it handled the key. */
  onKeyDown: (e: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** For the textarea: it controls the list, and the active option is announced. */
  aria: Record<string, string | undefined>;
  /** The caret moved (click, typing): read the "/" search again. */
  onCaret: () => void;
};

type Canned = Awaited<ReturnType<typeof fetchCannedResponses>>[number];

/** The "/" list: the matching canned responses, or why there are none. */
function SlashList(p: { matches: Canned[]; current: Canned | undefined; query: string; failed: boolean; onPick: (r: Canned) => void }) {
  return (
    <ul id={LIST_ID} className="canned-slash" role="listbox" aria-label="Canned responses">
      {p.failed ? (
        <li className="canned-empty" role="alert">
          Could not load the canned responses. Esc to close.
        </li>
      ) : p.matches.length === 0 ? (
        <li className="canned-empty" role="presentation">
          No canned response matches “{p.query}”. Esc to close.
        </li>
      ) : (
        p.matches.map((r) => (
          <li
            key={r.id}
            id={optionId(r.id)}
            role="option"
            aria-selected={r === p.current}
            // Keep the focus in the textarea.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => p.onPick(r)}
          >
            <strong>{r.title}</strong>
            <span className="canned-body">{r.body}</span>
          </li>
        ))
      )}
    </ul>
  );
}

/**
 * "/" in the composer: a filtered list of the team's canned responses
 * (listbox pattern: focus stays in the textarea, aria-activedescendant names
 * the active option). Enter or Tab inserts it in place of "/query".
 */
export function useCannedSlash(draft: string, setDraft: (d: string) => void, textarea: RefObject<HTMLTextAreaElement | null>): Slash {
  const { data: responses = [], isError } = useQuery({ queryKey: queryKeys.canned, queryFn: fetchCannedResponses });
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  // No list at all for a team without canned responses: "/" is then just text.
  const search = responses.length > 0 || isError ? slashQuery(draft, Math.min(caret, draft.length)) : null;
  const open = search !== null && dismissed !== draft;
  const matches = open ? filterCanned(responses, search.query) : [];
  const current = matches[Math.min(active, matches.length - 1)];

  const insert = (body: string): void => {
    if (!search) return;
    const next = insertCanned(draft, search.start, Math.min(caret, draft.length), body);
    setDraft(next.draft);
    setCaret(next.caret);
    setActive(0);
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    if (e.key === "Escape") {
      setDismissed(draft);
      return true;
    }
    if (matches.length === 0) return false;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((a) => (Math.min(a, matches.length - 1) + step + matches.length) % matches.length);
      return true;
    }
    if ((e.key === "Enter" && !e.shiftKey) || e.key === "Tab") {
      if (current) insert(current.body);
      return true;
    }
    return false;
  };

  const list = open ? (
    <SlashList matches={matches} current={current} query={search.query} failed={isError && responses.length === 0} onPick={(r) => insert(r.body)} />
  ) : null;

  return {
    list,
    onKeyDown,
    aria: {
      "aria-autocomplete": "list",
      "aria-controls": open ? LIST_ID : undefined,
      "aria-activedescendant": open && current ? optionId(current.id) : undefined,
    },
    onCaret: () => {
      const el = textarea.current;
      if (el) setCaret(el.selectionStart ?? el.value.length);
      setActive(0);
    },
  };
}
