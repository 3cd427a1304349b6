import "server-only";
import { NextResponse } from "next/server";

const STATUS = { "not-found": 404, forbidden: 403, closed: 409, "bad-target": 400, taken: 409, "not-eligible": 403, "at-capacity": 409 } as const;
const MESSAGE = {
  "not-found": "No such conversation",
  forbidden: "Only the conversation's agent or an operator can do this",
  closed: "The conversation is already closed",
  "bad-target": "Choose another agent or an existing team",
  taken: "Another agent has already taken this conversation",
  "not-eligible": "This conversation is for another team (or you handed it on before)",
  "at-capacity": "You have as many open conversations as you can take; close one first",
} as const;

/** Maps a conversation action's result to the HTTP answer. */
export function actionResponse(result: "ok" | keyof typeof STATUS): NextResponse {
  if (result === "ok") return NextResponse.json({ ok: true });
  return NextResponse.json({ error: MESSAGE[result] }, { status: STATUS[result] });
}
