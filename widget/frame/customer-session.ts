import { customerSessionResponseSchema } from "../../lib/widget-protocol/customer-session-response";
import type { StoredVisitor } from "./visitor-session";

/** The app refused the host site's token: `code` says why (expired, bad_signature, replayed, …). */
export class CustomerRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "CustomerRefusedError";
  }
}

/**
 * Asks our API to sign the customer in with the host site's token: their one
 * account, on a new device of this browser; with the password that device
 * needs to replace the account's identity (kept in memory, never stored).
 */
export async function provisionCustomer(siteId: string, hostOrigin: string, token: string): Promise<{ visitor: StoredVisitor; resetPassword?: string }> {
  const res = await fetch("/api/visitor/customer", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ siteId, hostOrigin, token }),
    cache: "no-store",
  });
  const body = (await res.json().catch(() => ({}))) as { error?: string; code?: string };
  if (!res.ok) throw new CustomerRefusedError(res.status, body.code ?? `http_${res.status}`, body.error ?? `The chat service answered HTTP ${res.status}`);
  const { identityResetPassword, ...visitor } = customerSessionResponseSchema.parse(body);
  return { visitor, resetPassword: identityResetPassword };
}

/**
 * The `sub` a token claims, read without verifying (the app verifies): only to
 * tell whether this browser's stored customer is the same person, so a page
 * load of a signed-in customer resumes instead of spending the token.
 */
export function claimedSubject(token: string): string | null {
  try {
    const part = token.split(".")[1] ?? "";
    const json = atob(part.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (part.length % 4)) % 4));
    const { sub } = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as { sub?: unknown };
    return typeof sub === "string" ? sub : null;
  } catch {
    return null;
  }
}
