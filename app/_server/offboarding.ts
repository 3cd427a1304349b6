import "server-only";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { nextOffboardingStep, offboardRefusal } from "../../lib/agents/offboarding-steps";
import { openRoomIds, rerouteOffboarded } from "../../lib/conversation/reroute-offboarded";
import { rosterOnlyRemoves } from "../../lib/roster/roster-without";
import { db, schema } from "./db";
import { currentOrgTrust, publishRoster, verifiedRoster } from "./org-trust";
import { Refusal } from "./refusal";
import { removeAllSubscriptions } from "./push-subscriptions";
import { deactivateAccount, joinedRooms, synapseAdminToken } from "./synapse-admin";

const { agents, offboardings } = schema;
type Offboarding = typeof offboardings.$inferSelect;

/** How long the offboarding waits for the router's kicks before deactivating (which parts them from every room anyway). */
const KICK_WAIT_MS = 20_000;

async function refuseUnlessAllowed(caller: string, userId: string): Promise<void> {
  const [target] = await db().select().from(agents).where(eq(agents.userId, userId));
  const [ops] = await db()
    .select({ n: count() })
    .from(agents)
    .where(and(eq(agents.role, "operator"), isNull(agents.offboardedAt)));
  const refusal = offboardRefusal({
    caller,
    target: target ? { userId: target.userId, role: target.role, offboarded: target.offboardedAt !== null } : null,
    operators: ops?.n ?? 0,
  });
  if (refusal) throw new Refusal(refusal.status, refusal.message);
}

/**
 * The roster step: done when there is no organisation key (nothing to sign) or
 * the published roster no longer lists them. Otherwise the roster the operator
 * signed in their browser is published, if it only removes (never adds or
 * changes anyone: that is the Trust page's review) and no longer lists them.
 */
async function rosterStep(userId: string, signed: unknown, by: string): Promise<number | null> {
  const trust = await currentOrgTrust();
  if (!trust) return null;
  const current = await verifiedRoster();
  if (current && !current.agents.some((a) => a.user_id === userId)) return current.version;
  if (signed === undefined)
    throw new Refusal(409, `Sign the roster without ${userId} first: unlock with your recovery key (the organisation key stays in your browser)`);
  const check = rosterOnlyRemoves(current?.agents ?? null, signed, userId);
  if (check) throw new Refusal(400, check);
  try {
    return (await publishRoster(signed, by)).version;
  } catch (err) {
    // Another operator's request for the same offboarding published first: fine if it no longer lists them.
    const now = await verifiedRoster();
    if (err instanceof Refusal && err.status === 409 && now && !now.agents.some((a) => a.user_id === userId)) return now.version;
    throw err;
  }
}

/** Waits (bounded) until they are in no open conversation's room any more: the router kicks them. Returns how many rooms they are still in. */
async function waitForKicks(userId: string): Promise<number> {
  const until = Date.now() + KICK_WAIT_MS;
  for (;;) {
    const left = await openRoomIds(db(), await joinedRooms(userId));
    if (left.length === 0 || Date.now() > until) return left.length;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function record(userId: string): Promise<Offboarding> {
  const [row] = await db().select().from(offboardings).where(eq(offboardings.userId, userId));
  if (!row) throw new Error(`offboarding of ${userId} vanished`);
  return row;
}

/**
 * Offboards an agent in one action, step by step, each step recorded so that a
 * request that fails halfway is finished by the next one (and two at once do
 * each step once): the roster signed without them (in the operator's browser),
 * their open conversations queued again and them out of routing, the router's
 * kicks from every open conversation (Megolm rotates on the membership change),
 * the Synapse account deactivated (devices and tokens gone, nothing erased).
 * The row is the audit entry: who, by whom, when, how many re-routed.
 */
export async function offboardAgent(input: { userId: string; roster?: unknown }, by: string): Promise<Offboarding> {
  const { userId } = input;
  synapseAdminToken(); // refuses (503) before changing anything when the app cannot deactivate accounts
  await refuseUnlessAllowed(by, userId);
  await db().insert(offboardings).values({ userId, by }).onConflictDoNothing();
  await removeAllSubscriptions(userId); // their devices get no push from now on (the router also skips offboarded agents)
  for (;;) {
    const row = await record(userId);
    const trustDone = !(await currentOrgTrust()) || !(await verifiedRoster())?.agents.some((a) => a.user_id === userId);
    const step = nextOffboardingStep({ rosterDone: trustDone, ...row });
    if (step === null) return row;
    const now = new Date();
    if (step === "roster") {
      const version = await rosterStep(userId, input.roster, by);
      await db().update(offboardings).set({ rosterVersion: version }).where(eq(offboardings.userId, userId));
    } else if (step === "reroute") await rerouteOffboarded(db(), userId, now);
    else if (step === "kicks") {
      const roomsLeft = await waitForKicks(userId);
      await db().update(offboardings).set({ roomsLeft, kicksCheckedAt: new Date() }).where(eq(offboardings.userId, userId));
    } else if (step === "deactivate") {
      await deactivateAccount(userId);
      await db().update(offboardings).set({ deactivatedAt: new Date() }).where(eq(offboardings.userId, userId));
    } else
      await db()
        .update(offboardings)
        .set({ finishedAt: now })
        .where(and(eq(offboardings.userId, userId), isNull(offboardings.finishedAt)));
  }
}

/** Offboardings, newest first (the audit's entries). */
export async function offboardingLog(): Promise<Offboarding[]> {
  return db().select().from(offboardings).orderBy(desc(offboardings.startedAt)).limit(200);
}
