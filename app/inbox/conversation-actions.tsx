"use client";

import { useEffect, useState } from "react";

type Targets = { agents: { userId: string; displayName: string; availability: string }[]; teams: { id: string; name: string }[] };

async function post(path: string, body: unknown): Promise<string | null> {
  const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (res.ok) return null;
  return ((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`;
}

/** Transfer and close, done through the API; the router publishes the change to the room. */
export function ConversationActions({ roomId, myUserId, closed }: { roomId: string; myUserId: string; closed: boolean }) {
  const [targets, setTargets] = useState<Targets | null>(null);
  const [target, setTarget] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    fetch("/api/agents")
      .then((r) => (r.ok ? (r.json() as Promise<Targets>) : null))
      .then(setTargets)
      .catch(() => setTargets(null));
  }, []);

  async function run(action: () => Promise<string | null>, done: string): Promise<void> {
    setBusy(true);
    const error = await action();
    setBusy(false);
    setMessage(error ?? done);
  }

  const transfer = (): Promise<void> =>
    run(() => post("/api/conversations/transfer", { roomId, to: target.startsWith("team:") ? { teamId: target.slice(5) } : { agentUserId: target } }), "Transferred.");

  if (closed) return <p className="muted actions">This conversation is closed.</p>;
  return (
    <div className="actions" role="group" aria-label="Conversation actions">
      <label>
        Transfer to{" "}
        <select value={target} onChange={(e) => setTarget(e.target.value)} disabled={!targets || busy}>
          <option value="">Choose…</option>
          {targets?.agents
            .filter((a) => a.userId !== myUserId)
            .map((a) => (
              <option key={a.userId} value={a.userId}>
                {a.displayName} ({a.availability})
              </option>
            ))}
          {targets?.teams.map((t) => (
            <option key={t.id} value={`team:${t.id}`}>
              Team: {t.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="secondary" disabled={!target || busy} onClick={() => void transfer()}>
        Transfer
      </button>
      <button type="button" className="secondary" disabled={busy} onClick={() => void run(() => post("/api/conversations/close", { roomId }), "Closed.")}>
        Close conversation
      </button>
      {message && <span role="status">{message}</span>}
    </div>
  );
}
