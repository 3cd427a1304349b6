import type { MatrixClient } from "matrix-js-sdk";
import type { SeenIdentity } from "../roster/check-readers";

/**
 * What this client's crypto layer would encrypt to for each user: the master
 * key (from the crypto layer when it tracks the user, else from the same
 * `/keys/query` answer it will fetch: it only starts tracking an invitee when it
 * first encrypts for the room) and whether the account has any device.
 */
export async function seenIdentities(client: MatrixClient, users: readonly string[]): Promise<Map<string, SeenIdentity>> {
  const crypto = client.getCrypto()!;
  const list = [...users];
  const [devices, raw] = await Promise.all([crypto.getUserDeviceInfo(list, true), list.length ? client.downloadKeysForUsers(list) : null]);
  const out = new Map<string, SeenIdentity>();
  for (const u of list) {
    const master = (await crypto.getUserCrossSigningKeys(u))?.master_key ?? raw?.master_keys?.[u];
    out.set(u, { masterKey: master ? (Object.values(master.keys)[0] ?? null) : null, hasDevices: (devices.get(u)?.size ?? 0) > 0 });
  }
  return out;
}
