import "server-only";
import { isVisitorUserId } from "../../lib/conversation/event-types";
import type { Db } from "../../lib/conversation/transitions";
import { userOfToken } from "../../lib/matrix/user-of-token";
import { deleteOwnConversation, eraseVisitor, type ErasureDeps } from "../../lib/retention/erase";
import { synapseErasureAdmin } from "../../lib/retention/synapse-admin";
import { db } from "./db";
import { env } from "./env";
import { Refusal } from "./refusal";
import { forgetVisitorToken } from "./visitor-identity";

/** Erasure needs the server admin's token the audit uses (SYNAPSE_ADMIN_TOKEN); without it, a 503 that says so. */
function deps(): ErasureDeps {
  const e = env();
  if (!e.SYNAPSE_ADMIN_TOKEN) throw new Refusal(503, "Erasure needs SYNAPSE_ADMIN_TOKEN (a Synapse server admin's access token; see .env.example)");
  return { db: db() as unknown as Db, admin: synapseErasureAdmin({ baseUrl: e.SYNAPSE_URL, token: e.SYNAPSE_ADMIN_TOKEN }) };
}

/** An operator erases a visitor now (a GDPR request): every conversation, room and row of theirs; audited. */
export async function eraseVisitorNow(visitorUserId: string, operatorUserId: string): Promise<{ erased: string; conversations: number }> {
  if (!isVisitorUserId(visitorUserId)) throw new Refusal(400, "user_id: only a visitor's account (@visitor-…) can be erased here");
  const result = await eraseVisitor(deps(), visitorUserId, operatorUserId);
  if (result === "not-a-visitor") throw new Refusal(400, "user_id: only a visitor's account (@visitor-…) can be erased here");
  return { erased: visitorUserId, conversations: result.conversations };
}

/** A visitor deletes their own conversation (the widget's "delete my conversation"), and their account with it when nothing else is left. */
export async function deleteVisitorConversation(accessToken: string, roomId: string): Promise<{ deleted: string; account_erased: boolean }> {
  const userId = await userOfToken(env().SYNAPSE_URL, accessToken);
  if (!userId) throw new Refusal(401, "Unknown or expired visitor token");
  if (!isVisitorUserId(userId)) throw new Refusal(403, "Only visitor accounts delete their conversations here");
  const result = await deleteOwnConversation(deps(), userId, roomId);
  if (result === "not-yours") throw new Refusal(403, "That room is not one of your conversations");
  if (result.accountErased) forgetVisitorToken(accessToken);
  return { deleted: roomId, account_erased: result.accountErased };
}
