import type { RegisteredAccount } from "./shared-secret-register";

/** What {@link registerWithAppService} needs. */
export type AppServiceRegistration = {
  /** Homeserver base URL as seen from this server, e.g. `http://127.0.0.1:8008`. */
  homeserverUrl: string;
  /** The application service's `as_token`; a server secret that must never leave the server. */
  asToken: string;
  /** Localpart inside the application service's exclusive user namespace. */
  username: string;
  /** The new device's id, when the client chose it (it opened the device's crypto store beforehand); else Synapse's choice. */
  deviceId?: string;
  /** Set with the new account's own token right after registration (Synapse starts with the localpart). */
  displayName?: string;
  /** Override for tests; defaults to global fetch. */
  fetchImpl?: typeof fetch;
};

const APP_SERVICE_LOGIN = "m.login.application_service";

/**
 * Creates an account in the application service's user namespace through the
 * client API (`POST /register` with `m.login.application_service` and the AS
 * token). Unlike shared-secret registration no password is hashed (Synapse's
 * bcrypt, ~0.35 s) and the application service is exempt from the registration
 * rate limit (`rate_limited: false` in its registration file). Returns the new
 * device's credentials; throws an Error naming the HTTP status and Synapse's
 * errcode on failure.
 */
export async function registerWithAppService(reg: AppServiceRegistration): Promise<RegisteredAccount> {
  const doFetch = reg.fetchImpl ?? fetch;
  const base = reg.homeserverUrl.replace(/\/$/, "");
  const res = await doFetch(`${base}/_matrix/client/v3/register`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${reg.asToken}` },
    body: JSON.stringify({ type: APP_SERVICE_LOGIN, username: reg.username, ...(reg.deviceId ? { device_id: reg.deviceId } : {}) }),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    throw new Error(`Synapse application service register failed: HTTP ${res.status} ${String(body.errcode ?? "")} ${String(body.error ?? "")}`.trim());
  }
  const { user_id: userId, access_token: accessToken, device_id: deviceId } = body;
  if (typeof userId !== "string" || typeof accessToken !== "string" || typeof deviceId !== "string") {
    throw new Error("Synapse application service register returned an unexpected body");
  }
  if (reg.displayName !== undefined) {
    // The account's own token: the profile is the user's, and the confinement module accepts "Visitor".
    const put = await doFetch(`${base}/_matrix/client/v3/profile/${encodeURIComponent(userId)}/displayname`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ displayname: reg.displayName }),
    });
    await put.body?.cancel();
    if (!put.ok) throw new Error(`Synapse display name of a new account failed: HTTP ${put.status}`);
  }
  return { userId, accessToken, deviceId };
}
