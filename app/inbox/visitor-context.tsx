"use client";

import type { Room } from "matrix-js-sdk";
import { useEffect, useState } from "react";
import { CONVERSATION_EVENT, conversationContentSchema } from "../../lib/conversation/event-types";
import { safeHttpUrl, visitorLocalTime } from "../../lib/conversation/visitor-time";

/**
 * What the visitor's widget said about where they are: site, page, language
 * and their local time (live). The marker is room state the visitor wrote:
 * it is parsed, shown as text, and the page is a link only when it is http(s).
 */
export function VisitorContext({ room }: { room: Room }) {
  const parsed = conversationContentSchema.safeParse(room.currentState.getStateEvents(CONVERSATION_EVENT, "")?.getContent());
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const tick = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(tick);
  }, []);
  if (!parsed.success) return null;
  const c = parsed.data;
  const href = c.page_url ? safeHttpUrl(c.page_url) : null;
  const local = c.time_zone ? visitorLocalTime(now, c.time_zone) : null;
  return (
    <section className="visitor-context" aria-label="Visitor context">
      <dl>
        <dt>Site</dt>
        <dd data-testid="context-site">{c.site_id}</dd>
        <dt>Page</dt>
        <dd data-testid="context-page">
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow">
              {c.page_url}
            </a>
          ) : (
            (c.page_url ?? "Unknown")
          )}
        </dd>
        <dt>Language</dt>
        <dd data-testid="context-language">{c.language || "Unknown"}</dd>
        <dt>Local time</dt>
        <dd data-testid="context-time">{local ? `${local} · ${c.time_zone}` : "Unknown"}</dd>
      </dl>
    </section>
  );
}
