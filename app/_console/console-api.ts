// The console's typed calls, one per route (schemas in lib/console-api). Each
// parses the answer; a refusal rejects with the server's message (ApiError).
import type { BodyOf } from "../../lib/console-api/api-contract";
import {
  agentAvailabilityRoute,
  agentCannedRoute,
  agentConversationsRoute,
  agentTrustRoute,
  claimRoute,
  linkNotesRoomRoute,
  notesRoomRoute,
  queueRoute,
  setAgentAvailabilityRoute,
  teamRoute,
} from "../../lib/console-api/agent-routes";
import { closedConversationsRoute, openClosedRoute } from "../../lib/console-api/closed-routes";
import { deleteCannedRoute, operatorCannedRoute, updateCannedRoute } from "../../lib/console-api/canned-routes";
import { closeRoute, transferRoute, transferTargetsRoute } from "../../lib/console-api/conversation-routes";
import {
  addAgentRoute,
  addCannedRoute,
  addTeamRoute,
  allOpenConversationsRoute,
  changeRoleRoute,
  offboardRoute,
  createSiteRoute,
  publishRosterRoute,
  registerOrgKeyRoute,
  updateSiteRoute,
} from "../../lib/console-api/operator-routes";
import {
  addWebhookRoute,
  apiTokensRoute,
  createApiTokenRoute,
  deleteWebhookRoute,
  revokeApiTokenRoute,
  webhookDeliveriesRoute,
  webhooksRoute,
} from "../../lib/console-api/integration-routes";
import { ackErasedRoomsRoute, erasedRoomsRoute, eraseVisitorRoute, setSiteRetentionRoute, siteRetentionsRoute } from "../../lib/console-api/retention-routes";
import type { SiteRecord } from "../../lib/sites/site-settings";
import { setTeamHoursRoute } from "../../lib/console-api/hours-routes";
import { ApiError, callApi } from "./api-client";

/** Keys of the console's cached queries (for invalidation after a change). */
export const queryKeys = {
  availability: ["agent", "availability"],
  canned: ["agent", "canned"],
  operatorCanned: ["operator", "canned"],
  notesRoom: (roomId: string) => ["agent", "notes", roomId],
  transferTargets: ["agents"],
  conversationLists: ["conversation-lists"],
  conversationList: (view: "queue" | "all" | "team") => ["conversation-lists", view],
  sites: ["operator", "sites"],
  webhooks: ["operator", "webhooks"],
  webhookLog: (endpointId: number) => ["operator", "webhooks", endpointId, "log"],
  apiTokens: ["operator", "api-tokens"],
  retention: ["operator", "sites", "retention"],
  closed: ["agent", "closed"],
} as const;

export const fetchAvailability = () => callApi(agentAvailabilityRoute);
export const saveAvailability = (change: BodyOf<typeof setAgentAvailabilityRoute>) => callApi(setAgentAvailabilityRoute, { body: change });
export const fetchCannedResponses = async () => (await callApi(agentCannedRoute)).responses;
export const fetchTransferTargets = () => callApi(transferTargetsRoute);
export const transferConversation = (body: BodyOf<typeof transferRoute>) => callApi(transferRoute, { body });
export const closeConversation = (roomId: string) => callApi(closeRoute, { body: { roomId } });
export const fetchNotesRoom = async (roomId: string) => (await callApi(notesRoomRoute, { query: { roomId } })).notesRoomId;
/** Links the notes room this console created; answers the one to use (another console's, if it linked first). */
export async function linkNotesRoom(roomId: string, notesRoomId: string): Promise<string> {
  const linked = (await callApi(linkNotesRoomRoute, { body: { roomId, notesRoomId } })).notesRoomId;
  if (!linked) throw new Error("The server did not link the notes room");
  return linked;
}
export const fetchTrust = () => callApi(agentTrustRoute);

/** Queue (the agent's teams' waiting conversations) or All (operators' view of every open one). */
export const fetchConversationList = async (view: "queue" | "all") => (await callApi(view === "queue" ? queueRoute : allOpenConversationsRoute)).conversations;

/** A supervisor's team and its open conversations (metadata only). */
export const fetchTeamConversations = () => callApi(teamRoute);

/** The signed-in agent's open conversations (the console joins those it is invited to). */
export const fetchAgentConversations = async () => (await callApi(agentConversationsRoute)).conversations;

/**
 * Take a queued conversation. Rejects with the server's reason (such as
 * "Another agent has already taken this conversation") or "network error".
 */
export async function claimConversation(roomId: string): Promise<void> {
  await callApi(claimRoute, { body: { roomId } }).catch((err: unknown) => {
    throw err instanceof ApiError ? err : new Error("network error");
  });
}

export const addAgent = (body: BodyOf<typeof addAgentRoute>) => callApi(addAgentRoute, { body });
export const addTeam = (body: BodyOf<typeof addTeamRoute>) => callApi(addTeamRoute, { body });
export const addCannedResponse = (body: BodyOf<typeof addCannedRoute>) => callApi(addCannedRoute, { body });
/** Every team's canned responses (operators). */
export const fetchAllCannedResponses = async () => (await callApi(operatorCannedRoute)).responses;
export const updateCannedResponse = (body: BodyOf<typeof updateCannedRoute>) => callApi(updateCannedRoute, { body });
export const deleteCannedResponse = (id: number) => callApi(deleteCannedRoute, { body: { id } });
/** Registers a new site, or changes an existing one (`isNew` false). */
export const saveSite = (site: SiteRecord, isNew: boolean) => (isNew ? callApi(createSiteRoute, { body: site }) : callApi(updateSiteRoute, { body: site }));
/** Sets a team's business hours (null: always open). */
export const saveTeamHours = (body: BodyOf<typeof setTeamHoursRoute>) => callApi(setTeamHoursRoute, { body });
export const publishRoster = (roster: unknown) => callApi(publishRosterRoute, { body: { roster } });
export const registerOrgKey = (orgKey: string) => callApi(registerOrgKeyRoute, { body: { orgKey } });
export const offboardAgent = (body: BodyOf<typeof offboardRoute>) => callApi(offboardRoute, { body });
export const changeAgentRole = (body: BodyOf<typeof changeRoleRoute>) => callApi(changeRoleRoute, { body });

export const fetchWebhooks = async () => (await callApi(webhooksRoute)).endpoints;
export const addWebhook = (body: BodyOf<typeof addWebhookRoute>) => callApi(addWebhookRoute, { body });
export const deleteWebhook = (id: number) => callApi(deleteWebhookRoute, { body: { id } });
export const fetchWebhookLog = (endpointId: number) => callApi(webhookDeliveriesRoute, { query: { endpointId } });
export const fetchApiTokens = async () => (await callApi(apiTokensRoute)).tokens;
export const createApiToken = (body: BodyOf<typeof createApiTokenRoute>) => callApi(createApiTokenRoute, { body });
export const revokeApiToken = (id: number) => callApi(revokeApiTokenRoute, { body: { id } });
/** Every site's retention (days after close; 0 keeps). */
export const fetchSiteRetentions = async () => (await callApi(siteRetentionsRoute)).sites;
export const saveSiteRetention = (body: BodyOf<typeof setSiteRetentionRoute>) => callApi(setSiteRetentionRoute, { body });
/** Erases a visitor now (GDPR): answers how many conversations went with them. */
export const eraseVisitor = (userId: string) => callApi(eraseVisitorRoute, { body: { user_id: userId } });
/** Erased rooms whose keys this agent's consoles must still delete. */
export const fetchErasedRooms = async () => (await callApi(erasedRoomsRoute)).roomIds;
/** This console deleted these rooms' keys. */
export const acknowledgeErasedRooms = (roomIds: string[]) => callApi(ackErasedRoomsRoute, { body: { roomIds } });
/** One page of the agent's closed conversations (newest first); `next` is the following page's cursor. */
export const fetchClosedPage = (cursor: string | null) => callApi(closedConversationsRoute, { query: cursor ? { cursor } : {} });
/** Asks to open a closed conversation (403 unless it was assigned to this agent; recorded for the audit). */
export const openClosedConversation = (roomId: string) => callApi(openClosedRoute, { body: { roomId } });
