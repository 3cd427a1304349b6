"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useEffect, useState } from "react";

/** The agent's own identity as this console judges it, with the codes people compare. */
export type OwnIdentity = { code: string | null; serverCode: string | null; replaced: boolean };

const CHECK_EVERY_MS = 10_000;

/**
 * Watches the agent's own master key on the server against the one this browser
 * set up or verified (remembered in localStorage per account and device), every
 * 10 s and whenever the crypto layer sees the account's keys change.
 */
export function useOwnIdentity(client: MatrixClient | null): OwnIdentity | null {
  const [state, setState] = useState<OwnIdentity | null>(null);

  useEffect(() => {
    if (!client) return;
    let stopped = false;
    const me = client.getSafeUserId();
    const recordKey = `sealdesk:console:own-master:${me}:${client.getDeviceId()}`;
    const check = async (): Promise<void> => {
      const [{ judgeOwnIdentity }, { identityCode }] = await Promise.all([
        import("../../../lib/matrix/own-identity"),
        import("../../../lib/roster/identity-code"),
      ]);
      const verifiedHere = (await client.getCrypto()?.getCrossSigningKeyId()) ?? null;
      // A fresh /keys/query: what the server publishes now, not the crypto layer's cache.
      const answer = await client.downloadKeysForUsers([me]);
      const master = answer.master_keys?.[me];
      const onServer = master ? (Object.values(master.keys)[0] ?? null) : null;
      const verdict = judgeOwnIdentity({ recorded: localStorage.getItem(recordKey), verifiedHere, onServer });
      if (verdict.trusted) localStorage.setItem(recordKey, verdict.trusted);
      const next = {
        code: verdict.trusted ? await identityCode(verdict.trusted) : null,
        serverCode: onServer ? await identityCode(onServer) : null,
        replaced: verdict.replaced,
      };
      // Same verdict: keep the object, so the inbox does not re-render every 10 s.
      if (!stopped)
        setState((prev) => (prev && prev.code === next.code && prev.serverCode === next.serverCode && prev.replaced === next.replaced ? prev : next));
    };
    const tick = (): void => void check().catch(() => {});
    tick();
    const timer = setInterval(tick, CHECK_EVERY_MS);
    let off = (): void => {};
    void import("matrix-js-sdk/lib/crypto-api").then(({ CryptoEvent }) => {
      if (stopped) return;
      const onKeys = (): void => tick();
      client.on(CryptoEvent.KeysChanged, onKeys);
      client.on(CryptoEvent.UserTrustStatusChanged, onKeys);
      off = () => {
        client.off(CryptoEvent.KeysChanged, onKeys);
        client.off(CryptoEvent.UserTrustStatusChanged, onKeys);
      };
    });
    return () => {
      stopped = true;
      clearInterval(timer);
      off();
    };
  }, [client]);

  return state;
}
