import type { MatrixClient } from "matrix-js-sdk";
import type { SeenIdentity } from "../roster/check-readers";
import { identityCache, type LocalIdentity } from "./identity-cache";

type Crypto = NonNullable<ReturnType<MatrixClient["getCrypto"]>>;
/** A user as the crypto layer's store has it; `tracked`: it keeps the user's device list (and says when it changes). */
type Local = LocalIdentity & { tracked: boolean };

/**
 * What this client's crypto layer would encrypt to for each user: the master
 * key (from the crypto layer when it has one, else from the same `/keys/query`
 * answer it will fetch: it only starts tracking an invitee when it first
 * encrypts for the room) and whether the account has any device.
 *
 * For a user the crypto layer tracks, its device and identity reads and the
 * `/keys/query` answer are kept ({@link identityCache}) until anything says they
 * may have changed, so a check of a room whose readers are all known reads
 * nothing; `fresh` reads everything again (a check that finds a problem does so
 * before holding).
 */
export async function seenIdentities(client: MatrixClient, users: readonly string[], opts: { fresh?: boolean } = {}): Promise<Map<string, SeenIdentity>> {
  const crypto = client.getCrypto()!;
  const list = [...new Set(users)];
  const cache = identityCache(client);
  const generations = new Map(list.map((u) => [u, cache.generation(u)]));
  const kept = new Map<string, Local>();
  for (const u of list) {
    const l = opts.fresh ? undefined : cache.local(u);
    if (l) kept.set(u, { ...l, tracked: true });
  }
  const read = await readLocal(
    crypto,
    list.filter((u) => !kept.has(u)),
  );
  // Only tracked users' reads are kept: the crypto layer's events speak only of them.
  for (const [u, l] of read) if (l.tracked) cache.setLocal(u, { hasDevices: l.hasDevices, master: l.master }, generations.get(u)!);
  const local = new Map([...kept, ...read]);
  const untracked = list.filter((u) => !local.get(u)!.tracked);
  const raw = new Map<string, string | null>();
  const toFetch: string[] = [];
  for (const u of list) {
    if (local.get(u)!.master) continue;
    const k = local.get(u)!.tracked && !opts.fresh ? cache.raw(u) : undefined;
    if (k !== undefined) raw.set(u, k);
    else toFetch.push(u);
  }
  // Untracked users' devices are downloaded (as the crypto layer would before encrypting to them).
  const [downloaded, answer] = await Promise.all([
    untracked.length ? crypto.getUserDeviceInfo(untracked, true) : null,
    toFetch.length ? client.downloadKeysForUsers(toFetch) : null,
  ]);
  for (const u of toFetch) {
    const key = masterKeyOf(answer?.master_keys?.[u]);
    raw.set(u, key);
    if (local.get(u)!.tracked) cache.setRaw(u, key, generations.get(u)!);
  }
  const out = new Map<string, SeenIdentity>();
  for (const u of list) {
    const l = local.get(u)!;
    const hasDevices = l.tracked ? l.hasDevices : (downloaded?.get(u)?.size ?? 0) > 0;
    out.set(u, { masterKey: l.master ?? raw.get(u) ?? null, hasDevices });
  }
  return out;
}

/** Every read of the crypto layer's store at once: each is a round trip to IndexedDB, and a send waits for all of them. */
async function readLocal(crypto: Crypto, users: readonly string[]): Promise<Map<string, Local>> {
  const [devicesEach, masters] = await Promise.all([
    Promise.all(users.map((u) => crypto.getUserDeviceInfo([u], false))),
    Promise.all(users.map((u) => crypto.getUserCrossSigningKeys(u))),
  ]);
  return new Map(
    users.map((u, i) => {
      const devices = devicesEach[i]!.get(u); // absent: not tracked
      return [u, { tracked: devices !== undefined, hasDevices: (devices?.size ?? 0) > 0, master: masterKeyOf(masters[i]) }];
    }),
  );
}

function masterKeyOf(key: { keys: Record<string, string> } | { master_key?: { keys: Record<string, string> } } | null | undefined): string | null {
  if (!key) return null;
  const keys = "keys" in key ? key.keys : key.master_key?.keys;
  return keys ? (Object.values(keys)[0] ?? null) : null;
}
