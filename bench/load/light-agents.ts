// Agents as light clients: each joins the conversations routing assigned to it (as the
// console does from the app's list of its conversations) and answers every visitor message.
import { createAgent, type testDb } from "../../e2e/support/routing-fixtures";
import type { StackInfo } from "../../e2e/stack-info";
import type { Ledger } from "./ledger";
import { encryptedFromOthers, lightClient, type LightClient } from "./light-client";
import { messageIdOf, newMessageId, opaqueContent, opaqueSession } from "./opaque";

/** Which agent each room's routing ticket named, and when that agent's client saw the invite and joined. */
export type Assignments = {
  agentOf: Map<string, string>;
  invitedSeenAt: Map<string, number>;
  joinedAt: Map<string, number>;
};

export type LightAgentPool = { size(): number; ensure(count: number): Promise<void>; stopAll(): void };

const rand = (lo: number, hi: number): number => lo + Math.random() * (hi - lo);

/** Sends an opaque message, recorded in the ledger; a failure is counted as an error. */
export async function sendOpaque(
  c: LightClient,
  roomId: string,
  session: ReturnType<typeof opaqueSession>,
  ledger: Ledger,
  meta: { dir: "to-agent" | "to-visitor"; step: number },
): Promise<void> {
  const id = newMessageId();
  ledger.sent({ id, dir: meta.dir, crypto: false, sentAt: performance.now(), step: meta.step });
  await c.call("PUT", `/rooms/${encodeURIComponent(roomId)}/send/m.room.encrypted/${id}`, opaqueContent(id, session)).catch(() => ledger.failed(id));
}

/** Logs an agent in with its password, as the console does. */
async function login(synapseUrl: string, username: string, password: string): Promise<{ userId: string; accessToken: string }> {
  const res = await fetch(`${synapseUrl}/_matrix/client/v3/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: "m.login.password", identifier: { type: "m.id.user", user: username }, password, initial_device_display_name: "load" }),
  });
  if (!res.ok) throw new Error(`agent login: HTTP ${res.status}`);
  const body = (await res.json()) as { user_id: string; access_token: string };
  return { userId: body.user_id, accessToken: body.access_token };
}

/** One agent: joins its assigned invites, replies 2-5 s after each visitor message. */
export function runAgent(c: LightClient, a: Assignments, ledger: Ledger, step: () => number, stopped: () => boolean): () => void {
  const pending = new Set<string>();
  const sessions = new Map<string, ReturnType<typeof opaqueSession>>();
  const joining = new Set<string>();
  const tryJoin = (): void => {
    for (const roomId of pending) {
      if (a.agentOf.get(roomId) !== c.userId || joining.has(roomId)) continue;
      joining.add(roomId);
      pending.delete(roomId);
      c.call("POST", `/join/${encodeURIComponent(roomId)}`, {}).then(
        () => a.joinedAt.set(roomId, performance.now()),
        () => (joining.delete(roomId), pending.add(roomId)),
      );
    }
  };
  c.startSync((body, at) => {
    for (const roomId of Object.keys(body.rooms?.invite ?? {})) {
      if (!a.invitedSeenAt.has(`${c.userId} ${roomId}`)) a.invitedSeenAt.set(`${c.userId} ${roomId}`, at);
      pending.add(roomId);
    }
    for (const { roomId, content } of encryptedFromOthers(body, c.userId)) {
      const id = messageIdOf(content);
      if (!id || ledger.received(id, at) !== "first" || stopped()) continue;
      const session = sessions.get(roomId) ?? opaqueSession("LOADAGENT");
      sessions.set(roomId, session);
      setTimeout(() => void sendOpaque(c, roomId, session, ledger, { dir: "to-visitor", step: step() }), rand(2000, 5000));
    }
    tryJoin();
  });
  // The assignment can be known after the invite arrived (the visitor's createRoom answers after the invites).
  const timer = setInterval(tryJoin, 250);
  return () => {
    clearInterval(timer);
    c.stop();
  };
}

/** A growing pool of agents on one team, each with `capacity` conversations. */
export function lightAgentPool(
  info: StackInfo,
  db: ReturnType<typeof testDb>["db"],
  team: { teamId: string; capacity: number },
  a: Assignments,
  ledger: Ledger,
  step: () => number,
  stopped: () => boolean,
): LightAgentPool {
  const stops: (() => void)[] = [];
  return {
    size: () => stops.length,
    async ensure(count) {
      while (stops.length < count) {
        const batch = Math.min(4, count - stops.length);
        const made = await Promise.all(
          Array.from({ length: batch }, async (_, i) => {
            const agent = await createAgent(info, db, { name: `load-agent-${stops.length + i}`, teams: [team.teamId], maxConcurrent: team.capacity });
            const { userId, accessToken } = await login(info.synapseUrl, agent.username, agent.password);
            return runAgent(lightClient(info.synapseUrl, userId, accessToken), a, ledger, step, stopped);
          }),
        );
        stops.push(...made);
      }
    },
    stopAll: () => stops.splice(0).forEach((s) => s()),
  };
}
