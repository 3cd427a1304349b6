import { MatrixEventEvent, RoomEvent, type MatrixClient } from "matrix-js-sdk";
import { sendEncryptedText } from "../../lib/matrix/send-encrypted-text";
import { startEncryptedClient } from "../../lib/matrix/start-encrypted-client";
import { timelineMessages } from "../../lib/matrix/timeline-messages";
import { parseWidgetMessage, type WidgetMessage } from "../../lib/widget-protocol/messages";
import { mountChatView } from "./chat-view";
import { createConversation, followAssignment } from "./conversation";
import { loadVisitor, provisionVisitor, saveVisitor, type StoredVisitor } from "./visitor-session";

const WASM_URL = "/widget/crypto.wasm";

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
    wasmUrl: WASM_URL,
    cryptoDatabasePrefix: `sealdesk-visitor-${siteId}`,
    onProgress: (step) => view.setStatus(`${step}…`, true),
  });
  view.setStatus("");
  view.setNotice(visitor.roomId ? "" : "Ask us anything. Messages are end-to-end encrypted.");

  const agentNames = new Map<string, string>();
  const render = (): void => {
    const room = visitor.roomId ? client.getRoom(visitor.roomId) : null;
    if (!room) return;
    view.renderMessages(timelineMessages(room), client.getSafeUserId(), (id) => room.getMember(id)?.name ?? agentNames.get(id) ?? "Support");
  };
  for (const ev of [RoomEvent.Timeline, RoomEvent.LocalEchoUpdated, MatrixEventEvent.Decrypted] as const) client.on(ev as RoomEvent.Timeline, render);

  const follow = (roomId: string): void => {
    view.setNotice("Waiting for an agent…");
    followAssignment(client, roomId, (agent) => {
      agentNames.set(agent.userId, agent.displayName);
      view.setNotice(`You're chatting with ${agent.displayName}.`);
    });
    render();
  };
  if (visitor.roomId) follow(visitor.roomId);

  let creating: Promise<string> | null = null;
  view.onSend((text) => {
    void (async () => {
      try {
        if (!visitor.roomId) {
          creating ??= createConversation(client, visitor.routerUserId, { site_id: siteId, page_url: context.pageUrl || undefined, language: context.language });
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
