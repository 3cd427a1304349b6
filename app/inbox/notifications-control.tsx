"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { notificationModeWords, notificationSetting, type NotificationMode, type NotificationSetting } from "../../lib/console-state/notification-mode";
import { fetchPushPublicKey } from "../_console/push-api";
import { notificationPreference, setNotificationPreference } from "./notification-preference";
import { currentPushSubscription, pushSupported, subscribeThisDevice, unsubscribeThisDevice } from "./push-device";

const SHORT: Record<NotificationMode, string> = { off: "Off", open: "while open", closed: "even when closed" };
const TOLD: Record<NotificationMode, string> = {
  off: "This device will no longer be notified.",
  open: "This device will be notified of new conversations while Sealdesk is open.",
  closed: "This device will be notified of new conversations while Sealdesk is closed.",
};
const BLOCKED = "Notifications are blocked for this site in the browser's settings";

/** What the browser and the server say now: the permission, the push subscription, the VAPID key. */
async function readState(): Promise<{ setting: NotificationSetting; publicKey: string | null }> {
  const permission = typeof Notification === "undefined" ? "unsupported" : Notification.permission;
  const push = pushSupported();
  const [publicKey, subscription] = push
    ? await Promise.all([fetchPushPublicKey().catch(() => null), currentPushSubscription().catch(() => null)])
    : [null, null];
  const facts = { permission, pushSubscribed: !!subscription, pushAvailable: push && !!publicKey, preference: notificationPreference() } as const;
  return { setting: notificationSetting(facts), publicKey };
}

/** Applies a choice: asks the browser's permission (once: it remembers), then subscribes to Web Push or forgets the subscription. */
async function apply(next: NotificationMode, publicKey: string | null): Promise<void> {
  if (next === "closed") {
    if (!publicKey) throw new Error("This server does not send notifications while Sealdesk is closed");
    await subscribeThisDevice(publicKey);
  } else {
    if (next === "open" && Notification.permission !== "granted" && (await Notification.requestPermission()) !== "granted") throw new Error(BLOCKED);
    await unsubscribeThisDevice(); // also deletes the subscription our server stored
  }
  setNotificationPreference(next === "off" ? "off" : "on");
}

/**
 * The console's one notifications control: a button that names the state
 * ("Notifications: Off / while open / even when closed") and opens the
 * choices. "Even when closed" is Web Push (offered where the browser supports
 * it and the server has a VAPID key); without it, in-page notifications while
 * the console is open are the fallback. "Off" unsubscribes this device.
 * Buttons, not radios: arrowing through choices must not subscribe anything.
 */
export function NotificationsControl() {
  const [state, setState] = useState<{ setting: NotificationSetting; publicKey: string | null } | null>(null);
  const [expanded, setExpanded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [told, setTold] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();

  const reload = async (): Promise<void> => setState(await readState().catch(() => null));
  useEffect(() => {
    let live = true;
    void readState()
      .catch(() => null)
      .then((s) => live && setState(s));
    return () => void (live = false);
  }, []);
  // Opening moves focus to the current choice, so Tab and Enter work at once.
  useEffect(() => void (expanded && panel.current?.querySelector<HTMLButtonElement>('[aria-pressed="true"]')?.focus()), [expanded]);

  const close = (): void => {
    setExpanded(false);
    toggle.current?.focus();
  };
  const choose = async (next: NotificationMode): Promise<void> => {
    setBusy(true);
    setError(null);
    setTold(null);
    try {
      await apply(next, state?.publicKey ?? null);
      setTold(TOLD[next]);
      close();
    } catch (e) {
      if (next === "closed") await unsubscribeThisDevice(); // nothing half-done stays behind
      setError(`Could not turn notifications on: ${(e as Error).message}`);
    } finally {
      await reload();
      setBusy(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === "Escape") close();
  };

  const setting = state?.setting;
  return (
    <span className="notifications-control" onKeyDown={onKeyDown}>
      <button
        ref={toggle}
        type="button"
        className="secondary small"
        aria-expanded={expanded}
        aria-controls={panelId}
        disabled={!setting}
        onClick={() => setExpanded(!expanded)}
      >
        Notifications: {setting ? SHORT[setting.mode] : "…"}
      </button>
      {expanded && setting && <NotificationChoices ref={panel} id={panelId} setting={setting} busy={busy} choose={choose} />}
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

/** The open panel: one button per choice this browser and server allow, and why one is missing. */
function NotificationChoices({
  ref,
  ...p
}: {
  ref: React.Ref<HTMLDivElement>;
  id: string;
  setting: NotificationSetting;
  busy: boolean;
  choose: (m: NotificationMode) => Promise<void>;
}) {
  const { setting } = p;
  return (
    <div ref={ref} id={p.id} role="group" aria-label="Notify me of new conversations" className="notifications-panel">
      {(["off", "open", "closed"] as const)
        .filter((m) => setting.choices.includes(m))
        .map((m) => (
          <button key={m} type="button" className="secondary small" aria-pressed={setting.mode === m} disabled={p.busy} onClick={() => void p.choose(m)}>
            {notificationModeWords(m)}
          </button>
        ))}
      {setting.blocked ? (
        <p className="small">{BLOCKED}: allow them there, then reload this page.</p>
      ) : (
        !setting.choices.includes("closed") && (
          <p className="small muted">Notifications while Sealdesk is closed are not available in this browser or on this server.</p>
        )
      )}
    </div>
  );
}
