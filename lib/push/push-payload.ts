import { z } from "zod";

/** Why a push goes out: a conversation was assigned to the agent, or its visitor wrote while the agent's console was closed. */
export type PushKind = "assigned" | "message";

/**
 * What a Web Push carries to an agent's device: ids and the site's name, never
 * message content (the router and the app cannot read it; it is end-to-end
 * encrypted). The push service sees only an RFC 8291-encrypted blob, its size
 * and its timing; the service worker reads this in the agent's browser.
 */
export type PushPayload = {
  v: 1;
  kind: PushKind;
  /** The conversation's Matrix room id: tapping the notification opens the console there. */
  roomId: string;
  /** The visitor's Matrix event id (kind "message"), when known; null otherwise. */
  eventId: string | null;
  /** The site's name, as operators named it (metadata the agent sees in the console anyway). */
  site: string;
};

/** The most a payload may weigh (bytes of JSON): RFC 8291 leaves ~3,990 bytes of plaintext in one 4 KiB record. */
export const PUSH_PAYLOAD_MAX_BYTES = 1024;

/** The schema a payload must fit (the builder's output, checked again in tests). */
export const pushPayloadSchema = z
  .object({
    v: z.literal(1),
    kind: z.enum(["assigned", "message"]),
    roomId: z.string().startsWith("!").max(255),
    eventId: z.string().startsWith("$").max(255).nullable(),
    site: z.string().max(120),
  })
  .strict();

/**
 * Builds the push payload (JSON text) from metadata only. The input type has
 * no field for content, and the output is re-parsed with a strict schema so
 * that nothing else can ride along; a site name longer than 120 characters is cut.
 */
export function pushPayload(input: { kind: PushKind; roomId: string; eventId?: string | null; site: string }): string {
  const payload: PushPayload = pushPayloadSchema.parse({
    v: 1,
    kind: input.kind,
    roomId: input.roomId,
    eventId: input.eventId ?? null,
    site: [...input.site].slice(0, 120).join(""),
  });
  const text = JSON.stringify(payload);
  if (new TextEncoder().encode(text).length > PUSH_PAYLOAD_MAX_BYTES) throw new Error("push payload too large");
  return text;
}

/**
 * The notification a payload becomes (the service worker, `public/push-sw.js`,
 * shows the same words): a title and a body that name the site, never a message.
 */
export function pushNotificationText(p: Pick<PushPayload, "kind" | "site">): { title: string; body: string } {
  const site = p.site || "your website";
  return p.kind === "assigned"
    ? { title: "New conversation", body: `A visitor on ${site} is waiting for your answer.` }
    : { title: "New message", body: `A visitor on ${site} wrote to you. Open Sealdesk to read it.` };
}
