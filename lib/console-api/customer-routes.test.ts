import { describe, expect, it } from "vitest";
import { changeSiteIdentityRoute, customerStatusRoute, siteIdentityRoute } from "./customer-routes";

describe("known-customer routes", () => {
  it.each([
    [{ siteId: "shop", action: "new-secret" }, true],
    [{ siteId: "shop", action: "remove-key" }, true],
    [{ siteId: "shop", action: "set-key", alg: "EdDSA", publicKey: "-----BEGIN PUBLIC KEY-----" }, true],
    [{ siteId: "shop", action: "set-key" }, false],
    [{ siteId: "shop", action: "set-key", alg: "RS256", publicKey: "x" }, false],
    [{ siteId: "shop", action: "new-secret", secret: "mine" }, false],
    [{ siteId: "<b>", action: "new-secret" }, false],
    [{ siteId: "shop", action: "delete-everything" }, false],
  ])("change body %j valid: %s", (body, ok) => {
    expect(changeSiteIdentityRoute.body.safeParse(body).success).toBe(ok);
  });

  it("checks the site and visitor ids of the queries", () => {
    expect(siteIdentityRoute.query.safeParse({ site: "shop" }).success).toBe(true);
    expect(siteIdentityRoute.query.safeParse({ site: "../x" }).success).toBe(false);
    expect(customerStatusRoute.query.safeParse({ visitor: "@visitor-ab12:example.org" }).success).toBe(true);
    expect(customerStatusRoute.query.safeParse({ visitor: "nobody" }).success).toBe(false);
  });
});
