import type { RosterAgent } from "./roster";

/** The to-device event type that carries the organisation key, Olm-encrypted, from one operator's browser to another's. */
export const HANDOVER_EVENT = "org.sealdesk.org_key_handover";

/** What the receiving browser learnt about a handover message (from the crypto layer and its own checks). */
export type HandoverFacts = {
  /** Null when the message came in clear (not Olm-encrypted). */
  encryption: { sender: string; senderDevice: string | null; senderCurveKey: string } | null;
  /** The sender device as the crypto layer knows it: its Curve25519 key, and whether its owner's self-signing key signed it. */
  device: { curveKey: string | null; signedByOwner: boolean } | null;
  /** The sender's master key as the homeserver shows it now. */
  senderMasterKey: string | null;
  /** The roster this browser verified against `orgKey` (null: none verifies). */
  roster: readonly RosterAgent[] | null;
  /** The public key derived from the private key in the message (null: malformed). */
  derivedKey: string | null;
  /** The organisation key this browser expects: the one it pinned, else the one the app serves. */
  orgKey: string;
};

/**
 * Whether a received handover may be kept: Olm-encrypted by a device its
 * sender cross-signed (the Curve25519 key Olm authenticated is that device's),
 * the sender's current master key on a roster the organisation key signed
 * (an operator the organisation vouches for, not just anybody the server
 * names), and the key in it the organisation's own. Returns why not, or null.
 */
export function handoverRefusal(f: HandoverFacts): string | null {
  if (!f.encryption) return "it was not end-to-end encrypted";
  const who = f.encryption.sender;
  if (!f.device || !f.encryption.senderDevice || f.device.curveKey !== f.encryption.senderCurveKey) return `it came from a device ${who} does not have`;
  if (!f.device.signedByOwner) return `it came from a device ${who} never verified (not cross-signed)`;
  if (!f.roster) return "no roster signed by the organisation key could be checked";
  if (!f.senderMasterKey || !f.roster.some((a) => a.user_id === who && a.master_key === f.senderMasterKey))
    return `${who} is not on the roster the organisation key signed with this identity`;
  if (!f.derivedKey) return "the key in it is malformed";
  if (f.derivedKey !== f.orgKey) return `the key in it (${f.derivedKey}) is not the organisation key (${f.orgKey})`;
  return null;
}
