import "server-only";
import { tokenIdentityCache } from "../../lib/matrix/token-identity-cache";
import { userOfToken } from "../../lib/matrix/user-of-token";

// Whose visitor token is whose, for the routing ticket: a burst of first messages then costs
// Synapse no `whoami` for visitors this app just provisioned. Trusted for 10 minutes: a token
// revoked meanwhile could still get a ticket, but not use it (its invites are checked by Synapse).
const visitors = tokenIdentityCache({ ttlMs: 10 * 60_000, max: 50_000 });

/** The user of a visitor's access token: remembered, or asked of Synapse (`whoami`) and remembered. */
export async function visitorOfToken(synapseUrl: string, accessToken: string): Promise<string | null> {
  const known = visitors.userOf(accessToken);
  if (known) return known;
  const userId = await userOfToken(synapseUrl, accessToken);
  if (userId) visitors.remember(accessToken, userId);
  return userId;
}

/** The app had this token issued for this visitor (provisioning): no need to ask Synapse whose it is. */
export const rememberVisitorToken = (accessToken: string, userId: string): void => visitors.remember(accessToken, userId);

/** The visitor's account is gone (erased): its token is no longer taken for anyone. */
export const forgetVisitorToken = (accessToken: string): void => visitors.forget(accessToken);
