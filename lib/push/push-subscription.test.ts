import { createECDH, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEFAULT_PUSH_HOSTS, pushEndpointProblem, pushSubscriptionSchema } from "./push-subscription";

const strict = { allowLocalHttp: false, allowedHosts: DEFAULT_PUSH_HOSTS };
const local = { allowLocalHttp: true, allowedHosts: DEFAULT_PUSH_HOSTS };

describe("pushEndpointProblem", () => {
  it.each<[string, string, typeof strict, string | null]>([
    ["Chrome's push service", "https://fcm.googleapis.com/fcm/send/abc:def", strict, null],
    ["Firefox's", "https://updates.push.services.mozilla.com/wpush/v2/gAAA", strict, null],
    ["Safari's", "https://web.push.apple.com/QGx", strict, null],
    ["Windows' (a subdomain)", "https://wns2-db5p.notify.windows.com/w/?token=x", strict, null],
    [
      "a host that only ends like one",
      "https://evilnotify.windows.com/x",
      strict,
      "The push endpoint's host evilnotify.windows.com is not a known push service",
    ],
    ["an internal server", "https://10.0.0.5/admin", strict, "The push endpoint's host 10.0.0.5 is not a known push service"],
    ["plain http to a push service", "http://fcm.googleapis.com/fcm/send/x", strict, "The push endpoint must use https"],
    ["plain http to localhost when not allowed", "http://127.0.0.1:9000/push", strict, "The push endpoint must use https"],
    ["plain http to localhost in tests", "http://127.0.0.1:9000/push", local, null],
    ["plain http elsewhere in tests", "http://192.168.1.1/push", local, "The push endpoint must use https"],
    ["credentials", "https://u:p@fcm.googleapis.com/fcm/send/x", strict, "The push endpoint must not contain a user name or password"],
    ["not a URL", "fcm.googleapis.com/x", strict, "The push endpoint is not a URL"],
    ["javascript:", "javascript:alert(1)", strict, "The push endpoint must use https"],
  ])("%s", (_name, url, opts, expected) => {
    expect(pushEndpointProblem(url, opts)).toBe(expected);
  });
});

const p256dh = createECDH("prime256v1").generateKeys().toString("base64url");
const auth = randomBytes(16).toString("base64url");
const good = { endpoint: "https://fcm.googleapis.com/fcm/send/x", expirationTime: null, keys: { p256dh, auth } };

describe("pushSubscriptionSchema", () => {
  it("accepts a browser's PushSubscription.toJSON()", () => {
    expect(pushSubscriptionSchema.safeParse(good).success).toBe(true);
    expect(pushSubscriptionSchema.safeParse({ endpoint: good.endpoint, keys: good.keys }).success).toBe(true);
  });

  it.each<[string, unknown]>([
    ["no keys", { endpoint: good.endpoint }],
    ["no auth", { endpoint: good.endpoint, keys: { p256dh } }],
    ["a p256dh of the wrong length", { ...good, keys: { p256dh: p256dh.slice(0, 40), auth } }],
    ["a compressed key", { ...good, keys: { p256dh: createECDH("prime256v1").generateKeys("base64url", "compressed"), auth } }],
    ["an auth secret of 15 bytes", { ...good, keys: { p256dh, auth: randomBytes(15).toString("base64url") } }],
    ["keys that are not base64url", { ...good, keys: { p256dh: "<script>".repeat(11), auth } }],
    ["an endpoint over 1,000 characters", { ...good, endpoint: `https://fcm.googleapis.com/${"a".repeat(1000)}` }],
    ["an extra field", { ...good, note: "hi" }],
    ["an extra key", { ...good, keys: { p256dh, auth, other: "x" } }],
    ["a string", "subscription"],
  ])("refuses %s", (_name, body) => {
    expect(pushSubscriptionSchema.safeParse(body).success).toBe(false);
  });
});
