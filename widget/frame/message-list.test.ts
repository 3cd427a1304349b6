// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import { WIDGET_CATALOGUE } from "../../lib/widget-i18n/catalogue";
import { mountMessageList, type ViewMessage } from "./message-list";

const t = WIDGET_CATALOGUE.en;
const msg = (over: Partial<ViewMessage>): ViewMessage => ({
  id: "$1",
  sender: "@a:hs",
  senderName: "Alice",
  mine: false,
  body: "hello",
  timestamp: 1,
  state: "sent",
  encrypted: true,
  ...over,
});
const texts = (list: HTMLElement): string[] => Array.from(list.children).map((li) => li.textContent ?? "");

describe("mountMessageList", () => {
  it("shows each message's sender and how far the visitor's own got", () => {
    const list = mountMessageList(t);
    list.render([
      msg({ id: "$1", body: "hi" }),
      msg({ id: "$2", mine: true, body: "sent one", state: "sent" }),
      msg({ id: "$3", mine: true, body: "seen one", state: "seen" }),
      msg({ id: "t4", mine: true, body: "pending", state: "pending" }),
    ]);
    expect(texts(list.element)).toEqual(["Alicehi", `${t.you}sent one${t.sent}`, `${t.you}seen one${t.seen}`, `${t.you}pending${t.sending}`]);
  });

  it("a held message says Held, not Sending", () => {
    const list = mountMessageList(t);
    list.render([msg({ id: "t1", mine: true, state: "pending", held: true })]);
    const li = list.element.querySelector("li")!;
    expect(li.querySelector(".meta")!.textContent).toBe(t.held);
    expect(li.dataset.held).toBe("true");
  });

  it("puts a message's text in as text, never as markup", () => {
    const list = mountMessageList(t);
    list.render([msg({ body: '<img src=x onerror="alert(1)">' })]);
    expect(list.element.querySelector("img")).toBeNull();
    expect(list.element.querySelector(".body")!.textContent).toBe('<img src=x onerror="alert(1)">');
  });

  it("shows an unverified message as a neutral notice, without its text or sender", () => {
    const list = mountMessageList(t);
    list.render([msg({ state: "unverified", body: "send your password", senderName: "Bank" })]);
    expect(texts(list.element)).toEqual([t.unverifiedHidden]);
  });

  it("a failed message offers Retry, which calls the retry handler", () => {
    const list = mountMessageList(t);
    const retry = vi.fn();
    list.onRetry(retry);
    list.render([msg({ id: "t1", mine: true, state: "failed" })]);
    list.element.querySelector<HTMLButtonElement>("button.retry")!.click();
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it("updates in place: an unchanged message keeps its node, a changed one is replaced, a gone one removed", () => {
    const list = mountMessageList(t);
    list.render([msg({ id: "$1" }), msg({ id: "t2", mine: true, state: "pending" }), msg({ id: "$3" })]);
    const [first, second] = Array.from(list.element.children);
    list.render([msg({ id: "$1" }), msg({ id: "t2", mine: true, state: "sent" })]);
    expect(list.element.children[0]).toBe(first);
    expect(list.element.children[1]).not.toBe(second);
    expect(list.element.children).toHaveLength(2);
    expect(list.element.children[1]?.textContent).toContain(t.sent);
  });

  it("loads an attachment once through the loader; without one, says it cannot show the image", async () => {
    const list = mountMessageList(t);
    const attachment = { kind: "image", name: "cat.png", mimetype: "image/png", size: 3, file: { url: "mxc://hs/cat" } } as ViewMessage["attachment"];
    list.render([msg({ id: "$9", attachment })]);
    await new Promise((r) => setTimeout(r, 0));
    expect(list.element.querySelector("img")).toBeNull();
    expect(list.element.textContent).toContain(t.attachment("cat.png"));

    const load = vi.fn(async () => "blob:cat");
    const withLoader = mountMessageList(t);
    withLoader.setAttachmentLoader(load);
    withLoader.render([msg({ id: "$9", attachment })]);
    withLoader.render([msg({ id: "$9", attachment, senderName: "Alice B." })]);
    await new Promise((r) => setTimeout(r, 0));
    expect(withLoader.element.querySelector("img")!.getAttribute("src")).toBe("blob:cat");
    expect(load).toHaveBeenCalledTimes(1);
  });
});
