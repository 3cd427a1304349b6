// A visitor as a light client through the widget's real flow: proof of work and a new
// account (POST /api/visitor/session), the conversation room prepared (the widget's own
// createRoom request, only the router invited), a routing ticket bound to it (POST
// /api/visitor/conversations), then the ticket's readers invited, the agent first (the
// widget's invites). Then it writes every 20-40 s until the run stops.
import { requestVisitorSession } from "../../lib/widget-protocol/request-visitor-session";
import { startConversationResponseSchema, type StartConversationResponse } from "../../lib/widget-protocol/start-conversation";
import { INVITE_TICKET_FIELD, type RoutingTicket } from "../../lib/conversation/event-types";
import { conversationRoomRequest } from "../../widget/frame/conversation";
import type { Assignments } from "./light-agents";
import { sendOpaque } from "./light-agents";
import type { Ledger } from "./ledger";
import { encryptedFromOthers, lightClient, type LightClient } from "./light-client";
import { messageIdOf, opaqueSession } from "./opaque";

/** The times of one conversation's start (ms from the visitor's first request). */
export type Arrival = { provisionMs: number; ticketMs: number; createRoomMs: number; agentSawInviteMs: number; agentJoinedMs: number };

export type Run = { ledger: Ledger; assignments: Assignments; step: () => number; stopped: () => boolean };

const rand = (lo: number, hi: number): number => lo + Math.random() * (hi - lo);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The app's routing decision for a new conversation in the prepared `roomId` (what requestRoutingTicket asks, with the status). */
export async function routingDecision(appUrl: string, accessToken: string, roomId: string): Promise<StartConversationResponse> {
  const res = await fetch(`${appUrl}/api/visitor/conversations`, {
    method: "POST",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ room_id: roomId }),
  });
  if (!res.ok) throw new Error(`routing ticket: HTTP ${res.status}`);
  return startConversationResponseSchema.parse(await res.json());
}

/** Resolves with `get()` once defined, polling every 50 ms; rejects after `timeoutMs`. */
export async function until<T>(what: string, get: () => T | undefined, timeoutMs = 120_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (performance.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(50);
  }
}

/** The visitor's sync handler: every opaque message from the other side is a delivery in the ledger. */
export function visitorReceives(c: LightClient, run: Run): Parameters<LightClient["startSync"]>[0] {
  return (body, at) => {
    for (const { content } of encryptedFromOthers(body, c.userId)) {
      const id = messageIdOf(content);
      if (id) run.ledger.received(id, at);
    }
  };
}

/** Starts one live conversation; resolves with its timings once the agent joined (it then runs until stopped). */
export async function lightConversation(
  opts: { appUrl: string; hostOrigin: string; siteId: string },
  run: Run,
  onStop: (c: LightClient) => void,
): Promise<Arrival> {
  const t0 = performance.now();
  const s = await requestVisitorSession({ appUrl: opts.appUrl, siteId: opts.siteId, hostOrigin: opts.hostOrigin, headers: { origin: opts.appUrl } });
  const c = lightClient(s.homeserverUrl, s.userId, s.accessToken);
  onStop(c);
  c.startSync(visitorReceives(c, run));
  const t1 = performance.now();
  const { room_id: roomId } = await c.call<{ room_id: string }>(
    "POST",
    "/createRoom",
    conversationRoomRequest(s.routerUserId, { site_id: opts.siteId, language: "en", prepared: true }),
  );
  const t2 = performance.now();
  const decision = await routingDecision(opts.appUrl, s.accessToken, roomId);
  const t3 = performance.now();
  const agent = decision.status === "assigned" ? decision.ticket.readers[0] : undefined;
  if (!agent) throw new Error("routing queued the conversation: the agents' capacity is too small for the level");
  run.assignments.agentOf.set(roomId, agent);
  await inviteReaders(c, roomId, decision.ticket);
  const saw = await until(`${agent}'s invite to ${roomId}`, () => run.assignments.invitedSeenAt.get(`${agent} ${roomId}`));
  const joined = await until(`${agent} joining ${roomId}`, () => run.assignments.joinedAt.get(roomId));
  void writeUntilStopped(c, roomId, run);
  return { provisionMs: t1 - t0, createRoomMs: t2 - t1, ticketMs: t3 - t2, agentSawInviteMs: saw - t2, agentJoinedMs: joined - t2 };
}

/** The widget's invites into its prepared room (`inviteTicketReaders`): the agent first, then the stand-bys, each carrying the ticket. */
async function inviteReaders(c: LightClient, roomId: string, ticket: RoutingTicket): Promise<void> {
  const invite = (userId: string) =>
    c.call("PUT", `/rooms/${encodeURIComponent(roomId)}/state/m.room.member/${encodeURIComponent(userId)}`, {
      membership: "invite",
      [INVITE_TICKET_FIELD]: ticket,
    });
  const [first, ...rest] = ticket.readers;
  if (first) await invite(first);
  await Promise.all(rest.map(invite));
}

/** The visitor writes a first message within 20 s, then every 20-40 s. */
export async function writeUntilStopped(c: LightClient, roomId: string, run: Run): Promise<void> {
  const session = opaqueSession("LOADVISITOR");
  await sleep(rand(0, 20_000));
  while (!run.stopped()) {
    await sendOpaque(c, roomId, session, run.ledger, { dir: "to-agent", step: run.step() });
    await sleep(rand(20_000, 40_000));
  }
}
