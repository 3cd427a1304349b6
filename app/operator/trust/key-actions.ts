import type { MatrixClient, ReceivedToDeviceMessage } from "matrix-js-sdk";
import { recordHandoverRoute, rotateOrgKeyRoute } from "../../../lib/console-api/org-key-routes";
import type { RosterAgent } from "../../../lib/roster/roster";
import { callApi } from "../../_console/api-client";
import { fetchTrust } from "../../_console/console-api";

const DAY = 86_400_000;
/** Where a rotation keeps the new key until the server accepted it (then it replaces the main secret). */
export const PENDING_ORG_KEY_SECRET = "org.sealdesk.org_signing_key.pending";

/** The roster as this browser verifies it against `orgKey` (never the server's word alone); null when none verifies. */
export async function browserVerifiedRoster(orgKey: string): Promise<RosterAgent[] | null> {
  const { verifyRoster } = await import("../../../lib/roster/verify-roster");
  const checked = await verifyRoster((await fetchTrust()).roster, orgKey);
  return checked.ok ? checked.roster.agents : null;
}

/**
 * Rotates the organisation key in this browser: a new key pair, the old key's
 * endorsement of it until `days` from now, the current roster re-signed by the
 * new key as the next version; the new key is kept in secret storage (first
 * as pending, so a refusal loses nothing) and the server checks both.
 */
export async function rotateKey(open: { client: MatrixClient; privateKey: CryptoKey; orgKey: string }, version: number, days: number) {
  const [{ generateOrgKey, orgKeyId, exportOrgPrivateKey, signEndorsement, signRoster }, { storeOrgKey }] = await Promise.all([
    import("../../../lib/roster/sign-roster"),
    import("../../../lib/matrix/org-key-secret"),
  ]);
  const agents = await browserVerifiedRoster(open.orgKey);
  if (!agents) throw new Error("The published roster does not verify: sign a roster first, then rotate");
  const pair = await generateOrgKey();
  const newKey = await orgKeyId(pair.publicKey);
  const pkcs8 = await exportOrgPrivateKey(pair.privateKey);
  await open.client.secretStorage.store(PENDING_ORG_KEY_SECRET, pkcs8);
  const now = Date.now();
  const endorsement = await signEndorsement({ oldKey: open.orgKey, newKey, issuedAt: now, expiresAt: now + days * DAY }, open.privateKey);
  const roster = await signRoster({ version: version + 1, issuedAt: now, orgKey: newKey, agents }, pair.privateKey);
  const answer = await callApi(rotateOrgKeyRoute, { body: { endorsement, roster } });
  await storeOrgKey(open.client, pkcs8);
  return { privateKey: pair.privateKey, orgKey: newKey, version: answer.version, transitionEndsAt: answer.transitionEndsAt };
}

/** Hands the organisation key to another operator's verified devices (see sendOrgKeyHandover) and records the fact. */
export async function handOver(open: { client: MatrixClient; privateKey: CryptoKey; orgKey: string }, to: string): Promise<number> {
  const [{ sendOrgKeyHandover }, { exportOrgPrivateKey }] = await Promise.all([
    import("../../../lib/matrix/org-key-handover"),
    import("../../../lib/roster/sign-roster"),
  ]);
  const rostered = await browserVerifiedRoster(open.orgKey);
  if (!rostered) throw new Error("The published roster does not verify against your key: sign a roster first");
  const pkcs8 = await exportOrgPrivateKey(open.privateKey);
  const sent = await sendOrgKeyHandover(open.client, { to, orgKey: open.orgKey, pkcs8, rostered });
  await callApi(recordHandoverRoute, { body: { to, orgKey: open.orgKey } });
  return sent;
}

/**
 * Judges a handover message this browser received (handoverRefusal) against the
 * key it expects (pinned by the console, else served), and keeps the key in this
 * operator's secret storage when it passes. Throws why it was refused.
 */
export async function acceptHandover(client: MatrixClient, received: ReceivedToDeviceMessage, me: string, servedKey: string) {
  const [{ handoverFacts }, { handoverRefusal }, { importOrgPrivateKey }, { storeOrgKey }] = await Promise.all([
    import("../../../lib/matrix/org-key-handover"),
    import("../../../lib/roster/handover-decision"),
    import("../../../lib/roster/sign-roster"),
    import("../../../lib/matrix/org-key-secret"),
  ]);
  // The console's pinned key (console-trust.ts) wins over the server's; it follows rotations there.
  const orgKey = localStorage.getItem(`sealdesk:console:org-key:${me}`) ?? servedKey;
  const roster = await browserVerifiedRoster(orgKey);
  const derive = async (pkcs8: string) => (await importOrgPrivateKey(pkcs8).catch(() => null))?.orgKey ?? null;
  const facts = await handoverFacts(client, received, { roster, orgKey, derive });
  const why = handoverRefusal(facts);
  if (why || !facts.pkcs8) throw new Error(`A message claiming to hand you the organisation key was refused: ${why ?? "it carries no key"}.`);
  const { privateKey } = await importOrgPrivateKey(facts.pkcs8);
  await storeOrgKey(client, facts.pkcs8);
  return { privateKey, orgKey, from: facts.encryption!.sender };
}
