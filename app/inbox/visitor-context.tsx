"use client";

import type { Room } from "matrix-js-sdk";
import { useEffect, useState, type ReactNode } from "react";
import { visitorDisplayName } from "../../lib/console-state/visitor-name";
import { CONVERSATION_EVENT, conversationContentSchema } from "../../lib/conversation/event-types";
import { roomVisitor } from "../../lib/matrix/join-with-history";
import { safeHttpUrl, visitorLocalTime } from "../../lib/conversation/visitor-time";
import { prechatAnswers } from "./visitor-prechat";

/** The visitor's local time, moving every 15 s. */
function useLocalTime(timeZone: string | undefined): string | null {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const tick = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(tick);
  }, []);
  return timeZone ? visitorLocalTime(now, timeZone) : null;
}

const unknown = <span className="muted">Unknown</span>;

/**
 * What the visitor's widget said about where they are (site, page, language,
 * their local time, live) and their pre-chat answers. The marker is room state
 * the visitor wrote: it is parsed, shown as text, and the page is a link only
 * when it is http(s). `mark` is where a verified customer's mark goes.
 */
export function VisitorContext({ room, mark }: { room: Room; mark?: ReactNode }) {
  const marker = room.currentState.getStateEvents(CONVERSATION_EVENT, "")?.getContent();
  const parsed = conversationContentSchema.safeParse(marker);
  const local = useLocalTime(parsed.success ? parsed.data.time_zone : undefined);
  const prechat = prechatAnswers(room);
  const visitor = roomVisitor(room) ?? room.getCreator() ?? room.roomId;
  const { name, source } = visitorDisplayName({ userId: visitor, prechatName: prechat?.name });
  if (!parsed.success)
    return (
      <section className="visitor-context" aria-label="Visitor context">
        {marker ? (
          <p role="note" className="muted small">
            The visitor&apos;s details could not be read.
          </p>
        ) : (
          <p role="status" className="muted small">
            Loading the visitor&apos;s details…
          </p>
        )}
      </section>
    );
  const c = parsed.data;
  const href = c.page_url ? safeHttpUrl(c.page_url) : null;
  return (
    <section className="visitor-context" aria-label="Visitor context">
      <h2 className="visitor-name">
        <span data-testid="context-name">{name}</span>
        {source === "generated" && <span className="muted small"> (no name given)</span>}
        {mark}
      </h2>
      <dl>
        {prechat?.email && (
          <div>
            <dt>Email</dt>
            <dd data-testid="context-email">{prechat.email}</dd>
          </div>
        )}
        <div>
          <dt>Site</dt>
          <dd data-testid="context-site">{c.site_id}</dd>
        </div>
        <div className="wide">
          <dt>Page</dt>
          <dd data-testid="context-page">
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                {c.page_url}
              </a>
            ) : (
              (c.page_url ?? unknown)
            )}
          </dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd data-testid="context-language">{c.language || unknown}</dd>
        </div>
        <div>
          <dt>Local time</dt>
          <dd data-testid="context-time">{local ? `${local} · ${c.time_zone}` : unknown}</dd>
        </div>
      </dl>
    </section>
  );
}
