"use client";

import { ClientEvent, type MatrixClient, type ReceivedToDeviceMessage } from "matrix-js-sdk";
import { useEffect, type FormEvent } from "react";
import { HANDOVER_EVENT } from "../../../lib/roster/handover-decision";

/** An operator the key may be handed to. */
export type OperatorChoice = { userId: string; displayName: string };

/** The holder's actions on the key: hand it to another operator; rotate it. */
export function KeyHolderPanel(p: { operators: OperatorChoice[]; busy: boolean; onHandOver(to: string): void; onRotate(days: number): void }) {
  const rotate = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    p.onRotate(Number(new FormData(e.currentTarget).get("days")));
  };
  return (
    <>
      <section className="card" aria-labelledby="handover-title">
        <h2 id="handover-title">Hand the key to another operator</h2>
        <p className="muted">
          Your browser sends the key end-to-end encrypted to the operator&apos;s devices that their own identity verified, and only when that identity is the
          one on the signed roster. The server records the handover, never the key. They receive it on this page, unlocked.
        </p>
        {p.operators.length ? (
          <ul>
            {p.operators.map((o) => (
              <li key={o.userId}>
                {o.displayName} <span className="muted small">{o.userId}</span>{" "}
                <button type="button" disabled={p.busy} onClick={() => p.onHandOver(o.userId)} aria-label={`Hand the key to ${o.userId}`}>
                  Hand over
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p>No other operator yet (add one on the Agents page).</p>
        )}
      </section>
      <form className="card" onSubmit={rotate} aria-labelledby="rotate-title">
        <h2 id="rotate-title">Rotate the organisation key</h2>
        <p className="muted">
          A new key replaces this one; the old key signs an endorsement of the new one, so snippets that still carry the old key keep working until the
          transition ends, then stop. Replace the snippet on every page before then. Other operators need the new key handed over again.
        </p>
        <label>
          Transition (days the old snippet keeps working)
          <input name="days" type="number" min={1} max={365} defaultValue={30} required />
        </label>
        <button type="submit" disabled={p.busy}>
          Rotate organisation key
        </button>
      </form>
    </>
  );
}

/** Without the key: waits for a handover message on this page's client and passes it on to be judged. */
export function HandoverWait({ client, operators, onMessage }: { client: MatrixClient; operators: string[]; onMessage(m: ReceivedToDeviceMessage): void }) {
  const senders = operators.join(" ");
  useEffect(() => {
    // The crypto layer then knows the operators' devices when a handover arrives (it names the sending device).
    if (senders) void import("../../../lib/matrix/track-users").then(({ trackUsers }) => trackUsers(client, senders.split(" "))).catch(() => {});
  }, [client, senders]);
  useEffect(() => {
    const listener = (m: ReceivedToDeviceMessage): void => {
      if (m.message.type === HANDOVER_EVENT) onMessage(m);
    };
    client.on(ClientEvent.ReceivedToDeviceMessage, listener);
    return () => void client.off(ClientEvent.ReceivedToDeviceMessage, listener);
  }, [client, onMessage]);
  return (
    <section className="card" aria-labelledby="wait-title">
      <h2 id="wait-title">Waiting for the organisation key</h2>
      <p role="status">
        Your secret storage does not hold the organisation key. Ask an operator who holds it to hand it to you on their Trust page, and keep this page open: it
        arrives here end-to-end encrypted.
      </p>
    </section>
  );
}
