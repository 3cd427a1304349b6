"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useCallback, useRef, useState, type FormEvent } from "react";
import type { ReceivedToDeviceMessage } from "matrix-js-sdk";
import type { RosterAgent } from "../../../lib/roster/roster";
import { FormAlert } from "../../_console/form-alert";
import { createOrganisationKey } from "./create-org-key";
import { acceptHandover, handOver, rotateKey } from "./key-actions";
import { transitionDate } from "../../../lib/roster/transitions";
import { HandoverWait, KeyHolderPanel, type OperatorChoice } from "./key-panels";
import { RosterReview, type CodedRow } from "./roster-review";
import { reviewRows, signAndPublish, unlockOrgKey, type Unlocked } from "./trust-steps";

type Props = {
  me: string;
  wasmUrl: string;
  serverOrgKey: string | null;
  rosterVersion: number;
  rosterValid: boolean;
  rostered: RosterAgent[];
  agents: { userId: string; displayName: string; addedThroughConsole: boolean; role?: string; supervises?: string | null }[];
  /** The other operators (the key may be handed to them). */
  operators: OperatorChoice[];
  /** The rotations' endorsements, as served (judged in the browser). */
  endorsements: unknown[];
};

/** One step at a time: what is running, and what it ended with. */
function useStep() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = (what: string, f: () => Promise<void>): void => {
    setBusy(what);
    setError(null);
    setDone(null);
    f()
      .catch((err: unknown) => setError((err as Error).message))
      .finally(() => setBusy(null));
  };
  return { busy, error, done, setDone, run };
}

function Fingerprint({ orgKey, version, rosterValid }: { orgKey: string | null; version: number; rosterValid: boolean }) {
  return (
    <section className="card" aria-labelledby="fingerprint-title">
      <h2 id="fingerprint-title">Fingerprint</h2>
      {orgKey ? (
        <>
          <p>
            Organisation key: <code aria-label="Organisation key fingerprint">{orgKey}</code>
          </p>
          <p className="muted">
            Publish it where the app server cannot change it, so that anyone can check the snippet: on your own website, or as a DNS TXT record:
          </p>
          <pre className="small">{`_sealdesk.<your domain>. TXT "sealdesk-org-key=${orgKey}"`}</pre>
          <p className="muted">
            Roster version {version}
            {rosterValid ? "" : " (the stored roster does not verify: sign a new one)"}.
          </p>
        </>
      ) : (
        <p>
          No organisation key yet: your sites&apos; snippets are incomplete and visitors&apos; chats are not protected against a compromised server. Unlock
          below and create it (it takes a few seconds).
        </p>
      )}
    </section>
  );
}

function UnlockForm({ onUnlock, busy }: { onUnlock: (recoveryKey: string) => void; busy: boolean }) {
  const submit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    onUnlock(String(new FormData(e.currentTarget).get("recoveryKey") ?? ""));
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="unlock-title">
      <h2 id="unlock-title">Unlock with your recovery key</h2>
      <p className="muted">The organisation key lives in your Matrix secret storage, which your recovery key opens. It stays in this page only.</p>
      <label>
        Recovery key
        <input name="recoveryKey" required autoComplete="off" spellCheck={false} />
      </label>
      <button type="submit" disabled={busy}>
        Unlock
      </button>
    </form>
  );
}

type Holding = Unlocked & { privateKey: CryptoKey; orgKey: string };
type StepRun = ReturnType<typeof useStep>;

/** The key's life: create the first one, hand it to another operator, or rotate it (the new key replaces the held one). */
function useKeyHolder(step: StepRun, setUnlocked: (u: Unlocked) => void, setOrgKey: (k: string) => void, version: number, setVersion: (v: number) => void) {
  const createKey = (open: Unlocked): void =>
    step.run("Creating the organisation key…", async () => {
      const created = await createOrganisationKey(open.client);
      setUnlocked({ ...open, ...created });
      setOrgKey(created.orgKey);
      step.setDone("Organisation key created. Add it to every embed snippet (see Sites) and publish it below.");
    });
  const giveKey = (open: Holding, to: string): void =>
    step.run(`Handing the key to ${to}…`, async () => {
      const devices = await handOver(open, to);
      step.setDone(`Organisation key handed to ${to} (${devices} verified device${devices === 1 ? "" : "s"}). It arrives on their Trust page.`);
    });
  const rotate = (open: Holding, days: number): void =>
    step.run("Rotating the organisation key…", async () => {
      const rotated = await rotateKey(open, version, days);
      setUnlocked({ ...open, privateKey: rotated.privateKey, orgKey: rotated.orgKey });
      setOrgKey(rotated.orgKey);
      setVersion(rotated.version);
      step.setDone(
        `Organisation key rotated: the new fingerprint is ${rotated.orgKey}. Put the new snippet (see Sites) on every page: the old one keeps working until ${transitionDate(rotated.transitionEndsAt)}.`,
      );
    });
  return { createKey, giveKey, rotate };
}

/** A handed-over key arriving on this page: judged in this browser (acceptHandover), then `accepted`. */
function useHandoverReceipt(d: {
  unlocked: Unlocked | null;
  orgKey: string | null;
  me: string;
  run: StepRun["run"];
  accepted: (got: Awaited<ReturnType<typeof acceptHandover>>, open: Unlocked) => Promise<void>;
}) {
  const { unlocked, orgKey } = d;
  return useCallback(
    (m: ReceivedToDeviceMessage): void => {
      if (!unlocked || !orgKey) return;
      d.run("Checking the organisation key you were handed…", async () => d.accepted(await acceptHandover(unlocked.client, m, d.me, orgKey), unlocked));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- run and accepted are remade each render; the message is judged with the current state
    [unlocked, orgKey],
  );
}

type RosterSectionProps = {
  unlocked: Unlocked;
  orgKey: string | null;
  operators: OperatorChoice[];
  me: string;
  busy: boolean;
  rows: CodedRow[] | null;
  decisions: Map<string, boolean>;
  onReceived: (m: ReceivedToDeviceMessage) => void;
  onCreate: () => void;
  onDecide: (userId: string, accept: boolean) => void;
  onSign: (privateKey: CryptoKey) => void;
};

/** The roster card: wait for a handed-over key, create the first one, or review and sign. */
function RosterSection(p: RosterSectionProps) {
  const { privateKey } = p.unlocked;
  return (
    <section className="card" aria-labelledby="roster-title">
      <h2 id="roster-title">Roster</h2>
      {!privateKey && p.orgKey ? (
        <HandoverWait client={p.unlocked.client} operators={p.operators.map((o) => o.userId)} onMessage={p.onReceived} />
      ) : !privateKey ? (
        <button type="button" onClick={p.onCreate} disabled={p.busy}>
          Create organisation key
        </button>
      ) : (
        <>
          <RosterReview rows={p.rows ?? []} decisions={p.decisions} onDecide={p.onDecide} me={p.me} />
          <button type="button" onClick={() => p.onSign(privateKey)} disabled={p.busy || !p.rows}>
            Sign roster
          </button>
        </>
      )}
    </section>
  );
}

function StepStatus({ busy, done, error }: Pick<StepRun, "busy" | "done" | "error">) {
  return (
    <>
      {busy && (
        <p role="status" aria-busy="true">
          {busy}
        </p>
      )}
      {done && <p role="status">{done}</p>}
      <FormAlert error={error} />
    </>
  );
}

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
  const [rows, setRows] = useState<CodedRow[] | null>(null);
  const [decisions, setDecisions] = useState<Map<string, boolean>>(new Map());
  const step = useStep();
  const { busy, setDone, run } = step;
  const holder = useRef<{ key: Uint8Array<ArrayBuffer> | null }>({ key: null });
  const { createKey, giveKey, rotate } = useKeyHolder(step, setUnlocked, setOrgKey, version, setVersion);

  const refreshRows = async (client: MatrixClient, list: RosterAgent[]): Promise<void> => {
    setRows(await reviewRows(client, p.me, p.agents, list));
    setDecisions(new Map());
  };

  const unlock = (recoveryKey: string): void =>
    run("Unlocking your secret storage…", async () => {
      const opened = await unlockOrgKey({
        me: p.me,
        wasmUrl: p.wasmUrl,
        serverOrgKey: orgKey,
        recoveryKey,
        holder: holder.current,
        endorsements: p.endorsements,
      });
      setUnlocked(opened);
      await refreshRows(opened.client, p.rostered);
    });

  const sign = (open: Unlocked & { privateKey: CryptoKey }): void =>
    run("Signing the roster…", async () => {
      if (!open.orgKey) throw new Error("The organisation key is not loaded");
      const roster = await signAndPublish({ privateKey: open.privateKey, orgKey: open.orgKey }, version, rows ?? [], decisions);
      setVersion(roster.version);
      await refreshRows(open.client, roster.agents);
      setDone(`Roster version ${roster.version} published with ${roster.agents.length} agent${roster.agents.length === 1 ? "" : "s"}.`);
    });

  const received = useHandoverReceipt({
    unlocked,
    orgKey,
    me: p.me,
    run,
    accepted: async (got, open) => {
      setUnlocked({ ...open, privateKey: got.privateKey, orgKey: got.orgKey });
      await refreshRows(open.client, p.rostered);
      setDone(`You now hold the organisation key, handed over by ${got.from}.`);
    },
  });

  const decide = (userId: string, accept: boolean): void => setDecisions((d) => new Map(d).set(userId, accept));
  const holding: Holding | null = unlocked?.privateKey && unlocked.orgKey ? { ...unlocked, privateKey: unlocked.privateKey, orgKey: unlocked.orgKey } : null;

  return (
    <>
      <Fingerprint orgKey={orgKey} version={version} rosterValid={p.rosterValid} />
      {!unlocked ? (
        <UnlockForm onUnlock={unlock} busy={!!busy} />
      ) : (
        <RosterSection
          unlocked={unlocked}
          orgKey={orgKey}
          operators={p.operators}
          me={p.me}
          busy={!!busy}
          rows={rows}
          decisions={decisions}
          onReceived={received}
          onCreate={() => createKey(unlocked)}
          onDecide={decide}
          onSign={(privateKey) => sign({ ...unlocked, privateKey })}
        />
      )}
      {holding && <KeyHolderPanel operators={p.operators} busy={!!busy} onHandOver={(to) => giveKey(holding, to)} onRotate={(days) => rotate(holding, days)} />}
      <StepStatus {...step} />
    </>
  );
}
