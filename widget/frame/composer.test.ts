// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import { WIDGET_CATALOGUE } from "../../lib/widget-i18n/catalogue";
import { mountComposer } from "./composer";

const t = WIDGET_CATALOGUE.en;

function setup() {
  const composer = mountComposer(t);
  document.body.replaceChildren(...composer.elements);
  const input = document.querySelector("textarea")!;
  const sent: string[] = [];
  const typing: boolean[] = [];
  composer.onSend((text) => sent.push(text));
  composer.onTyping((on) => typing.push(on));
  const key = (init: KeyboardEventInit) => input.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init }));
  return { composer, input, sent, typing, key };
}

describe("mountComposer", () => {
  it("sends nothing until enabled, then Enter sends the trimmed text and clears the box", () => {
    const { composer, input, sent, key } = setup();
    input.value = "early";
    key({ key: "Enter" });
    expect(sent).toEqual([]);
    composer.enable();
    expect(document.activeElement).toBe(input);
    input.value = "  hello  ";
    key({ key: "Enter" });
    expect(sent).toEqual(["hello"]);
    expect(input.value).toBe("");
  });

  it("Shift+Enter is a new line, and blank text is not sent", () => {
    const { composer, input, sent, key } = setup();
    composer.enable();
    input.value = "line";
    key({ key: "Enter", shiftKey: true });
    input.value = "   ";
    key({ key: "Enter" });
    expect(sent).toEqual([]);
  });

  it("the send button submits too", () => {
    const { composer, input, sent } = setup();
    composer.enable();
    input.value = "by click";
    document.querySelector<HTMLButtonElement>("button[type=submit]")!.click();
    expect(sent).toEqual(["by click"]);
  });

  it("reports typing while there is text, and stops on send and on blur", () => {
    const { composer, input, typing, key } = setup();
    composer.enable();
    input.value = "h";
    input.dispatchEvent(new Event("input"));
    key({ key: "Enter" });
    input.dispatchEvent(new Event("blur"));
    expect(typing).toEqual([true, false, false]);
  });

  it("hands over a chosen file once and clears the picker", () => {
    const { composer } = setup();
    const onFile = vi.fn();
    composer.onAttach(onFile);
    const picker = document.querySelector<HTMLInputElement>("input[type=file]")!;
    const file = new File(["x"], "a.txt");
    Object.defineProperty(picker, "files", { value: [file], configurable: true });
    picker.dispatchEvent(new Event("change"));
    expect(onFile).toHaveBeenCalledWith(file);
  });

  it("asks the pre-chat questions in place of the composer", async () => {
    const { composer } = setup();
    const form = document.querySelector<HTMLFormElement>("form.composer")!;
    const answers = composer.askPrechat();
    expect(form.hidden).toBe(true);
    document.querySelector<HTMLInputElement>("#prechat-name")!.value = "Ada";
    document.querySelector<HTMLFormElement>("form.prechat")!.requestSubmit();
    expect(await answers).toMatchObject({ name: "Ada" });
    expect(form.hidden).toBe(false);
    expect(document.querySelector("form.prechat")).toBeNull();
  });
});
