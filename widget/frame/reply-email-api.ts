// The chat frame's calls to the app about reply emails (same origin, the visitor's Matrix token as bearer).

type Answer = { ok: boolean; data: Record<string, unknown> };

async function call(token: string, method: string, path: string, body?: unknown, keepalive = false): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), keepalive });
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: res.ok, data };
}

/** The address on file, or null; throws when reply emails are not offered. */
export async function fetchReplyEmail(token: string): Promise<string | null> {
  const { ok, data } = await call(token, "GET", "/api/visitor/email");
  if (!ok || data.available !== true) throw new Error("reply emails are not offered");
  return typeof data.email === "string" ? data.email : null;
}

/** Saves the address with the visitor's consent; resolves with the server's refusal message, or null when saved. */
export async function saveReplyEmail(token: string, email: string, pageUrl: string): Promise<string | null> {
  const { ok, data } = await call(token, "POST", "/api/visitor/email", { email, consent: true, page_url: pageUrl });
  return ok ? null : typeof data.error === "string" ? data.error : "please try again";
}

/** "Stop emails": the app forgets the address. */
export async function deleteReplyEmail(token: string): Promise<boolean> {
  return (await call(token, "DELETE", "/api/visitor/email")).ok;
}

/** Tells the app the widget is open (or closed): an open widget gets no reply email. keepalive lets the last one leave a closing page. */
export function sendPresence(token: string, open: boolean): void {
  call(token, "POST", "/api/visitor/presence", { open }, !open).catch(() => {});
}
