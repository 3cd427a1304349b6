"use client";

import { useEffect, useState } from "react";
import { fetchPushPublicKey } from "../_console/push-api";
import { currentPushSubscription, pushSupported, subscribeThisDevice, unsubscribeThisDevice } from "./push-device";

type State = { phase: "hidden" } | { phase: "off" | "on" | "busy"; publicKey: string };

/**
 * "Notify me on this device": Web Push, so that a conversation assigned (or a
 * visitor writing) while the console is closed still reaches the agent. Shown
 * only where the browser supports it and the server has VAPID keys. The
 * notification names the site, never a message.
 */
export function PushToggle() {
  const [state, setState] = useState<State>({ phase: "hidden" });
  const [error, setError] = useState<string | null>(null);
  const [told, setTold] = useState<string | null>(null);

  useEffect(() => {
    if (!pushSupported()) return;
    let live = true;
    void Promise.all([fetchPushPublicKey(), currentPushSubscription()])
      .then(([publicKey, subscription]) => live && publicKey && setState({ phase: subscription ? "on" : "off", publicKey }))
      .catch(() => {}); // no toggle rather than an error about an optional feature
    return () => void (live = false);
  }, []);

  if (state.phase === "hidden") return null;
  const publicKey = state.publicKey;
  const change = async (on: boolean): Promise<void> => {
    setState({ phase: "busy", publicKey });
    setError(null);
    setTold(null);
    try {
      if (on) await subscribeThisDevice(publicKey);
      else await unsubscribeThisDevice();
      setState({ phase: on ? "on" : "off", publicKey });
      setTold(on ? "This device will be notified of new conversations while Sealdesk is closed." : "This device will no longer be notified.");
    } catch (e) {
      if (on) await unsubscribeThisDevice(); // nothing half-done stays behind
      setState({ phase: "off", publicKey });
      setError(`Could not turn notifications on: ${(e as Error).message}`);
    }
  };
  return (
    <span className="push-toggle">
      {state.phase === "on" ? (
        <button type="button" className="secondary small" onClick={() => void change(false)}>
          Turn off notifications on this device
        </button>
      ) : (
        <button type="button" className="secondary small" disabled={state.phase === "busy"} onClick={() => void change(true)}>
          Notify me on this device
        </button>
      )}
      <span role="status" className="small muted">
        {told}
      </span>
      {error && (
        <span role="alert" className="small error">
          {error}
        </span>
      )}
    </span>
  );
}
