import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { localpartTemplate, oidcConfigBlock, SEALDESK_IDP_ID, ssoErrorTemplate } from "./oidc-config";

const base = {
  clientId: "sealdesk",
  clientSecret: "s3cret\"'\n",
  name: "Acme ID",
  consoleUrl: "https://desk.example.org",
  reservedLocalparts: ["router", "auditor"],
};

describe("oidcConfigBlock", () => {
  const read = (issuer: string) =>
    parse(oidcConfigBlock({ ...base, issuer }, "/data/templates")) as {
      oidc_providers: Record<string, unknown>[];
      sso: { client_whitelist: string[] };
      templates: { custom_template_directory: string };
    };

  it("links IdP users to existing accounts only, by preferred_username, with PKCE", () => {
    const [p] = read("https://id.example.org").oidc_providers;
    expect(p).toMatchObject({
      idp_id: SEALDESK_IDP_ID.replace("oidc-", ""), // Synapse adds the prefix
      idp_name: "Acme ID",
      issuer: "https://id.example.org",
      client_secret: base.clientSecret, // any characters survive the YAML round trip
      allow_existing_users: true,
      enable_registration: false,
      pkce_method: "always",
      user_mapping_provider: { config: { localpart_template: localpartTemplate(["router", "auditor"]) } },
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

describe("ssoErrorTemplate", () => {
  it("sends a failed sign-in back to the console's sign-in page with Synapse's error code", () => {
    expect(read2("https://id.example.org").templates.custom_template_directory).toBe("/data/templates");
    const html = ssoErrorTemplate("https://desk.example.org/");
    expect(html).toContain('content="0; url=https://desk.example.org/login?sso_error={{ error | urlencode }}"');
    expect(html).toContain('<p role="alert">');
  });
});

const read2 = (issuer: string) => parse(oidcConfigBlock({ ...base, issuer }, "/data/templates")) as { templates: { custom_template_directory: string } };

describe("localpartTemplate", () => {
  it("keeps the username, but never lets the IdP name a service or visitor account", () => {
    expect(localpartTemplate(["router", "auditor"])).toBe(
      '{% if (user.preferred_username | lower) in ["router","auditor"] or (user.preferred_username | lower).startswith("visitor-") %}!reserved{% else %}{{ user.preferred_username }}{% endif %}',
    );
  });
  it("refuses a reserved name that is not a localpart (it would break the template)", () => {
    expect(() => localpartTemplate(['a"] or true or ["'])).toThrow(/not a Matrix localpart/);
  });
});
