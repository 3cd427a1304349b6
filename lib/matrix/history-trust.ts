/**
 * Whom an agent's client believes about a conversation's history it did not
 * receive from the writers themselves: an MSC4268 key bundle on invite, or
 * keys forwarded later. Such keys say which device wrote with them, but only
 * the forwarder vouches for that claim, so the forwarder must be someone the
 * organisation vouches for:
 * - `roster`: an agent on the verified signed roster, with exactly the master
 *   key the roster pins (user id -> master key, unpadded base64);
 * - `app-list`: without an organisation key (the degraded mode), an agent the
 *   app lists;
 * - `nobody`: an organisation key whose roster does not verify (or vanished).
 * The conversation's visitor is always believed about its own conversation.
 */
export type HistoryTrust = { kind: "roster"; agents: ReadonlyMap<string, string> } | { kind: "app-list"; agents: ReadonlySet<string> } | { kind: "nobody" };

/** The facts about one would-be history sharer (the inviter who sends a key bundle, or a key's forwarder). */
export type SharerFacts = {
  sharer: string;
  /** The conversation's visitor (the room's creator), or null when the room was not created by a visitor. */
  visitor: string | null;
  /** The sharer's cross-signing master key as our crypto layer sees it, or null when it has none / is not known. */
  masterKey: string | null;
  trust: HistoryTrust;
};

/**
 * Whether to import a key bundle from this inviter (checked before joining).
 * On the roster, the master key must be the pinned one: the bundle is accepted
 * from a device that identity cross-signed.
 */
export function mayShareHistory(f: SharerFacts): boolean {
  if (f.visitor !== null && f.sharer === f.visitor) return true;
  switch (f.trust.kind) {
    case "roster":
      return f.masterKey !== null && f.trust.agents.get(f.sharer) === f.masterKey;
    case "app-list":
      return f.trust.agents.has(f.sharer);
    case "nobody":
      return false;
  }
}

/**
 * Whether a message decrypted with keys `forwarder` passed on may be shown as
 * its claimed sender's (checked at display; the master key was checked when
 * the bundle was accepted). Anything else is shown as an unverified notice.
 */
export function mayShowForwarded(f: Omit<SharerFacts, "masterKey">): boolean {
  if (f.visitor !== null && f.sharer === f.visitor) return true;
  return f.trust.kind !== "nobody" && f.trust.agents.has(f.sharer);
}
