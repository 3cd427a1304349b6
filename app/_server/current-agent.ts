import "server-only";
import { cookies } from "next/headers";
import { decode, getToken, type JWT } from "next-auth/jwt";
import { env } from "./env";

/** A signed-in agent or operator, as their session cookie says (the database says whether they still are). */
export type SessionAgent = { userId: string; name: string; role: "agent" | "operator" };

// jose's default when next-auth decodes a session: an expiry this many seconds past still counts.
const CLOCK_TOLERANCE_S = 15;
const MAX_KEPT = 1_000;
// Sessions already decrypted, by the cookie's exact value (see sessionOf).
const decoded = new Map<string, { secret: string; token: JWT }>();

/**
 * The signed-in agent or operator, or null. Every protected route starts here.
 * The session is next-auth's encrypted JWT cookie (read and decrypted by
 * next-auth's own `getToken` and `decode`, as `getServerSession` does, without
 * re-encrypting a refreshed cookie that a route handler cannot set anyway).
 */
export async function currentAgent(): Promise<SessionAgent | null> {
  const { NEXTAUTH_SECRET: secret, NEXTAUTH_URL } = env();
  // Headers are left out on purpose: getToken would otherwise also take a token from an Authorization header.
  const raw = await getToken({ req: { cookies: await cookies(), headers: {} } as never, secret, raw: true, secureCookie: NEXTAUTH_URL.startsWith("https://") });
  if (!raw) return null;
  const token = await sessionOf(raw, secret);
  if (!token?.sub) return null;
  return { userId: token.sub, name: token.name ?? token.sub, role: token.role ?? "agent" };
}

/**
 * The session a cookie carries, or null (forged, expired). Decrypting is a pure function of the cookie and the
 * secret (authenticated encryption: the same bytes always hold the same session), so a decrypted session is kept
 * by the cookie's exact value; only its expiry changes with time, and it is checked at every call. Nothing a
 * database or another replica holds is kept: an offboarding still takes effect at once (authorize.ts).
 */
async function sessionOf(raw: string, secret: string): Promise<JWT | null> {
  const kept = decoded.get(raw);
  const hit = kept?.secret === secret ? kept.token : undefined;
  const token = hit ?? (await decode({ token: raw, secret }).catch(() => null));
  if (!token || (typeof token.exp === "number" && token.exp + CLOCK_TOLERANCE_S < Date.now() / 1000)) {
    decoded.delete(raw);
    return null;
  }
  if (!hit) {
    // The oldest goes first (a Map keeps insertion order); only sessions that decrypted are kept.
    if (decoded.size >= MAX_KEPT) decoded.delete(decoded.keys().next().value!);
    decoded.set(raw, { secret, token });
  }
  return token;
}
