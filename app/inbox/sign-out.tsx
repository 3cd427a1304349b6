"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { forgetCredentials } from "../_console/matrix-credentials";
import { MenuButton } from "../_console/menu-button";
import { unsubscribeThisDevice } from "./push-device";

const CRYPTO_PREFIX = "sealdesk-console";

/**
 * Sign out, keeping this browser's encryption keys (the next sign-in here
 * continues the same verified device), or wiping them: the Matrix device is
 * logged out (deleted on the server) and the local crypto store is deleted.
 */
export function SignOut({ client }: { client: MatrixClient | null }) {
  const [busy, setBusy] = useState(false);

  async function leave(wipe: boolean): Promise<void> {
    setBusy(true);
    // This device stops being notified: whoever signs in here next must not get this agent's pushes.
    await Promise.race([unsubscribeThisDevice(), new Promise((r) => setTimeout(r, 3_000))]);
    if (wipe && client) {
      client.stopClient();
      await client.logout(true).catch(() => {});
      // Deletion waits for open connections; do not let a stuck tab block the sign-out.
      await Promise.race([client.clearStores({ cryptoDatabasePrefix: CRYPTO_PREFIX }).catch(() => {}), new Promise((r) => setTimeout(r, 5_000))]);
    }
    forgetCredentials(wipe);
    await signOut({ callbackUrl: "/login" });
  }

  return (
    <MenuButton label="Sign out" menuLabel="Sign out options" className="sign-out">
      <button type="button" disabled={busy} onClick={() => void leave(false)}>
        Sign out, keep this browser&apos;s keys
      </button>
      <span className="small muted">Faster next sign-in here; anyone using this browser profile could reach the keys.</span>
      <button type="button" className="secondary" disabled={busy} onClick={() => void leave(true)}>
        Sign out and wipe this browser&apos;s keys
      </button>
      <span className="small muted">Logs this device out of Matrix and deletes its keys here; sign in again with your recovery key or another device.</span>
    </MenuButton>
  );
}
