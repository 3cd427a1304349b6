import { registerWithSharedSecret } from "@/lib/matrix/shared-secret-register";
import type { StackInfo } from "../stack-info";
import { startNodeAgent, type NodeAgent } from "./node-matrix-agent";

/**
 * A real Matrix user the server admin could force into a room: registered on
 * Synapse (not in our database), with its own cross-signed device and crypto.
 * The caller stops it.
 */
export async function newStranger(stack: StackInfo, name = "stranger"): Promise<NodeAgent> {
  const username = `${name}-${Date.now()}`;
  const password = `p-${Date.now()}-${name}`;
  await registerWithSharedSecret({ homeserverUrl: stack.synapseUrl, sharedSecret: stack.registrationSecret, username, password });
  return startNodeAgent({ baseUrl: stack.synapseUrl, username, password });
}
