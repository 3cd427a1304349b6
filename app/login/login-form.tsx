"use client";

import { createClient } from "matrix-js-sdk";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { rememberedDevice, saveCredentials } from "../_console/matrix-credentials";

export function LoginForm({ homeserverUrl }: { homeserverUrl: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setError(null);
    try {
      // The password goes from this browser to the homeserver only.
      const previous = rememberedDevice();
      const login = await createClient({ baseUrl: homeserverUrl }).loginRequest({
        type: "m.login.password",
        identifier: { type: "m.id.user", user: username },
        password,
        initial_device_display_name: "Sealdesk console",
        // Reuse this browser's device so its encryption store stays valid.
        device_id: previous && previous.userId.startsWith(`@${username}:`) ? previous.deviceId : undefined,
      });
      const result = await signIn("matrix", { accessToken: login.access_token, redirect: false });
      if (!result?.ok) {
        setError("This account is not a support agent here.");
        return;
      }
      saveCredentials({ homeserverUrl, userId: login.user_id, deviceId: login.device_id, accessToken: login.access_token });
      router.replace("/inbox");
    } catch (err) {
      const code = (err as { errcode?: string }).errcode;
      setError(code === "M_FORBIDDEN" ? "Wrong username or password." : `Could not sign in: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} className="card" aria-describedby={error ? "login-error" : undefined}>
      <label>
        Username
        <input name="username" autoComplete="username" required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p id="login-error" role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
