"use client";

import { useEffect, useRef, type RefObject } from "react";
import { SHORTCUTS, shortcutFor, stepConversation, type ShortcutAction } from "../../lib/console-state/keyboard-shortcuts";

type Props = {
  /** The conversations of the list on screen, in order (empty in the Queue and All views). */
  ids: readonly string[];
  selected: string | null;
  onSelect: (roomId: string) => void;
};

const byId = (id: string): HTMLElement | null => document.getElementById(id);

/** What a shortcut does on the page (the dialog's `help` is handled by the component). */
function perform(action: Exclude<ShortcutAction, "help">, { ids, selected, onSelect }: Props): boolean {
  if (action === "next" || action === "previous") {
    const to = stepConversation(ids, selected, action === "next" ? 1 : -1);
    if (to) onSelect(to);
    return to !== null;
  }
  if (action === "close") {
    // The same button the agent would press, so its status message shows.
    const close = document.querySelector<HTMLButtonElement>('[data-shortcut="close"]:not(:disabled)');
    close?.click();
    return close !== null;
  }
  const field = byId(action === "focus-composer" ? "composer-input" : "conversation-search");
  field?.focus();
  return field !== null;
}

/** The list of shortcuts in a modal <dialog>: focus moves to its Close button and back where it was on close (Esc closes it too). */
function ShortcutsDialog({ dialog }: { dialog: RefObject<HTMLDialogElement | null> }) {
  return (
    <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <p className="muted small">They work whenever you are not typing in a field.</p>
      <table>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <th scope="row">{s.label}</th>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && " or "}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">Insert a canned response</th>
            <td>
              <kbd>/</kbd> in the reply box
            </td>
          </tr>
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}

/**
 * The inbox's keyboard shortcuts (lib/console-state/keyboard-shortcuts): never
 * while the agent types in a field, never with Ctrl or Cmd. "?" opens the list.
 */
export function InboxShortcuts(props: Props) {
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  const openHelp = (): void => {
    if (!dialog.current || dialog.current.open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current.showModal();
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || dialog.current?.open) return;
      const target = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      const action = shortcutFor(e, target);
      if (!action) return;
      if (action === "help") openHelp();
      else if (!perform(action, latest.current)) return;
      e.preventDefault();
    };
    const d = dialog.current;
    const restore = (): void => returnTo.current?.focus();
    document.addEventListener("keydown", onKey);
    d?.addEventListener("close", restore);
    return () => {
      document.removeEventListener("keydown", onKey);
      d?.removeEventListener("close", restore);
    };
  }, []);

  return (
    <>
      <ShortcutsDialog dialog={dialog} />
      <button type="button" className="link shortcut-hint" onClick={openHelp} aria-keyshortcuts="?">
        Keyboard shortcuts <kbd>?</kbd>
      </button>
    </>
  );
}
