import { describe, expect, it } from "vitest";
import { newWebhookSecret, openSecret, sealSecret } from "./secret-box";
import { webhookUrlProblem } from "./webhook-url";

const key = "k".repeat(32);

describe("secret box", () => {
  it("round-trips and never stores the secret in clear", () => {
    const secret = newWebhookSecret();
    const box = sealSecret(key, secret);
    expect(box).toMatch(/^v1\./);
    expect(box).not.toContain(secret.slice(6));
    expect(openSecret(key, box)).toBe(secret);
    expect(sealSecret(key, secret)).not.toBe(box); // a fresh IV each time
  });
  it("refuses another key and an altered box", () => {
    const box = sealSecret(key, "whsec_x");
    expect(() => openSecret("j".repeat(32), box)).toThrow();
    const [v, iv, ct, tag] = box.split(".");
    const flipped = Buffer.from(ct!, "base64url");
    flipped[0]! ^= 1;
    expect(() => openSecret(key, [v, iv, flipped.toString("base64url"), tag].join("."))).toThrow();
    expect(() => openSecret(key, "plain")).toThrow(/not a sealed/);
  });
});

describe("webhookUrlProblem", () => {
  const cases: [url: string, allowLocal: boolean, ok: boolean][] = [
    ["https://hooks.example.com/sealdesk", false, true],
    ["http://hooks.example.com/sealdesk", false, false],
    ["http://127.0.0.1:9999/hook", false, false],
    ["http://127.0.0.1:9999/hook", true, true],
    ["http://localhost/hook", true, true],
    ["http://[::1]:8080/hook", true, true],
    ["http://10.0.0.1/hook", true, false],
    ["https://user:pw@hooks.example.com/", false, false],
    ["ftp://hooks.example.com/", true, false],
    ["not a url", false, false],
  ];
  for (const [url, allow, ok] of cases)
    it(`${url} (local http ${allow}) -> ${ok ? "ok" : "refused"}`, () => expect(webhookUrlProblem(url, allow) === null).toBe(ok));
});
