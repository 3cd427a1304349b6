// Sealdesk's application service registration (Synapse's app_service_config_files).
// Today only the app uses it, to register visitors without a password (no bcrypt);
// its id and sender are named so that the router could later become this application
// service too (transactions pushed instead of a sync loop: then `url` is set).

// Matches lib/conversation/event-types.ts VISITOR_LOCALPART_PREFIX (synapse/ imports nothing from lib/).
const VISITOR_LOCALPART_PREFIX = "visitor-";

/** The registration's id: Synapse records which application service owns each visitor account by it. */
export const APP_SERVICE_ID = "sealdesk";
/** The application service's own user (Synapse registers it): `@sealdesk-appservice:<server>`. */
export const APP_SERVICE_SENDER = "sealdesk-appservice";

// Escapes a server name for a Python regular expression (dots, ports' colons stay literal).
const reEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The registration file's YAML: the application service owns the visitor ids
 * exclusively (`@visitor-…:<server>`: nobody else may register one), is not rate
 * limited, and receives no transactions (`url: null`). The tokens are random
 * per install; the AS token goes to the app's server environment only.
 */
export function appServiceRegistrationYaml(o: { asToken: string; hsToken: string; serverName: string }): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    "# Written by synapse/synapse-process.ts; holds secrets (mode 600).",
    `id: ${q(APP_SERVICE_ID)}`,
    "url: null",
    `as_token: ${q(o.asToken)}`,
    `hs_token: ${q(o.hsToken)}`,
    `sender_localpart: ${q(APP_SERVICE_SENDER)}`,
    "rate_limited: false",
    "namespaces:",
    "  users:",
    "    - exclusive: true",
    `      regex: ${q(`@${reEscape(VISITOR_LOCALPART_PREFIX)}.*:${reEscape(o.serverName)}`)}`,
    "  aliases: []",
    "  rooms: []",
    "",
  ].join("\n");
}
