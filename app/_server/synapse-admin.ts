import "server-only";
import { z } from "zod";
import { env } from "./env";
import { Refusal } from "./refusal";

/** The Synapse admin token (server-side only); a 503 naming the setting when it is missing. */
export function synapseAdminToken(): string {
  const token = env().SYNAPSE_ADMIN_TOKEN;
  if (!token) throw new Refusal(503, "Offboarding needs SYNAPSE_ADMIN_TOKEN (a Synapse server admin's access token; see .env.example)");
  return token;
}

async function admin(path: string, init: RequestInit = {}): Promise<unknown> {
  const res = await fetch(`${env().SYNAPSE_URL}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${synapseAdminToken()}`, "content-type": "application/json" },
    cache: "no-store",
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Refusal(502, `Synapse answered ${res.status} to ${path}: ${(await res.text()).slice(0, 200)}`);
  return res.json();
}

/** Rooms the user is joined to, as Synapse says (admin API). */
export async function joinedRooms(userId: string): Promise<string[]> {
  const body = z.object({ joined_rooms: z.array(z.string()) }).parse(await admin(`/_synapse/admin/v1/users/${encodeURIComponent(userId)}/joined_rooms`));
  return body.joined_rooms;
}

/**
 * Deactivates the account (admin API, erase false): Synapse deletes its devices
 * and access tokens, parts it from every room and rejects its invites; its
 * messages stay. Idempotent.
 */
export async function deactivateAccount(userId: string): Promise<void> {
  await admin(`/_synapse/admin/v1/deactivate/${encodeURIComponent(userId)}`, { method: "POST", body: JSON.stringify({ erase: false }) });
}
