import "server-only";
import { Refusal } from "./refusal";

// The refusals a conversation service answers with (actions and notes), as status and message.
const REFUSALS = {
  "not-found": [404, "No such conversation"],
  forbidden: [403, "Only the conversation's agent or an operator can do this"],
  "notes-forbidden": [403, "Only the conversation's agents or an operator can do this"],
  closed: [409, "The conversation is already closed"],
  "bad-target": [400, "Choose another agent or an existing team"],
  taken: [409, "Another agent has already taken this conversation"],
  "not-eligible": [403, "This conversation is for another team (or you handed it on before)"],
  "at-capacity": [409, "You have as many open conversations as you can take; close one first"],
  "not-a-notes-room": [400, "That room is a conversation with a visitor, not a notes room"],
} as const;

/** Why a conversation service said no. */
export type ConversationRefusal = keyof typeof REFUSALS;

/** The Refusal for a conversation service's answer. */
export function conversationRefusal(reason: ConversationRefusal): Refusal {
  const [status, message] = REFUSALS[reason];
  return new Refusal(status, message);
}

/** A conversation action's answer: `{ ok: true }`, or throws its Refusal. */
export function actionDone(result: "ok" | Exclude<ConversationRefusal, "notes-forbidden" | "not-a-notes-room">): { ok: true } {
  if (result !== "ok") throw conversationRefusal(result);
  return { ok: true };
}
