import { z } from "zod";

// Kept apart from api-tokens.ts (node:crypto) so that the console's browser code can import the scopes.

/** What an API token may be allowed to do. `conversations:read` is metadata only (there is no content on the server). */
export const API_SCOPES = ["metrics:read", "conversations:read", "sites:write", "agents:write", "teams:write"] as const;

/** One scope. */
export type ApiScope = (typeof API_SCOPES)[number];

/** The zod schema of a scope. */
export const apiScopeSchema = z.enum(API_SCOPES);
