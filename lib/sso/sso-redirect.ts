/**
 * Where the console sends the browser to sign in through the homeserver's identity
 * provider: Synapse's `/login/sso/redirect/<idp>`, which comes back to `returnUrl` with
 * `?loginToken=` for an `m.login.token` login (the Matrix SSO flow, as Element uses it).
 */
export function ssoRedirectUrl(homeserverPublicUrl: string, idpId: string, returnUrl: string): string {
  if (!/^[A-Za-z0-9._~-]{1,255}$/.test(idpId)) throw new Error(`invalid identity provider id: ${idpId}`);
  const base = homeserverPublicUrl.replace(/\/+$/, "");
  return `${base}/_matrix/client/v3/login/sso/redirect/${idpId}?redirectUrl=${encodeURIComponent(returnUrl)}`;
}

/** The `m.login.sso` identity providers a homeserver's `GET /login` offers, by id. */
export function offeredIdentityProviders(loginFlows: unknown): string[] {
  const flows = (loginFlows as { flows?: unknown } | null)?.flows;
  if (!Array.isArray(flows)) return [];
  return flows.flatMap((f: { type?: unknown; identity_providers?: unknown }) =>
    f?.type === "m.login.sso" && Array.isArray(f.identity_providers)
      ? f.identity_providers.flatMap((p: { id?: unknown }) => (typeof p?.id === "string" ? [p.id] : []))
      : [],
  );
}
