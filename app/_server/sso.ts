import "server-only";
import { ssoRedirectUrl, offeredIdentityProviders } from "../../lib/sso/sso-redirect";
import type { SsoErrorCode } from "../../lib/sso/sso-errors";
import { env } from "./env";

/** The provider's name for the sign-in button, or null when single sign-on is not configured. */
export function ssoProviderName(): string | null {
  return env().OIDC_PROVIDER_NAME ?? null;
}

const answers = async (url: string, ok: (body: unknown) => boolean): Promise<boolean> => {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000), redirect: "error" });
    return res.ok && ok(await res.json());
  } catch {
    return false;
  }
};

/**
 * Where the "Sign in with …" button sends the browser: Synapse's SSO redirect, once the
 * identity provider answers its discovery and Synapse offers that provider; otherwise the
 * reason, for a clear message instead of a browser error page at the provider.
 */
export async function ssoStart(): Promise<{ redirect: string } | { error: SsoErrorCode }> {
  const e = env();
  if (!e.OIDC_ISSUER) return { error: "failed" };
  const [provider, synapse] = await Promise.all([
    answers(`${e.OIDC_ISSUER.replace(/\/+$/, "")}/.well-known/openid-configuration`, (b) => typeof (b as { issuer?: unknown })?.issuer === "string"),
    answers(`${e.SYNAPSE_URL}/_matrix/client/v3/login`, (b) => offeredIdentityProviders(b).includes(e.OIDC_IDP_ID)),
  ]);
  if (!provider || !synapse) return { error: "provider_unavailable" };
  return { redirect: ssoRedirectUrl(e.SYNAPSE_PUBLIC_URL, e.OIDC_IDP_ID, new URL("/login/sso", e.NEXTAUTH_URL).toString()) };
}

/** The console's sign-in page with an SSO error code. */
export function loginPageWithError(code: SsoErrorCode): string {
  const url = new URL("/login", env().NEXTAUTH_URL);
  url.searchParams.set("sso_error", code);
  return url.toString();
}
