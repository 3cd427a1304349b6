import { AttachmentQuotaError, AttachmentTooLargeError, MAX_ATTACHMENT_BYTES } from "../../lib/matrix/encrypted-attachment";
import type { WidgetStrings } from "../../lib/widget-i18n/catalogue";
import type { ChatView } from "./chat-view";
import type { createVisitorOutbox } from "./visitor-outbox";

type Deps = {
  view: ChatView;
  outbox: ReturnType<typeof createVisitorOutbox>;
  t: WidgetStrings;
  /** Ask the pre-chat questions (the site's setting or the embed's `data-prechat`). */
  prechat: boolean;
};

/**
 * Wires the composer to the outbox, which needs no started client: what the
 * visitor writes is queued and shown as pending right away, and goes out
 * (encrypted, in order, once) as soon as the client and room are ready. So
 * the composer opens as soon as the frame has rendered. Returns `open`, which
 * asks the pre-chat questions first when there is no conversation yet (also
 * after "New conversation").
 */
export function wireComposer({ view, outbox, t, prechat }: Deps): { open(hasConversation: boolean): Promise<void> } {
  view.onRetry(() => outbox.retry());
  view.onSend((text) => {
    view.showError("");
    outbox.sendText(text);
  });
  view.onAttach((file) => {
    view.showError("");
    if (file.size > MAX_ATTACHMENT_BYTES) return view.showError(t.fileTooLarge(MAX_ATTACHMENT_BYTES / 1024 / 1024));
    outbox.sendFile(file);
  });
  outbox.onError((err) => {
    if (err instanceof AttachmentTooLargeError) return view.showError(t.fileTooLarge(MAX_ATTACHMENT_BYTES / 1024 / 1024));
    view.showError(err instanceof AttachmentQuotaError ? t.uploadQuotaExceeded : err.message);
  });
  return {
    async open(hasConversation) {
      if (prechat && !hasConversation) {
        const answers = await view.askPrechat();
        if (answers) outbox.holdPrechat(answers);
      }
      view.enableComposer();
      performance.mark("sealdesk:composer-enabled"); // read by bench/widget-budget.ts
    },
  };
}
