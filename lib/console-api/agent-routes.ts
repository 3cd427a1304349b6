import { z } from "zod";
import { roomIdSchema } from "../conversation/event-types";
import { orgKeySchema } from "../roster/roster";
import { apiContract } from "./api-contract";
import { conversationStatusSchema, conversationSummariesSchema } from "./conversation-summary";

const availabilityValueSchema = z.enum(["available", "away", "offline"]);

/** An agent's status and capacity, as the API answers them. */
export const availabilitySchema = z.object({
  availability: availabilityValueSchema,
  /** How many conversations the agent takes at once. */
  maxConcurrent: z.number().int(),
});

/** An agent's status and capacity. */
export type AvailabilitySettings = z.infer<typeof availabilitySchema>;

/** `/api/agent/availability`: the signed-in agent's own status and capacity. */
export const agentAvailabilityRoute = apiContract({ method: "GET", path: "/api/agent/availability", response: availabilitySchema });

/** `POST /api/agent/availability`: change status and/or capacity (at least one); answers the new values. */
export const setAgentAvailabilityRoute = apiContract({
  method: "POST",
  path: "/api/agent/availability",
  body: z
    .object({
      availability: availabilityValueSchema.optional(),
      maxConcurrent: z.number().int().min(1).max(50).optional(),
    })
    .strict()
    .refine((b) => b.availability !== undefined || b.maxConcurrent !== undefined, "send availability or maxConcurrent"),
  response: availabilitySchema,
});

/** A team's canned response. */
export const cannedResponseSchema = z.object({ id: z.number().int(), teamId: z.string(), title: z.string(), body: z.string() });

/** `GET /api/agent/canned`: the canned responses of the agent's teams. */
export const agentCannedRoute = apiContract({ method: "GET", path: "/api/agent/canned", response: z.object({ responses: z.array(cannedResponseSchema) }) });

/** A conversation action that succeeded (a refusal is a 4xx with `{ error }`). */
export const actionDoneSchema = z.object({ ok: z.literal(true) });

/** `POST /api/agent/claim`: take a queued conversation. */
export const claimRoute = apiContract({
  method: "POST",
  path: "/api/agent/claim",
  body: z.object({ roomId: roomIdSchema }).strict(),
  response: actionDoneSchema,
});

/** One conversation assigned to the signed-in agent. */
export const agentConversationSchema = z.object({
  roomId: z.string(),
  status: conversationStatusSchema,
  siteId: z.string(),
  visitorUserId: z.string(),
  createdAt: z.string(),
  /** The agents-only notes room, if any. */
  notesRoomId: z.string().nullable(),
  /** Everyone who may have written in the room: the visitor and earlier agents. */
  participants: z.array(z.string()),
  /** A conversation of the team this agent supervises (a declared reader), not assigned to them. */
  supervising: z.literal(true).optional(),
});

/** `GET /api/agent/conversations`: the agent's open conversations (the console joins those it is invited to). */
export const agentConversationsRoute = apiContract({
  method: "GET",
  path: "/api/agent/conversations",
  response: z.object({ conversations: z.array(agentConversationSchema) }),
});

/** `GET /api/agent/team`: the team the signed-in agent supervises and its open conversations (metadata only); 403 for anyone else. */
export const teamRoute = apiContract({
  method: "GET",
  path: "/api/agent/team",
  response: z.object({ team: z.object({ id: z.string(), name: z.string() }), conversations: conversationSummariesSchema.shape.conversations }),
});

const notesAnswerSchema = z.object({ notesRoomId: z.string().nullable() });

/** `GET /api/agent/notes?roomId=`: where a conversation's internal notes are, or null. */
export const notesRoomRoute = apiContract({ method: "GET", path: "/api/agent/notes", query: z.object({ roomId: roomIdSchema }), response: notesAnswerSchema });

/** `POST /api/agent/notes`: link the notes room the console created; answers the room to use (the first linked). */
export const linkNotesRoomRoute = apiContract({
  method: "POST",
  path: "/api/agent/notes",
  body: z.object({ roomId: roomIdSchema, notesRoomId: roomIdSchema }).strict(),
  response: notesAnswerSchema,
});

/** `GET /api/agent/queue`: conversations waiting for one of the agent's teams. */
export const queueRoute = apiContract({ method: "GET", path: "/api/agent/queue", response: conversationSummariesSchema });

/**
 * `GET /api/agent/trust`, parsed leniently on purpose: the console does not
 * trust this answer but judges it (console-trust). A missing or malformed key
 * counts as no key (degraded, or refused when this browser pinned one), and
 * anything but a string in the agents' list is dropped, as before schemas.
 */
export const agentTrustRoute = apiContract({
  method: "GET",
  path: "/api/agent/trust",
  response: z.object({
    orgKey: z
      .unknown()
      .optional()
      .transform((k) => (typeof k === "string" && orgKeySchema.safeParse(k).success ? k : null)),
    roster: z.unknown().optional(),
    /** Rotations' key endorsements (lib/roster/key-endorsement), judged by the console. */
    endorsements: z.unknown().optional(),
    agents: z
      .array(z.unknown())
      .catch([])
      .transform((a) => a.filter((x): x is string => typeof x === "string")),
    routerUserId: z.string().catch(""),
  }),
});
