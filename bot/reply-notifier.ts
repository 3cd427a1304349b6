import nodemailer from "nodemailer";
import type { Db } from "../lib/conversation/transitions";
import { decideReplyEmail } from "../lib/reply-email/decide-reply-email";
import { replyEmailMessage, reopenUrl } from "../lib/reply-email/reply-email-message";
import { claimReplyEmail, releaseReplyEmail, replyFacts } from "../lib/reply-email/reply-email-rows";
import type { SmtpSettings } from "../lib/reply-email/smtp-settings";
import { signUnsubscribeToken } from "../lib/reply-email/unsubscribe-token";

/** Sends one email; nodemailer's transport in production, anything with the same shape in tests. */
export type MailTransport = {
  sendMail(m: { from: string; to: string; subject: string; text: string; html: string; headers: Record<string, string> }): Promise<unknown>;
};

/** nodemailer over the configured SMTP server (TLS from the start when `secure`, else STARTTLS when offered). */
export function smtpTransport(s: SmtpSettings): MailTransport {
  return nodemailer.createTransport({ host: s.host, port: s.port, secure: s.secure, auth: s.user ? { user: s.user, pass: s.password } : undefined });
}

/**
 * Emails a visitor that an agent replied, from metadata only: the router sees
 * each event's type and sender (never its content, it holds no room key). An
 * agent's encrypted event in a conversation whose visitor consented and whose
 * widget is not open, at most once per conversation per window (a database
 * claim, so two routers send one email). The email names the site and links
 * back; it carries nothing of the conversation.
 */
export function createReplyNotifier(db: Db, settings: SmtpSettings, appUrl: string, transport: MailTransport, log: (m: string) => void) {
  const windowMs = settings.windowMinutes * 60_000;
  async function consider(roomId: string, sender: string, at: Date, type: string): Promise<void> {
    if (type !== "m.room.encrypted") return; // before any query: most events are not messages
    const facts = await replyFacts(db, roomId, sender);
    if (!facts) return;
    const now = new Date();
    const decision = decideReplyEmail({
      eventType: type,
      sender,
      eventAt: at,
      now,
      visitorUserId: facts.visitorUserId,
      senderIsAgent: facts.senderIsAgent,
      contact: facts.contact,
      presenceTtlMs: settings.presenceTtlSeconds * 1000,
    });
    const open = facts.contact && reopenUrl(facts.contact.pageUrl);
    if (!decision.send || !facts.contact || !open) return;
    if (!(await claimReplyEmail(db, roomId, now, windowMs))) return;
    const unsubscribeUrl = `${appUrl}/api/email/unsubscribe?token=${encodeURIComponent(signUnsubscribeToken(settings.linkSecret, facts.visitorUserId))}`;
    try {
      await transport.sendMail({ from: settings.from, to: facts.contact.email, ...replyEmailMessage(facts.siteName, open, unsubscribeUrl) });
      log(`reply email sent for ${roomId}`);
    } catch (e) {
      await releaseReplyEmail(db, roomId, now);
      log(`reply email for ${roomId} failed: ${(e as Error).message.split("\n")[0]}`);
    }
  }
  return {
    /** Called with every new event's metadata; never throws (a failed email is logged). */
    activity(roomId: string, sender: string, at: Date, type: string): void {
      consider(roomId, sender, at, type).catch((e: Error) => log(`reply email check for ${roomId} failed: ${e.message.split("\n")[0]}`));
    },
  };
}
