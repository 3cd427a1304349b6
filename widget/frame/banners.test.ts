// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import { WIDGET_CATALOGUE } from "../../lib/widget-i18n/catalogue";
import { mountBanners } from "./banners";

const t = WIDGET_CATALOGUE.en;

function setup() {
  const root = document.createElement("div");
  const banners = mountBanners(root, t);
  root.append(...banners.elements);
  document.body.replaceChildren(root);
  return { root, banners };
}

describe("mountBanners", () => {
  it("the status line is a status region and says whether the page is still busy", () => {
    const { root, banners } = setup();
    banners.setStatus("Connecting…", true);
    const status = root.querySelector(".status")!;
    expect(status.getAttribute("role")).toBe("status");
    expect(status.textContent).toBe("Connecting…");
    expect(root.getAttribute("aria-busy")).toBe("true");
    banners.setStatus("");
    expect(root.getAttribute("aria-busy")).toBe("false");
  });

  it("the queue notice is a status region", () => {
    const { root, banners } = setup();
    banners.setNotice(t.queued);
    expect(root.querySelector(".notice[role=status]")!.textContent).toBe(t.queued);
  });

  it("the roster warning is an alert, announced once however often the guard re-checks", () => {
    const { root, banners } = setup();
    const warning = root.querySelector(".warning[role=alert]")!;
    const writes = vi.fn();
    new MutationObserver(writes).observe(warning, { childList: true, characterData: true, subtree: true });
    banners.setWarning("Stranger present");
    banners.setWarning("Stranger present");
    banners.setWarning(null);
    return new Promise<void>((done) =>
      setTimeout(() => {
        expect(writes.mock.calls.flatMap((c) => c[0])).toHaveLength(2); // set once, cleared once
        expect(warning.textContent).toBe("");
        done();
      }),
    );
  });

  it("offers one Continue button per member to confirm, each confirming only that member", () => {
    const { root, banners } = setup();
    const onConfirm = vi.fn();
    banners.setConfirm(["@mallory:hs", "@eve:hs"], onConfirm);
    const buttons = Array.from(root.querySelectorAll<HTMLButtonElement>("button.confirm"));
    expect(buttons.map((b) => b.textContent)).toEqual([t.continueWith("@mallory:hs"), t.continueWith("@eve:hs")]);
    buttons[1]?.click();
    expect(onConfirm).toHaveBeenCalledWith("@eve:hs");
    expect(onConfirm).toHaveBeenCalledTimes(1);
    // The same members again: the buttons (and the visitor's focus on one) stay.
    banners.setConfirm(["@mallory:hs", "@eve:hs"], onConfirm);
    expect(root.querySelector("button.confirm")).toBe(buttons[0]);
    banners.setConfirm([], onConfirm);
    expect(root.querySelectorAll("button.confirm")).toHaveLength(0);
  });

  it("the not-verified note is not an alert", () => {
    const { root, banners } = setup();
    banners.setUnverified(true);
    const note = root.querySelector(".unverified")!;
    expect(note.textContent).toBe(t.notVerified);
    expect(note.getAttribute("role")).toBeNull();
    banners.setUnverified(false);
    expect(note.textContent).toBe("");
  });

  it("open in another tab: shows the take-over button, focused, which calls the handler", () => {
    const { root, banners } = setup();
    const takeOver = vi.fn();
    banners.onTakeOver(takeOver);
    banners.setOpenElsewhere(true);
    const box = root.querySelector<HTMLElement>(".elsewhere")!;
    expect(box.hidden).toBe(false);
    expect(document.activeElement?.textContent).toBe(t.useHere);
    (document.activeElement as HTMLButtonElement).click();
    expect(takeOver).toHaveBeenCalled();
    banners.setOpenElsewhere(false);
    expect(box.hidden).toBe(true);
  });
});
