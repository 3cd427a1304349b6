import "server-only";
import { z } from "zod";
import type { KeysQueryResult, MembershipEvent } from "../../lib/audit/types";
import { env } from "./env";
import { Refusal } from "./refusal";

/** The audit cannot run (no admin token, or Synapse refused): a 503 with the reason. */
const unavailable = (reason: string): Refusal => new Refusal(503, reason);

function adminToken(): string {
  const token = env().SYNAPSE_ADMIN_TOKEN;
  if (!token) throw unavailable("The audit needs SYNAPSE_ADMIN_TOKEN (a Synapse server admin's access token; see .env.example)");
  return token;
}

async function synapse<T>(path: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${env().SYNAPSE_URL}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${adminToken()}`, "content-type": "application/json" },
    cache: "no-store",
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw unavailable(`Synapse answered ${res.status} to ${path.split("?")[0]}: ${(await res.text()).slice(0, 200)}`);
  return schema.parse(await res.json());
}

// Synapse (and whoever controls it) is not trusted: shapes are checked, unknown
// fields kept (signatures cover them), and anything odd fails the signature check.
const memberEvent = z.object({
  event_id: z.string(),
  type: z.string(),
  state_key: z.string().optional(),
  sender: z.string(),
  origin_server_ts: z.number(),
  content: z.looseObject({ membership: z.string().optional() }),
});
const page = z.object({ chunk: z.array(memberEvent), end: z.string().optional() });
const stateResponse = z.object({ state: z.array(memberEvent) });
const signedObject = z.looseObject({
  user_id: z.string(),
  keys: z.record(z.string(), z.string()),
  signatures: z.record(z.string(), z.record(z.string(), z.string())).optional(),
});
const keysResponse = z.object({
  device_keys: z.record(z.string(), z.record(z.string(), signedObject.extend({ device_id: z.string() }))).optional(),
  master_keys: z.record(z.string(), signedObject.extend({ usage: z.array(z.string()) })).optional(),
  self_signing_keys: z.record(z.string(), signedObject.extend({ usage: z.array(z.string()) })).optional(),
});

const toMembership = (e: z.infer<typeof memberEvent>): MembershipEvent | null =>
  e.type === "m.room.member" && e.state_key && typeof e.content.membership === "string"
    ? { eventId: e.event_id, userId: e.state_key, sender: e.sender, membership: e.content.membership, originServerTs: e.origin_server_ts }
    : null;

/**
 * Every m.room.member event of a room, in room order, through the admin API
 * (`/messages?dir=f` filtered to membership), plus any current membership from
 * `/state` the history did not show (e.g. after a purge).
 */
export async function fetchMembershipEvents(roomId: string): Promise<MembershipEvent[]> {
  const room = encodeURIComponent(roomId);
  const filter = encodeURIComponent(JSON.stringify({ types: ["m.room.member"] }));
  const events: MembershipEvent[] = [];
  let from: string | undefined;
  for (let i = 0; i < 100; i++) {
    const p = await synapse(
      `/_synapse/admin/v1/rooms/${room}/messages?dir=f&limit=200&filter=${filter}${from ? `&from=${encodeURIComponent(from)}` : ""}`,
      page,
    );
    events.push(...p.chunk.map(toMembership).filter((e) => e !== null));
    if (p.chunk.length === 0 || !p.end || p.end === from) break;
    from = p.end;
  }
  const { state } = await synapse(`/_synapse/admin/v1/rooms/${room}/state`, stateResponse);
  const seen = new Set(events.map((e) => e.eventId));
  for (const e of state.map(toMembership)) if (e && !seen.has(e.eventId)) events.push(e);
  return events;
}

/** Device, master and self-signing keys of these users as the homeserver publishes them. */
export async function fetchKeys(userIds: string[]): Promise<KeysQueryResult> {
  const body = JSON.stringify({ device_keys: Object.fromEntries(userIds.map((u) => [u, []])) });
  return (await synapse("/_matrix/client/v3/keys/query", keysResponse, { method: "POST", body })) as KeysQueryResult;
}
