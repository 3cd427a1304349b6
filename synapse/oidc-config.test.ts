import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { oidcConfigBlock, SEALDESK_IDP_ID } from "./oidc-config";

const base = { clientId: "sealdesk", clientSecret: "s3cret\"'\n", name: "Acme ID", consoleReturnUrl: "https://desk.example.org/login/sso" };

describe("oidcConfigBlock", () => {
  const read = (issuer: string) =>
    parse(oidcConfigBlock({ ...base, issuer })) as { oidc_providers: Record<string, unknown>[]; sso: { client_whitelist: string[] } };

  it("links IdP users to existing accounts only, by preferred_username, with PKCE", () => {
    const [p] = read("https://id.example.org").oidc_providers;
    expect(p).toMatchObject({
      idp_id: SEALDESK_IDP_ID,
      idp_name: "Acme ID",
      issuer: "https://id.example.org",
      client_secret: base.clientSecret, // any characters survive the YAML round trip
      allow_existing_users: true,
      enable_registration: false,
      pkce_method: "always",
      user_mapping_provider: { config: { localpart_template: "{{ user.preferred_username }}" } },
    });
    expect(p).not.toHaveProperty("skip_verification");
  });

  it.each([
    ["http://127.0.0.1:9999", true],
    ["https://id.example.org", undefined],
  ])("issuer %s: skip_verification %s", (issuer, skip) => {
    expect(read(issuer).oidc_providers[0]!.skip_verification).toBe(skip);
  });

  it("lets Synapse hand the login token straight to the console's page only", () => {
    expect(read("https://id.example.org").sso.client_whitelist).toEqual(["https://desk.example.org/login/sso"]);
  });
});
