import { z } from "zod";
import { roomIdSchema } from "../../../../lib/conversation/event-types";
import { apiRoute } from "../../../_server/api-route";
import { actionDone } from "../../../_server/conversation-action";
import { transferAsAgent } from "../../../_server/conversations";

const bodySchema = z.object({
  roomId: roomIdSchema,
  to: z.union([z.object({ agentUserId: z.string().regex(/^@[^:]+:.+$/) }).strict(), z.object({ teamId: z.string().min(1).max(64) }).strict()]),
});

/** Hands a conversation to another agent (who must accept) or back to a team's queue. */
export const POST = apiRoute({ access: "agent", body: bodySchema }, async ({ caller, body }) => actionDone(await transferAsAgent(caller, body.roomId, body.to)));
