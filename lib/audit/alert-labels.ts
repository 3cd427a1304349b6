import type { AlertKind } from "./types";

/** How each alert kind is named to an operator (page, filters, export). */
export const alertLabels: Record<AlertKind, string> = {
  unexpected_member: "Unexpected member",
  not_on_roster: "Not on roster",
  unsigned_device: "Unsigned device",
  identity_change: "Identity change",
  router_device: "Router with a device",
};
