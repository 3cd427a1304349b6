import type { MatrixClient } from "matrix-js-sdk";
// zod/mini: the full zod would add ~90 KiB gzip to the frame bundle.
import * as z from "zod/mini";
import type { DeleteStrings } from "../../lib/widget-i18n/delete-strings";
import type { ChatSession } from "./chat-session";
import type { ChatView } from "./chat-view";
import { forgetVisitor } from "./visitor-session";

const answerSchema = z.object({ deleted: z.string(), account_erased: z.boolean() });
const DELETED_FLAG = "sealdesk:conversation-deleted";

/** Asks our API to erase the visitor's own conversation (with their token); resolves with whether their account went too. */
export async function requestDeletion(accessToken: string, roomId: string): Promise<{ accountErased: boolean }> {
  const res = await fetch("/api/visitor/conversations/delete", {
    method: "POST",
    cache: "no-store",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ room_id: roomId }),
  });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = json && typeof json === "object" && "error" in json && typeof json.error === "string" ? json.error : `HTTP ${res.status}`;
    throw new Error(error);
  }
  return { accountErased: answerSchema.parse(json).account_erased };
}

/**
 * Wires "Delete this conversation": the server erases the room (and the
 * account when nothing else of the visitor's is left). With the account gone,
 * this browser forgets the visitor (session and crypto store) and the frame
 * starts again as new; otherwise the session starts over without the room.
 */
export function bindDeletion(d: { client: MatrixClient; view: ChatView; session: ChatSession; siteId: string; strings: DeleteStrings }): void {
  d.view.onDelete(async () => {
    const visitor = d.session.visitor();
    const roomId = d.session.roomId();
    if (!visitor || !roomId) return;
    const { accountErased } = await requestDeletion(visitor.accessToken, roomId);
    if (!accountErased) {
      // The visitor keeps their account (another conversation of theirs is left): the chat starts over, and says why.
      d.session.restart();
      return d.view.setStatus(d.strings.deleted);
    }
    d.session.stop();
    d.client.stopClient();
    await forgetVisitor(d.siteId);
    sessionStorage.setItem(DELETED_FLAG, "1");
    location.reload();
  });
}

/** After a deletion's reload: says once that the conversation was deleted (in the notice, as a status). */
export function announceDeletion(view: ChatView, d: DeleteStrings): void {
  if (sessionStorage.getItem(DELETED_FLAG) !== "1") return;
  sessionStorage.removeItem(DELETED_FLAG);
  view.setStatus(d.deleted);
}
