/**
 * What the chat iframe may show about the support team's availability (the
 * site chooses whether it is shown at all): disclosed metadata, never anything
 * about a conversation. `busy.replyMinutes` is the rounded usual time to a first
 * reply (null when there is too little to go on); `closed.opensAt` the next
 * opening (ISO 8601; null when none is set).
 */
export type WidgetStatus = { state: "online" } | { state: "busy"; replyMinutes: number | null } | { state: "closed"; opensAt: string | null };

/** The frame page's data attributes that carry a status (see {@link statusAttributes}). */
export type StatusDataset = { status?: string; replyMinutes?: string; opensAt?: string };

/** The `data-*` attributes (name to value) that carry `status` in the frame page; none when it is hidden. */
export function statusAttributes(status: WidgetStatus | null): Record<string, string> {
  if (!status) return {};
  if (status.state === "busy" && status.replyMinutes !== null) return { "data-status": "busy", "data-reply-minutes": String(status.replyMinutes) };
  if (status.state === "closed" && status.opensAt) return { "data-status": "closed", "data-opens-at": status.opensAt };
  return { "data-status": status.state };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/** Reads the status back from the frame page's dataset; null (nothing shown) when absent or malformed. */
export function readWidgetStatus(d: StatusDataset): WidgetStatus | null {
  switch (d.status) {
    case "online":
      return { state: "online" };
    case "busy": {
      const minutes = d.replyMinutes === undefined ? null : Number(d.replyMinutes);
      if (minutes !== null && !(Number.isInteger(minutes) && minutes > 0 && minutes < 100_000)) return { state: "busy", replyMinutes: null };
      return { state: "busy", replyMinutes: minutes };
    }
    case "closed":
      return { state: "closed", opensAt: d.opensAt && ISO.test(d.opensAt) && !Number.isNaN(Date.parse(d.opensAt)) ? d.opensAt : null };
    default:
      return null;
  }
}
