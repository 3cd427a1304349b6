import { generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyCustomerToken, type CustomerTokenRefusal, type SiteVerificationKeys } from "./customer-token";

const SITE = "shop";
const now = new Date("2026-12-06T10:00:00Z");
const t = Math.floor(now.getTime() / 1000);
const secret = new TextEncoder().encode("sdcs_test-secret-test-secret-test-secret");
const otherSecret = new TextEncoder().encode("sdcs_another-secret-another-secret-xx");
let es: { publicKey: CryptoKey; privateKey: CryptoKey };
let ed: { publicKey: CryptoKey; privateKey: CryptoKey };
let otherEs: { publicKey: CryptoKey; privateKey: CryptoKey };

beforeAll(async () => {
  es = await generateKeyPair("ES256");
  ed = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  otherEs = await generateKeyPair("ES256");
});

const good: JWTPayload = { sub: "user-42", name: "Ada Lovelace", email: "ada@example.com", aud: SITE, iat: t - 10, exp: t + 300, jti: "j-1" };
const sign = (claims: JWTPayload, alg: "HS256" | "ES256" | "EdDSA" = "HS256", key: CryptoKey | Uint8Array = secret) =>
  new SignJWT(claims).setProtectedHeader({ alg }).sign(key);

describe("verifyCustomerToken", () => {
  const hsOnly = (): SiteVerificationKeys => ({ secret });
  const all = (): SiteVerificationKeys => ({ secret, publicKey: { alg: "ES256", key: es.publicKey } });

  it("accepts a good HS256 token and keeps only what it uses", async () => {
    const r = await verifyCustomerToken(await sign(good), SITE, hsOnly(), now);
    expect(r).toEqual({ ok: true, claims: { sub: "user-42", jti: "j-1", exp: t + 300, name: "Ada Lovelace", email: "ada@example.com" } });
  });

  it("accepts ES256 and EdDSA tokens with the registered public key", async () => {
    expect((await verifyCustomerToken(await sign(good, "ES256", es.privateKey), SITE, all(), now)).ok).toBe(true);
    const edKeys = { publicKey: { alg: "EdDSA" as const, key: ed.publicKey } };
    expect((await verifyCustomerToken(await sign(good, "EdDSA", ed.privateKey), SITE, edKeys, now)).ok).toBe(true);
  });

  const cases: [string, () => Promise<string>, () => SiteVerificationKeys, CustomerTokenRefusal][] = [
    ["forged: signed with another secret", () => sign(good, "HS256", otherSecret), hsOnly, "bad_signature"],
    ["forged: signed with another EC key", () => sign(good, "ES256", otherEs.privateKey), all, "bad_signature"],
    ["ES256 while the site registered only a secret", () => sign(good, "ES256", es.privateKey), hsOnly, "alg_not_allowed"],
    ["HS256 while the site registered only a public key", () => sign(good), () => ({ publicKey: { alg: "ES256", key: es.publicKey } }), "alg_not_allowed"],
    [
      "alg none",
      async () => `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify(good)).toString("base64url")}.`,
      all,
      "alg_not_allowed",
    ],
    ["expired beyond the skew", () => sign({ ...good, iat: t - 400, exp: t - 31 }), hsOnly, "expired"],
    ["not valid yet (nbf)", () => sign({ ...good, nbf: t + 120 }), hsOnly, "not_yet_valid"],
    ["for another site", () => sign({ ...good, aud: "other-site" }), hsOnly, "wrong_audience"],
    ["without aud", () => sign({ ...good, aud: undefined }), hsOnly, "wrong_audience"],
    ["issued by another site", () => sign({ ...good, iss: "other-site" }), hsOnly, "wrong_issuer"],
    ["an hour long", () => sign({ ...good, exp: t + 3600 }), hsOnly, "lifetime_too_long"],
    ["without jti", () => sign({ ...good, jti: undefined }), hsOnly, "missing_claim"],
    ["without sub", () => sign({ ...good, sub: undefined }), hsOnly, "missing_claim"],
    ["without exp", () => sign({ ...good, exp: undefined }), hsOnly, "missing_claim"],
    ["not a JWT", async () => "hello", hsOnly, "malformed"],
    ["garbage header", async () => "!!.e30.sig", hsOnly, "malformed"],
  ];
  it.each(cases)("refuses a token %s", async (_, token, keys, reason) => {
    expect(await verifyCustomerToken(await token(), SITE, keys(), now)).toEqual({ ok: false, reason });
  });

  it("allows a little clock skew on exp", async () => {
    expect((await verifyCustomerToken(await sign({ ...good, iat: t - 300, exp: t - 20 }), SITE, hsOnly(), now)).ok).toBe(true);
  });

  it("drops a name or email that is not a short string", async () => {
    const r = await verifyCustomerToken(await sign({ ...good, name: 42, email: "x".repeat(300) }), SITE, hsOnly(), now);
    expect(r).toEqual({ ok: true, claims: { sub: "user-42", jti: "j-1", exp: t + 300 } });
  });
});
