// Sealdesk's service worker (scope /inbox): turns a Web Push into a notification and a tap into the console.
// A push carries ids and the site's name only (lib/push/push-payload.ts), encrypted for this browser (RFC 8291;
// the browser decrypts it before this runs). The conversation itself is end-to-end encrypted and this worker
// has no Matrix keys: the notification never shows a message; the console decrypts it once opened.

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

/** The payload if it is one of ours, else null (anything else shows the neutral notification). */
function parsePayload(data) {
  try {
    const p = data.json();
    const ok = p && p.v === 1 && (p.kind === "assigned" || p.kind === "message") && typeof p.roomId === "string" && p.roomId.startsWith("!");
    return ok ? { kind: p.kind, roomId: p.roomId, eventId: typeof p.eventId === "string" ? p.eventId : null, site: typeof p.site === "string" ? p.site : "" } : null;
  } catch {
    return null;
  }
}

/** The same words as lib/push/push-payload.ts pushNotificationText (the e2e test holds them together). */
function notificationText(p) {
  const site = p.site || "your website";
  return p.kind === "assigned"
    ? { title: "New conversation", body: `A visitor on ${site} is waiting for your answer.` }
    : { title: "New message", body: `A visitor on ${site} wrote to you. Open Sealdesk to read it.` };
}

self.addEventListener("push", (event) => {
  const p = event.data ? parsePayload(event.data) : null;
  // Chrome requires a visible notification for every push (userVisibleOnly), even one we cannot read.
  const text = p ? notificationText(p) : { title: "Sealdesk", body: "Something new in your inbox." };
  event.waitUntil(
    self.registration.showNotification(text.title, {
      body: text.body,
      // One notification per conversation: a later push about it replaces the earlier one.
      tag: p ? `sealdesk:${p.roomId}` : "sealdesk",
      renotify: true,
      icon: "/icons/icon-192.png",
      data: { roomId: p ? p.roomId : null, eventId: p ? p.eventId : null },
    }),
  );
});

/** Brings the console forward at the conversation: an open console gets the room posted, else a new window opens there. */
async function openConversation(roomId) {
  const url = new URL(roomId ? `/inbox?room=${encodeURIComponent(roomId)}` : "/inbox", self.location.origin).href;
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((c) => new URL(c.url).pathname === "/inbox");
  if (!open) return self.clients.openWindow(url);
  // The message first: focus() is refused outside a real click, and the console should still switch.
  open.postMessage({ type: "sealdesk:open-room", roomId }); // app/inbox/push-open-room.ts listens
  return open.focus().catch(() => open);
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const work = openConversation(event.notification.data && event.notification.data.roomId);
  try {
    event.waitUntil(work);
  } catch {
    // A synthetic click (the end-to-end test's) cannot extend the worker's life; the work runs all the same.
  }
});
