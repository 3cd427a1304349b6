import { redirect } from "next/navigation";
import { env } from "../../_server/env";
import { ssoProviderName } from "../../_server/sso";
import { SsoComplete } from "./sso-complete";

export const dynamic = "force-dynamic";

/** Where Synapse sends the browser back with `?loginToken=` after the identity provider. */
export default function SsoReturnPage() {
  const provider = ssoProviderName();
  if (!provider) redirect("/login");
  return (
    <main className="login">
      <h1>Sealdesk</h1>
      <SsoComplete homeserverUrl={env().SYNAPSE_PUBLIC_URL} provider={provider} />
    </main>
  );
}
