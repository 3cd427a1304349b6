import type { MatrixClient, ReceivedToDeviceMessage } from "matrix-js-sdk";
import { HANDOVER_EVENT, type HandoverFacts } from "../roster/handover-decision";
import type { RosterAgent } from "../roster/roster";
import { currentMasterKeys } from "./org-key-secret";
import { trackUsers } from "./track-users";

/**
 * Sends the organisation's private key (PKCS#8, base64) to `to`'s devices
 * that its own cross-signing identity signed, Olm-encrypted by the crypto
 * layer (never in clear on a server), after checking that `to`'s master key
 * as the server shows it is the one on the roster the organisation key
 * signed (`rostered`). Returns how many devices it went to; throws with a
 * message for the operator otherwise.
 */
export async function sendOrgKeyHandover(client: MatrixClient, input: { to: string; orgKey: string; pkcs8: string; rostered: readonly RosterAgent[] }) {
  const crypto = client.getCrypto();
  if (!crypto) throw new Error("This browser's encryption is not ready");
  const listed = input.rostered.find((a) => a.user_id === input.to);
  const master = (await currentMasterKeys(client, [input.to])).get(input.to);
  if (!listed) throw new Error(`${input.to} is not on the signed roster: sign their identity into it first (check their identity code)`);
  if (master !== listed.master_key) throw new Error(`${input.to}'s encryption identity is not the one on the signed roster: nothing was sent`);
  // Tracked, so that the crypto layer itself judges the devices (and can open Olm sessions to them).
  await trackUsers(client, [input.to]);
  const devices = (await crypto.getUserDeviceInfo([input.to], true)).get(input.to) ?? new Map();
  const targets: { userId: string; deviceId: string }[] = [];
  for (const id of devices.keys()) {
    if ((await crypto.getDeviceVerificationStatus(input.to, id))?.signedByOwner) targets.push({ userId: input.to, deviceId: id });
  }
  if (!targets.length) throw new Error(`${input.to} has no verified device yet: they sign in to the console once, then try again`);
  const batch = await crypto.encryptToDeviceMessages(HANDOVER_EVENT, targets, { org_key: input.orgKey, private_key: input.pkcs8 });
  if (!batch.batch.length) throw new Error(`No encrypted channel to ${input.to}'s devices could be set up: nothing was sent`);
  const content = new Map<string, Map<string, Record<string, unknown>>>();
  for (const m of batch.batch) content.set(m.userId, (content.get(m.userId) ?? new Map()).set(m.deviceId, m.payload));
  await client.sendToDevice(batch.eventType, content);
  return batch.batch.length;
}

/**
 * What the receiving browser checks about a handover message (see
 * handoverRefusal): the crypto layer's view of the sending device, the
 * sender's master key, and the key the message carries.
 */
export async function handoverFacts(
  client: MatrixClient,
  received: ReceivedToDeviceMessage,
  ctx: { roster: readonly RosterAgent[] | null; orgKey: string; derive(pkcs8: string): Promise<string | null> },
): Promise<HandoverFacts & { pkcs8: string | null }> {
  const info = received.encryptionInfo;
  const content = received.message.content as { private_key?: unknown };
  const pkcs8 = typeof content.private_key === "string" ? content.private_key : null;
  const base = { roster: ctx.roster, orgKey: ctx.orgKey, derivedKey: pkcs8 ? await ctx.derive(pkcs8) : null, pkcs8 };
  if (!info) return { ...base, encryption: null, device: null, senderMasterKey: null };
  const crypto = client.getCrypto()!;
  await trackUsers(client, [info.sender]);
  const all = (await crypto.getUserDeviceInfo([info.sender], true)).get(info.sender);
  // A sender the crypto layer did not track when it decrypted has no device id: find it by the Curve25519 key Olm authenticated.
  const d = info.senderDevice ? all?.get(info.senderDevice) : [...(all?.values() ?? [])].find((x) => x.getIdentityKey() === info.senderCurve25519KeyBase64);
  const encryption = { sender: info.sender, senderDevice: info.senderDevice ?? d?.deviceId ?? null, senderCurveKey: info.senderCurve25519KeyBase64 };
  const status = d ? await crypto.getDeviceVerificationStatus(info.sender, d.deviceId) : null;
  const device = d ? { curveKey: d.getIdentityKey() ?? null, signedByOwner: !!status?.signedByOwner } : null;
  return { ...base, encryption, device, senderMasterKey: (await currentMasterKeys(client, [info.sender])).get(info.sender) ?? null };
}
