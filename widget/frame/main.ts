import { MatrixEventEvent, RoomEvent, type MatrixClient } from "matrix-js-sdk";
import type { RoutingContent } from "../../lib/conversation/event-types";
import { followRouting } from "../../lib/matrix/follow-routing";
import { loadWholeHistory } from "../../lib/matrix/load-whole-history";
import { sendEncryptedText } from "../../lib/matrix/send-encrypted-text";
import { loadCryptoWasm, startEncryptedClient } from "../../lib/matrix/start-encrypted-client";
import { timelineMessages } from "../../lib/matrix/timeline-messages";
import { parseWidgetMessage, type WidgetMessage } from "../../lib/widget-protocol/messages";
import { mountChatView } from "./chat-view";
import { requestRoutingTicket } from "../../lib/widget-protocol/start-conversation";
import { createConversation, endConversation } from "./conversation";
import { readFrameConfig } from "./site-config";
import { loadVisitor, provisionVisitor, saveVisitor, type StoredVisitor } from "./visitor-session";

/** The embedding page's origin: exact target for postMessage and the only accepted sender. */
function hostOrigin(): string | null {
  const ancestor = window.location.ancestorOrigins?.[0];
  if (ancestor) return ancestor;
  try {
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const root = document.getElementById("app")!;
  const site = readFrameConfig(root);
  // Compile the crypto WebAssembly while the visitor's account is being provisioned.
  loadCryptoWasm(site.wasmUrl).catch(() => {}); // startEncryptedClient reports a failure
  const greeting = site.greeting || "Ask us anything. Messages are end-to-end encrypted.";
  const view = mountChatView(root);
  const siteId = new URLSearchParams(location.search).get("site") ?? "";
  const host = hostOrigin();
  if (!host || window.parent === window) {
    view.setStatus("This chat only works inside the website that embeds it.");
    return;
  }
  const toHost = (m: WidgetMessage): void => window.parent.postMessage(m, host);
  let context = { pageUrl: "", language: "en" };
  window.addEventListener("message", (event) => {
    if (event.origin !== host || event.source !== window.parent) return;
    const m = parseWidgetMessage(event.data);
    if (m?.type === "sealdesk:context") context = { pageUrl: m.pageUrl, language: m.language };
  });
  view.onClose(() => toHost({ type: "sealdesk:close" }));
  toHost({ type: "sealdesk:ready" });

  view.setStatus("Connecting…", true);
  let visitor: StoredVisitor = loadVisitor(siteId) ?? (await provisionVisitor(siteId, host));
  saveVisitor(siteId, visitor);
  const client = await startEncryptedClient({
    baseUrl: visitor.homeserverUrl,
    userId: visitor.userId,
    deviceId: visitor.deviceId,
    accessToken: visitor.accessToken,
    wasmUrl: site.wasmUrl,
    cryptoDatabasePrefix: `sealdesk-visitor-${siteId}`,
    onProgress: (step) => view.setStatus(`${step}…`, true),
  });
  view.setStatus("");
  view.setNotice(visitor.roomId ? "" : greeting);

  const agentNames = new Map<string, string>();
  const render = (): void => {
    const room = visitor.roomId ? client.getRoom(visitor.roomId) : null;
    if (!room) return;
    view.renderMessages(timelineMessages(room), client.getSafeUserId(), (id) => agentNames.get(id) ?? room.getMember(id)?.name ?? "Support");
  };
  client.on(RoomEvent.Timeline, render);
  client.on(RoomEvent.LocalEchoUpdated, render);
  client.on(MatrixEventEvent.Decrypted, render);

  let unfollow: (() => void) | null = null;
  const follow = (roomId: string): void => {
    view.setConversationState("open");
    view.setNotice("Waiting for an agent…");
    unfollow = followRouting(client, roomId, (routing) => {
      if (routing?.agent_user_id && routing.agent_display_name) agentNames.set(routing.agent_user_id, routing.agent_display_name);
      view.setNotice(noticeFor(routing));
      if (routing?.status === "closed") view.setConversationState("closed");
      render();
    });
    const room = client.getRoom(roomId);
    if (room) void loadWholeHistory(client, room).then(render, () => {});
    render();
  };
  if (visitor.roomId) follow(visitor.roomId);

  view.onEnd(() => {
    if (visitor.roomId) void endConversation(client, visitor.roomId).catch((e: Error) => view.showError(`Could not end the chat: ${e.message}`));
  });
  view.onRestart(() => {
    unfollow?.();
    visitor = { ...visitor, roomId: undefined };
    saveVisitor(siteId, visitor);
    creating = null;
    view.setConversationState("none");
    view.setNotice(greeting);
    view.enableComposer();
  });

  let creating: Promise<string> | null = null;
  view.onSend((text) => {
    void (async () => {
      try {
        if (!visitor.roomId) {
          creating ??= requestRoutingTicket(location.origin, visitor.accessToken).then((ticket) =>
            createConversation(client, visitor.routerUserId, { site_id: siteId, page_url: context.pageUrl || undefined, language: context.language }, ticket),
          );
          const roomId = await creating;
          visitor = { ...visitor, roomId };
          saveVisitor(siteId, visitor);
          await waitForRoom(client, roomId);
          follow(roomId);
        }
        await sendEncryptedText(client, visitor.roomId!, text);
      } catch (err) {
        view.showError(`Your message was not sent: ${(err as Error).message}`);
      }
    })();
  });
  view.enableComposer();
}

function noticeFor(routing: RoutingContent | null): string {
  switch (routing?.status) {
    case undefined:
      return "Waiting for an agent…";
    case "queued":
      return "All our agents are busy. You are in the queue: we will answer here, even if you leave and come back later.";
    case "assigned":
    case "active":
      return `You're chatting with ${routing.agent_display_name ?? "an agent"}.`;
    case "closed":
      return routing.closed_reason === "visitor" ? "You ended this conversation." : "This conversation has ended.";
  }
}

function waitForRoom(client: MatrixClient, roomId: string): Promise<void> {
  if (client.getRoom(roomId)) return Promise.resolve();
  return new Promise((resolve) => {
    const onRoom = (): void => {
      if (!client.getRoom(roomId)) return;
      client.off(RoomEvent.Timeline, onRoom);
      resolve();
    };
    client.on(RoomEvent.Timeline, onRoom);
  });
}

main().catch((err: Error) => {
  const status = document.querySelector(".status") ?? document.getElementById("app");
  if (status) status.textContent = `The chat could not start: ${err.message}`;
});
