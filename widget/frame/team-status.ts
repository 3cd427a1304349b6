import type { RoutingContent } from "../../lib/conversation/event-types";
import { approxDuration, replyByText } from "../../lib/widget-i18n/status-format";
import type { StatusStrings } from "../../lib/widget-i18n/status-strings";
import type { WidgetStatus } from "../../lib/widget-protocol/widget-status";
import { el } from "./dom";

/** The status line's text: online, the usual reply time, or closed with when the team replies (in the visitor's time). */
export function teamStatusText(status: WidgetStatus, t: StatusStrings, lang: string, now: Date, timeZone?: string): string {
  switch (status.state) {
    case "online":
      return t.online;
    case "busy":
      return t.busy(status.replyMinutes === null ? null : approxDuration(lang, status.replyMinutes));
    case "closed":
      return t.closed(status.opensAt ? replyByText(new Date(status.opensAt), now, lang, timeZone) : null);
  }
}

/**
 * The team's status under the chat's header (role="status", so a screen
 * reader reads it): shown while nobody has the conversation yet (none or
 * queued), hidden once an agent is on it or it ended. Nothing when the site
 * hides the status.
 */
export function mountTeamStatus(after: Element, status: WidgetStatus | null, t: StatusStrings, lang: string) {
  if (!status) return { follow: (): void => {} };
  const line = el("p", { class: "team-status", role: "status", "data-state": status.state }, teamStatusText(status, t, lang, new Date()));
  after.after(line);
  return {
    /** The conversation's routing status changed. */
    follow(routing: RoutingContent["status"] | undefined): void {
      line.hidden = routing !== undefined && routing !== "queued";
    },
  };
}
