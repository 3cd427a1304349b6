import { describe, expect, it } from "vitest";
import { offeredIdentityProviders, ssoRedirectUrl } from "./sso-redirect";

describe("ssoRedirectUrl", () => {
  it("goes to the provider's redirect endpoint with the console page encoded", () => {
    expect(ssoRedirectUrl("https://matrix.example.org/", "oidc-sealdesk", "https://desk.example.org/login/sso?a=1&b=2")).toBe(
      "https://matrix.example.org/_matrix/client/v3/login/sso/redirect/oidc-sealdesk?redirectUrl=https%3A%2F%2Fdesk.example.org%2Flogin%2Fsso%3Fa%3D1%26b%3D2",
    );
  });
  it.each(["", "a/b", "oidc?x", "../admin"])("refuses the id %j", (id) => {
    expect(() => ssoRedirectUrl("https://m.example.org", id, "https://d.example.org/login/sso")).toThrow(/identity provider id/);
  });
});

describe("offeredIdentityProviders", () => {
  it.each<[unknown, string[]]>([
    [
      { flows: [{ type: "m.login.password" }, { type: "m.login.sso", identity_providers: [{ id: "oidc-sealdesk", name: "Acme" }, { id: 3 }] }] },
      ["oidc-sealdesk"],
    ],
    [{ flows: [{ type: "m.login.password" }] }, []],
    [{ flows: [{ type: "m.login.sso" }] }, []],
    [null, []],
    ["nonsense", []],
  ])("%j -> %j", (body, ids) => {
    expect(offeredIdentityProviders(body)).toEqual(ids);
  });
});
