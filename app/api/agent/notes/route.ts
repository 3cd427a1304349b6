import { linkNotesRoomRoute, notesRoomRoute } from "../../../../lib/console-api/agent-routes";
import { apiRoute } from "../../../_server/api-route";
import { conversationRefusal } from "../../../_server/conversation-action";
import { linkNotesRoom, notesRoomOf } from "../../../_server/conversation-notes";

function answer(result: Awaited<ReturnType<typeof notesRoomOf>>): { notesRoomId: string | null } {
  if (!result.ok) throw conversationRefusal(result.error === "forbidden" ? "notes-forbidden" : result.error);
  return { notesRoomId: result.notesRoomId };
}

/** Where a conversation's internal notes are (an agents-only encrypted room), or null. */
export const GET = apiRoute({ access: "agent", query: notesRoomRoute.query, answer: notesRoomRoute.response }, async ({ caller, query }) =>
  answer(await notesRoomOf(caller, query.roomId)),
);

/** Links the notes room the caller's console created; answers with the room to use (the first one linked). */
export const POST = apiRoute({ access: "agent", body: linkNotesRoomRoute.body, answer: linkNotesRoomRoute.response }, async ({ caller, body }) =>
  answer(await linkNotesRoom(caller, body.roomId, body.notesRoomId)),
);
