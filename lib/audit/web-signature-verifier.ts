import { stringify } from "another-json";
import { fromBase64 } from "../roster/base64";
import type { KeysQueryResult, Signed, SignatureVerifier } from "./types";

const entryKey = (signerUserId: string, keyName: string, publicKey: string, text: string): string => JSON.stringify([signerUserId, keyName, publicKey, text]);

/** Every Ed25519 public key a user publishes in this answer: cross-signing keys and devices' keys. */
function candidateKeys(userId: string, keys: KeysQueryResult): string[] {
  const out = new Set<string>();
  for (const k of [keys.master_keys?.[userId], keys.self_signing_keys?.[userId]]) for (const v of Object.values(k?.keys ?? {})) out.add(v);
  for (const d of Object.values(keys.device_keys?.[userId] ?? {}))
    for (const [id, v] of Object.entries(d.keys ?? {})) if (id.startsWith("ed25519:")) out.add(v);
  return [...out].filter((v) => typeof v === "string");
}

async function verifyOne(publicKey: string, signature: string, text: string): Promise<boolean> {
  const raw = fromBase64(publicKey);
  const sig = fromBase64(signature);
  if (!raw || raw.length !== 32 || !sig || sig.length !== 64) return false;
  try {
    const key = await crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
    return await crypto.subtle.verify({ name: "Ed25519" }, key, sig, new TextEncoder().encode(text));
  } catch {
    return false;
  }
}

/**
 * The browser's signature check for the audit analysis, which is synchronous:
 * every signature in a `/keys/query` answer (self-signing keys, devices) is
 * verified here first with WebCrypto against each Ed25519 key its signer
 * publishes, and the returned verifier answers from that table, false for
 * anything not verified beforehand. Same results as `verifyMatrixSignature`.
 */
export async function prepareWebSignatureVerifier(keys: KeysQueryResult): Promise<SignatureVerifier> {
  const verified = new Set<string>();
  const signed: Signed[] = [...Object.values(keys.self_signing_keys ?? {}), ...Object.values(keys.device_keys ?? {}).flatMap((d) => Object.values(d))];
  const checks: Promise<void>[] = [];
  for (const obj of signed) {
    const { signatures, unsigned: _u, ...content } = obj;
    const text = stringify(content);
    for (const [signer, sigs] of Object.entries(signatures ?? {})) {
      for (const [keyId, sig] of Object.entries(sigs)) {
        if (!keyId.startsWith("ed25519:") || typeof sig !== "string") continue;
        const keyName = keyId.slice("ed25519:".length);
        for (const pk of candidateKeys(signer, keys)) {
          checks.push(verifyOne(pk, sig, text).then((ok) => void (ok && verified.add(entryKey(signer, keyName, pk, text)))));
        }
      }
    }
  }
  await Promise.all(checks);
  return (obj, signerUserId, keyName, publicKey) => {
    if (typeof obj.signatures?.[signerUserId]?.[`ed25519:${keyName}`] !== "string") return false;
    const { signatures: _s, unsigned: _u, ...content } = obj;
    return verified.has(entryKey(signerUserId, keyName, publicKey, stringify(content)));
  };
}
