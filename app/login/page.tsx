import { redirect } from "next/navigation";
import { currentAgent } from "../_server/current-agent";
import { env } from "../_server/env";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (await currentAgent()) redirect("/inbox");
  return (
    <main className="login">
      <h1>Sealdesk</h1>
      <p className="muted">Sign in to the support console</p>
      <LoginForm homeserverUrl={env().SYNAPSE_PUBLIC_URL} />
    </main>
  );
}
