import type { MatrixClient } from "matrix-js-sdk";
import type { SeenIdentity } from "../roster/check-readers";
import type { SignedRoster } from "../roster/roster";
import { identityCache } from "./identity-cache";

/**
 * Accepts a rostered member's changed identity when the signed roster names exactly
 * that identity (its master key), so the crypto layer shares keys with them again.
 * Only members of the room (`members`) whose seen master key is the roster's are
 * pinned; our own identity never waits for an approval (the crypto layer asks it
 * only of other users), so it is not read. The widget and the console both call it
 * after their reader check. Whether an identity wants approval is kept until the
 * crypto layer says the user's identity changed ({@link identityCache}).
 */
export async function pinRostered(
  client: MatrixClient,
  roster: SignedRoster,
  members: readonly string[],
  seen: ReadonlyMap<string, SeenIdentity>,
): Promise<void> {
  const crypto = client.getCrypto();
  if (!crypto) return;
  const me = client.getSafeUserId();
  const cache = identityCache(client);
  for (const a of roster.agents) {
    const u = a.user_id;
    if (u === me || !members.includes(u) || seen.get(u)?.masterKey !== a.master_key) continue;
    const generation = cache.generation(u);
    const needed = cache.approval(u) ?? (await crypto.getUserVerificationStatus(u)).needsUserApproval;
    if (!needed) cache.setApproval(u, false, generation);
    else {
      await crypto.pinCurrentUserIdentity(u);
      cache.drop(u); // read again next time: the pin changed it
    }
  }
}
