"use client";

import { createClient } from "matrix-js-sdk";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { SsoErrorCode } from "../../../lib/sso/sso-errors";
import { rememberedDevice, saveCredentials } from "../../_console/matrix-credentials";

/**
 * Trades Synapse's one-time login token for a Matrix access token in this browser
 * (`m.login.token`), then asks the app for a console session with it, exactly as the
 * password form does: the app only learns whose token it is and whether they are an agent.
 */
export function SsoComplete({ homeserverUrl, provider }: { homeserverUrl: string; provider: string }) {
  const router = useRouter();
  const started = useRef(false); // the token works once: never send it twice

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const token = new URLSearchParams(window.location.search).get("loginToken");
    // Out of the address bar and the history before anything else.
    window.history.replaceState(null, "", "/login/sso");
    const fail = (code: SsoErrorCode): void => router.replace(`/login?sso_error=${code}`);
    if (!token) return fail("login_failed");
    void (async () => {
      const client = createClient({ baseUrl: homeserverUrl });
      let login;
      try {
        // Continue this browser's device (its encryption store) when it is the same person's; Synapse
        // scopes device ids per user, so another person's id only names a new device of theirs.
        login = await client.loginRequest({
          type: "m.login.token",
          token,
          initial_device_display_name: "Sealdesk console",
          device_id: rememberedDevice()?.deviceId,
        });
      } catch {
        return fail("login_failed");
      }
      const result = await signIn("matrix", { accessToken: login.access_token, redirect: false });
      if (!result?.ok) {
        // No console session, and no Matrix session left behind either.
        await fetch(`${homeserverUrl.replace(/\/+$/, "")}/_matrix/client/v3/logout`, {
          method: "POST",
          headers: { authorization: `Bearer ${login.access_token}`, "content-type": "application/json" },
          body: "{}",
        }).catch(() => {});
        return fail("not_agent");
      }
      saveCredentials({ homeserverUrl, userId: login.user_id, deviceId: login.device_id, accessToken: login.access_token });
      router.replace("/inbox");
    })();
  }, [homeserverUrl, router]);

  return (
    <p role="status" className="muted">
      Signing you in with {provider}…
    </p>
  );
}
