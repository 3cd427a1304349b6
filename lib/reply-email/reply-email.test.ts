import { describe, expect, it } from "vitest";
import { pageOnSite, visitorEmailBodySchema } from "./contact-request";
import { replyEmailMessage, reopenUrl } from "./reply-email-message";
import { smtpSettings, smtpEnvShape } from "./smtp-settings";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token";
import { z } from "zod";

const secret = "s".repeat(32);

describe("unsubscribe token", () => {
  const token = signUnsubscribeToken(secret, "@visitor-1:hs");
  it.each<[string, string, string | null]>([
    ["its own token", token, "@visitor-1:hs"],
    ["another secret", signUnsubscribeToken("t".repeat(32), "@visitor-1:hs"), null],
    ["a signature moved to another visitor", `${Buffer.from("@visitor-2:hs").toString("base64url")}.${token.split(".")[1]}`, null],
    ["garbage", "abc", null],
    ["an extra part", `${token}.x`, null],
  ])("%s", (_n, t, expected) => expect(verifyUnsubscribeToken(secret, t)).toBe(expected));
});

describe("reply email message", () => {
  it("names the site, links back and offers unsubscribe", () => {
    const m = replyEmailMessage("Shop <b>", "https://shop.example/p?sealdesk=open", "https://app.example/u?t=x");
    expect(m.subject).toBe("You have a new reply from Shop <b>");
    expect(m.text).toContain("https://shop.example/p?sealdesk=open");
    expect(m.html).not.toContain("<b>");
    expect(m.headers["List-Unsubscribe"]).toBe("<https://app.example/u?t=x>");
  });
  it.each<[string, string | null]>([
    ["https://shop.example/p?a=1#top", "https://shop.example/p?a=1&sealdesk=open"],
    ["javascript:alert(1)", null],
    ["not a url", null],
  ])("reopenUrl(%s)", (u, expected) => expect(reopenUrl(u)).toBe(expected));
});

describe("visitor email request", () => {
  it.each<[string, unknown, boolean]>([
    ["a good request", { email: "a@b.example", consent: true, page_url: "https://shop.example/" }, true],
    ["no consent", { email: "a@b.example", consent: false, page_url: "https://shop.example/" }, false],
    ["a bad address", { email: "a@", consent: true, page_url: "https://shop.example/" }, false],
    ["an extra field", { email: "a@b.example", consent: true, page_url: "https://shop.example/", x: 1 }, false],
  ])("%s", (_n, body, ok) => expect(visitorEmailBodySchema.safeParse(body).success).toBe(ok));
  it("accepts only pages on the site's origins", () => {
    expect(pageOnSite("https://shop.example/p", ["https://shop.example"])).toBe(true);
    expect(pageOnSite("https://evil.example/p", ["https://shop.example"])).toBe(false);
  });
});

describe("smtpSettings", () => {
  const parse = (e: Record<string, string>) => smtpSettings(z.object(smtpEnvShape).parse(e));
  it("is off without a host", () => expect(parse({ SMTP_HOST: "" })).toBeNull());
  it("names what a half configuration lacks", () =>
    expect(() => parse({ SMTP_HOST: "mail", SMTP_USER: "u" })).toThrow(/EMAIL_FROM.*EMAIL_LINK_SECRET.*SMTP_PASSWORD/));
  it("reads a full configuration", () =>
    expect(parse({ SMTP_HOST: "mail", SMTP_PORT: "465", SMTP_SECURE: "true", EMAIL_FROM: "a@b.example", EMAIL_LINK_SECRET: secret })).toMatchObject({
      port: 465,
      secure: true,
      windowMinutes: 30,
    }));
});
