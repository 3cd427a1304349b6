// The attacker of DESIGN.md's trust model: the homeserver's admin gives an agent's
// account a device of its own and drives it as a real Matrix client (matrix-js-sdk,
// Rust crypto) that uploads device keys but is never cross-signed by the agent.
import { ClientEvent, createClient, type ICreateClientOpts, type MatrixClient, type MatrixEvent } from "matrix-js-sdk";
import type { StackInfo } from "../stack-info";

export type InjectedDevice = {
  client: MatrixClient;
  deviceId: string;
  /** The device's copy of the room's events, as an attacker would read them. */
  events(roomId: string): MatrixEvent[];
  stop(): void;
};

const quiet: NonNullable<ICreateClientOpts["logger"]> = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, getChild: () => quiet };

/** Synapse's admin API with a server admin's token (the stack's auditor account). */
export async function asAdmin(
  stack: StackInfo,
  method: string,
  path: string,
  body?: unknown,
  token = stack.admin.accessToken,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${stack.synapseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A state event as Synapse's admin API lists it; `C` types the content a caller reads. */
export type AdminStateEvent<C = Record<string, unknown>> = { type: string; state_key: string; sender: string; content: C };

/** The room's current state as the homeserver holds it (admin API): what was, or was not, written into it. */
export async function roomStateAsAdmin<C = Record<string, unknown>>(stack: StackInfo, roomId: string): Promise<AdminStateEvent<C>[]> {
  return (await asAdmin(stack, "GET", `/_synapse/admin/v1/rooms/${encodeURIComponent(roomId)}/state`)).state as AdminStateEvent<C>[];
}

/**
 * What a hostile admin does to put `userId` into a private conversation: Synapse's
 * admin join API invites as the admin itself, who is in no conversation (the router,
 * a member with power to invite, is no admin); so the admin logs in as the router
 * (admin API) to invite, then as `userId` to join.
 */
export async function forceJoin(stack: StackInfo, roomId: string, userId: string): Promise<void> {
  const puppet = async (user: string): Promise<string> =>
    ((await asAdmin(stack, "POST", `/_synapse/admin/v1/users/${encodeURIComponent(user)}/login`, {})) as { access_token: string }).access_token;
  const room = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}`;
  await asAdmin(stack, "POST", `${room}/invite`, { user_id: userId }, await puppet(stack.router.userId));
  await asAdmin(stack, "POST", `${room}/join`, {}, await puppet(userId));
}

/**
 * Injects a device into `userId`'s account: the admin API's own login
 * (`/_synapse/admin/v1/users/<id>/login`) gives a puppet token WITHOUT a device,
 * which cannot upload device keys; so the admin sets a password of its choosing
 * (keeping the user's sessions) and logs in with it, getting a new device. Resolves
 * once that device's keys are on the server for everyone to see.
 */
export async function injectDevice(stack: StackInfo, userId: string, deviceId = `INJ${Date.now().toString(36).toUpperCase()}`): Promise<InjectedDevice> {
  const password = `attacker-${Date.now()}`;
  await asAdmin(stack, "PUT", `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, { password, logout_devices: false });
  const login = await createClient({ baseUrl: stack.synapseUrl, logger: quiet }).loginRequest({
    type: "m.login.password",
    identifier: { type: "m.id.user", user: userId },
    password,
    device_id: deviceId,
  });
  const client = createClient({ baseUrl: stack.synapseUrl, userId, deviceId: login.device_id, accessToken: login.access_token, logger: quiet });
  // Default AllDevicesIsolationMode: the attacker decrypts whatever it is given. No cross-signing.
  await client.initRustCrypto({ useIndexedDB: false });
  const synced = new Promise<void>((resolve) => client.once(ClientEvent.Sync, () => resolve()));
  await client.startClient({ initialSyncLimit: 50 });
  await synced;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const keys = await asAdmin(stack, "POST", "/_matrix/client/v3/keys/query", { device_keys: { [userId]: [] } });
    if ((keys.device_keys as Record<string, Record<string, unknown>>)[userId]?.[login.device_id]) break;
    if (Date.now() > deadline) throw new Error(`the injected device ${login.device_id} never uploaded its keys`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    client,
    deviceId: login.device_id,
    events: (roomId) => client.getRoom(roomId)?.getLiveTimeline().getEvents() ?? [],
    stop: () => client.stopClient(),
  };
}
