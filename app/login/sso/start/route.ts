import { loginPageWithError, ssoProviderName, ssoStart } from "../../../_server/sso";

export const dynamic = "force-dynamic";

/** "Sign in with …": to the identity provider through Synapse, or back to the sign-in page saying why not. */
export async function GET(): Promise<Response> {
  if (!ssoProviderName()) return new Response("Single sign-on is not configured here.", { status: 404 });
  const start = await ssoStart();
  const to = "redirect" in start ? start.redirect : loginPageWithError(start.error);
  return new Response(null, { status: 303, headers: { location: to, "cache-control": "no-store" } });
}
