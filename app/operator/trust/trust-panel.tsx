"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useRef, useState, type FormEvent } from "react";
import type { RosterAgent } from "../../../lib/roster/roster";
import { loadCredentials } from "../../_console/matrix-credentials";

type Props = {
  me: string;
  wasmUrl: string;
  serverOrgKey: string | null;
  rosterVersion: number;
  rosterValid: boolean;
  rostered: RosterAgent[];
  agents: { userId: string; displayName: string }[];
};

type Unlocked = { client: MatrixClient; privateKey: CryptoKey | null; orgKey: string | null };
type Row = { userId: string; displayName: string; rosteredKey: string | null; currentKey: string | null };

/**
 * Unlocks the operator's secret storage with the recovery key, creates the
 * organisation key (first time) or loads it, and signs the roster from the
 * agents' current master keys (read in this browser with /keys/query).
 */
export function TrustPanel(p: Props) {
  const [unlocked, setUnlocked] = useState<Unlocked | null>(null);
  const [orgKey, setOrgKey] = useState(p.serverOrgKey);
  const [version, setVersion] = useState(p.rosterVersion);
  const [rostered, setRostered] = useState(p.rostered);
  const [rows, setRows] = useState<Row[] | null>(null);
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
    const { currentMasterKeys } = await import("../../../lib/matrix/org-key-secret");
    const keys = await currentMasterKeys(client, p.agents.map((a) => a.userId));
    setRows(p.agents.map((a) => ({ ...a, rosteredKey: list.find((r) => r.user_id === a.userId)?.master_key ?? null, currentKey: keys.get(a.userId) ?? null })));
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
      const { generateOrgKey, exportOrgPrivateKey, orgKeyId } = await import("../../../lib/roster/sign-roster");
      const { storeOrgKey } = await import("../../../lib/matrix/org-key-secret");
      const pair = await generateOrgKey();
      const id = await orgKeyId(pair.publicKey);
      // Secret storage first: a key registered but lost could never sign a roster.
      await storeOrgKey(unlocked!.client, await exportOrgPrivateKey(pair.privateKey));
      const res = await fetch("/api/operator/org-key", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ orgKey: id }) });
      if (!res.ok) throw new Error(((await res.json()) as { error?: string }).error ?? `HTTP ${res.status}`);
      setUnlocked({ ...unlocked!, privateKey: pair.privateKey, orgKey: id });
      setOrgKey(id);
      setDone("Organisation key created. Add it to every embed snippet (see Sites) and publish it below.");
    });

  const sign = (): void =>
    void run("Signing the roster…", async () => {
      const { signRoster } = await import("../../../lib/roster/sign-roster");
      const agents = (rows ?? []).flatMap((r) => (r.currentKey ? [{ user_id: r.userId, master_key: r.currentKey }] : []));
      const roster = await signRoster({ version: version + 1, issuedAt: Date.now(), orgKey: unlocked!.orgKey!, agents }, unlocked!.privateKey!);
      const res = await fetch("/api/operator/roster", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ roster }) });
      if (!res.ok) throw new Error(((await res.json()) as { error?: string }).error ?? `HTTP ${res.status}`);
      setVersion(roster.version);
      setRostered(roster.agents);
      await refreshRows(unlocked!.client, roster.agents);
      setDone(`Roster version ${roster.version} published with ${roster.agents.length} agent${roster.agents.length === 1 ? "" : "s"}.`);
    });

  const status = (r: Row): string => (!r.currentKey ? "no encryption identity yet (left out)" : !r.rosteredKey ? "not on the roster yet" : r.rosteredKey === r.currentKey ? "on the roster" : "identity changed since the roster was signed");

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
          <p>No organisation key yet: the chat works, but visitors see it as not verified.</p>
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
              <table>
                <caption className="visually-hidden">Agents and their encryption identities</caption>
                <thead><tr><th scope="col">Agent</th><th scope="col">Master key now</th><th scope="col">Status</th></tr></thead>
                <tbody>
                  {(rows ?? []).map((r) => (
                    <tr key={r.userId} className={r.rosteredKey === r.currentKey ? "" : "changed"}>
                      <td>{r.displayName} <span className="muted small">{r.userId}</span></td>
                      <td><code className="small">{r.currentKey ?? "none"}</code></td>
                      <td>{status(r)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
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
