import { ClientEvent, RoomEvent, RoomMemberEvent, SyncState, MatrixEventEvent, type MatrixClient } from "matrix-js-sdk";
import type { RoutingContent } from "../../lib/conversation/event-types";
import { downloadEncryptedAttachment } from "../../lib/matrix/encrypted-attachment";
import { followRouting } from "../../lib/matrix/follow-routing";
import { loadWholeHistory } from "../../lib/matrix/load-whole-history";
import { timelineMessages } from "../../lib/matrix/timeline-messages";
import { pickWidgetLanguage, WIDGET_CATALOGUE, type WidgetStrings } from "../../lib/widget-i18n/catalogue";
import type { WidgetMessage } from "../../lib/widget-protocol/messages";
import { roomMembershipEvents } from "../../lib/matrix/room-membership";
import { membershipNotices, type MembershipNotice } from "../../lib/roster/membership-notice";
import { loadAvatar } from "./avatar";
import { mountChatView, type ViewMessage } from "./chat-view";
import { endConversation } from "./conversation";
import { createRosterGuard, type RosterGuard } from "./roster-guard";
import { wireComposer } from "./early-composer";
import { createVisitorOutbox, readersOf } from "./visitor-outbox";
import { loadCryptoWasm } from "../../lib/matrix/start-encrypted-client";
import { readFrameConfig } from "./site-config";
import { startVisitor } from "./start-visitor";
import { holdTabLock, TAKEOVER } from "./tab-hand-over";
import { handshake, hostOrigin } from "./host-handshake";
import { resumableVisitor, saveVisitor, type StoredVisitor } from "./visitor-session";

async function main(): Promise<void> {
  const root = document.getElementById("app")!;
  const site = readFrameConfig(root);
  // Compile the crypto WebAssembly while the visitor's account is being provisioned.
  loadCryptoWasm(site.wasmUrl).catch(() => {}); // startEncryptedClient reports a failure
  const params = new URLSearchParams(location.search);
  const siteId = params.get("site") ?? "";
  const host = hostOrigin();
  if (!host || window.parent === window) {
    mountChatView(root, WIDGET_CATALOGUE[pickWidgetLanguage([params.get("lang"), navigator.language])]).setStatus(WIDGET_CATALOGUE.en.notEmbedded);
    return;
  }
  const toHost = (m: WidgetMessage): void => window.parent.postMessage(m, host);
  const context = (await handshake(host, toHost)) ?? { pageUrl: "", language: "" };
  // The embed's data-lang, then the page's language, then the site's default, then the browser's.
  const lang = pickWidgetLanguage([params.get("lang"), context.language, root.dataset.language, navigator.language]);
  // The site's own greeting (operators set it) replaces the catalogue's welcome text.
  const t = site.greeting ? { ...WIDGET_CATALOGUE[lang], welcome: site.greeting } : WIDGET_CATALOGUE[lang];
  document.documentElement.lang = lang;
  const view = mountChatView(root, t);
  view.onClose(() => toHost({ type: "sealdesk:close" }));
  view.setStatus(t.loading, true);

  const lock = await holdTabLock(`sealdesk:chat:${siteId}`, view);
  const resuming = await resumableVisitor(siteId);
  const progressText: Record<string, string> = { "Loading encryption": t.loadingEncryption, "Creating your encryption identity": t.creatingIdentity, Connecting: t.connecting };
  let composerOpen = false;
  let statusText = t.loading;
  // Once the composer is open the page is usable: progress text stays, but not aria-busy.
  const starting = startVisitor(siteId, host, site.wasmUrl, (step) => view.setStatus((statusText = `${progressText[step] ?? step}…`), !composerOpen));
  // data-org-key of the embed snippet (passed by the loader): the roster must be signed by it.
  let guardRef: RosterGuard | null = null;
  const ready = starting.then((s) => {
    const guard = createRosterGuard({
      client: s.client, orgKeyParam: params.get("org_key"), routerUserId: s.visitor.routerUserId, t,
      onWarning: (w) => view.setWarning(w),
      onConfirmNeeded: (users) => view.setConfirm(users, (u) => guardRef?.confirm(u)),
      onHoldingChange: () => hooks.render(),
    });
    guardRef = guard;
    return { client: s.client, guard };
  });
  ready.catch(() => {}); // main() reports a failed start
  let visitor: StoredVisitor | null = null;
  // runChat takes these over once the client runs; until then only the outbox's pending messages show.
  const hooks = { render: (): void => {}, follow: (_roomId: string): void => {} };
  const chatContext = { ...context, language: lang };
  const outbox = createVisitorOutbox({ ready, resumingUserId: resuming?.userId ?? null, t, siteId, context: chatContext, getVisitor: () => visitor, setVisitor: (v) => { visitor = v; saveVisitor(siteId, v); }, onChange: () => hooks.render(), follow: (roomId) => hooks.follow(roomId) });
  hooks.render = () => view.renderMessages(outbox.pendingViews(new Set(), new Set()));
  const composer = wireComposer({ view, outbox, t, prechat: params.get("prechat") === "1" || site.prechat });
  view.setNotice(resuming?.roomId ? "" : t.welcome);
  hooks.render();
  void composer.open(Boolean(resuming?.roomId)).then(() => {
    composerOpen = true;
    if (!visitor) view.setStatus(statusText, false);
  });
  // Another tab takes the chat over: stop first (even mid-start) and let the store settle, so only one client uses it.
  lock.beforeRelease(async () => {
    outbox.stop();
    (await starting.catch(() => null))?.client.stopClient();
    await new Promise((r) => setTimeout(r, 500));
  });
  const started = await starting;
  performance.mark("sealdesk:client-ready"); // read by bench/widget-budget.ts
  const client = started.client;
  visitor = started.visitor;
  void lock.lost.then(() => {
    outbox.stop();
    client.stopClient();
    view.setTyping(null);
    view.setOpenElsewhere(true);
    view.onTakeOver(() => {
      sessionStorage.setItem(TAKEOVER, "1");
      location.reload();
    });
  });
  view.setStatus("");
  if (!visitor.roomId) view.setNotice(t.welcome);
  const { guard } = await ready;
  view.setUnverified(!guard.verified);
  // The next conversation's room, made while the visitor reads and types: the first message then only invites.
  outbox.prepare();
  runChat({ client, view, t, guard, siteId, setVisitor: (v) => { visitor = v; saveVisitor(siteId, v); }, getVisitor: () => visitor!, toHost, outbox, hooks, composer });
}

type ChatDeps = {
  client: MatrixClient;
  view: ReturnType<typeof mountChatView>;
  t: WidgetStrings;
  guard: RosterGuard;
  siteId: string;
  getVisitor(): StoredVisitor;
  setVisitor(v: StoredVisitor): void;
  toHost(m: WidgetMessage): void;
  outbox: ReturnType<typeof createVisitorOutbox>;
  hooks: { render(): void; follow(roomId: string): void };
  composer: ReturnType<typeof wireComposer>;
};

function runChat(d: ChatDeps): void {
  const { client, view, t } = d;
  const me = client.getSafeUserId();
  const agentNames = new Map<string, string>();
  let routing: RoutingContent | null = null;
  let unread = -1;

  const withMembershipNotices = (items: ViewMessage[], room: NonNullable<ReturnType<typeof roomOf>>): ViewMessage[] => {
    const who = (u: string): string => (u === me ? t.you : u);
    const text: Record<MembershipNotice["kind"], (n: MembershipNotice) => string> = {
      joined: (n) => t.memberJoined(who(n.userId)),
      invited: (n) => t.memberInvited(who(n.userId), who(n.by)),
      removed: (n) => t.memberRemoved(who(n.userId), who(n.by)),
      left: (n) => t.memberLeft(who(n.userId)),
    };
    const notices = membershipNotices(roomMembershipEvents(room)).map((n): ViewMessage => ({ id: n.id, sender: n.userId, senderName: "", mine: false, body: text[n.kind](n), timestamp: n.timestamp, state: "sent", encrypted: false, membership: true }));
    // Stable merge by time: pending messages (no server time yet) stay last.
    const sent = items.filter((m) => m.state !== "pending" && m.state !== "failed");
    const rest = items.filter((m) => m.state === "pending" || m.state === "failed");
    return [...[...sent, ...notices].sort((a, b) => a.timestamp - b.timestamp), ...rest];
  };

  const roomOf = () => (d.getVisitor().roomId ? client.getRoom(d.getVisitor().roomId!) : null);
  const nameOf = (userId: string): string => agentNames.get(userId) ?? roomOf()?.getMember(userId)?.name ?? t.support;

  // Re-checked on every render: the agent's membership (and avatar) arrives after the routing state.
  let agentShown: string | null = null;
  const showAgent = (): void => {
    const agentId = routing?.status === "closed" ? null : (routing?.agent_user_id ?? null);
    const mxc = agentId ? roomOf()?.getMember(agentId)?.getMxcAvatarUrl() : undefined;
    const name = agentId ? nameOf(agentId) : "";
    const key = agentId ? JSON.stringify([agentId, name, mxc]) : null;
    if (key === agentShown) return;
    agentShown = key;
    if (!agentId) return view.setAgent(null);
    view.setAgent({ name });
    if (mxc) void loadAvatar(client, mxc).then((avatarUrl) => agentShown === key && view.setAgent({ name, avatarUrl }), () => {});
  };

  const render = (): void => {
    const room = roomOf();
    const timeline = room ? timelineMessages(room) : [];
    const ids = new Set(timeline.map((m) => m.id));
    outbox.forget(ids);
    const readers = room ? room.getJoinedMembers().map((m) => m.userId).filter((u) => u !== me && u !== d.getVisitor().routerUserId) : [];
    let seenUpTo = -1;
    timeline.forEach((m, i) => {
      if (room && m.sender === me && m.state === "sent" && readers.some((u) => room.hasUserReadEvent(u, m.id))) seenUpTo = i;
    });
    const items: ViewMessage[] = timeline.map((m, i) => ({
      ...m,
      mine: m.sender === me,
      senderName: nameOf(m.sender),
      state: m.sender === me && m.state === "sent" && i <= seenUpTo ? "seen" : m.state,
    }));
    // Our own events carry the txn id they were sent under: a kept message the server already has shows once.
    const txnIds = new Set(room?.getLiveTimeline().getEvents().map((e) => e.getUnsigned().transaction_id ?? "") ?? []);
    items.push(...outbox.pendingViews(ids, txnIds));
    // Degraded mode (no organisation key): every membership change shows in the timeline, where it happened.
    view.renderMessages(room && !d.guard.verified ? withMembershipNotices(items, room) : items);
    showAgent();
    updateUnread(room, timeline);
  };

  // Unread: agent messages after the visitor's read receipt; read while the frame has focus.
  // A hidden unverified message (possibly forged by the server) never counts.
  const updateUnread = (room: ReturnType<typeof roomOf>, timeline: ReturnType<typeof timelineMessages>): void => {
    if (!room) return;
    const last = room.getLiveTimeline().getEvents().at(-1);
    if (document.hasFocus() && last?.getId() && !room.hasUserReadEvent(me, last.getId()!)) void client.sendReadReceipt(last).catch(() => {});
    const upTo = room.getEventReadUpTo(me);
    const index = upTo ? timeline.findIndex((m) => m.id === upTo) : -1;
    const count = document.hasFocus() ? 0 : timeline.slice(index + 1).filter((m) => m.sender !== me && m.state !== "unverified").length;
    if (count !== unread) d.toHost({ type: "sealdesk:unread", count: (unread = count) });
  };
  window.addEventListener("focus", render);

  const outbox = d.outbox;
  d.hooks.render = render;
  client.on(RoomEvent.Timeline, render);
  client.on(RoomEvent.Receipt, render);
  client.on(RoomEvent.LocalEchoUpdated, render);
  client.on(MatrixEventEvent.Decrypted, render);
  client.on(ClientEvent.Sync, (state: SyncState) => {
    if (state === SyncState.Syncing) outbox.nudge();
  });
  window.addEventListener("online", () => outbox.nudge());

  client.on(RoomMemberEvent.Typing, (_ev, member) => {
    if (member.roomId !== d.getVisitor().roomId) return;
    const typing = roomOf()?.getMembers().filter((m) => m.typing && m.userId !== me) ?? [];
    view.setTyping(typing.length ? nameOf(typing[0].userId) : null);
  });
  let typingSince = 0;
  view.onTyping((typing) => {
    const roomId = d.getVisitor().roomId;
    if (!roomId) return;
    if (typing && Date.now() - typingSince < 3_000) return;
    if (!typing && !typingSince) return;
    typingSince = typing ? Date.now() : 0;
    void client.sendTyping(roomId, typing, 5_000).catch(() => {});
  });

  let unfollow: (() => void) | null = null;
  const follow = (roomId: string): void => {
    view.setConversationState("open");
    view.setNotice(t.waiting);
    unfollow?.();
    unfollow = followRouting(client, roomId, (r) => {
      d.guard.review(readersOf(client, roomId)); // a member added by the server is named at once, not only at the next send
      routing = r;
      if (r?.agent_user_id && r.agent_display_name) agentNames.set(r.agent_user_id, r.agent_display_name);
      view.setNotice(noticeFor(r, t));
      if (r?.status === "closed") view.setConversationState("closed");
      showAgent();
      render();
    }, { mayInvite: (reader) => d.guard.allows([reader]) });
    const room = client.getRoom(roomId);
    if (room) void loadWholeHistory(client, room).then(render, () => {});
    render();
  };
  d.hooks.follow = follow;
  if (d.getVisitor().roomId) follow(d.getVisitor().roomId!);

  view.setAttachmentLoader(async (m) => URL.createObjectURL(m.localFile ?? (await downloadEncryptedAttachment(client, m.attachment!))));
  view.onEnd(() => {
    const roomId = d.getVisitor().roomId;
    if (roomId) void endConversation(client, roomId).catch((e: Error) => view.showError(t.couldNotEnd(e.message)));
  });
  view.onRestart(() => {
    unfollow?.();
    routing = null;
    showAgent();
    d.setVisitor({ ...d.getVisitor(), roomId: undefined });
    outbox.newConversation();
    view.setConversationState("none");
    view.setNotice(t.welcome);
    void d.composer.open(false);
  });
  render();
}

function noticeFor(routing: RoutingContent | null, t: WidgetStrings): string {
  switch (routing?.status) {
    case undefined:
      return t.waiting;
    case "queued":
      return t.queued;
    case "assigned":
    case "active":
      return t.chattingWith(routing.agent_display_name ?? t.anAgent);
    case "closed":
      return routing.closed_reason === "visitor" ? t.youEnded : t.ended;
  }
}

main().catch((err: Error) => {
  const status = document.querySelector(".status") ?? document.getElementById("app");
  if (status) status.textContent = WIDGET_CATALOGUE.en.cannotStart(err.message);
});
