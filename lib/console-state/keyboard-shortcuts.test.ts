import { describe, expect, it } from "vitest";
import { isTypingTarget, shortcutFor, stepConversation, type FocusTarget, type KeyPress } from "./keyboard-shortcuts";

const key = (k: string, over: Partial<KeyPress> = {}): KeyPress => ({ key: k, altKey: false, ctrlKey: false, metaKey: false, ...over });
const body: FocusTarget = { tagName: "BODY" };
const textarea: FocusTarget = { tagName: "TEXTAREA" };

describe("shortcutFor", () => {
  it.each<[string, KeyPress, FocusTarget, ReturnType<typeof shortcutFor>]>([
    ["j: next", key("j"), body, "next"],
    ["k: previous", key("k"), body, "previous"],
    ["Alt+Down: next", key("ArrowDown", { altKey: true }), body, "next"],
    ["Alt+Up: previous", key("ArrowUp", { altKey: true }), null, "previous"],
    ["r: composer", key("r"), body, "focus-composer"],
    ["Shift+E: close", key("E", { shiftKey: true }), body, "close"],
    ["e alone does not close", key("e"), body, null],
    ["?: help", key("?", { shiftKey: true }), body, "help"],
    ["/: search", key("/"), body, "focus-search"],
    ["on a button it still works", key("j"), { tagName: "BUTTON" }, "next"],
    ["on a checkbox it still works", key("j"), { tagName: "INPUT", type: "checkbox" }, "next"],
    ["not while typing a reply", key("j"), textarea, null],
    ["not Alt+Down while typing", key("ArrowDown", { altKey: true }), textarea, null],
    ["not in the search box", key("?"), { tagName: "INPUT", type: "search" }, null],
    ["not in a select", key("k"), { tagName: "SELECT" }, null],
    ["not in editable content", key("j"), { tagName: "DIV", isContentEditable: true }, null],
    ["not with Ctrl", key("k", { ctrlKey: true }), body, null],
    ["not with Cmd", key("r", { metaKey: true }), body, null],
    ["Alt+j is not j", key("j", { altKey: true }), body, null],
    ["an unknown key", key("x"), body, null],
  ])("%s", (_what, press, target, expected) => {
    expect(shortcutFor(press, target)).toBe(expected);
  });
});

describe("isTypingTarget", () => {
  it.each<[FocusTarget, boolean]>([
    [null, false],
    [{ tagName: "input" }, true],
    [{ tagName: "INPUT", type: "email" }, true],
    [{ tagName: "INPUT", type: "radio" }, false],
    [{ tagName: "A" }, false],
  ])("%j → %s", (target, expected) => {
    expect(isTypingTarget(target)).toBe(expected);
  });
});

describe("stepConversation", () => {
  const ids = ["a", "b", "c"];
  it.each<[string | null, 1 | -1, string | null]>([
    ["a", 1, "b"],
    ["c", 1, "a"],
    ["a", -1, "c"],
    [null, 1, "a"],
    [null, -1, "c"],
    ["gone", 1, "a"],
  ])("from %s by %i → %s", (current, step, expected) => {
    expect(stepConversation(ids, current, step)).toBe(expected);
  });
  it("has nowhere to go in an empty list", () => {
    expect(stepConversation([], "a", 1)).toBeNull();
  });
});
