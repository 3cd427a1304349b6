import "server-only";
import type { Db } from "../../lib/conversation/transitions";
import { acknowledgeErasedRooms, erasedRoomsOf } from "../../lib/retention/key-shredding";
import { db } from "./db";

/** The erased rooms whose keys this agent's consoles still have to delete. */
export async function myErasedRooms(agentUserId: string): Promise<{ roomIds: string[] }> {
  return { roomIds: await erasedRoomsOf(db() as unknown as Db, agentUserId) };
}

/** The agent's console deleted these rooms' keys; only the agent's own rows go. */
export async function acknowledgeMyErasedRooms(agentUserId: string, roomIds: string[]): Promise<{ acknowledged: number }> {
  return { acknowledged: await acknowledgeErasedRooms(db() as unknown as Db, agentUserId, roomIds) };
}
