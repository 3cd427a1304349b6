import { and, eq, isNull, ne, notExists } from "drizzle-orm";
import Link from "next/link";
import { db, schema } from "../../_server/db";
import { currentOrgTrust, verifiedRoster } from "../../_server/org-trust";
import { widgetManifest } from "../../_server/widget-assets";
// An agent an API token added is reviewed one by one, never signed silently: a leaked token must not put someone on the roster.
import { isApiTokenCaller } from "../../_server/token-caller";
import { roleDescription, roleOfRow } from "../../../lib/agents/agent-role";
import { operatorPage } from "../operator-page";
import { TrustPanel } from "./trust-panel";

export const dynamic = "force-dynamic";

export default operatorPage(async function TrustPage(me) {
  const [trust, roster, agents] = await Promise.all([
    currentOrgTrust(),
    verifiedRoster(),
    db()
      .select({
        userId: schema.agents.userId,
        displayName: schema.agents.displayName,
        addedBy: schema.agents.addedBy,
        role: schema.agents.role,
        supervisesTeamId: schema.agents.supervisesTeamId,
      })
      .from(schema.agents)
      // Offboarded (or being offboarded): never offered back into the roster by the review.
      .where(notExists(db().select().from(schema.offboardings).where(eq(schema.offboardings.userId, schema.agents.userId))))
      .orderBy(schema.agents.userId),
  ]);
  const operators = await db()
    .select({ userId: schema.agents.userId, displayName: schema.agents.displayName })
    .from(schema.agents)
    .where(and(eq(schema.agents.role, "operator"), ne(schema.agents.userId, me.userId), isNull(schema.agents.offboardedAt)))
    .orderBy(schema.agents.userId);
  return (
    <main className="login" style={{ maxWidth: "56rem" }}>
      <h1>Organisation key and roster</h1>
      <p className="muted">
        The chat widget only encrypts to agents on a roster signed by your organisation key. The key is made in this browser and kept in your encrypted secret
        storage; the server only ever has its public part. <Link href="/operator/sites">Sites</Link> · <Link href="/inbox">Inbox</Link>
      </p>
      <TrustPanel
        me={me.userId}
        wasmUrl={`/widget/wasm/${(await widgetManifest()).wasm}`}
        serverOrgKey={trust?.orgKey ?? null}
        rosterVersion={trust?.version ?? 0}
        rosterValid={!trust?.roster || !!roster}
        rostered={roster?.agents ?? []}
        operators={operators}
        endorsements={trust?.endorsements ?? []}
        agents={agents.map((a) => ({
          userId: a.userId,
          displayName: a.displayName,
          addedThroughConsole: a.addedBy !== null && !isApiTokenCaller({ userId: a.addedBy }),
          role: roleDescription(roleOfRow(a)),
          // Signed into the roster: the widget invites a supervisor only if the roster says so.
          supervises: a.role === "operator" ? null : a.supervisesTeamId,
        }))}
      />
    </main>
  );
});
