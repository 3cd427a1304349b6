import { describe, expect, it } from "vitest";
import { signatureHeader, verifyWebhookSignature, webhookSignature } from "./webhook-signature";

const secret = "whsec_test-secret";
const body = '{"id":"evt_1","type":"conversation.closed"}';
const t = 1_765_000_000;

describe("webhook signature", () => {
  it("is HMAC-SHA256 over '<timestamp>.<body>' (a known vector)", () => {
    // printf '1765000000.{"id":"evt_1","type":"conversation.closed"}' | openssl dgst -sha256 -hmac whsec_test-secret
    expect(webhookSignature(secret, t, body)).toBe("560ba224c33f9dcdd062ac8dffa563ae74c27f55c0958668dde03190f2659edd");
    expect(signatureHeader(secret, t, body)).toBe(`t=${t},v1=560ba224c33f9dcdd062ac8dffa563ae74c27f55c0958668dde03190f2659edd`);
  });

  const header = signatureHeader(secret, t, body);
  const cases: { name: string; secret?: string; header: string | null; body?: string; now?: number; want: string }[] = [
    { name: "the header as sent", header, want: "ok" },
    { name: "within the tolerance", header, now: t + 299, want: "ok" },
    { name: "a replay after the tolerance", header, now: t + 301, want: "too-old" },
    { name: "a timestamp from the future", header, now: t - 301, want: "too-old" },
    { name: "another secret", header, secret: "whsec_other", want: "mismatch" },
    { name: "a body changed by one byte", header, body: body.replace("closed", "closeD"), want: "mismatch" },
    { name: "the timestamp changed (signature bound to it)", header: header.replace(`t=${t}`, `t=${t + 1}`), want: "mismatch" },
    { name: "a second v1 (secret rotation) where one matches", header: `t=${t},v1=${"0".repeat(64)},v1=${webhookSignature(secret, t, body)}`, want: "ok" },
    { name: "no header", header: null, want: "malformed" },
    { name: "no v1", header: `t=${t}`, want: "malformed" },
    { name: "no timestamp", header: `v1=${webhookSignature(secret, t, body)}`, want: "malformed" },
    { name: "a v1 that is not hex", header: `t=${t},v1=zz`, want: "malformed" },
  ];
  for (const c of cases)
    it(c.name, () => {
      expect(verifyWebhookSignature(c.secret ?? secret, c.header, c.body ?? body, c.now ?? t)).toBe(c.want);
    });
});
