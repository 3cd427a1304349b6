/**
 * Why a single sign-on attempt ended on the console's sign-in page, as the `sso_error`
 * query parameter carries it: set by the console itself, or by Synapse's SSO error page
 * (synapse/oidc-config.ts), which passes on Synapse's own error code.
 */
export type SsoErrorCode = "provider_unavailable" | "cancelled" | "no_account" | "not_agent" | "login_failed" | "failed";

// Synapse's codes: the IdP's OAuth error (access_denied when the person cancels), or its own.
const FROM_SYNAPSE: Record<string, SsoErrorCode> = {
  access_denied: "cancelled",
  mapping_error: "no_account",
  provider_unavailable: "provider_unavailable",
  temporarily_unavailable: "provider_unavailable",
  server_error: "provider_unavailable",
};
const OURS = new Set<string>(["provider_unavailable", "cancelled", "no_account", "not_agent", "login_failed"]);

/**
 * The error code of an `sso_error` parameter: ours as they are, Synapse's mapped to ours, any
 * other non-empty value as "failed" (never echoed back to the page), nothing for no value.
 */
export function parseSsoError(raw: string | string[] | undefined | null): SsoErrorCode | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return null;
  if (OURS.has(value)) return value as SsoErrorCode;
  return FROM_SYNAPSE[value] ?? "failed";
}

/** What the sign-in page says for a code: what happened and what to do, naming the provider. */
export function ssoErrorMessage(code: SsoErrorCode, provider: string): string {
  switch (code) {
    case "provider_unavailable":
      return `${provider} cannot be reached right now. Try again in a moment, or sign in with your password.`;
    case "cancelled":
      return `Sign-in with ${provider} was cancelled. Nothing was changed.`;
    case "no_account":
      return `Your ${provider} account has no support agent account here. Ask an operator to add you.`;
    case "not_agent":
      return `Your ${provider} account is not a support agent here. Ask an operator to add you.`;
    case "login_failed":
      return `Sign-in with ${provider} did not complete (the link may have expired). Try again.`;
    case "failed":
      return `Sign-in with ${provider} failed. Try again, or sign in with your password.`;
  }
}
