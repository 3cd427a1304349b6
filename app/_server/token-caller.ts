import "server-only";
import { decideToken, looksLikeApiToken } from "../../lib/integrations/api-tokens";
import type { ApiScope } from "../../lib/integrations/api-scopes";
import { findApiToken, touchApiToken } from "./api-token-store";
import { Refusal } from "./refusal";

/** Whether a caller is an API token rather than a signed-in operator. */
export function isApiTokenCaller(caller: { userId: string }): boolean {
  return caller.userId.startsWith("api-token:");
}

/** Who calls with an API token: named after the token, so what it changes records it (`added_by`: `api-token:<id>`). */
export type TokenCaller = { userId: string; name: string; role: "operator" };

/**
 * The caller of a request that presents an API token for a route needing
 * `scope`: 401 for an unknown or revoked token, 403 for a token without the scope.
 */
export async function tokenCaller(token: string, scope: ApiScope): Promise<TokenCaller> {
  const row = looksLikeApiToken(token) ? await findApiToken(token) : undefined;
  switch (decideToken(row, scope)) {
    case "unknown":
      throw new Refusal(401, "Unknown API token");
    case "revoked":
      throw new Refusal(401, "This API token was revoked");
    case "missing-scope":
      throw new Refusal(403, `This API token lacks the ${scope} scope`);
  }
  await touchApiToken(row!.id);
  return { userId: `api-token:${row!.id}`, name: `API token ${row!.name}`, role: "operator" };
}
