// A visitor driven from Node instead of a browser, for routing tests that need
// many conversations: provisioned through our API exactly like the widget,
// with real Rust crypto, and the widget's own conversation code.
import { withoutMatrixRTC } from "../../lib/matrix/without-matrix-rtc";
import { quietSdkRootLogger } from "./quiet-sdk-logger";
import { ClientEvent, createClient, type ICreateClientOpts, type MatrixClient } from "matrix-js-sdk";
import { OnlySignedDevicesIsolationMode } from "matrix-js-sdk/lib/crypto-api/index.js";
import { followRouting } from "@/lib/matrix/follow-routing";
import { sendEncryptedText } from "@/lib/matrix/send-encrypted-text";
import { requestVisitorSession } from "@/lib/widget-protocol/request-visitor-session";
import { requestRoutingTicket } from "@/lib/widget-protocol/start-conversation";
import { endConversation, inviteTicketReaders, prepareConversation } from "@/widget/frame/conversation";

quietSdkRootLogger();

export type NodeVisitor = {
  userId: string;
  client: MatrixClient;
  /**
   * Starts an encrypted conversation as the widget does for a visitor who writes
   * at once: prepares the room, then starts it ({@link startPrepared}). Follows its routing.
   */
  startConversation(siteId: string): Promise<string>;
  /** Prepares the next conversation's room, as the widget does when the chat opens (only the router invited). */
  prepare(siteId: string): Promise<string>;
  /**
   * Starts a prepared room as the widget does on the first message: a ticket bound
   * to it, then the readers' invites (agent first). Times the ticket and the
   * agent's invite (from the start), and follows the room's routing.
   */
  startPrepared(roomId: string): Promise<{ ticketMs: number; agentInvitedMs: number; agent: string | null }>;
  send(roomId: string, text: string): Promise<void>;
  end(roomId: string): Promise<void>;
  /** Resolves once a decrypted message containing `text` is in the room. */
  waitForMessage(roomId: string, text: string, timeoutMs?: number): Promise<{ sender: string; encrypted: boolean }>;
  /** The visitor leaves (closes the tab): no client of theirs runs any more. */
  stop(): void;
};

const debug = process.env.DEBUG_VISITOR ? (...m: unknown[]) => console.log("[visitor]", ...m) : () => {};
const quiet: NonNullable<ICreateClientOpts["logger"]> = {
  trace() {},
  debug,
  info: debug,
  warn: debug,
  error: (...m: unknown[]) => console.error("[visitor]", ...m),
  getChild: () => quiet,
};

export async function startNodeVisitor(opts: { appUrl: string; siteId: string; hostOrigin: string; withCrypto?: boolean }): Promise<NodeVisitor> {
  // Exactly what the iframe does, proof of work included; the browser would send this Origin.
  const s = await requestVisitorSession({ appUrl: opts.appUrl, siteId: opts.siteId, hostOrigin: opts.hostOrigin, headers: { origin: opts.appUrl } });
  const client = createClient({ baseUrl: s.homeserverUrl, userId: s.userId, deviceId: s.deviceId, accessToken: s.accessToken, logger: quiet });
  withoutMatrixRTC(client); // no calls; and its per-room log lines
  if (opts.withCrypto !== false) {
    await client.initRustCrypto({ useIndexedDB: false });
    client.getCrypto()!.setDeviceIsolationMode(new OnlySignedDevicesIsolationMode());
    await client.getCrypto()!.bootstrapCrossSigning({ authUploadDeviceSigningKeys: async (makeRequest) => void (await makeRequest(null)) });
  }
  const synced = new Promise<void>((resolve) => client.once(ClientEvent.Sync, () => resolve()));
  await client.startClient({ initialSyncLimit: 10 });
  await synced;
  const unfollow: (() => void)[] = [];
  async function startPrepared(roomId: string): Promise<{ ticketMs: number; agentInvitedMs: number; agent: string | null }> {
    const t0 = performance.now();
    const ticket = await requestRoutingTicket(opts.appUrl, s.accessToken, roomId);
    if (!ticket) throw new Error("the app refused a routing ticket for the prepared room");
    const ticketMs = performance.now() - t0;
    let agentInvitedMs = -1;
    const agent = ticket.readers[0] ?? null;
    // Time the first reader's invite (the agent when one was assigned) on its own, as the widget sends it first.
    await inviteTicketReaders(client, roomId, s.routerUserId, ticket, () => (agentInvitedMs = performance.now() - t0));
    unfollow.push(followRouting(client, roomId, () => {}));
    return { ticketMs, agentInvitedMs, agent };
  }
  return {
    userId: s.userId,
    client,
    prepare: (siteId) => prepareConversation(client, s.routerUserId, { site_id: siteId, language: "en" }),
    startPrepared,
    async startConversation(siteId) {
      const roomId = await prepareConversation(client, s.routerUserId, { site_id: siteId, language: "en" });
      await startPrepared(roomId);
      return roomId;
    },
    send: (roomId, text) => sendEncryptedText(client, roomId, text),
    end: (roomId) => endConversation(client, roomId),
    async waitForMessage(roomId, text, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (const ev of client.getRoom(roomId)?.getLiveTimeline().getEvents() ?? []) {
          const body: unknown = ev.getType() === "m.room.message" ? ev.getContent().body : undefined;
          if (typeof body === "string" && body.includes(text)) return { sender: ev.getSender() ?? "", encrypted: ev.isEncrypted() };
        }
        if (Date.now() > deadline) throw new Error(`visitor saw no message containing ${JSON.stringify(text)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop() {
      unfollow.forEach((f) => f());
      client.stopClient();
    },
  };
}

/** Node visitors started by one spec (without crypto: routing and confinement tests), all stopped at its end. */
export function nodeVisitorPool(stack: () => { appUrl: string; demoUrl: string }) {
  const running: NodeVisitor[] = [];
  return {
    async start(siteId: string): Promise<NodeVisitor> {
      const v = await startNodeVisitor({ appUrl: stack().appUrl, siteId, hostOrigin: stack().demoUrl, withCrypto: false });
      running.push(v);
      return v;
    },
    stopAll(): void {
      for (const v of running.splice(0)) v.stop();
    },
  };
}
