"use client";

import type { MatrixClient, Room } from "matrix-js-sdk";
import { CryptoEvent } from "matrix-js-sdk/lib/crypto-api";
import { useEffect, useState } from "react";
import { conversationVisitor } from "../../lib/matrix/room-membership";
import { seenIdentities } from "../../lib/matrix/seen-identities";
import { identityAcceptance, type IdentityAcceptance } from "../../lib/roster/identity-acceptance";
import { consoleTrust } from "./console-trust";

type Changed = { userId: string; name: string; acceptance: IdentityAcceptance };

async function acceptanceOf(client: MatrixClient, room: Room, userId: string): Promise<IdentityAcceptance> {
  const trust = await consoleTrust(client.getSafeUserId());
  const seenMasterKey = trust.mode === "roster" ? ((await seenIdentities(client, [userId])).get(userId)?.masterKey ?? null) : null;
  return identityAcceptance({
    userId,
    visitorUserId: conversationVisitor(room),
    seenMasterKey,
    trust: trust.mode === "roster" ? { roster: trust.roster } : trust.mode === "degraded" ? { agents: trust.agents } : null,
  });
}

/**
 * Warns when the visitor's or a colleague's cryptographic identity changed
 * since this browser first saw it (a reset, or a server substituting keys).
 * Until the agent accepts the new identity, the crypto layer does not encrypt
 * to it (identity pinning with OnlySignedDevicesIsolationMode).
 */
export function IdentityWarnings({ client, room }: { client: MatrixClient; room: Room }) {
  const [changed, setChanged] = useState<Changed[]>([]);

  useEffect(() => {
    let stopped = false;
    const crypto = client.getCrypto();
    if (!crypto) return;
    const check = async (): Promise<void> => {
      const found: Changed[] = [];
      for (const m of room.getMembers().filter((x) => x.membership === "join" || x.membership === "invite")) {
        if (m.userId === client.getUserId()) continue;
        const status = await crypto.getUserVerificationStatus(m.userId);
        if (status.needsUserApproval || (status.wasCrossSigningVerified() && !status.isCrossSigningVerified())) {
          found.push({ userId: m.userId, name: m.name, acceptance: await acceptanceOf(client, room, m.userId).catch((): IdentityAcceptance => "stranger") });
        }
      }
      if (!stopped) setChanged(found);
    };
    const onChange = (): void => void check().catch(() => {});
    onChange();
    client.on(CryptoEvent.UserTrustStatusChanged, onChange);
    client.on(CryptoEvent.DevicesUpdated, onChange);
    return () => {
      stopped = true;
      client.off(CryptoEvent.UserTrustStatusChanged, onChange);
      client.off(CryptoEvent.DevicesUpdated, onChange);
    };
  }, [client, room]);

  if (changed.length === 0) return null;
  return (
    <div className="identity-warnings">
      {changed.map((c) =>
        c.acceptance === "stranger" ? (
          <p key={c.userId} role="alert" className="warning">
            <strong>{c.userId} is not an agent of this organisation</strong> and its encryption identity changed. It is never offered for acceptance: nothing
            you send is encrypted to it while the member check holds your messages.
          </p>
        ) : c.acceptance === "roster-pending" ? (
          <p key={c.userId} role="alert" className="warning">
            <strong>{c.name}&apos;s identity changed</strong> and the organisation&apos;s signed roster does not name the new one. Messages to them are held
            until an operator signs a roster with it.
          </p>
        ) : (
          <p key={c.userId} role="alert" className="warning">
            <strong>{c.name}&apos;s identity changed.</strong> Their encryption keys are not the ones this browser saw before: they may have reset them, or
            someone may be impersonating them. Messages to them are held until you accept the new identity.{" "}
            <button
              type="button"
              className="secondary small"
              onClick={() =>
                void client
                  .getCrypto()
                  ?.pinCurrentUserIdentity(c.userId)
                  .then(() => setChanged((all) => all.filter((x) => x.userId !== c.userId)))
              }
            >
              Accept new identity of {c.name}
            </button>
          </p>
        ),
      )}
    </div>
  );
}
