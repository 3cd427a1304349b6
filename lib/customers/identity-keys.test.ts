import { exportJWK, exportSPKI, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { customerIdHash } from "./customer-id";
import { newIdentitySecret, parsePublicKey, publicKeyThumbprint } from "./identity-keys";

describe("parsePublicKey", () => {
  it("reads PEM and JWK public keys of the right type", async () => {
    const es = await generateKeyPair("ES256", { extractable: true });
    const ed = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
    const fromPem = await parsePublicKey("ES256", await exportSPKI(es.publicKey));
    const fromJwk = await parsePublicKey("ES256", JSON.stringify(await exportJWK(es.publicKey)));
    expect(fromPem.ok && fromJwk.ok).toBe(true);
    if (fromPem.ok && fromJwk.ok) expect(await publicKeyThumbprint(fromPem.key)).toBe(await publicKeyThumbprint(fromJwk.key));
    expect((await parsePublicKey("EdDSA", await exportSPKI(ed.publicKey))).ok).toBe(true);
  });

  const refused: [string, "ES256" | "EdDSA", () => Promise<string>, RegExp][] = [
    ["a private JWK", "ES256", async () => JSON.stringify(await exportJWK((await generateKeyPair("ES256", { extractable: true })).privateKey)), /private key/],
    [
      "an Ed25519 key for ES256",
      "ES256",
      async () => exportSPKI((await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true })).publicKey),
      /not a valid|must be/,
    ],
    ["text that is no key", "EdDSA", async () => "hello", /PEM public key/],
    ["broken JSON", "EdDSA", async () => "{nope", /not a valid/],
  ];
  it.each(refused)("refuses %s", async (_, alg, text, message) => {
    const r = await parsePublicKey(alg, await text());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe("newIdentitySecret and customerIdHash", () => {
  it("makes distinct secrets and a stable, keyed, per-site id hash", () => {
    expect(newIdentitySecret()).not.toBe(newIdentitySecret());
    expect(newIdentitySecret()).toMatch(/^sdcs_[A-Za-z0-9_-]{43}$/);
    const k = "k".repeat(32);
    expect(customerIdHash(k, "shop", "42")).toBe(customerIdHash(k, "shop", "42"));
    expect(customerIdHash(k, "shop", "42")).not.toBe(customerIdHash(k, "blog", "42"));
    expect(customerIdHash(k, "shop", "42")).not.toBe(customerIdHash("j".repeat(32), "shop", "42"));
    expect(customerIdHash(k, "shop", "customer-ada")).toMatch(/^[0-9a-f]{64}$/);
  });
});
