// Loaded as a chunk of its own once the chat runs (see main.ts): the frame's first bytes stay within budget.
import type { WidgetLanguage } from "../../lib/widget-i18n/catalogue";
import { RATING_STRINGS } from "../../lib/widget-i18n/rating-strings";
import { bindRating } from "./rating";
import { bindTranscript } from "./transcript-download";

/** The rating question at close (above "New conversation") and "Download transcript" (above "Delete this conversation"). */
export function bindRatingAndTranscript(
  d: Omit<Parameters<typeof bindRating>[0], "t" | "before"> & { lang: WidgetLanguage; t: { you: string; support: string } },
): void {
  const r = RATING_STRINGS[d.lang];
  const restart = document.querySelector("#app > .restart");
  const deletion = document.querySelector("#app > .delete-conversation");
  if (restart) bindRating({ ...d, t: r, before: restart });
  if (deletion) bindTranscript({ ...d, words: r.transcript, label: r.downloadTranscript, you: d.t.you, support: d.t.support, before: deletion });
}
