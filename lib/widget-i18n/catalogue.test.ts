import { describe, expect, it } from "vitest";
import { pickWidgetLanguage, WIDGET_CATALOGUE } from "./catalogue";

describe("pickWidgetLanguage", () => {
  it.each([
    [["fr"], "fr"],
    [["fr-CA"], "fr"],
    [["FR_be"], "fr"],
    [[null, "fr"], "fr"],
    [["de", "fr-FR", "en"], "fr"],
    [["en-GB", "fr"], "en"],
    [["de"], "en"],
    [[], "en"],
    [["__proto__"], "en"],
    [["constructor"], "en"],
  ] as const)("%j -> %s", (candidates, expected) => {
    expect(pickWidgetLanguage(candidates)).toBe(expected);
  });

  it("every language has every string", () => {
    const keys = Object.keys(WIDGET_CATALOGUE.en).sort();
    for (const strings of Object.values(WIDGET_CATALOGUE)) expect(Object.keys(strings).sort()).toEqual(keys);
  });
});
