import { statusEn } from "./lang-en";
import { statusFr } from "./lang-fr";
import { statusDe } from "./lang-de";
import { statusEs } from "./lang-es";
import type { WidgetLanguage } from "./languages";

/** The widget's line about the team's availability (see lib/widget-protocol/widget-status), per language. */
export type StatusStrings = {
  online: string;
  /** `about`: a rounded duration such as "5 min" (null: no figure). */
  busy: (about: string | null) => string;
  /** `replyBy`: the next opening in the visitor's own time (null: none set). */
  closed: (replyBy: string | null) => string;
  /** Replaces the queue notice while the team is closed. */
  queuedClosed: string;
};

/** The status line's strings for each widget language. */
export const STATUS_STRINGS: Record<WidgetLanguage, StatusStrings> = { en: statusEn, fr: statusFr, de: statusDe, es: statusEs };
