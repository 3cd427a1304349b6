// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { REPLY_EMAIL_STRINGS } from "../../lib/widget-i18n/reply-email-strings";
import { mountReplyEmailControl } from "./reply-email-control";

const t = REPLY_EMAIL_STRINGS.en;
type Call = { method: string; url: string; body: unknown; auth: string | null };

/** A fake app: answers GET with `state`, records every call. */
function fakeApp(state: { available: boolean; email: string | null }, refuse?: string) {
  const calls: Call[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({
      method: init.method ?? "GET",
      url,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
      auth: new Headers(init.headers).get("authorization"),
    });
    if (refuse && init.method === "POST") return new Response(JSON.stringify({ error: refuse }), { status: 400 });
    return new Response(JSON.stringify(init.method === "GET" ? state : {}), { status: 200 });
  });
  return calls;
}

async function mount(onAddress = vi.fn()) {
  const header = document.createElement("header");
  document.body.replaceChildren(header);
  await mountReplyEmailControl(header, { token: "tok", pageUrl: "https://shop.example/p", t, onAddress });
  return { onAddress };
}
const flush = () => new Promise((r) => setTimeout(r, 0));
const button = (name: string) => [...document.querySelectorAll("button")].find((b) => b.textContent === name)!;

afterEach(() => vi.unstubAllGlobals());

describe("mountReplyEmailControl", () => {
  it("shows nothing when the server offers no reply emails", async () => {
    fakeApp({ available: false, email: null });
    await mount();
    expect(document.querySelector(".reply-email")).toBeNull();
  });

  it("opts in only through the stated consent, with the visitor's token and the page", async () => {
    const calls = fakeApp({ available: true, email: null });
    const { onAddress } = await mount();
    button(t.offer).click();
    expect(document.body.textContent).toContain(t.consent);
    const input = document.querySelector<HTMLInputElement>("#reply-email")!;
    input.value = "me@mail.example";
    document.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await flush();
    await flush();
    expect(calls.at(-1)).toEqual({
      method: "POST",
      url: "/api/visitor/email",
      body: { email: "me@mail.example", consent: true, page_url: "https://shop.example/p" },
      auth: "Bearer tok",
    });
    expect(document.querySelector('[role="status"]')!.textContent).toBe(t.saved("me@mail.example"));
    expect(onAddress).toHaveBeenLastCalledWith("me@mail.example");
  });

  it("shows the server's refusal in an alert and keeps the form", async () => {
    fakeApp({ available: true, email: null }, "page_url: the chat's page must be on one of the site's allowed origins");
    await mount();
    button(t.offer).click();
    document.querySelector<HTMLInputElement>("#reply-email")!.value = "me@mail.example";
    document.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await flush();
    await flush();
    expect(document.querySelector('[role="alert"]')!.textContent).toContain("allowed origins");
    expect(document.querySelector("#reply-email")).not.toBeNull();
  });

  it("Stop emails deletes the address on file", async () => {
    const calls = fakeApp({ available: true, email: "me@mail.example" });
    const { onAddress } = await mount();
    expect(onAddress).toHaveBeenLastCalledWith("me@mail.example");
    button(t.stop).click();
    await flush();
    await flush();
    expect(calls.at(-1)).toMatchObject({ method: "DELETE", url: "/api/visitor/email" });
    expect(document.querySelector('[role="status"]')!.textContent).toBe(t.stopped);
    expect(onAddress).toHaveBeenLastCalledWith(null);
  });
});
