import { redirect } from "next/navigation";
import { parseSsoError, ssoErrorMessage } from "../../lib/sso/sso-errors";
import { currentAgent } from "../_server/current-agent";
import { env } from "../_server/env";
import { ssoProviderName } from "../_server/sso";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await currentAgent()) redirect("/inbox");
  const provider = ssoProviderName();
  const ssoError = provider ? parseSsoError((await searchParams).sso_error) : null;
  return (
    <main className="login">
      <h1>Sealdesk</h1>
      <p className="muted">Sign in to the support console</p>
      {provider && (
        <section className="card sso" aria-label="Single sign-on">
          {ssoError && (
            <p role="alert" className="error" id="sso-error">
              {ssoErrorMessage(ssoError, provider)}
            </p>
          )}
          {/* A plain link: the browser goes to the provider and back, and the app never sees a password. */}
          <a className="button" href="/login/sso/start" aria-describedby={ssoError ? "sso-error" : undefined}>
            Sign in with {provider}
          </a>
        </section>
      )}
      {provider && <p className="muted sso-or">or with your password</p>}
      <LoginForm homeserverUrl={env().SYNAPSE_PUBLIC_URL} />
    </main>
  );
}
