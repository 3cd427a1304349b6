import "server-only";
import { desc, eq } from "drizzle-orm";
import type { AuditSnapshot } from "../../lib/audit/types";
import { db, schema } from "./db";

/** The latest snapshot the audit kept for a room, or null. */
export async function latestSnapshot(roomId: string): Promise<{ id: number; snapshot: AuditSnapshot } | null> {
  const [row] = await db()
    .select({ id: schema.auditSnapshots.id, snapshot: schema.auditSnapshots.snapshot })
    .from(schema.auditSnapshots)
    .where(eq(schema.auditSnapshots.roomId, roomId))
    .orderBy(desc(schema.auditSnapshots.takenAt), desc(schema.auditSnapshots.id))
    .limit(1);
  return row ? { id: row.id, snapshot: row.snapshot as AuditSnapshot } : null;
}

// Compared without the times, which change on every run.
const essence = (s: AuditSnapshot): string =>
  JSON.stringify({ members: s.members.map((m) => ({ ...m, devices: m.devices.map(({ lastSeen: _l, ...d }) => d) })), alerts: s.alerts });

/** Keeps the snapshot: a new row when anything changed, else the previous row is marked as confirmed now. */
export async function saveSnapshot(roomId: string, snapshot: AuditSnapshot, previous: { id: number; snapshot: AuditSnapshot } | null): Promise<void> {
  const at = new Date(snapshot.takenAt);
  if (previous && essence(previous.snapshot) === essence(snapshot)) {
    await db().update(schema.auditSnapshots).set({ checkedAt: at, snapshot }).where(eq(schema.auditSnapshots.id, previous.id));
    return;
  }
  await db().insert(schema.auditSnapshots).values({ roomId, takenAt: at, checkedAt: at, alertCount: snapshot.alerts.length, snapshot });
}
