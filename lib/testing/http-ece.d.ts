// http_ece (the RFC 8188/8291 reference implementation, by web-push's authors) ships no types; tests use decrypt only.
declare module "http_ece" {
  import type { ECDH } from "node:crypto";
  export function decrypt(body: Buffer, params: { version: "aes128gcm"; privateKey: ECDH; authSecret: string }): Buffer;
}
