/** What the console knows of the agent's own cross-signing master key (unpadded base64 each, null when unknown). */
export type OwnIdentityInput = {
  /** The key this browser recorded the last time it held the matching private keys. */
  recorded: string | null;
  /** The key this browser holds the private keys of and verified now (null once the server's key differs: the crypto layer drops them). */
  verifiedHere: string | null;
  /** The master key the homeserver publishes for the agent now (`/keys/query`). */
  onServer: string | null;
};

/** The identity this browser vouches for (to remember), and whether the server shows another one. */
export type OwnIdentityVerdict = { trusted: string | null; replaced: boolean };

/**
 * Judges whether the agent's own identity on the server is still the one this
 * browser set up or verified. A key verified here now wins (a legitimate new
 * identity, once this browser is verified with it, stops the alert); otherwise
 * the recorded one. Replaced: the server shows another key, or none, than the
 * trusted one. Nothing is judged before this browser ever trusted a key.
 */
export function judgeOwnIdentity(input: OwnIdentityInput): OwnIdentityVerdict {
  const trusted = input.verifiedHere ?? input.recorded;
  return { trusted, replaced: trusted !== null && input.onServer !== trusted };
}
