/**
 * Asks the homeserver whose access token this is (`whoami`). Returns the user
 * id, or null when the token is unknown, expired or malformed. Never throws for
 * a bad token; network errors propagate.
 */
export async function userOfToken(homeserverUrl: string, accessToken: string): Promise<string | null> {
  if (!/^[\x21-\x7e]{1,512}$/.test(accessToken)) return null;
  const res = await fetch(`${homeserverUrl}/_matrix/client/v3/account/whoami`, { headers: { authorization: `Bearer ${accessToken}` } });
  if (!res.ok) return null;
  const { user_id: userId } = (await res.json()) as { user_id?: unknown };
  return typeof userId === "string" ? userId : null;
}
