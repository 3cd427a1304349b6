import { describe, expect, it } from "vitest";
import { isValidTimeZone, safeHttpUrl, visitorLocalTime } from "./visitor-time";

describe("visitor time", () => {
  const at = new Date("2026-01-15T13:05:00Z");
  it("formats the local time with the offset from UTC", () => {
    expect(visitorLocalTime(at, "Europe/Paris")).toBe("14:05 (UTC+1)");
    expect(visitorLocalTime(at, "Asia/Kolkata")).toBe("18:35 (UTC+5:30)");
    expect(visitorLocalTime(at, "America/New_York")).toBe("08:05 (UTC-5)");
    expect(visitorLocalTime(at, "UTC")).toBe("13:05 (UTC)");
    // Summer time moves the offset.
    expect(visitorLocalTime(new Date("2026-07-15T13:05:00Z"), "Europe/Paris")).toBe("15:05 (UTC+2)");
  });
  it("refuses time zones Intl does not know", () => {
    expect(isValidTimeZone("Europe/Paris")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(isValidTimeZone("x".repeat(65))).toBe(false);
    expect(visitorLocalTime(at, "Not/AZone")).toBeNull();
  });
});

describe("safeHttpUrl", () => {
  it("keeps http(s) links only", () => {
    expect(safeHttpUrl("https://shop.example/cart?x=1")).toBe("https://shop.example/cart?x=1");
    expect(safeHttpUrl("http://shop.example/")).toBe("http://shop.example/");
    expect(safeHttpUrl("javascript:alert(1)")).toBeNull();
    expect(safeHttpUrl("data:text/html,<script>1</script>")).toBeNull();
    expect(safeHttpUrl("not a url")).toBeNull();
  });
});
