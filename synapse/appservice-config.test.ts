import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { appServiceRegistrationYaml } from "./appservice-config";

describe("appServiceRegistrationYaml", () => {
  const doc = parse(appServiceRegistrationYaml({ asToken: 'as"x', hsToken: "hs", serverName: "chat.example.com:8448" })) as {
    id: string;
    url: null;
    as_token: string;
    rate_limited: boolean;
    namespaces: { users: { exclusive: boolean; regex: string }[] };
  };
  const ns = new RegExp(`^${doc.namespaces.users[0]!.regex}$`);

  it("is the sealdesk service, unthrottled, pushed nothing, with the tokens as given", () => {
    expect(doc).toMatchObject({ id: "sealdesk", url: null, as_token: 'as"x', rate_limited: false });
    expect(doc.namespaces.users[0]!.exclusive).toBe(true);
  });

  it.each([
    ["@visitor-0123456789abcdef01234567:chat.example.com:8448", true],
    ["@visitor-:chat.example.com:8448", true],
    ["@router:chat.example.com:8448", false],
    ["@agent:chat.example.com:8448", false],
    ["@my-visitor-1:chat.example.com:8448", false],
    ["@visitor-1:chatXexample.com:8448", false], // the dot is literal
    ["@visitor-1:other.example", false],
  ])("namespace of %s: %s", (userId, inside) => {
    expect(ns.test(userId)).toBe(inside);
  });
});
