/** Back-off settings: the first wait after a refusal, and the longest. */
export type BackoffSettings = { baseMs: number; maxMs: number };

export const DEFAULT_KICK_BACKOFF: BackoffSettings = { baseMs: 2_000, maxMs: 10 * 60_000 };

type Entry = { failures: number; retryAt: number; powerLevelsId: string | null };

/**
 * Remembers kicks Synapse refused (for example a server admin raised the power
 * levels so that the router can no longer kick), so that the router does not
 * retry on every event: after the n-th refusal of a member's kick in a room it
 * waits baseMs × 2^(n-1), at most maxMs. A change of the room's power levels
 * (a new power levels event) may have restored the router's right: the next
 * kick is tried at once. The clock is the caller's (`now`, ms).
 */
export function createKickBackoff(settings: BackoffSettings = DEFAULT_KICK_BACKOFF) {
  const entries = new Map<string, Entry>();
  const key = (roomId: string, userId: string): string => `${roomId}\u0000${userId}`;
  return {
    /** May the router try this kick now? */
    mayTry(roomId: string, userId: string, powerLevelsId: string | null, now: number): boolean {
      const e = entries.get(key(roomId, userId));
      return !e || e.powerLevelsId !== powerLevelsId || now >= e.retryAt;
    },
    /** The kick was refused: returns how long (ms) until the next try. */
    refused(roomId: string, userId: string, powerLevelsId: string | null, now: number): number {
      const k = key(roomId, userId);
      const last = entries.get(k);
      const failures = last && last.powerLevelsId === powerLevelsId ? last.failures + 1 : 1;
      const wait = Math.min(settings.maxMs, settings.baseMs * 2 ** (failures - 1));
      entries.set(k, { failures, retryAt: now + wait, powerLevelsId });
      return wait;
    },
    /** The kick went through (or is no longer needed). */
    done(roomId: string, userId: string): void {
      entries.delete(key(roomId, userId));
    },
    /** Forgets rooms that are no longer open conversations, so memory follows open work. */
    keepOnly(roomIds: ReadonlySet<string>): void {
      for (const k of entries.keys()) if (!roomIds.has(k.split("\u0000")[0] ?? "")) entries.delete(k);
    },
    /** How many kicks are backed off (for tests and logs). */
    size: () => entries.size,
  };
}

export type KickBackoff = ReturnType<typeof createKickBackoff>;
