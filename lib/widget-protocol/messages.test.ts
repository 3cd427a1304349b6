import { describe, expect, it } from "vitest";
import { parseWidgetMessage } from "./messages";

describe("parseWidgetMessage", () => {
  it.each([
    [{ type: "sealdesk:ready" }],
    [{ type: "sealdesk:close" }],
    [{ type: "sealdesk:unread", count: 3 }],
    [{ type: "sealdesk:context", pageUrl: "https://shop.example/cart", language: "en-GB" }],
    [{ type: "sealdesk:context", pageUrl: "https://shop.example/", language: "en", userToken: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2ln" }],
  ])("accepts %j", (msg) => {
    expect(parseWidgetMessage(msg)).toEqual(msg);
  });

  it.each([
    [null],
    ["sealdesk:ready"],
    [{ type: "other" }],
    [{ type: "sealdesk:ready", extra: "<script>" }],
    [{ type: "sealdesk:unread", count: -1 }],
    [{ type: "sealdesk:unread", count: 1.5 }],
    [{ type: "sealdesk:unread", count: "2" }],
    [{ type: "sealdesk:context", pageUrl: "x".repeat(3000), language: "en" }],
    [{ type: "sealdesk:context", pageUrl: "https://a", language: 'en"><img>' }],
  ])("rejects %j", (msg) => {
    expect(parseWidgetMessage(msg)).toBeNull();
  });

  it.each([["not a jwt"], ["a.b.c<script>"], [42], ["a".repeat(5000) + ".b.c"]])(
    "drops a user token %j that is no compact JWT, keeping the context",
    (userToken) => {
      expect(parseWidgetMessage({ type: "sealdesk:context", pageUrl: "https://a", language: "en", userToken })).toEqual({
        type: "sealdesk:context",
        pageUrl: "https://a",
        language: "en",
      });
    },
  );
});
