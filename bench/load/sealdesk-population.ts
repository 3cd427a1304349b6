// Sealdesk's population for a ramp: the real flow (proof of work, routing ticket, the
// widget's room, the router), agents of the app's team, and the real-crypto sample.
import { createTeamSite, testDb } from "../../e2e/support/routing-fixtures";
import { startCryptoSample } from "./crypto-sample";
import type { Deployment } from "./deployment";
import { lightAgentPool } from "./light-agents";
import type { LightClient } from "./light-client";
import { lightConversation, type Run } from "./light-visitors";
import type { LoadConfig, Population } from "./ramp-run";

/** Makes the site, the team and the crypto sample; conversations then arrive through the app. */
export async function sealdeskPopulation(d: Deployment, cfg: LoadConfig, run: Run): Promise<Population> {
  const { db, end } = testDb(d.info);
  const { siteId, teamId } = await createTeamSite(d.info, db, "load");
  const agents = lightAgentPool(d.info, db, { teamId, capacity: cfg.capacity }, run.assignments, run.ledger, run.step, run.stopped);
  const clients: LightClient[] = [];
  const crypto = await startCryptoSample(d.info, db, cfg.crypto, d.stack.accounts.router.userId, run);
  return {
    live: crypto.live,
    errors: crypto.errors,
    prepareLevel: (target) => agents.ensure(Math.ceil((target - cfg.crypto) / cfg.capacity) + 2),
    conversation: () => lightConversation({ appUrl: d.info.appUrl, hostOrigin: d.info.demoUrl, siteId }, run, (c) => clients.push(c)),
    agents: () => agents.size(),
    async stop() {
      clients.forEach((c) => c.stop());
      agents.stopAll();
      await crypto.stop();
      await end();
    },
  };
}
