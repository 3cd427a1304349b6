"use client";

import { deletePushSubscription, savePushSubscription } from "../_console/push-api";

const WORKER = "/push-sw.js";
const SCOPE = "/inbox";
// Without its push service (no network, a blocked service) Chrome's subscribe can wait for minutes.
const SUBSCRIBE_TIMEOUT_MS = 20_000;

/** Whether this browser can receive Web Push here (a secure context with service workers, Push API and notifications). */
export function pushSupported(): boolean {
  return typeof window !== "undefined" && window.isSecureContext && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** Registers the console's service worker (idempotent) and waits until it is active. */
export async function pushWorker(): Promise<ServiceWorkerRegistration> {
  const reg = await navigator.serviceWorker.register(WORKER, { scope: SCOPE });
  // Not `navigator.serviceWorker.ready`: it follows the URL the document was created at, and the console is
  // often reached from /login by a client-side navigation, outside the worker's scope (it would never resolve).
  const activated = (): boolean => reg.active?.state === "activated";
  if (!activated())
    await new Promise<void>((resolve) => {
      const worker = reg.installing ?? reg.waiting ?? reg.active;
      worker?.addEventListener("statechange", () => activated() && resolve());
      if (activated()) resolve();
    });
  return reg;
}

/** This device's current subscription, if any. */
export async function currentPushSubscription(): Promise<PushSubscription | null> {
  const reg = await navigator.serviceWorker.getRegistration(SCOPE);
  return (await reg?.pushManager.getSubscription()) ?? null;
}

function withTimeout<T>(p: Promise<T>, message: string): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(message)), SUBSCRIBE_TIMEOUT_MS))]);
}

/**
 * Turns notifications on for this device: asks permission (on the agent's
 * click), subscribes with the server's VAPID key through the browser's push
 * service, and stores the subscription (endpoint and keys) on our server.
 */
export async function subscribeThisDevice(publicKey: string): Promise<void> {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") throw new Error("Notifications are blocked for this site in the browser's settings");
  const reg = await pushWorker();
  const subscription = await withTimeout(
    reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: publicKey }),
    "The browser's push service did not answer; try again later",
  );
  const json = subscription.toJSON();
  await savePushSubscription({
    endpoint: subscription.endpoint,
    expirationTime: json.expirationTime ?? null,
    keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" },
  });
}

/** Turns notifications off for this device: forgets it on our server, then unsubscribes the browser. Never throws. */
export async function unsubscribeThisDevice(): Promise<void> {
  const subscription = await currentPushSubscription().catch(() => null);
  if (!subscription) return;
  await deletePushSubscription(subscription.endpoint).catch(() => {});
  await subscription.unsubscribe().catch(() => false);
}
