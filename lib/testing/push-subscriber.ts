import { createECDH, randomBytes } from "node:crypto";
import { decrypt } from "http_ece";

/**
 * What a browser holds for a push subscription, made by a test: the P-256 key
 * pair and the auth secret (RFC 8291). `subscription(endpoint)` is what the
 * browser would post; `open(body)` decrypts what the push service would hand
 * the browser, with http_ece (so a test never decrypts with code of ours).
 */
export function testPushSubscriber() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16).toString("base64url");
  const keys = { p256dh: ecdh.getPublicKey("base64url"), auth };
  return {
    keys,
    subscription: (endpoint: string) => ({ endpoint, expirationTime: null, keys }),
    open: (body: Buffer): string => decrypt(body, { version: "aes128gcm", privateKey: ecdh, authSecret: auth }).toString("utf8"),
  };
}
