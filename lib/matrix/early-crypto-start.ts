import { beginClient, type BeginOptions, type BegunClient } from "./begin-client";

/**
 * A client whose crypto store is opening for a device that has no account yet: the user id
 * and device id are known before the homeserver made them (a new visitor's are decided
 * ahead, see docs/security.md), so the store (Rust crypto's IndexedDB store and the device's
 * new keys, ~0.26 s) opens while the account is being made. Hand it to `startEncryptedClient`
 * (`early`) with the account's token once the account exists.
 */
export type EarlyCryptoStart = BegunClient & {
  readonly baseUrl: string;
  readonly userId: string;
  readonly deviceId: string;
  /** Gives the client the account's token; the requests held until now leave with it. */
  attachToken(accessToken: string): void;
  /**
   * Gives up a start that does not fit the account the homeserver made (a fresh challenge named
   * another user, or the server chose the device): its held requests fail, and once its store has
   * opened the client stops and its crypto closes, so that the caller may delete the store.
   */
  discard(): Promise<void>;
};

/** What {@link openCryptoEarly} needs: everything of the start but the token (and no stored sync). */
export type EarlyCryptoOptions = Omit<BeginOptions, "accessToken" | "persistSync" | "saveSyncAfter">;

/**
 * Creates the client without an access token and opens its crypto store now. Nothing reaches
 * the homeserver before the token: opening a new device's store only computes the keys to
 * upload, but matrix-js-sdk's Rust crypto asks for the key backup's version as soon as it
 * exists (`RustCrypto`'s constructor), so every request the client makes meanwhile is held
 * and leaves, with the token, when {@link EarlyCryptoStart.attachToken} is called (or fails
 * when the start is discarded).
 */
export function openCryptoEarly(opts: EarlyCryptoOptions): EarlyCryptoStart {
  const send = opts.fetchFn ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let token: string | undefined;
  let release!: (token: string) => void;
  let refuse!: (err: Error) => void;
  const tokenGiven = new Promise<string>((resolve, reject) => ((release = resolve), (refuse = reject)));
  tokenGiven.catch(() => {}); // a discarded start: its held requests fail, nobody else waits
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (token) return send(input, init);
    const headers = new Headers(init?.headers);
    headers.set("authorization", `Bearer ${await tokenGiven}`);
    return send(input, { ...init, headers });
  };
  const begun = beginClient({ ...opts, persistSync: false, fetchFn });
  const attachToken = (accessToken: string): void => {
    token = accessToken;
    begun.client.setAccessToken(accessToken);
    release(accessToken);
  };
  const discard = async (): Promise<void> => {
    refuse(new Error("No account for this device: its crypto start was discarded"));
    await begun.opened.catch(() => {});
    begun.client.stopClient(); // also stops (frees) its crypto, which closes the store
  };
  return { ...begun, baseUrl: opts.baseUrl, userId: opts.userId, deviceId: opts.deviceId, attachToken, discard };
}

/** Whether the early start is for exactly this account and device on this homeserver (else it must not be used). */
export function earlyStartFits(early: EarlyCryptoStart, account: { baseUrl: string; userId: string; deviceId: string }): boolean {
  return early.baseUrl === account.baseUrl && early.userId === account.userId && early.deviceId === account.deviceId;
}
