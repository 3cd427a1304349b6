// @vitest-environment jsdom
import type { MatrixClient } from "matrix-js-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PASSKEY_BACKUP_TYPE } from "../../lib/customers/passkey-backup";
import { askToUnlock } from "./history-choice";

const marker = { credential_id: "A".repeat(22), salt: "B".repeat(43), key_id: "k1" };

/** A client whose account has the passkey backup marker; records what the widget writes. */
function fakeClient(opts: { failSetAside?: boolean } = {}) {
  const calls: string[] = [];
  const client = {
    getAccountData: (type: string) => (type === PASSKEY_BACKUP_TYPE ? { getContent: () => marker } : undefined),
    getAccountDataFromServer: async () => null,
    setAccountData: async (type: string, content: unknown) => {
      calls.push(`account data ${type} ${JSON.stringify(content)}`);
      if (opts.failSetAside) throw new Error("offline");
    },
    secretStorage: { setDefaultKeyId: async (id: string | null) => void calls.push(`default key ${String(id)}`) },
  };
  return { client: client as unknown as MatrixClient, calls };
}

function root(): HTMLElement {
  const r = document.createElement("div");
  document.body.replaceChildren(r);
  return r;
}

const button = (r: HTMLElement, name: string) => [...r.querySelectorAll("button")].find((b) => b.textContent === name)!;

/** A browser with WebAuthn (the PRF result is only known once asked). */
function withWebAuthn(): void {
  vi.stubGlobal("PublicKeyCredential", class {});
  Object.defineProperty(navigator, "credentials", { value: {}, configurable: true });
}

describe("askToUnlock", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    delete (navigator as { credentials?: unknown }).credentials;
  });

  it("'Continue without them' sets the stale backup aside (marker, then the default key) before the new identity", async () => {
    withWebAuthn();
    const { client, calls } = fakeClient();
    const r = root();
    const answer = askToUnlock(r, client, "en");
    await vi.waitFor(() => expect(button(r, "Continue without them")).toBeTruthy());
    button(r, "Continue without them").click();
    await expect(answer).resolves.toBe(false);
    expect(calls).toEqual([`account data ${PASSKEY_BACKUP_TYPE} {}`, "default key null"]);
    expect(r.querySelector(".history-unlock")).toBeNull();
  });

  it("says so and stays when the backup cannot be set aside (the visitor may retry)", async () => {
    withWebAuthn();
    const { client } = fakeClient({ failSetAside: true });
    const r = root();
    let settled = false;
    void askToUnlock(r, client, "en").then(() => (settled = true));
    await vi.waitFor(() => expect(button(r, "Continue without them")).toBeTruthy());
    button(r, "Continue without them").click();
    await vi.waitFor(() => expect(r.querySelector('[role="alert"]')?.textContent).toBe("Could not continue without them: offline"));
    expect(button(r, "Continue without them").disabled).toBe(false);
    expect(settled).toBe(false);
  });

  it("without WebAuthn here: no prompt, and the backup is set aside for the new identity", async () => {
    const { client, calls } = fakeClient();
    const r = root();
    await expect(askToUnlock(r, client, "en")).resolves.toBe(false);
    expect(r.querySelector(".history-unlock")).toBeNull();
    expect(calls).toEqual([`account data ${PASSKEY_BACKUP_TYPE} {}`, "default key null"]);
  });
});
