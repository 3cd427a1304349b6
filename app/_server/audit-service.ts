import "server-only";
import { and, desc, eq, gte, ne, type SQL } from "drizzle-orm";
import { analyseConversation } from "../../lib/audit/analyse-conversation";
import { verifyMatrixSignature } from "../../lib/audit/verify-signature";
import type { ExportedAudit } from "../../lib/audit/audit-csv";
import type { AlertKind, ConversationAudit } from "../../lib/audit/types";
import { teamSupervisors, type TeamSupervisors } from "../../lib/conversation/team-supervisors";
import { loadRoster } from "./audit-roster";
import { currentOrgTrust } from "./org-trust";
import { latestSnapshot, saveSnapshot } from "./audit-snapshots";
import { fetchKeys, fetchMembershipEvents } from "./audit-synapse";
import { db, schema } from "./db";
import { env } from "./env";

type Conversation = typeof schema.conversations.$inferSelect;

/** Filters of the overview and the export. */
export type AuditFilters = { alert?: AlertKind; site?: string; since?: Date };

// The overview audits this many of the most recent conversations (each costs a few Synapse requests).
const LIMIT = 200;

type Who = { roster: Awaited<ReturnType<typeof loadRoster>>; signed: boolean; supervisors: TeamSupervisors };

/** Who the organisation vouches for, and each team's supervisors (declared readers). */
const loadWho = async (): Promise<Who> => {
  const [roster, trust, supervisors] = await Promise.all([loadRoster(), currentOrgTrust(), teamSupervisors(db())]);
  return { roster, signed: !!trust, supervisors };
};

/**
 * The team's supervisors the audit shows as declared readers: with an organisation key, only those the
 * signed roster makes supervisor of that team (a role only the database gives is shown as a plain agent,
 * as the widget treats it); without one, the database's.
 */
function declaredSupervisors(teamId: string | null, { roster, signed, supervisors }: Who): string[] {
  const current = teamId ? (supervisors.current.get(teamId) ?? []) : [];
  if (!signed) return current;
  return current.filter((u) => roster.some((r) => r.userId === u && r.supervises === teamId));
}

async function audit(c: Conversation, who: Who): Promise<ConversationAudit> {
  const { roster } = who;
  const routerUserId = env().ROUTER_USER_ID;
  const membershipEvents = await fetchMembershipEvents(c.roomId);
  const users = [...new Set([c.visitorUserId, routerUserId, ...membershipEvents.map((e) => e.userId)])];
  const [keys, previous] = await Promise.all([fetchKeys(users), latestSnapshot(c.roomId)]);
  const result = analyseConversation(
    {
      roomId: c.roomId,
      visitorUserId: c.visitorUserId,
      routerUserId,
      membershipEvents,
      keys,
      roster,
      supervisors: declaredSupervisors(c.teamId, who),
      previous: previous?.snapshot ?? null,
      now: new Date(),
    },
    verifyMatrixSignature,
  );
  await saveSnapshot(c.roomId, result.snapshot, previous);
  return result;
}

/** The full audit of one conversation (and a snapshot of it), or null if it is not ours. */
export async function auditConversation(roomId: string): Promise<ExportedAudit | null> {
  const [c] = await db().select().from(schema.conversations).where(eq(schema.conversations.roomId, roomId));
  if (!c) return null;
  return { siteId: c.siteId, visitorUserId: c.visitorUserId, status: c.status, audit: await audit(c, await loadWho()) };
}

/** Audits conversations a few at a time; a conversation Synapse cannot answer for is reported, not fatal. */
async function auditMany(
  rows: Conversation[],
): Promise<(ExportedAudit | { siteId: string; visitorUserId: string; status: string; roomId: string; error: string })[]> {
  const who = await loadWho();
  const out: Awaited<ReturnType<typeof auditMany>> = new Array(rows.length);
  // One iterator shared by the workers: each takes the next conversation.
  const queue = rows.entries();
  const worker = async (): Promise<void> => {
    for (const [i, c] of queue) {
      const base = { siteId: c.siteId, visitorUserId: c.visitorUserId, status: c.status };
      out[i] = await audit(c, who).then(
        (a) => ({ ...base, audit: a }),
        (err: Error) => ({ ...base, roomId: c.roomId, error: err.message }),
      );
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return out;
}

function conversationsMatching(f: AuditFilters, where: SQL[] = []): Promise<Conversation[]> {
  if (f.site) where.push(eq(schema.conversations.siteId, f.site));
  if (f.since) where.push(gte(schema.conversations.createdAt, f.since));
  return db()
    .select()
    .from(schema.conversations)
    .where(and(...where))
    .orderBy(desc(schema.conversations.createdAt))
    .limit(LIMIT);
}

/** Fresh audits of the conversations matching the filters (most recent first), keeping only those with the alert kind asked for. */
export async function auditConversations(f: AuditFilters) {
  const all = await auditMany(await conversationsMatching(f));
  return all.filter((a) => !f.alert || ("audit" in a && a.audit.alerts.some((x) => x.kind === f.alert)));
}

/** One line per conversation for the overview: alert counts by kind. */
export async function auditOverview(f: AuditFilters) {
  return (await auditConversations(f)).map((a) =>
    "audit" in a
      ? {
          roomId: a.audit.roomId,
          siteId: a.siteId,
          visitorUserId: a.visitorUserId,
          status: a.status,
          analysedAt: a.audit.analysedAt,
          members: a.audit.members.length,
          alerts: countByKind(a.audit),
          error: null,
        }
      : { roomId: a.roomId, siteId: a.siteId, visitorUserId: a.visitorUserId, status: a.status, analysedAt: null, members: 0, alerts: {}, error: a.error },
  );
}

function countByKind(a: ConversationAudit): Partial<Record<AlertKind, number>> {
  const counts: Partial<Record<AlertKind, number>> = {};
  for (const x of a.alerts) counts[x.kind] = (counts[x.kind] ?? 0) + 1;
  return counts;
}

/** Takes a snapshot of every conversation that is not closed; returns how many were audited and failed. */
export async function snapshotOpenConversations(): Promise<{ audited: number; failed: { roomId: string; error: string }[] }> {
  const all = await auditMany(await conversationsMatching({}, [ne(schema.conversations.status, "closed")]));
  const failed = all.flatMap((a) => ("error" in a ? [{ roomId: a.roomId, error: a.error }] : []));
  return { audited: all.length - failed.length, failed };
}
