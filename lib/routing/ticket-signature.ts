import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * What a routing ticket's signature covers. `roomId`: a ticket for a room the
 * visitor prepared earlier (v2, the readers are invited into that room only);
 * without it, a ticket for a room created with the ticket in its marker (v1).
 */
export type SignedTicketFields = { id: string; visitorUserId: string; siteId: string; roomId?: string; readers: readonly string[]; expiresAt: number };

/**
 * The exact bytes signed. Newline-separated fields (none may contain a newline:
 * ids and Matrix user ids cannot), readers in the given order. The Synapse
 * module (Python) rebuilds the same string, so keep the two in step.
 */
export function ticketSigningInput(t: SignedTicketFields): string {
  const fields =
    t.roomId === undefined
      ? ["sealdesk-routing-ticket/v1", t.id, t.visitorUserId, t.siteId]
      : ["sealdesk-routing-ticket/v2", t.id, t.visitorUserId, t.siteId, t.roomId];
  return [...fields, String(t.expiresAt), t.readers.join(",")].join("\n");
}

/** HMAC-SHA256 of a routing ticket with the server's secret, base64url. */
export function signTicket(secret: string, t: SignedTicketFields): string {
  return createHmac("sha256", secret).update(ticketSigningInput(t)).digest("base64url");
}

/** Constant-time check of a ticket signature. */
export function ticketSignatureValid(secret: string, t: SignedTicketFields, sig: string): boolean {
  const expected = Buffer.from(signTicket(secret, t));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
