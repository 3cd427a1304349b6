import { offboardAgent } from "../../_console/console-api";
import { unlockOrgKey } from "../trust/trust-steps";

/** What the agents page knows of the organisation's trust: the public key and the published roster as stored (verified in the browser). */
export type TrustView = { me: string; wasmUrl: string; orgKey: string | null; roster: unknown };

/**
 * Signs, in this browser, the published roster without the agent: the
 * operator's secret storage is opened with the recovery key, the roster the
 * server serves is verified against the key derived from the private key (the
 * server cannot slip anyone in), and the next version lists everyone else
 * unchanged.
 */
async function rosterWithout(trust: TrustView & { orgKey: string }, userId: string, recoveryKey: string): Promise<unknown> {
  const [{ verifyRoster }, { signRoster }, { rosterAgentsWithout }] = await Promise.all([
    import("../../../lib/roster/verify-roster"),
    import("../../../lib/roster/sign-roster"),
    import("../../../lib/roster/roster-without"),
  ]);
  const holder = { key: null };
  const open = await unlockOrgKey({ me: trust.me, wasmUrl: trust.wasmUrl, serverOrgKey: trust.orgKey, recoveryKey, holder });
  try {
    if (!open.privateKey || !open.orgKey) throw new Error("Your secret storage does not hold the organisation key.");
    const checked = await verifyRoster(trust.roster, open.orgKey);
    if (!checked.ok) throw new Error("The published roster does not verify against your organisation key: review it on the Trust page first.");
    const { version, agents } = checked.roster;
    return await signRoster({ version: version + 1, issuedAt: Date.now(), orgKey: open.orgKey, agents: rosterAgentsWithout(agents, userId) }, open.privateKey);
  } finally {
    open.client.stopClient();
  }
}

/** Whether offboarding this agent needs the operator's signature (an organisation key whose roster lists them). */
export function needsSignature(trust: TrustView, userId: string): boolean {
  const agents = (trust.roster as { agents?: { user_id?: string }[] } | null)?.agents;
  return !!trust.orgKey && !!agents?.some((a) => a.user_id === userId);
}

/** Offboards: signs the roster without them when needed, then asks the server to do (or finish) the rest. */
export async function offboard(trust: TrustView, userId: string, recoveryKey: string) {
  const roster = needsSignature(trust, userId) && trust.orgKey ? await rosterWithout({ ...trust, orgKey: trust.orgKey }, userId, recoveryKey) : undefined;
  return offboardAgent({ userId, roster });
}
