import type { Db } from "../lib/conversation/transitions";
import { eraseRoom, eraseVisitorIfDone, type ErasureDeps } from "../lib/retention/erase";
import { claimAbandoned, claimExpired, type ErasureTarget } from "../lib/retention/erasure-rows";
import type { ErasureAdmin } from "../lib/retention/synapse-admin";
import { everyInterval } from "./router";

export type RetentionSettings = { intervalMs: number; unitSeconds: number; abandonedMs: number; batch?: number };

/** What one run erased. */
export type RetentionRun = { conversations: number; abandoned: number; visitors: number; failed: number };

async function eraseAll(
  deps: ErasureDeps,
  targets: ErasureTarget[],
  log: (m: string) => void,
  run: RetentionRun,
  kind: "conversations" | "abandoned",
): Promise<void> {
  for (const t of targets) {
    try {
      await eraseRoom(deps, t.roomId);
      run[kind]++;
      if (await eraseVisitorIfDone(deps, t.visitorUserId)) run.visitors++;
    } catch (e) {
      // The claim's lease runs out and a later run (of any router) tries again.
      run.failed++;
      log(`retention: erasing ${t.roomId} failed: ${(e as Error).message}`);
    }
  }
}

/**
 * One retention run: conversations closed longer ago than their site's
 * retention, then prepared rooms left unstarted for `abandonedMs`, each
 * claimed under row locks (two routers never erase the same room), purged
 * from Synapse, dropped from our database (counts kept), and the visitor's
 * account erased once nothing of theirs is left.
 */
export async function runRetention(db: Db, admin: ErasureAdmin, settings: RetentionSettings, now: Date, log: (m: string) => void): Promise<RetentionRun> {
  const deps = { db, admin };
  const run: RetentionRun = { conversations: 0, abandoned: 0, visitors: 0, failed: 0 };
  const batch = settings.batch ?? 20;
  for (let more = true; more;) {
    const due = await claimExpired(db, now, settings.unitSeconds, batch);
    await eraseAll(deps, due, log, run, "conversations");
    more = due.length === batch && run.failed === 0;
  }
  await eraseAll(deps, await claimAbandoned(db, now, settings.abandonedMs, batch), log, run, "abandoned");
  if (run.conversations + run.abandoned + run.failed > 0)
    log(
      `retention: erased ${run.conversations} conversations, ${run.abandoned} abandoned rooms, ${run.visitors} visitor accounts${run.failed ? `; ${run.failed} failed` : ""}`,
    );
  return run;
}

/** Runs retention on a timer, one run at a time, in the router process. */
export function startRetention(db: Db, admin: ErasureAdmin, settings: RetentionSettings, log: (m: string) => void): { stop(): Promise<void> } {
  return everyInterval(settings.intervalMs, async () => {
    await runRetention(db, admin, settings, new Date(), log).catch((e: Error) => log(`retention run failed: ${e.message}`));
  });
}
