/** What a shortcut does in the inbox. */
export type ShortcutAction = "next" | "previous" | "close" | "focus-composer" | "focus-search" | "help";

/** The parts of a KeyboardEvent a shortcut depends on. */
export type KeyPress = { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey?: boolean };

/** The parts of the focused element that say whether the agent is typing. */
export type FocusTarget = { tagName: string; type?: string; isContentEditable?: boolean } | null;

/** The shortcuts as the help dialog lists them (keys in display form). */
export const SHORTCUTS: readonly { keys: string[]; action: ShortcutAction; label: string }[] = [
  { keys: ["j", "Alt+↓"], action: "next", label: "Next conversation" },
  { keys: ["k", "Alt+↑"], action: "previous", label: "Previous conversation" },
  { keys: ["r"], action: "focus-composer", label: "Reply (focus the composer)" },
  { keys: ["Shift+E"], action: "close", label: "Close the open conversation" },
  { keys: ["/"], action: "focus-search", label: "Search conversations" },
  { keys: ["?"], action: "help", label: "Show these shortcuts" },
];

// Inputs that take no typed text: a shortcut pressed on them is not typing.
const NOT_TEXT = new Set(["button", "checkbox", "radio", "submit", "reset", "range", "color", "file", "image"]);

/** Whether keys pressed on this element are typing (text fields, selects, editable content). */
export function isTypingTarget(target: FocusTarget): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  return tag === "INPUT" && !NOT_TEXT.has((target.type ?? "text").toLowerCase());
}

const PLAIN: Record<string, ShortcutAction> = { j: "next", k: "previous", r: "focus-composer", E: "close", "/": "focus-search", "?": "help" };
const WITH_ALT: Record<string, ShortcutAction> = { ArrowDown: "next", ArrowUp: "previous" };

/**
 * The inbox action a key press stands for, or null. Never while the agent
 * types in a field, and never with Ctrl or Cmd (the browser's and the
 * system's shortcuts stay theirs).
 */
export function shortcutFor(press: KeyPress, target: FocusTarget): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || isTypingTarget(target)) return null;
  if (press.altKey) return WITH_ALT[press.key] ?? null;
  return PLAIN[press.key] ?? null;
}

/** The conversation `step` places from `current` in `ids` (wrapping at the ends; the first or last when none is open). */
export function stepConversation(ids: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = current ? ids.indexOf(current) : -1;
  if (at === -1) return step === 1 ? (ids[0] ?? null) : (ids.at(-1) ?? null);
  return ids[(at + step + ids.length) % ids.length] ?? null;
}
