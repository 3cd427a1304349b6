import type { WidgetStrings } from "../../lib/widget-i18n/catalogue";
import { el } from "./dom";

/** The lines above the messages: see {@link mountBanners}. */
export type Banners = ReturnType<typeof mountBanners>;

/**
 * What the visitor is told besides messages: the status line and the
 * conversation notice (waiting, queued, with whom: role="status"), the roster
 * guard's warning (why nothing is sent: role="alert") with one "Continue with …"
 * button per member to confirm in degraded mode, the standing "not verified"
 * note, and "open in another tab" with its take-over button.
 */
export function mountBanners(root: HTMLElement, t: WidgetStrings) {
  const status = el("p", { class: "status", role: "status" });
  const notice = el("p", { class: "notice", role: "status" });
  const warning = el("p", { class: "warning", role: "alert" });
  const confirmBox = el("div", { class: "confirm-members" });
  const unverified = el("p", { class: "warning unverified" });
  const elsewhere = el("div", { class: "elsewhere", hidden: "" });
  const takeOver = el("button", { type: "button" }, t.useHere);
  elsewhere.append(el("p", {}, t.openElsewhere), takeOver);
  let takeOverHandler: () => void = () => {};
  takeOver.addEventListener("click", () => takeOverHandler());

  return {
    elements: [status, notice, warning, confirmBox, unverified, elsewhere],
    setStatus(text: string, busy = false): void {
      status.textContent = text;
      root.setAttribute("aria-busy", String(busy));
    },
    setNotice: (text: string): void => void (notice.textContent = text),
    setWarning(text: string | null): void {
      // Unchanged text is not written again: a screen reader would announce the alert again.
      if (warning.textContent !== (text ?? "")) warning.textContent = text ?? "";
    },
    setConfirm(userIds: string[], onConfirm: (userId: string) => void): void {
      const key = userIds.join("\n");
      if (confirmBox.dataset.key === key) return;
      confirmBox.dataset.key = key;
      confirmBox.replaceChildren(
        ...userIds.map((u) => {
          const b = el("button", { type: "button", class: "confirm" }, t.continueWith(u));
          b.addEventListener("click", () => onConfirm(u));
          return b;
        }),
      );
    },
    setUnverified: (on: boolean): void => void (unverified.textContent = on ? t.notVerified : ""),
    setOpenElsewhere(isElsewhere: boolean): void {
      elsewhere.hidden = !isElsewhere;
      if (isElsewhere) takeOver.focus();
    },
    onTakeOver: (h: () => void): void => void (takeOverHandler = h),
  };
}
