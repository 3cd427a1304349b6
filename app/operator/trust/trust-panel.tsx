"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useRef, useState, type FormEvent } from "react";
import type { RosterAgent } from "../../../lib/roster/roster";
import { loadCredentials } from "../../_console/matrix-credentials";
import { createOrganisationKey } from "./create-org-key";
import { RosterReview, type CodedRow } from "./roster-review";

type Props = {
  me: string;
  wasmUrl: string;
  serverOrgKey: string | null;
  rosterVersion: number;
  rosterValid: boolean;
  rostered: RosterAgent[];
  agents: { userId: string; displayName: string; addedThroughConsole: boolean }[];
};

type Unlocked = { client: MatrixClient; privateKey: CryptoKey | null; orgKey: string | null };

/**
 * Unlocks the operator's secret storage with the recovery key, creates the
 * organisation key (first time) or loads it, and reviews the roster: the
 * agents' current master keys (read in this browser with /keys/query) against
 * the signed roster, each change accepted or left out on its own, then signed.
 */
export function TrustPanel(p: Props) {
  const [unlocked, setUnlocked] = useState<Unlocked | null>(null);
  const [orgKey, setOrgKey] = useState(p.serverOrgKey);
  const [version, setVersion] = useState(p.rosterVersion);
  const [rostered, setRostered] = useState(p.rostered);
  const [rows, setRows] = useState<CodedRow[] | null>(null);
  const [decisions, setDecisions] = useState<Map<string, boolean>>(new Map());
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const holder = useRef<{ key: Uint8Array<ArrayBuffer> | null }>({ key: null });

  const run = async (what: string, f: () => Promise<void>): Promise<void> => {
    setBusy(what);
    setError(null);
    setDone(null);
    try {
      await f();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const refreshRows = async (client: MatrixClient, list: RosterAgent[]): Promise<void> => {
    const [{ currentMasterKeys }, { reviewRoster }, { identityCode }] = await Promise.all([import("../../../lib/matrix/org-key-secret"), import("../../../lib/roster/review-roster"), import("../../../lib/roster/identity-code")]);
    const ids = [...new Set([...p.agents.map((a) => a.userId), ...list.map((r) => r.user_id)])];
    const keys = await currentMasterKeys(client, ids);
    // Only this browser's own verified identity vouches for the operator's row (never the server's answer alone).
    // Fresh keys of our own account first, so the crypto layer judges the server's current master key.
    await client.getCrypto()?.getUserDeviceInfo([p.me], true);
    const self = { userId: p.me, masterKey: (await client.getCrypto()?.getCrossSigningKeyId()) ?? null };
    const review = reviewRoster({ agents: p.agents, rostered: list, currentKeys: keys, self });
    setRows(await Promise.all(review.map(async (r) => ({ ...r, code: r.currentKey ? await identityCode(r.currentKey) : null }))));
    setDecisions(new Map());
  };

  const unlock = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const recoveryKey = String(new FormData(e.currentTarget).get("recoveryKey") ?? "");
    void run("Unlocking your secret storage…", async () => {
      const creds = loadCredentials();
      if (!creds || creds.userId !== p.me) throw new Error("Open the inbox in this browser first: it sets up this device's encryption.");
      const [{ startEncryptedClient }, { secretStorageCallbacks }, { unlockSecretStorage, loadOrgKey }, { importOrgPrivateKey }] = await Promise.all([
        import("../../../lib/matrix/start-encrypted-client"),
        import("../../../lib/matrix/secure-backup"),
        import("../../../lib/matrix/org-key-secret"),
        import("../../../lib/roster/sign-roster"),
      ]);
      const client = await startEncryptedClient({ ...creds, baseUrl: creds.homeserverUrl, wasmUrl: p.wasmUrl, cryptoDatabasePrefix: "sealdesk-console", cryptoCallbacks: secretStorageCallbacks(holder.current), identity: "caller" });
      await unlockSecretStorage(client, holder.current, recoveryKey);
      const stored = await loadOrgKey(client);
      const mine = stored ? await importOrgPrivateKey(stored) : null;
      // The server's copy of the public key is not trusted: it must be the one derived from our private key.
      if (mine && p.serverOrgKey && mine.orgKey !== p.serverOrgKey) throw new Error(`The app server shows another organisation key (${p.serverOrgKey}) than the one in your secret storage (${mine.orgKey}). Do not publish it.`);
      if (!mine && p.serverOrgKey) throw new Error("Your secret storage does not hold the organisation key. Ask the operator who created it.");
      setUnlocked({ client, privateKey: mine?.privateKey ?? null, orgKey: mine?.orgKey ?? null });
      await refreshRows(client, rostered);
    });
  };

  const createKey = (): void =>
    void run("Creating the organisation key…", async () => {
      const created = await createOrganisationKey(unlocked!.client);
      setUnlocked({ ...unlocked!, ...created });
      setOrgKey(created.orgKey);
      setDone("Organisation key created. Add it to every embed snippet (see Sites) and publish it below.");
    });

  const sign = (): void =>
    void run("Signing the roster…", async () => {
      const [{ signRoster }, { rosterAfterReview }] = await Promise.all([import("../../../lib/roster/sign-roster"), import("../../../lib/roster/review-roster")]);
      const agents = rosterAfterReview(rows ?? [], decisions);
      const roster = await signRoster({ version: version + 1, issuedAt: Date.now(), orgKey: unlocked!.orgKey!, agents }, unlocked!.privateKey!);
      const res = await fetch("/api/operator/roster", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ roster }) });
      if (!res.ok) throw new Error(((await res.json()) as { error?: string }).error ?? `HTTP ${res.status}`);
      setVersion(roster.version);
      setRostered(roster.agents);
      await refreshRows(unlocked!.client, roster.agents);
      setDone(`Roster version ${roster.version} published with ${roster.agents.length} agent${roster.agents.length === 1 ? "" : "s"}.`);
    });

  const decide = (userId: string, accept: boolean): void => setDecisions((d) => new Map(d).set(userId, accept));

  return (
    <>
      <section className="card" aria-labelledby="fingerprint-title">
        <h2 id="fingerprint-title">Fingerprint</h2>
        {orgKey ? (
          <>
            <p>Organisation key: <code aria-label="Organisation key fingerprint">{orgKey}</code></p>
            <p className="muted">Publish it where the app server cannot change it, so that anyone can check the snippet: on your own website, or as a DNS TXT record:</p>
            <pre className="small">{`_sealdesk.<your domain>. TXT "sealdesk-org-key=${orgKey}"`}</pre>
            <p className="muted">Roster version {version}{p.rosterValid ? "" : " (the stored roster does not verify: sign a new one)"}.</p>
          </>
        ) : (
          <p>No organisation key yet: your sites&apos; snippets are incomplete and visitors&apos; chats are not protected against a compromised server. Unlock below and create it (it takes a few seconds).</p>
        )}
      </section>

      {!unlocked ? (
        <form className="card" onSubmit={unlock} aria-labelledby="unlock-title">
          <h2 id="unlock-title">Unlock with your recovery key</h2>
          <p className="muted">The organisation key lives in your Matrix secret storage, which your recovery key opens. It stays in this page only.</p>
          <label>
            Recovery key
            <input name="recoveryKey" required autoComplete="off" spellCheck={false} />
          </label>
          <button type="submit" disabled={!!busy}>Unlock</button>
        </form>
      ) : (
        <section className="card" aria-labelledby="roster-title">
          <h2 id="roster-title">Roster</h2>
          {!unlocked.privateKey ? (
            <button type="button" onClick={createKey} disabled={!!busy}>Create organisation key</button>
          ) : (
            <>
              <RosterReview rows={rows ?? []} decisions={decisions} onDecide={decide} me={p.me} />
              <button type="button" onClick={sign} disabled={!!busy || !rows}>Sign roster</button>
            </>
          )}
        </section>
      )}
      {busy && <p role="status" aria-busy="true">{busy}</p>}
      {done && <p role="status">{done}</p>}
      {error && <p role="alert" className="error">{error}</p>}
    </>
  );
}
