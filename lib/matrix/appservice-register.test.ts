import { describe, expect, it } from "vitest";
import { registerWithAppService } from "./appservice-register";

type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };
const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const account = { user_id: "@visitor-ab:localhost", access_token: "syt_new", device_id: "DEV" };

// A fake homeserver: the register answer, then the display-name answer.
function fakeFetch(register: Response, profile: Response = json(200, {})) {
  const calls: Call[] = [];
  const answers = [register, profile];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, method: init.method ?? "GET", headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) });
    return answers.shift()!;
  }) as unknown as typeof fetch;
  return { calls, impl };
}

describe("registerWithAppService", () => {
  it("registers with the AS token, then sets the display name with the new account's token", async () => {
    const f = fakeFetch(json(200, account));
    const got = await registerWithAppService({
      homeserverUrl: "http://hs/",
      asToken: "as-secret",
      username: "visitor-ab",
      displayName: "Visitor",
      fetchImpl: f.impl,
    });
    expect(got).toEqual({ userId: "@visitor-ab:localhost", accessToken: "syt_new", deviceId: "DEV" });
    expect(f.calls).toEqual([
      {
        url: "http://hs/_matrix/client/v3/register",
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer as-secret" },
        body: { type: "m.login.application_service", username: "visitor-ab" },
      },
      {
        url: "http://hs/_matrix/client/v3/profile/%40visitor-ab%3Alocalhost/displayname",
        method: "PUT",
        headers: { "content-type": "application/json", authorization: "Bearer syt_new" },
        body: { displayname: "Visitor" },
      },
    ]);
  });

  it("registers the device id the client chose, when it chose one", async () => {
    const f = fakeFetch(json(200, { ...account, device_id: "QWERTYUIOP" }));
    const got = await registerWithAppService({ homeserverUrl: "http://hs", asToken: "t", username: "visitor-ab", deviceId: "QWERTYUIOP", fetchImpl: f.impl });
    expect(f.calls[0]!.body).toEqual({ type: "m.login.application_service", username: "visitor-ab", device_id: "QWERTYUIOP" });
    expect(got.deviceId).toBe("QWERTYUIOP");
  });

  it("sends no profile request without a display name", async () => {
    const f = fakeFetch(json(200, account));
    await registerWithAppService({ homeserverUrl: "http://hs", asToken: "t", username: "visitor-ab", fetchImpl: f.impl });
    expect(f.calls).toHaveLength(1);
  });

  it.each([
    ["a refusal names status and errcode", json(400, { errcode: "M_EXCLUSIVE", error: "reserved" }), /HTTP 400 M_EXCLUSIVE reserved/],
    ["an unknown token", json(401, { errcode: "M_UNKNOWN_TOKEN" }), /HTTP 401 M_UNKNOWN_TOKEN/],
    ["a body without credentials", json(200, { user_id: "@visitor-ab:localhost" }), /unexpected body/],
    ["a body that is not JSON", new Response("<html>", { status: 502 }), /HTTP 502/],
  ])("throws on %s", async (_name, register, message) => {
    const f = fakeFetch(register);
    await expect(
      registerWithAppService({ homeserverUrl: "http://hs", asToken: "t", username: "visitor-ab", displayName: "Visitor", fetchImpl: f.impl }),
    ).rejects.toThrow(message);
    expect(f.calls).toHaveLength(1);
  });

  it("throws when the display name is refused (the visitor could not join with another)", async () => {
    const f = fakeFetch(json(200, account), json(403, { errcode: "M_FORBIDDEN" }));
    await expect(
      registerWithAppService({ homeserverUrl: "http://hs", asToken: "t", username: "visitor-ab", displayName: "Visitor", fetchImpl: f.impl }),
    ).rejects.toThrow(/display name.*HTTP 403/);
  });
});
