import { z } from "zod";
import { roomIdSchema } from "../conversation/event-types";
import { matrixUserIdSchema } from "../matrix/user-id";
import { apiContract } from "./api-contract";
import { actionDoneSchema } from "./agent-routes";

/** `GET /api/agents`: agents and teams a conversation can be transferred to. */
export const transferTargetsRoute = apiContract({
  method: "GET",
  path: "/api/agents",
  response: z.object({
    agents: z.array(z.object({ userId: z.string(), displayName: z.string(), availability: z.string() })),
    teams: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
});

/** `POST /api/conversations/transfer`: to another agent (who must accept) or back to a team's queue. */
export const transferRoute = apiContract({
  method: "POST",
  path: "/api/conversations/transfer",
  body: z.object({
    roomId: roomIdSchema,
    to: z.union([z.object({ agentUserId: matrixUserIdSchema }).strict(), z.object({ teamId: z.string().min(1).max(64) }).strict()]),
  }),
  response: actionDoneSchema,
});

/** `POST /api/conversations/close`: end a conversation. */
export const closeRoute = apiContract({
  method: "POST",
  path: "/api/conversations/close",
  body: z.object({ roomId: roomIdSchema }),
  response: actionDoneSchema,
});
