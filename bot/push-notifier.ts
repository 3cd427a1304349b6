import { createHash } from "node:crypto";
import webpush from "web-push";
import type { Db } from "../lib/conversation/transitions";
import { consoleOpen, decideMessagePush } from "../lib/push/decide-push";
import { pushPayload, type PushKind } from "../lib/push/push-payload";
import { claimPush, dropPushTarget, dueAssignments, messagePushFacts, pushTargets, type PushTarget } from "../lib/push/push-rows";
import { everyInterval } from "./router";

/** The server's VAPID key pair (base64url) and contact (mailto: or https:), from the environment. */
export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

/** Sends one encrypted push; answers the push service's HTTP status. */
export type PushSender = (target: PushTarget, payload: string, topic: string) => Promise<number>;

export type PushSettings = { presenceTtlMs: number; windowMs: number; intervalMs: number };

// A push the device gets later than this is stale (the assignment has moved on): the push service drops it.
const TTL_SECONDS = 300;
// An assignment older than this is no news any more (the no-show rule re-routes it).
const ASSIGNMENT_FRESH_MS = 120_000;

/**
 * Web Push with the `web-push` library: it signs the VAPID JWT and encrypts the
 * payload (RFC 8291, aes128gcm) for the subscription's keys; we POST what it
 * built with fetch (its own sender speaks https only; tests receive on local http).
 */
export function webPushSender(vapid: VapidKeys, timeoutMs = 10_000): PushSender {
  return async (target, payload, topic) => {
    const details = webpush.generateRequestDetails(target, payload, {
      vapidDetails: vapid,
      TTL: TTL_SECONDS,
      urgency: "high",
      topic,
      contentEncoding: "aes128gcm",
    });
    const headers = Object.fromEntries(Object.entries(details.headers).flatMap(([k, v]) => (k.toLowerCase() === "content-length" ? [] : [[k, String(v)]])));
    const res = await fetch(details.endpoint, {
      method: "POST",
      headers,
      body: new Uint8Array(details.body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
    await res.body?.cancel();
    return res.status;
  };
}

/** The push service's collapse key for a conversation: a later push about it replaces an undelivered one. */
const topicOf = (roomId: string): string => createHash("sha256").update(roomId).digest("base64url").slice(0, 32);

/**
 * Pushes to an agent's devices, from metadata only (the router holds no room
 * key): when a conversation is assigned to them, and when its visitor writes,
 * while their console is closed; at most once per conversation per window (a
 * database claim, so two routers push once). Expired subscriptions (404/410) are deleted.
 */
export function createPushNotifier(db: Db, settings: PushSettings, send: PushSender, log: (m: string) => void) {
  async function deliver(agentUserId: string, roomId: string, kind: PushKind, site: string, eventId: string | null, notBefore: Date, now: Date): Promise<void> {
    const targets = await pushTargets(db, agentUserId);
    if (targets.length === 0 || !(await claimPush(db, roomId, agentUserId, now, notBefore))) return;
    const payload = pushPayload({ kind, roomId, eventId, site });
    for (const target of targets) {
      const status = await send(target, payload, topicOf(roomId)).catch((e: Error) => {
        log(`push for ${roomId} failed: ${e.message.split("\n")[0]}`);
        return 0;
      });
      if (status === 404 || status === 410) await dropPushTarget(db, target.endpoint);
      else if (status >= 200 && status < 300) log(`push (${kind}) for ${roomId} sent to a device of ${agentUserId}`);
      else if (status) log(`push for ${roomId}: the push service answered ${status}`);
    }
  }

  async function onMessage(roomId: string, sender: string, at: Date, type: string, eventId: string | null): Promise<void> {
    if (type !== "m.room.encrypted") return; // before any query: most events are not messages
    const facts = await messagePushFacts(db, roomId);
    const now = new Date();
    const decision = decideMessagePush({
      eventType: type,
      sender,
      eventAt: at,
      now,
      conversation: facts,
      consoleSeenAt: facts?.consoleSeenAt ?? null,
      presenceTtlMs: settings.presenceTtlMs,
    });
    if (!decision.send || !facts) return;
    await deliver(decision.agentUserId, roomId, "message", facts.site, eventId, new Date(now.getTime() - settings.windowMs), now);
  }

  /** One pass over fresh assignments not pushed yet (their agent's console closed). */
  async function assignments(now: Date): Promise<void> {
    for (const a of await dueAssignments(db, new Date(now.getTime() - ASSIGNMENT_FRESH_MS))) {
      if (consoleOpen(a.consoleSeenAt, now, settings.presenceTtlMs)) continue; // the open console notifies in the page
      await deliver(a.agentUserId, a.roomId, "assigned", a.site, null, a.assignedAt, now);
    }
  }

  return {
    /** Called with every new event's metadata; never throws (a failed push is logged). */
    activity(roomId: string, sender: string, at: Date, type: string, eventId?: string): void {
      onMessage(roomId, sender, at, type, eventId ?? null).catch((e: Error) => log(`push check for ${roomId} failed: ${e.message.split("\n")[0]}`));
    },
    assignments,
    /** Looks for new assignments every `intervalMs`. */
    start(): { stop(): Promise<void> } {
      return everyInterval(settings.intervalMs, () =>
        assignments(new Date()).catch((e: Error) => log(`assignment pushes failed: ${e.message.split("\n")[0]}`)),
      );
    },
  };
}
