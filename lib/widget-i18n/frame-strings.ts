import type { CustomerStrings } from "./customer-strings";
import type { DeleteStrings } from "./delete-strings";
import type { WidgetLanguage } from "./languages";
import type { StatusStrings } from "./status-strings";
import type { WidgetStrings } from "./widget-strings";

/** Every string the chat frame shows from its start, in one language. */
export type FrameStrings = {
  widget: WidgetStrings;
  status: StatusStrings;
  deletion: DeleteStrings;
  customer: CustomerStrings;
};

/**
 * The frame's strings in `lang`, each language a chunk of its own (a visitor downloads
 * one language, not four: the frame's first bytes have a budget, docs/budgets.md).
 * Literal imports, so that the bundler can split them.
 */
export function loadFrameStrings(lang: WidgetLanguage): Promise<FrameStrings> {
  switch (lang) {
    case "fr":
      return import("./lang-fr").then((m) => m.strings);
    case "de":
      return import("./lang-de").then((m) => m.strings);
    case "es":
      return import("./lang-es").then((m) => m.strings);
    default:
      return import("./lang-en").then((m) => m.strings);
  }
}
