// @vitest-environment jsdom
import type { MatrixClient } from "matrix-js-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DeleteStrings } from "../../lib/widget-i18n/delete-strings";
import type { ChatSession } from "./chat-session";
import type { ChatView } from "./chat-view";
import { bindDeletion } from "./delete-conversation";

const strings = { deleted: "The conversation was deleted." } as DeleteStrings;

function wired(answer: { deleted: string; account_erased: boolean }) {
  let confirm: (() => Promise<void>) | undefined;
  const view = { onDelete: (h: () => Promise<void>) => void (confirm = h), setStatus: vi.fn() } as unknown as ChatView;
  const session = {
    visitor: () => ({ accessToken: "tok" }),
    roomId: () => "!room:hs",
    restart: vi.fn(),
    stop: vi.fn(),
  } as unknown as ChatSession;
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(JSON.stringify(answer), { status: 200 })),
  );
  bindDeletion({ client: { stopClient: vi.fn() } as unknown as MatrixClient, view, session, siteId: "demo", strings });
  return { view, session, confirm: () => confirm!() };
}

afterEach(() => vi.unstubAllGlobals());

describe("bindDeletion", () => {
  it("when the visitor keeps their account (another conversation is left), the chat starts over and says the conversation was deleted", async () => {
    const { view, session, confirm } = wired({ deleted: "!room:hs", account_erased: false });
    await confirm();
    expect(session.restart).toHaveBeenCalledOnce();
    expect(session.stop).not.toHaveBeenCalled();
    expect(view.setStatus).toHaveBeenCalledWith("The conversation was deleted.");
  });
});
