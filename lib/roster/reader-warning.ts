import type { WidgetStrings } from "../widget-i18n/catalogue";
import type { ReaderProblem } from "./check-readers";

/**
 * The widget's warning for the members that block sending: every one of them
 * is named (strangers in one sentence, agents whose identity is not the
 * rostered one in another), or null when nothing blocks.
 */
export function readerWarning(problems: readonly ReaderProblem[] | "refused", t: WidgetStrings): string | null {
  if (problems === "refused") return t.rosterRefused;
  const identity = problems.filter((p) => p.reason === "identity-changed" || p.reason === "no-identity").map((p) => p.userId);
  const strangers = problems.filter((p) => p.reason === "not-on-roster" || p.reason === "router-has-keys").map((p) => p.userId);
  const parts = [strangers.length ? t.notRostered(strangers) : null, identity.length ? t.identityNotRostered(identity) : null].filter((s): s is string => !!s);
  return parts.length ? parts.join(" ") : null;
}
