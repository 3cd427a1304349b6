import { describe, expect, it } from "vitest";
import { parseSsoError, ssoErrorMessage, type SsoErrorCode } from "./sso-errors";

describe("parseSsoError", () => {
  it.each<[string | string[] | undefined | null, SsoErrorCode | null]>([
    [undefined, null],
    [null, null],
    ["", null],
    ["not_agent", "not_agent"],
    ["provider_unavailable", "provider_unavailable"],
    ["login_failed", "login_failed"],
    ["access_denied", "cancelled"], // the IdP's answer when the person cancels
    ["mapping_error", "no_account"], // Synapse: no such account and registration is off
    ["server_error", "provider_unavailable"],
    ["<script>alert(1)</script>", "failed"], // never echoed
    [["cancelled", "not_agent"], "cancelled"],
  ])("%j -> %s", (raw, code) => {
    expect(parseSsoError(raw)).toBe(code);
  });
});

describe("ssoErrorMessage", () => {
  const codes: SsoErrorCode[] = ["provider_unavailable", "cancelled", "no_account", "not_agent", "login_failed", "failed"];
  it.each(codes)("%s names the provider and says what to do", (code) => {
    const m = ssoErrorMessage(code, "Acme ID");
    expect(m).toContain("Acme ID");
    expect(m).toMatch(/\.$/);
  });
  it("tells a person who is not an agent to ask an operator", () => {
    expect(ssoErrorMessage("not_agent", "Acme ID")).toBe("Your Acme ID account is not a support agent here. Ask an operator to add you.");
  });
});
