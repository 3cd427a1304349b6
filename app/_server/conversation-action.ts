import "server-only";
import { NextResponse } from "next/server";

const STATUS = { "not-found": 404, forbidden: 403, closed: 409, "bad-target": 400 } as const;
const MESSAGE = {
  "not-found": "No such conversation",
  forbidden: "Only the conversation's agent or an operator can do this",
  closed: "The conversation is already closed",
  "bad-target": "Choose another agent or an existing team",
} as const;

/** Maps a conversation action's result to the HTTP answer. */
export function actionResponse(result: "ok" | keyof typeof STATUS): NextResponse {
  if (result === "ok") return NextResponse.json({ ok: true });
  return NextResponse.json({ error: MESSAGE[result] }, { status: STATUS[result] });
}
