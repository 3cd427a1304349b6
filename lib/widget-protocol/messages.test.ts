import { describe, expect, it } from "vitest";
import { parseWidgetMessage } from "./messages";

describe("parseWidgetMessage", () => {
  it.each([
    [{ type: "sealdesk:ready" }],
    [{ type: "sealdesk:close" }],
    [{ type: "sealdesk:unread", count: 3 }],
    [{ type: "sealdesk:context", pageUrl: "https://shop.example/cart", language: "en-GB" }],
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
});
