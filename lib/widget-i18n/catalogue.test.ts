import { describe, expect, it } from "vitest";
import { pickWidgetLanguage, WIDGET_CATALOGUE, WIDGET_LANGUAGES, type WidgetLanguage } from "./catalogue";
import { customerStrings } from "./customer-strings";
import { DELETE_STRINGS } from "./delete-strings";
import { loadFrameStrings } from "./frame-strings";
import { RATING_STRINGS } from "./rating-strings";
import { REPLY_EMAIL_STRINGS } from "./reply-email-strings";
import { approxDuration, replyByText } from "./status-format";
import { STATUS_STRINGS } from "./status-strings";

describe("pickWidgetLanguage", () => {
  it.each([
    [["fr"], "fr"],
    [["fr-CA"], "fr"],
    [["FR_be"], "fr"],
    [[null, "fr"], "fr"],
    [["de"], "de"],
    [["de-AT"], "de"],
    [["es-MX"], "es"],
    [["ES"], "es"],
    [["it", "es-ES", "en"], "es"],
    [["it", "fr-FR", "en"], "fr"],
    [["en-GB", "fr"], "en"],
    [["it"], "en"],
    [["pt-BR", "nl"], "en"],
    [[], "en"],
    [["__proto__"], "en"],
    [["constructor"], "en"],
  ] as const)("%j -> %s", (candidates, expected) => {
    expect(pickWidgetLanguage(candidates)).toBe(expected);
  });
});

// Every catalogue of the widget, so a language added to one and not another (or a key missing) fails here.
const catalogues: [string, Record<WidgetLanguage, object>][] = [
  ["main", WIDGET_CATALOGUE],
  ["delete", DELETE_STRINGS],
  ["reply email", REPLY_EMAIL_STRINGS],
  ["status", STATUS_STRINGS],
  ["rating", RATING_STRINGS],
  ["customer", { en: customerStrings("en"), fr: customerStrings("fr"), de: customerStrings("de"), es: customerStrings("es") }],
];
const languages = Object.keys(WIDGET_CATALOGUE).sort();

describe.each(catalogues)("the %s catalogue", (_name, catalogue) => {
  it("has every widget language", () => expect(Object.keys(catalogue).sort()).toEqual(languages));
  it.each(languages)("%s has every key, each a non-empty text", (lang) => {
    expectAllTexts(catalogue[lang as WidgetLanguage] as Record<string, unknown>, catalogue.en as Record<string, unknown>);
  });
});

/** Same keys as English, each a non-empty text; a group of strings (an object) is checked the same way. */
function expectAllTexts(strings: Record<string, unknown>, english: Record<string, unknown>): void {
  expect(Object.keys(strings).sort()).toEqual(Object.keys(english).sort());
  for (const [key, value] of Object.entries(strings)) {
    if (typeof value === "object" && value !== null) {
      expectAllTexts(value as Record<string, unknown>, english[key] as Record<string, unknown>);
      continue;
    }
    // Functions are called with sample arguments: names, a number, lists, a flag.
    const text = typeof value === "function" ? (value as (...a: unknown[]) => unknown)(...sampleArgs(value.length)) : value;
    expect(typeof text, key).toBe("string");
    expect((text as string).trim(), key).not.toBe("");
  }
}

function sampleArgs(n: number): unknown[] {
  return [["@a:example.org", "@b:example.org"], true].slice(0, n).concat(Array(Math.max(0, n - 2)).fill("x"));
}

describe("status line texts", () => {
  const now = new Date("2026-12-07T18:00:00Z"); // Monday
  it.each([
    ["same day: the time alone", "2026-12-07T20:30:00Z", "en", "8:30 PM"],
    ["within six days: weekday and time", "2026-12-08T08:00:00Z", "en", "Tuesday 8:00 AM"],
    ["within six days, German", "2026-12-08T08:00:00Z", "de", "Dienstag, 08:00"],
    ["within six days, Spanish", "2026-12-08T08:00:00Z", "es", "martes, 8:00"],
    ["later: with the date", "2026-12-28T08:00:00Z", "en", "Monday, December 28 at 8:00 AM"],
  ])("%s (%s, %s)", (_what, opensAt, lang, expected) => {
    expect(replyByText(new Date(opensAt), now, lang, "UTC").replace(/\s/g, " ")).toBe(expected);
  });
  it.each([
    ["en", 5, "5 min"],
    ["en", 120, "2 hr"],
    ["de", 45, "45 Min."],
    ["es", 60, "1 h"],
  ] as const)("%s: %d minutes -> %s", (lang, minutes, expected) => expect(approxDuration(lang, minutes).replace(/\s/g, " ")).toBe(expected));
});

describe("loadFrameStrings", () => {
  it.each(WIDGET_LANGUAGES)("loads the frame's strings in %s, the same as the catalogues", async (lang) => {
    const s = await loadFrameStrings(lang);
    expect(s.widget).toBe(WIDGET_CATALOGUE[lang]);
    expect(s.status).toBe(STATUS_STRINGS[lang]);
    expect(s.deletion).toBe(DELETE_STRINGS[lang]);
    expect(s.customer).toBe(customerStrings(lang));
  });
});
