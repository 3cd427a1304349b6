import type { MatrixClient } from "matrix-js-sdk";
import type { SeenIdentity } from "../roster/check-readers";
import type { SignedRoster } from "../roster/roster";

/**
 * Accepts a rostered member's changed identity when the signed roster names exactly
 * that identity (its master key), so the crypto layer shares keys with them again.
 * Only members of the room (`members`) whose seen master key is the roster's are
 * pinned; our own identity never waits for an approval (the crypto layer asks it
 * only of other users), so it is not read. The widget and the console both call it
 * after their reader check.
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
  for (const a of roster.agents) {
    if (a.user_id === me || !members.includes(a.user_id) || seen.get(a.user_id)?.masterKey !== a.master_key) continue;
    if ((await crypto.getUserVerificationStatus(a.user_id)).needsUserApproval) await crypto.pinCurrentUserIdentity(a.user_id);
  }
}
