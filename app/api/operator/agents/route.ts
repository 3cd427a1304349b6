import { z } from "zod";
import { addAgent, agentsAndTeams } from "../../../_server/agent-admin";
import { apiRoute } from "../../../_server/api-route";

const common = {
  displayName: z.string().trim().min(1).max(80),
  role: z.enum(["agent", "operator"]).default("agent"),
  teams: z.array(z.string().min(1).max(64)).max(20).default([]),
};
const bodySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("new"), username: z.string().regex(/^[a-z0-9._=-]{1,64}$/, "lowercase letters, digits and . _ = - only"), ...common }).strict(),
  z.object({ kind: z.literal("existing"), userId: z.string().regex(/^@[a-z0-9._=\-/+]+:[A-Za-z0-9.-]+(:\d+)?$/, "a Matrix user id such as @alice:example.org"), ...common }).strict(),
]);

/** Operators: every agent with role and teams. */
export const GET = apiRoute({ access: "operator" }, () => agentsAndTeams());

/** Operators: add an agent (new Matrix account with a one-time password, or an existing account). */
export const POST = apiRoute({ access: "operator", body: bodySchema, status: 201 }, ({ caller, body }) => addAgent(body, caller.userId));
