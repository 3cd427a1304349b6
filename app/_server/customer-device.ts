import "server-only";
import { randomBytes } from "node:crypto";
import type { RegisteredAccount } from "../../lib/matrix/shared-secret-register";
import { env } from "./env";
import { Refusal } from "./refusal";

async function call(path: string, init: { method: string; token?: string; body: unknown }): Promise<Record<string, unknown>> {
  const res = await fetch(`${env().SYNAPSE_URL.replace(/\/$/, "")}${path}`, {
    method: init.method,
    headers: { "content-type": "application/json", ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: JSON.stringify(init.body),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    throw new Error(`Synapse ${init.method} ${path.replace(/users\/[^/]+/, "users/…")}: HTTP ${res.status} ${String(body.errcode ?? "")}`);
  }
  return body;
}

/**
 * A new device on a known customer's existing visitor account, for another
 * browser: the admin API sets a fresh random password (the account's other
 * devices stay logged in) and the app logs in with it, as any client would.
 * The password goes to the new device once, unstored. The device does not hold
 * the identity's private keys: when the customer kept a passkey backup, the
 * frame unlocks it and keeps the identity (the password goes unused); else it
 * makes a new identity, and Synapse asks for the password (UIA) to replace one
 * (its no-UIA replacement exists only with delegated auth). The app cannot tell
 * which beforehand (the backup is the customer's, in their account data), so it
 * always sends it. See docs/security.md for what that means for trust.
 */
export async function newCustomerDevice(userId: string): Promise<RegisteredAccount & { password: string }> {
  const admin = env().SYNAPSE_ADMIN_TOKEN;
  if (!admin) throw new Refusal(503, "Known customers on a second browser need SYNAPSE_ADMIN_TOKEN (a Synapse server admin's access token; see .env.example)");
  const user = encodeURIComponent(userId);
  const password = randomBytes(32).toString("base64url");
  await call(`/_synapse/admin/v2/users/${user}`, { method: "PUT", token: admin, body: { password, logout_devices: false } });
  const login = await call("/_matrix/client/v3/login", {
    method: "POST",
    body: { type: "m.login.password", identifier: { type: "m.id.user", user: userId }, password, initial_device_display_name: "Sealdesk chat" },
  });
  const { user_id, access_token, device_id } = login;
  if (typeof user_id !== "string" || typeof access_token !== "string" || typeof device_id !== "string")
    throw new Error("Synapse login returned an unexpected body");
  return { userId: user_id, accessToken: access_token, deviceId: device_id, password };
}
