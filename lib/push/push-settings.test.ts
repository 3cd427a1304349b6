import webpush from "web-push";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { pushEnvShape, vapidKeys } from "./push-settings";

const schema = z.object(pushEnvShape);
const keys = webpush.generateVAPIDKeys();

describe("push settings", () => {
  it("is off without VAPID keys, with the known push services allowed", () => {
    const e = schema.parse({});
    expect(vapidKeys(e)).toBeNull();
    expect(e.PUSH_ENDPOINT_HOSTS).toContain("fcm.googleapis.com");
    expect(e.PUSH_ALLOW_LOCAL_HTTP).toBe(false);
  });

  it("takes the keys web-push generates", () => {
    const e = schema.parse({ VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: "mailto:ops@example.com" });
    expect(vapidKeys(e)).toEqual({ publicKey: keys.publicKey, privateKey: keys.privateKey, subject: "mailto:ops@example.com" });
  });

  it("refuses half a configuration, naming the variables", () => {
    expect(() => vapidKeys(schema.parse({ VAPID_PUBLIC_KEY: keys.publicKey }))).toThrow(/VAPID_PRIVATE_KEY/);
  });

  it.each([
    ["a key that is not base64url", { VAPID_PUBLIC_KEY: "+".repeat(87) }],
    ["a subject that is not mailto: or https:", { VAPID_SUBJECT: "http://example.com" }],
  ])("refuses %s", (_name, env) => {
    expect(schema.safeParse(env).success).toBe(false);
  });

  it("reads a host list", () => {
    expect(schema.parse({ PUSH_ENDPOINT_HOSTS: "push.example.com, *.push.example.org" }).PUSH_ENDPOINT_HOSTS).toEqual([
      "push.example.com",
      "*.push.example.org",
    ]);
  });
});
