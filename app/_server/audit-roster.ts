import "server-only";
import { isNull } from "drizzle-orm";
import type { RosterEntry } from "../../lib/audit/types";
import { db, schema } from "./db";
import { currentOrgTrust, verifiedRoster } from "./org-trust";

/**
 * Who the organisation vouches for. With an organisation key: the signed
 * roster, verified against that key (user id, pinned master key, signed
 * supervisor role); a stored
 * roster that does not verify vouches for nobody, so every member is flagged.
 * Without an organisation key (an install that has not set one up, whose
 * widget shows "not verified"): every agent and operator in our database.
 */
export async function loadRoster(): Promise<RosterEntry[]> {
  if (await currentOrgTrust())
    return ((await verifiedRoster())?.agents ?? []).map((a) => ({
      userId: a.user_id,
      masterKey: a.master_key,
      ...(a.supervises ? { supervises: a.supervises } : {}),
    }));
  return db().select({ userId: schema.agents.userId }).from(schema.agents).where(isNull(schema.agents.offboardedAt));
}
