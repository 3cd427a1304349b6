// Synapse's `oidc_providers` and `sso` settings for single sign-on of agents. Pure: options in, YAML text out.
import { stringify } from "yaml";

/** One OpenID Connect provider, as the scripts (or an operator) configure it. */
export type SynapseOidcOptions = {
  /** The provider's issuer URL (its discovery document is at `<issuer>/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  /** Server-side only: it lives in homeserver.yaml, never in the app or a browser. */
  clientSecret: string;
  /** Shown on the sign-in button ("Sign in with <name>"). */
  name: string;
  /** The console's public URL (the app's NEXTAUTH_URL): its `/login/sso` page receives the login token. */
  consoleUrl: string;
  /**
   * Service accounts no IdP user may sign in as (the router, the audit's server admin): with
   * `allow_existing_users` the IdP could otherwise log in to any local account by naming it.
   * Visitor accounts (`visitor-…`) are always refused.
   */
  reservedLocalparts: string[];
};

// Matches lib/conversation/event-types.ts VISITOR_LOCALPART_PREFIX (synapse/ imports nothing from lib/).
const VISITOR_PREFIX = "visitor-";

/**
 * The Jinja localpart template: the IdP's `preferred_username`, except for reserved accounts,
 * which map to a localpart no account has (Synapse escapes the "!"), so that, with
 * registration off, the sign-in ends with "no account". Synapse lower-cases the localpart
 * after the template, so the check compares lower-case too.
 */
export function localpartTemplate(reserved: string[]): string {
  for (const r of reserved) if (!/^[a-z0-9._=/-]+$/.test(r)) throw new Error(`reserved localpart ${r} is not a Matrix localpart`);
  const u = "(user.preferred_username | lower)";
  return `{% if ${u} in ${JSON.stringify(reserved)} or ${u}.startswith("${VISITOR_PREFIX}") %}!reserved{% else %}{{ user.preferred_username }}{% endif %}`;
}

const consolePage = (consoleUrl: string, page: string): string => new URL(page, consoleUrl.endsWith("/") ? consoleUrl : `${consoleUrl}/`).toString();

/** The identity provider id Synapse and the console use (`/login/sso/redirect/<id>`). */
export const SEALDESK_IDP_ID = "oidc-sealdesk";

/**
 * The YAML block for homeserver.yaml. An IdP user signs in to the *existing* Matrix account
 * whose localpart is their `preferred_username` (`allow_existing_users`) and nobody else:
 * `enable_registration: false`, so the IdP cannot create accounts on the support homeserver.
 * Whether that account may use the console is decided by the app (an agent row, not offboarded).
 * An http issuer (development and tests) needs `skip_verification`, which only lifts
 * Synapse's https checks of the discovery document; ID token signatures are still verified.
 */
export function oidcConfigBlock(o: SynapseOidcOptions, templateDir: string): string {
  const local = new URL(o.issuer).protocol === "http:";
  return stringify(
    {
      oidc_providers: [
        {
          // Synapse prefixes "oidc-": the provider's id is then SEALDESK_IDP_ID.
          idp_id: SEALDESK_IDP_ID.replace(/^oidc-/, ""),
          idp_name: o.name,
          issuer: o.issuer,
          client_id: o.clientId,
          client_secret: o.clientSecret,
          scopes: ["openid", "profile"],
          pkce_method: "always",
          ...(local ? { skip_verification: true } : {}),
          allow_existing_users: true,
          enable_registration: false,
          user_mapping_provider: {
            config: { subject_claim: "sub", localpart_template: localpartTemplate(o.reservedLocalparts), display_name_template: "{{ user.name }}" },
          },
        },
      ],
      // One click: the console's page gets the login token without Synapse's "Continue to your account" page
      // (a prefix match: the full path of that one page).
      sso: { client_whitelist: [consolePage(o.consoleUrl, "login/sso")] },
      // sso_error.html below: a failed sign-in goes back to the console, which says what happened.
      templates: { custom_template_directory: templateDir },
    },
    { lineWidth: 0 },
  );
}

/**
 * Synapse's SSO error page (Jinja, autoescaped), replaced: it sends the browser back to the
 * console's sign-in page with Synapse's error code (`access_denied` when the person cancelled
 * at the provider, `mapping_error` when no account matches), where lib/sso/sso-errors.ts says
 * what happened. Without script, the link does the same.
 */
export function ssoErrorTemplate(consoleUrl: string): string {
  const login = consolePage(consoleUrl, "login");
  const href = `${login}?sso_error={{ error | urlencode }}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sign-in failed</title>
<meta http-equiv="refresh" content="0; url=${href}">
</head>
<body>
<main>
<h1>Sign-in failed</h1>
<p role="alert">Single sign-on did not complete ({{ error }}).</p>
<p><a href="${href}">Back to the Sealdesk sign-in page</a></p>
</main>
</body>
</html>
`;
}
