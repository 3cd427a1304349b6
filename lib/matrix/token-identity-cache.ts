import { createHash } from "node:crypto";

/** Settings of a {@link tokenIdentityCache}. */
export type TokenIdentityCacheOptions = {
  /** How long an answer is trusted without asking the homeserver again. */
  ttlMs: number;
  /** At most this many tokens are remembered (the oldest go first). */
  max: number;
  /** Clock (ms since epoch); tests give their own. */
  now?: () => number;
};

/**
 * Remembers for a while whose access token is whose, so that a burst of
 * requests does not ask the homeserver (`whoami`) for every one. Only the
 * token's SHA-256 is kept, never the token. An answer is trusted for `ttlMs`:
 * a token revoked meanwhile is still taken for its user until then, so use it
 * only where that grants nothing at the homeserver itself (every Matrix
 * request the token makes is still checked there).
 */
export function tokenIdentityCache(opts: TokenIdentityCacheOptions) {
  const now = opts.now ?? Date.now;
  const entries = new Map<string, { userId: string; until: number }>();
  const keyOf = (token: string): string => createHash("sha256").update(token).digest("base64url");
  return {
    /** The user the homeserver (or the app that had the token issued) said this token belongs to. */
    remember(token: string, userId: string): void {
      const key = keyOf(token);
      entries.delete(key); // re-inserted last: the Map's order is the eviction order
      entries.set(key, { userId, until: now() + opts.ttlMs });
      for (const oldest of entries.keys()) {
        if (entries.size <= opts.max) break;
        entries.delete(oldest);
      }
    },
    /** The remembered user of this token, or null (unknown or too old: ask the homeserver). */
    userOf(token: string): string | null {
      const key = keyOf(token);
      const entry = entries.get(key);
      if (!entry) return null;
      if (entry.until <= now()) {
        entries.delete(key);
        return null;
      }
      return entry.userId;
    },
    /** Forgets a token (logged out, erased). */
    forget(token: string): void {
      entries.delete(keyOf(token));
    },
    size: (): number => entries.size,
  };
}
