import { requestVisitorSession } from "../../lib/widget-protocol/request-visitor-session";
import { visitorSessionResponseSchema, type VisitorSession } from "../../lib/widget-protocol/visitor-session-response";

/** What the iframe keeps for one site in this browser (partitioned by the host site). */
export type StoredVisitor = VisitorSession & { roomId?: string };

const key = (siteId: string): string => `sealdesk:visitor:${siteId}`;

export function loadVisitor(siteId: string): StoredVisitor | null {
  try {
    const raw = localStorage.getItem(key(siteId));
    if (!raw) return null;
    const parsed = visitorSessionResponseSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    const roomId = (JSON.parse(raw) as { roomId?: unknown }).roomId;
    return { ...parsed.data, roomId: typeof roomId === "string" ? roomId : undefined };
  } catch {
    return null;
  }
}

export function saveVisitor(siteId: string, v: StoredVisitor): void {
  localStorage.setItem(key(siteId), JSON.stringify(v));
}

/**
 * Asks our API for a new visitor account (after a small proof of work); the
 * token comes back once and stays in this browser.
 */
export async function provisionVisitor(siteId: string, hostOrigin: string): Promise<StoredVisitor> {
  return requestVisitorSession({ appUrl: "", siteId, hostOrigin });
}
