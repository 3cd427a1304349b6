import { z } from "zod";
import { isCurrentMatrixUserId, MATRIX_USER_ID_MESSAGE } from "../matrix/user-id";
import { orgKeySchema } from "../roster/roster";
import { newSiteSchema, siteUpdateSchema } from "../sites/site-settings";
import { apiContract } from "./api-contract";
import { conversationSummariesSchema } from "./conversation-summary";

/** `GET /api/operator/conversations`: every open conversation's metadata (All view). */
export const allOpenConversationsRoute = apiContract({ method: "GET", path: "/api/operator/conversations", response: conversationSummariesSchema });

const roleSchema = z.enum(["agent", "operator"]);
const teamIdSchema = z.string().min(1).max(64);
const common = {
  displayName: z.string().trim().min(1).max(80),
  role: roleSchema.default("agent"),
  teams: z.array(teamIdSchema).max(20).default([]),
};

/** An agent with role and teams, for the operator pages. */
export const agentListingSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  role: roleSchema,
  availability: z.string(),
  teams: z.array(z.string()),
  supervises: z.string().nullable(),
  offboardedAt: z.coerce.date().nullable(),
});
const teamSchema = z.object({ id: z.string(), name: z.string() });

/** `GET /api/operator/agents`: every agent with role and teams, and the teams. */
export const operatorAgentsRoute = apiContract({
  method: "GET",
  path: "/api/operator/agents",
  response: z.object({ agents: z.array(agentListingSchema), teams: z.array(teamSchema) }),
});

/**
 * `POST /api/operator/agents`: a new Matrix account (answered with a one-time
 * password, shown once) or an existing account (current user id grammar: the
 * one servers create).
 */
export const addAgentRoute = apiContract({
  method: "POST",
  path: "/api/operator/agents",
  body: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("new"), username: z.string().regex(/^[a-z0-9._=-]{1,64}$/, "lowercase letters, digits and . _ = - only"), ...common }).strict(),
    z.object({ kind: z.literal("existing"), userId: z.string().refine(isCurrentMatrixUserId, MATRIX_USER_ID_MESSAGE), ...common }).strict(),
  ]),
  response: z.object({ userId: z.string(), oneTimePassword: z.string().nullable() }),
});

/** `POST /api/operator/teams`: create a team; answers it. */
export const addTeamRoute = apiContract({
  method: "POST",
  path: "/api/operator/teams",
  body: z
    .object({
      id: z.string().regex(/^[a-z0-9-]{1,64}$/, "lowercase letters, digits and - only"),
      name: z.string().trim().min(1).max(80),
    })
    .strict(),
  response: teamSchema,
});

/** `POST /api/operator/canned`: add a canned response to a team; answers it. */
export const addCannedRoute = apiContract({
  method: "POST",
  path: "/api/operator/canned",
  body: z
    .object({
      teamId: teamIdSchema,
      title: z.string().trim().min(1).max(80),
      body: z.string().trim().min(1).max(4000),
    })
    .strict(),
  response: z.object({ id: z.number().int(), teamId: z.string(), title: z.string(), body: z.string() }),
});

/** `GET /api/operator/sites`: every site with its settings. */
export const sitesRoute = apiContract({ method: "GET", path: "/api/operator/sites", response: z.object({ sites: z.array(newSiteSchema) }) });

/** `POST /api/operator/sites`: register a site; answers it. */
export const createSiteRoute = apiContract({ method: "POST", path: "/api/operator/sites", body: newSiteSchema, response: newSiteSchema });

/** `PATCH /api/operator/sites`: change a site's settings (`{ id, ...settings }`); answers the site. */
export const updateSiteRoute = apiContract({ method: "PATCH", path: "/api/operator/sites", body: siteUpdateSchema, response: newSiteSchema });

/** `POST /api/operator/roster`: publish a roster signed in the browser (the server checks shape and signature against the registered key). */
export const publishRosterRoute = apiContract({
  method: "POST",
  path: "/api/operator/roster",
  body: z.object({ roster: z.unknown() }).strict(),
  response: z.object({ version: z.number().int() }),
});

/** `POST /api/operator/org-key`: register the organisation's public signing key. */
export const registerOrgKeyRoute = apiContract({
  method: "POST",
  path: "/api/operator/org-key",
  body: z.object({ orgKey: orgKeySchema }).strict(),
  response: z.object({ orgKey: z.string() }),
});

/** One offboarding as the audit records it (dates as ISO strings). */
export const offboardingSchema = z.object({
  userId: z.string(),
  by: z.string(),
  startedAt: z.coerce.date(),
  rosterVersion: z.number().int().nullable(),
  rerouted: z.number().int(),
  roomsLeft: z.number().int().nullable(),
  deactivatedAt: z.coerce.date().nullable(),
  finishedAt: z.coerce.date().nullable(),
});

/**
 * `POST /api/operator/offboard`: offboards an agent in one action (roster
 * without them, kicked from every open conversation, conversations re-routed,
 * account deactivated, audited). `roster`: the roster the operator signed in
 * the browser without them (needed while the published roster lists them).
 * Idempotent: a second request finishes what is left.
 */
export const offboardRoute = apiContract({
  method: "POST",
  path: "/api/operator/offboard",
  body: z.object({ userId: z.string().refine(isCurrentMatrixUserId, MATRIX_USER_ID_MESSAGE), roster: z.unknown().optional() }).strict(),
  response: offboardingSchema,
});

/** A role as the console API takes it: agent, operator, or supervisor of one team. */
export const agentRoleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("agent") }).strict(),
  z.object({ kind: z.literal("operator") }).strict(),
  z.object({ kind: z.literal("supervisor"), teamId: teamIdSchema }).strict(),
]);

/** `POST /api/operator/agent-role`: changes an agent's role (audited); answers the change as labels ("agent", "operator", "supervisor:<team>"). */
export const changeRoleRoute = apiContract({
  method: "POST",
  path: "/api/operator/agent-role",
  body: z.object({ userId: z.string().refine(isCurrentMatrixUserId, MATRIX_USER_ID_MESSAGE), role: agentRoleSchema }).strict(),
  response: z.object({ from: z.string(), to: z.string() }),
});
