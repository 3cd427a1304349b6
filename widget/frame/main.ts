import { followRouting } from "../../lib/matrix/follow-routing";
import { isValidTimeZone } from "../../lib/conversation/visitor-time";
import { pickWidgetLanguage, type WidgetLanguage } from "../../lib/widget-i18n/languages";
import { loadFrameStrings } from "../../lib/widget-i18n/frame-strings";
import type { WidgetMessage } from "../../lib/widget-protocol/messages";
import { loadCryptoWasm } from "../../lib/matrix/start-encrypted-client";
import { bindChat } from "./chat-binding";
import { createChatSession } from "./chat-session";
import { mountChatView } from "./chat-view";
import { createConversationStarter } from "./conversation-start";
import { announceDeletion, bindDeletion } from "./delete-conversation";
import { createRosterGuard } from "./roster-guard";
import { prefetchRoster } from "./roster-checks";
import { wireComposer } from "./early-composer";
import { createVisitorOutbox } from "./visitor-outbox";
import { readFrameConfig } from "./site-config";
import { startVisitor } from "./start-visitor";
import { holdTabLock, TAKEOVER } from "./tab-hand-over";
import { unsharedLock } from "./tab-lock";
import { chooseStorage, storageIsPageOnly } from "./page-storage";
import { handshake, hostOrigin } from "./host-handshake";
import { resumableVisitor, saveVisitor } from "./visitor-session";
import { storedVisitorFate } from "./customer-choice";
import { introduceCustomer } from "./customer-intro";
import { showCustomerRefused } from "./customer-notice";
import { mountTeamStatus } from "./team-status";

/** The frame's setup before the chat: the host's handshake, the language and the mounted view (null when not embedded). */
async function openFrame() {
  const root = document.getElementById("app")!;
  const site = readFrameConfig(root);
  // Compile the crypto WebAssembly while the visitor's account is being provisioned.
  loadCryptoWasm(site.wasmUrl).catch(() => {}); // startEncryptedClient reports a failure
  const params = new URLSearchParams(location.search);
  // The roster check's first answer, asked for now rather than once the client runs.
  prefetchRoster(params.get("org_key") !== null);
  const host = hostOrigin();
  // Fetch the likely language's strings during the handshake (the page's language may still change it).
  const likely = pickWidgetLanguage([params.get("lang"), root.dataset.language, navigator.language]);
  loadFrameStrings(likely).catch(() => {}); // awaited below once the language is known
  if (!host || window.parent === window) {
    const { widget, deletion } = await loadFrameStrings(likely);
    mountChatView(root, widget, deletion).setStatus(widget.notEmbedded);
    return null;
  }
  const toHost = (m: WidgetMessage): void => window.parent.postMessage(m, host);
  const context = (await handshake(host, toHost)) ?? { pageUrl: "", language: "" };
  // The embed's data-lang, then the page's language, then the site's default, then the browser's.
  const lang = pickWidgetLanguage([params.get("lang"), context.language, root.dataset.language, navigator.language]);
  const strings = await loadFrameStrings(lang);
  // The site's own greeting (operators set it) replaces the catalogue's welcome text.
  const base = site.greeting ? { ...strings.widget, welcome: site.greeting } : strings.widget;
  // Outside the team's hours the queue notice says the answer comes when they open.
  const t = site.status?.state === "closed" ? { ...base, queued: strings.status.queuedClosed } : base;
  document.documentElement.lang = lang;
  const view = mountChatView(root, t, strings.deletion);
  const teamStatus = mountTeamStatus(root.querySelector("header")!, site.status, strings.status, lang);
  view.onClose(() => toHost({ type: "sealdesk:close" }));
  view.setStatus(t.loading, true);
  return { site, params, siteId: params.get("site") ?? "", host, toHost, context, lang, strings, t, view, teamStatus };
}

type FrameView = ReturnType<typeof mountChatView>;

/** The started client with its roster guard; data-org-key of the embed snippet (passed by the loader): the roster must be signed by it. */
function guardedClient(
  starting: ReturnType<typeof startVisitor>,
  d: { orgKey: string | null; t: Parameters<typeof createRosterGuard>[0]["t"]; view: FrameView; holdingChanged: () => void },
) {
  return starting.then((s) => {
    const guard = createRosterGuard({
      client: s.client,
      orgKeyParam: d.orgKey,
      routerUserId: s.visitor.routerUserId,
      t: d.t,
      onWarning: (w) => d.view.setWarning(w),
      onConfirmNeeded: (users) => d.view.setConfirm(users, (u) => guard.confirm(u)),
      onHoldingChange: d.holdingChanged,
    });
    return { client: s.client, guard };
  });
}

/** Another tab took the chat over: this one says so and offers to take it back (a reload that takes the lock). */
function offerTakeBack(view: FrameView): void {
  view.setTyping(null);
  view.setOpenElsewhere(true);
  view.onTakeOver(() => {
    sessionStorage.setItem(TAKEOVER, "1");
    location.reload();
  });
}

type LaterParts = Parameters<typeof import("./rating-and-transcript").bindRatingAndTranscript>[0] & {
  root: HTMLElement;
  visitor: Parameters<typeof import("./history-choice").mountHistoryChoice>[2];
};

/** The parts the chat needs once it runs, each a chunk of its own loaded now (the frame's first bytes stay within budget). */
function loadLaterParts(d: LaterParts, history: () => Promise<typeof import("./history-choice")>): void {
  // Where the history is kept (anonymous: this browser), or the customer's passkey backup offer.
  history()
    .then((m) => m.mountHistoryChoice(d.root, d.client, d.visitor, d.lang, storageIsPageOnly()))
    .catch(console.error);
  // Needed at the close only.
  import("./rating-and-transcript").then((m) => m.bindRatingAndTranscript(d)).catch((err: Error) => console.error("Sealdesk: the rating could not load", err));
}

/** The start's progress steps in the visitor's language. */
function progressWords(t: { loadingEncryption: string; creatingIdentity: string; connecting: string }): Record<string, string> {
  return { "Loading encryption": t.loadingEncryption, "Creating your encryption identity": t.creatingIdentity, Connecting: t.connecting };
}

/** The reply emails' ping (a chunk of its own): the app knows a widget of this visitor is open. */
function loadReplyEmails(accessToken: string, pingMs: number, pageUrl: string, lang: WidgetLanguage): void {
  import("./reply-emails")
    .then((m) => m.startReplyEmails(accessToken, pingMs, pageUrl, lang))
    .catch((err: Error) => console.error("Sealdesk: reply emails could not load", err));
}

// Only wiring: the session holds the state, the view parts show it, bindChat connects them once the client runs.
async function main(): Promise<void> {
  const frame = await openFrame();
  if (!frame) return;
  const { site, params, siteId, host, toHost, context, lang, strings, t, view, teamStatus } = frame;
  await chooseStorage();
  // Without storage each tab has its own visitor in memory: no store to share, nothing to hand over.
  const lock = storageIsPageOnly() ? unsharedLock() : await holdTabLock(`sealdesk:chat:${siteId}`, view);
  // The visitor this page resumes: not a stored customer the page's token (or its absence) replaces.
  const stored = await resumableVisitor(siteId);
  const resuming = storedVisitorFate(stored, context.userToken) === "resume" ? stored : null;
  const progressText = progressWords(t);
  let composerOpen = false;
  let statusText = t.loading;
  // Once the composer is open the page is usable: progress text stays, but not aria-busy.
  const root = document.getElementById("app")!;
  const history = () => import("./history-choice");
  const conversationContext = () => ({ site_id: siteId, page_url: context.pageUrl || undefined, language: lang, ...localTimeZone() });
  const starter = createConversationStarter({ visitor: () => session.visitor()!, context: conversationContext });
  const onProgress = (step: string): void => {
    performance.mark(`sealdesk:step:${step}`); // read by bench/widget-budget.ts (the cold open's timeline)
    view.setStatus((statusText = `${progressText[step] ?? step}…`), !composerOpen);
  };
  const starting = startVisitor(siteId, host, site.wasmUrl, onProgress, {
    token: context.userToken,
    onNewVisitor: (v) => starter.prepareEarly(v),
    onRefused: (err) => showCustomerRefused(root, strings.customer, err),
    // A customer's new device: their passkey backup, if any, before any new identity (a chunk of its own).
    unlock: (client) => history().then((m) => m.askToUnlock(root, client, lang)),
  });
  const ready = guardedClient(starting, { orgKey: params.get("org_key"), t, view, holdingChanged: () => session.holdingChanged() });
  ready.catch(() => {}); // main() reports a failed start
  const session = createChatSession({
    ready,
    save: (v) => saveVisitor(siteId, v),
    starter,
    outbox: (hooks) => createVisitorOutbox({ ...hooks, ready, resumingUserId: resuming?.userId ?? null, t, siteId }),
    follow: followRouting,
    // A verified customer's name and email, encrypted, as pre-chat answers are (none: nothing to say).
    introduce: async (client, guard, roomId) => {
      const c = session.visitor()?.customer;
      if (c && (c.name || c.email)) await introduceCustomer(client, guard, roomId, c, t);
    },
  });
  session.on(() => teamStatus.follow(session.routing()?.status));
  // Until the client runs only the outbox's pending messages show; bindChat then shows the room.
  const stopEarlyRender = session.on(() => view.renderMessages(session.outbox.pendingViews(new Set(), new Set())));
  const composer = wireComposer({ view, outbox: session.outbox, t, prechat: (params.get("prechat") === "1" || site.prechat) && !context.userToken });
  view.setNotice(resuming?.roomId ? "" : t.welcome);
  view.renderMessages(session.outbox.pendingViews(new Set(), new Set()));
  void composer.open(Boolean(resuming?.roomId)).then(() => {
    composerOpen = true;
    if (!session.visitor()) view.setStatus(statusText, false);
  });
  // Another tab takes the chat over: stop first (even mid-start) and let the store settle, so only one client uses it.
  lock.beforeRelease(async () => {
    session.stop();
    (await starting.catch(() => null))?.client.stopClient();
    await new Promise((r) => setTimeout(r, 500));
  });
  const { client, visitor } = await starting;
  performance.mark("sealdesk:client-ready"); // read by bench/widget-budget.ts
  session.started(visitor);
  if (site.replyEmailPingMs) loadReplyEmails(visitor.accessToken, site.replyEmailPingMs, context.pageUrl, lang);
  void lock.lost.then(() => {
    session.stop();
    client.stopClient();
    offerTakeBack(view);
  });
  view.setStatus("");
  announceDeletion(view, strings.deletion);
  if (!visitor.roomId) view.setNotice(t.welcome);
  const { guard } = await ready;
  view.setUnverified(!guard.verified);
  stopEarlyRender();
  bindChat({ client, view, t, guard, session, toHost, openComposer: (has) => void composer.open(has) });
  bindDeletion({ client, view, session, siteId, strings: strings.deletion });
  loadLaterParts({ root, client, visitor, guard, session, lang, t, siteName: site.name }, history);
  // Follows the open conversation, or prepares the next one's room while the visitor reads and types.
  session.open();
}

/** The visitor's IANA time zone, so the agent sees their local time; omitted when unknown. */
function localTimeZone(): { time_zone?: string } {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return tz && isValidTimeZone(tz) ? { time_zone: tz } : {};
}

main().catch((err: Error) => {
  const status = document.querySelector(".status") ?? document.getElementById("app");
  // In English: the failure may have come before the language was known.
  if (status)
    void loadFrameStrings("en")
      .then((s) => s.widget.cannotStart(err.message))
      .catch(() => err.message)
      .then((text) => (status.textContent = text));
});
