/** The parts of a reply email: it names the site and links back, and carries nothing of the conversation. */
export type ReplyEmailMessage = { subject: string; text: string; html: string; headers: Record<string, string> };

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The content-free email: "You have a new reply from <site>", the link that
 * reopens the chat on the page it was on, and a one-click unsubscribe link
 * (also as List-Unsubscribe with List-Unsubscribe-Post, RFC 8058). It takes no
 * message text as input, so it cannot carry any.
 */
export function replyEmailMessage(siteName: string, openUrl: string, unsubscribeUrl: string): ReplyEmailMessage {
  const subject = `You have a new reply from ${siteName}`;
  const text = [
    `${subject}.`,
    "",
    `Open the chat to read it: ${openUrl}`,
    "",
    "This email says only that there is a reply, never what it says: the conversation is end-to-end encrypted.",
    `Stop these emails: ${unsubscribeUrl}`,
  ].join("\n");
  const html = `<p>${escapeHtml(subject)}.</p><p><a href="${escapeHtml(openUrl)}">Open the chat to read it</a></p><p>This email says only that there is a reply, never what it says: the conversation is end-to-end encrypted.</p><p><a href="${escapeHtml(unsubscribeUrl)}">Stop these emails</a></p>`;
  return { subject, text, html, headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } };
}

/** The page the chat was on with `sealdesk=open`, which makes the loader open the chat; null for a non-http(s) URL. */
export function reopenUrl(pageUrl: string): string | null {
  try {
    const u = new URL(pageUrl);
    if (u.protocol !== "https:" && u.protocol !== "http:") return null;
    u.searchParams.set("sealdesk", "open");
    u.hash = "";
    return u.toString();
  } catch {
    return null;
  }
}
