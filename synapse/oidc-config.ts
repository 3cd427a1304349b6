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
  /**
   * Where Synapse may send a login token without asking the user first: the console's
   * `/login/sso` page. A prefix match, so give the full path.
   */
  consoleReturnUrl: string;
};

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
export function oidcConfigBlock(o: SynapseOidcOptions): string {
  const local = new URL(o.issuer).protocol === "http:";
  return stringify(
    {
      oidc_providers: [
        {
          idp_id: SEALDESK_IDP_ID,
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
            config: { subject_claim: "sub", localpart_template: "{{ user.preferred_username }}", display_name_template: "{{ user.name }}" },
          },
        },
      ],
      // One click: the console's page gets the login token without Synapse's "Continue to your account" page.
      sso: { client_whitelist: [o.consoleReturnUrl] },
    },
    { lineWidth: 0 },
  );
}
