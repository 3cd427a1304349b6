import type { RoutingContent } from "../conversation/event-types";
import type { SignedRoster } from "./roster";

/** Why a reader the router lists may not be invited for their role (null: the role allows it). */
export type RoleRefusal = "supervisor-not-signed" | "no-team";

/**
 * Decides whether the router's claim that `reader` reads as a supervisor is
 * one the organisation signed: a reader the routing state lists under
 * `supervisors` is invitable only if the verified roster says that reader
 * supervises the conversation's team (`team_id`). A roster without roles (or
 * no verified roster) makes nobody a supervisor. A reader the router lists as
 * routed (the agent, stand-bys) is not a role claim: null (the identity check
 * still applies). Pure; the widget and the console both ask it before inviting.
 */
export function supervisorRefusal(roster: SignedRoster | null, routing: Pick<RoutingContent, "supervisors" | "team_id">, reader: string): RoleRefusal | null {
  if (!routing.supervisors?.includes(reader)) return null;
  if (!routing.team_id) return "no-team";
  const signed = roster?.agents.find((a) => a.user_id === reader);
  return signed?.supervises === routing.team_id ? null : "supervisor-not-signed";
}
