import type { MatrixClient } from "matrix-js-sdk";
import { historyOffer } from "../../lib/customers/passkey-backup";
import type { WidgetLanguage } from "../../lib/widget-i18n/catalogue";
import { historyStrings, type HistoryStrings } from "../../lib/widget-i18n/history-strings";
import { mountPastConversations } from "./past-conversations";
import { createPasskeyBackup, passkeyBackupOf, setPasskeyBackupAside, unlockPasskeyBackup, webauthnAvailable } from "./passkey-backup";
import type { StoredVisitor } from "./visitor-session";

// A lazy chunk (the frame's start budget): loaded once the client runs, or when a new device meets a backup.
// It imports nothing the start code shares with the rating chunk (not even dom.ts): a module shared
// by a third set of chunks would split the start's shared chunk in two, ~450 bytes more gzip.

/** An element with attributes and text (textContent: never parsed as HTML), as dom.ts's el. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string, ...children: Node[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  node.append(...children);
  return node;
}

/** Puts a section right under the header (where the customer notes go). */
function place(root: HTMLElement, node: HTMLElement): void {
  const header = root.querySelector(":scope > header");
  if (header) header.after(node);
  else root.prepend(node);
}

const reason = (err: unknown): string => (err instanceof Error && err.message ? err.message : String(err));

/**
 * After the start: an anonymous visitor is told that history stays in this browser;
 * a known customer on the browser holding their identity is offered the passkey
 * backup (opt-in, one button); where the browser gives the frame no storage
 * (`pageOnly`), everyone is told the chat lasts while the page is open. Nothing
 * when there is nothing to say.
 */
export async function mountHistoryChoice(
  root: HTMLElement,
  client: MatrixClient,
  visitor: StoredVisitor,
  lang: WidgetLanguage,
  pageOnly = false,
): Promise<void> {
  const s = historyStrings(lang);
  const customer = Boolean(visitor.customer);
  const backup = customer ? await passkeyBackupOf(client) : null;
  const identityHere = Boolean(customer && (await client.getCrypto()?.isCrossSigningReady()));
  const offer = historyOffer({ customer, identityHere, backup, webauthn: webauthnAvailable(), pageOnly });
  place(root, mountPastConversations(client, s, lang, el));
  if (offer === "this-browser-only") place(root, el("p", { class: "history-note", "data-testid": "history-note" }, s.thisBrowserOnly));
  if (offer === "this-page-only") announcePageOnly(root, s.thisPageOnly);
  if (offer !== "offer-backup") return;
  const name = visitor.customer?.email ?? visitor.customer?.name ?? "Sealdesk chat";
  place(root, backupOffer(client, name, s));
}

/** A standing note, announced: the live region goes in empty and gets its text after, so screen readers read it. */
function announcePageOnly(root: HTMLElement, text: string): void {
  const note = el("p", { role: "status", class: "history-note", "data-testid": "history-note" });
  place(root, note);
  setTimeout(() => (note.textContent = text), 100);
}

function backupOffer(client: MatrixClient, name: string, s: HistoryStrings): HTMLElement {
  const button = el("button", { type: "button", class: "history-backup", "aria-describedby": "history-backup-hint" }, s.offerBackup);
  const status = el("p", { role: "status", class: "history-status" });
  const section = el(
    "section",
    { class: "history-offer", "aria-label": s.offerBackup },
    undefined,
    button,
    el("p", { id: "history-backup-hint", class: "hint" }, s.offerBackupHint),
    status,
  );
  button.addEventListener("click", () => {
    button.disabled = true;
    status.textContent = s.backingUp;
    createPasskeyBackup(client, name).then(
      () => {
        button.remove();
        section.querySelector(".hint")?.remove();
        status.textContent = s.backedUp;
      },
      (err: unknown) => {
        console.warn("Sealdesk: the passkey backup failed", err);
        button.disabled = false;
        status.textContent = "";
        status.setAttribute("role", "alert");
        status.textContent = s.backupFailed(reason(err));
      },
    );
  });
  return section;
}

/**
 * On a new browser of a known customer whose account has a passkey backup: asks
 * before anything replaces the identity. Resolves true once unlocked (this device
 * signed by the same identity, the key backup restored), false when the visitor
 * continues without (the backup set aside: the caller then makes a new identity, as
 * without a backup),
 * or when there is no backup to unlock.
 */
export async function askToUnlock(root: HTMLElement, client: MatrixClient, lang: WidgetLanguage): Promise<boolean> {
  const backup = await passkeyBackupOf(client);
  if (!backup) return false;
  // No passkey here (no WebAuthn): the caller makes a new identity, which the backup could not hold.
  if (historyOffer({ customer: true, identityHere: false, backup, webauthn: webauthnAvailable() }) !== "unlock")
    return setPasskeyBackupAside(client).then(() => false);
  const s = historyStrings(lang);
  const unlock = el("button", { type: "button" }, s.unlock);
  const fresh = el("button", { type: "button", class: "secondary" }, s.startFresh);
  const status = el("p", { role: "status", class: "history-status" });
  const section = el(
    "section",
    { class: "history-unlock", role: "group", "aria-label": s.unlockPrompt },
    undefined,
    el("p", {}, s.unlockPrompt),
    unlock,
    fresh,
    status,
  );
  place(root, section);
  unlock.focus();
  // Either choice failed: both buttons back, and why, announced.
  const failed = (what: string, message: string, err: unknown): void => {
    console.warn(`Sealdesk: ${what}`, err);
    unlock.disabled = fresh.disabled = false;
    status.setAttribute("role", "alert");
    status.textContent = message;
  };
  return new Promise<boolean>((resolve) => {
    fresh.addEventListener("click", () => {
      unlock.disabled = fresh.disabled = true;
      setPasskeyBackupAside(client).then(
        () => {
          section.remove();
          resolve(false);
        },
        (err: unknown) => failed("the passkey backup could not be set aside", s.startFreshFailed(reason(err)), err),
      );
    });
    unlock.addEventListener("click", () => {
      unlock.disabled = fresh.disabled = true;
      status.setAttribute("role", "status");
      status.textContent = s.unlocking;
      unlockPasskeyBackup(client, backup).then(
        () => {
          section.replaceChildren(el("p", { role: "status", class: "history-status" }, s.unlocked));
          resolve(true);
        },
        (err: unknown) => failed("the passkey did not unlock the history", s.unlockFailed(reason(err)), err),
      );
    });
  });
}
