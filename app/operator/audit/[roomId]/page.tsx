import Link from "next/link";
import { notFound } from "next/navigation";
import { roomIdParam } from "../../../_server/audit-query";
import { auditConversation } from "../../../_server/audit-service";
import { closedReads } from "../../../_server/closed-conversations";
import { operatorPage } from "../../operator-page";
import { AlertsSection, ClosedReadsSection, DevicesSection, ReadersSection, TimelineSection, when } from "./audit-sections";

export const dynamic = "force-dynamic";

export default operatorPage(async function ConversationAuditPage(_me, { params }: { params: Promise<{ roomId: string }> }) {
  const roomId = roomIdParam((await params).roomId);
  const found = roomId ? await auditConversation(roomId) : null;
  if (!found || !roomId) notFound();
  const reads = await closedReads(roomId);
  const { audit, siteId, status, visitorUserId } = found;
  return (
    <main className="audit">
      <p>
        <Link href="/operator/audit">← All conversations</Link>
      </p>
      <h1>Audit of {audit.roomId}</h1>
      <p className="muted">
        Site {siteId} · {status} · visitor {visitorUserId} · analysed {when(audit.analysedAt)}
      </p>
      <AlertsSection alerts={audit.alerts} />
      <DevicesSection members={audit.members} />
      <TimelineSection timeline={audit.timeline} />
      <ReadersSection readers={audit.readers} />
      <ClosedReadsSection reads={reads} />
    </main>
  );
});
