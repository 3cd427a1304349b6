import "server-only";
import type { RosterEntry } from "../../lib/audit/types";
import { db, schema } from "./db";

/**
 * Who the organisation vouches for. For now: every agent and operator in our
 * database. The signed roster (issue 6, item 2) will replace this one function.
 */
export async function loadRoster(): Promise<RosterEntry[]> {
  return db().select({ userId: schema.agents.userId }).from(schema.agents);
}
