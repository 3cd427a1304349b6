import { describe, expect, it } from "vitest";
import { embedSnippet, newSiteSchema, siteUpdateSchema } from "./site-settings";

const valid = {
  id: "shop",
  name: "Shop",
  allowedOrigins: ["https://shop.example.com", "http://127.0.0.1:4000"],
  colour: "#0b5cad",
  greeting: "Hi!",
  language: "fr-CA",
  visitorsPerHour: null,
  teamId: null,
  prechat: false,
  showStatus: true,
};

describe("site settings", () => {
  it("accepts a well-formed site", () => {
    expect(newSiteSchema.parse(valid)).toEqual(valid);
  });

  it.each([
    ["origin with a path", { allowedOrigins: ["https://shop.example.com/"] }],
    ["origin with a wildcard", { allowedOrigins: ["https://*.example.com"] }],
    ["javascript: origin", { allowedOrigins: ["javascript:alert(1)"] }],
    ["repeated origin", { allowedOrigins: ["https://a.example", "https://a.example"] }],
    ["colour that is CSS, not a hex", { colour: "red;background:url(x)" }],
    ["language with markup", { language: 'en"><script>' }],
    ["id with capitals", { id: "Shop" }],
    ["empty name", { name: "  " }],
    ["zero limit", { visitorsPerHour: 0 }],
  ])("rejects %s", (_name, change) => {
    expect(newSiteSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it("lets an update change one field", () => {
    expect(siteUpdateSchema.parse({ id: "shop", greeting: "Hello" })).toEqual({ id: "shop", greeting: "Hello" });
  });

  it("pre-chat form: off unless asked for, a PATCH without it leaves it alone, only a boolean is accepted", () => {
    const { prechat: _prechat, ...older } = valid; // a client that does not know the setting
    expect(newSiteSchema.parse(older).prechat).toBe(false);
    expect(newSiteSchema.parse({ ...valid, prechat: true }).prechat).toBe(true);
    expect(siteUpdateSchema.parse({ id: "shop", prechat: true })).toEqual({ id: "shop", prechat: true });
    expect("prechat" in siteUpdateSchema.parse({ id: "shop", name: "Shop 2" })).toBe(false);
    expect(siteUpdateSchema.safeParse({ id: "shop", prechat: "yes" }).success).toBe(false);
  });

  it("status: shown unless turned off, a PATCH without it leaves it alone, only a boolean is accepted", () => {
    const { showStatus: _showStatus, ...older } = valid;
    expect(newSiteSchema.parse(older).showStatus).toBe(true);
    expect(newSiteSchema.parse({ ...valid, showStatus: false }).showStatus).toBe(false);
    expect("showStatus" in siteUpdateSchema.parse({ id: "shop", name: "Shop 2" })).toBe(false);
    expect(siteUpdateSchema.safeParse({ id: "shop", showStatus: "no" }).success).toBe(false);
  });

  it("writes the embed snippet", () => {
    expect(embedSnippet("https://support.example", "shop")).toBe('<script src="https://support.example/widget.js" data-site="shop" async></script>');
    expect(embedSnippet("https://support.example", "shop", "ed25519:KEY")).toBe(
      '<script src="https://support.example/widget.js" data-site="shop" data-org-key="ed25519:KEY" async></script>',
    );
  });
});
