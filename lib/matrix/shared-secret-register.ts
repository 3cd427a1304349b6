import { createHmac } from "node:crypto";

/** Result of Synapse's shared-secret registration. */
export type RegisteredAccount = {
  userId: string;
  accessToken: string;
  deviceId: string;
};

/** What {@link registerWithSharedSecret} needs. */
export type SharedSecretRegistration = {
  /** Homeserver base URL as seen from this server, e.g. `http://127.0.0.1:8008`. */
  homeserverUrl: string;
  /** Synapse `registration_shared_secret`; must never leave the server. */
  sharedSecret: string;
  username: string;
  password: string;
  admin?: boolean;
  displayName?: string;
  /** Override for tests; defaults to global fetch. */
  fetchImpl?: typeof fetch;
};

/**
 * Creates a normal (non-guest) account through Synapse's admin API
 * `/_synapse/admin/v1/register`, which authenticates with an HMAC-SHA1 of the
 * nonce and the account fields, keyed by the shared secret (Synapse's protocol).
 * Throws an Error naming the HTTP status and Synapse's errcode on failure.
 */
export async function registerWithSharedSecret(reg: SharedSecretRegistration): Promise<RegisteredAccount> {
  const doFetch = reg.fetchImpl ?? fetch;
  const url = `${reg.homeserverUrl.replace(/\/$/, "")}/_synapse/admin/v1/register`;
  const nonceRes = await doFetch(url, { method: "GET" });
  if (!nonceRes.ok) throw new Error(`Synapse register nonce failed: HTTP ${nonceRes.status}`);
  const { nonce } = (await nonceRes.json()) as { nonce: string };
  const admin = reg.admin === true;
  const mac = createHmac("sha1", reg.sharedSecret)
    .update([nonce, reg.username, reg.password, admin ? "admin" : "notadmin"].join("\0"))
    .digest("hex");
  const res = await doFetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      nonce,
      username: reg.username,
      password: reg.password,
      admin,
      mac,
      displayname: reg.displayName,
    }),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    throw new Error(`Synapse register failed: HTTP ${res.status} ${String(body.errcode ?? "")} ${String(body.error ?? "")}`.trim());
  }
  const { user_id: userId, access_token: accessToken, device_id: deviceId } = body;
  if (typeof userId !== "string" || typeof accessToken !== "string" || typeof deviceId !== "string") {
    throw new Error("Synapse register returned an unexpected body");
  }
  return { userId, accessToken, deviceId };
}
