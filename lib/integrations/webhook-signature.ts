import { createHmac, timingSafeEqual } from "node:crypto";

/** The header that carries a delivery's signature: `t=<unix seconds>,v1=<hex>`. */
export const SIGNATURE_HEADER = "Sealdesk-Signature";

/** How far (seconds) a signature's timestamp may be from the receiver's clock: older deliveries are refused as replays. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** HMAC-SHA256 (hex) of `<timestamp>.<body>` under the endpoint's secret: what `v1` holds. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The `Sealdesk-Signature` header value for a body sent at `timestamp` (unix seconds). */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${webhookSignature(secret, timestamp, body)}`;
}

/** Why a signature was refused, or "ok". */
export type SignatureCheck = "ok" | "malformed" | "too-old" | "mismatch";

/**
 * What a receiver does with a delivery: parse the header, refuse a timestamp
 * outside the tolerance (a replayed old delivery), and compare every `v1` in
 * constant time with the HMAC of the exact body bytes received.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null,
  body: string,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): SignatureCheck {
  if (!header) return "malformed";
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = parts.find(([k]) => k === "t")?.[1];
  const signatures = parts.filter(([k, v]) => k === "v1" && v && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => v!);
  if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0) return "malformed";
  const timestamp = Number(t);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return "too-old";
  const expected = Buffer.from(webhookSignature(secret, timestamp, body), "hex");
  return signatures.some((s) => timingSafeEqual(Buffer.from(s, "hex"), expected)) ? "ok" : "mismatch";
}
