import type { RoutingContent } from "../conversation/event-types";

/** A conversation's routing facts, as the router's database holds them. */
export type ConversationRouting = {
  status: RoutingContent["status"];
  agentUserId: string | null;
  agentDisplayName: string | null;
  /**
   * Who else should hold the keys besides the agent: while queued, every agent
   * who may take it (whatever their availability); while assigned, the next
   * best candidates, so that a no-show can be skipped even if the visitor is gone.
   */
  standbyUserIds: readonly string[];
  /**
   * Declared readers besides routing: the supervisors of the conversation's
   * team (agents with role supervisor of that team, never offboarded). They
   * read while the conversation is open, also once an agent accepted it; the
   * visitor's widget invites them only if the signed roster lists them.
   */
  supervisorUserIds: readonly string[];
  /** The conversation's team (whose supervisors those are): published with them, so key holders check the signed role. */
  teamId?: string | null;
  closedReason: RoutingContent["closed_reason"] | null;
};

/**
 * The room state the router publishes for a conversation. While nobody has
 * accepted it, the standby agents are readers too, so that whoever takes it
 * later can read what the visitor wrote even if the visitor never returns
 * (DESIGN.md, lifecycle step 4); once an agent accepts, only they remain,
 * with the team's supervisors (declared readers, listed last so the agent's
 * invitation goes first, and named again under `supervisors` with the team)
 * until it closes.
 */
export function routingContent(c: ConversationRouting, now: number): RoutingContent {
  const routed =
    c.status === "active" && c.agentUserId ? [c.agentUserId] : [...new Set([...(c.agentUserId ? [c.agentUserId] : []), ...c.standbyUserIds])].sort();
  const supervisors = [...new Set(c.supervisorUserIds)].filter((u) => !routed.includes(u)).sort();
  const readers = c.status === "closed" ? [] : [...routed, ...supervisors];
  // Labelled, so the widget invites a supervisor only if the signed roster says so for this team.
  const declared = c.status !== "closed" && supervisors.length > 0 && c.teamId ? { supervisors, team_id: c.teamId } : {};
  return {
    status: c.status,
    ...(c.agentUserId && c.status !== "queued" ? { agent_user_id: c.agentUserId } : {}),
    ...(c.agentDisplayName && c.status !== "queued" ? { agent_display_name: c.agentDisplayName } : {}),
    readers,
    ...declared,
    ...(c.closedReason ? { closed_reason: c.closedReason } : {}),
    updated_at: now,
  };
}
