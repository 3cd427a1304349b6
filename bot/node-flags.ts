/**
 * Node flags the router runs with (`scripts/stack.ts`; docker-compose.yml passes the same through
 * NODE_OPTIONS, which the tsx CLI's child process inherits).
 *
 * V8 grows its young generation up to a large size while allocation is brisk (a burst of /sync
 * responses) and keeps it: the router's heap held 181 MiB for ~45 MiB of live objects, and its
 * RSS rose by ~32 MiB over 300 handled conversations with nothing retained (heap snapshots:
 * no Room, User or event per handled conversation). With 2 MiB semi-spaces, the same run held
 * 51-62 MiB of heap and 151-155 MiB RSS (`bench/router-memory-ab.ts`, docs/budgets.md).
 * The router allocates little per pass: the extra scavenges are cheap.
 */
export const ROUTER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=2"];

/** True when this process runs with the router's flags, from its command line or NODE_OPTIONS. */
export function hasRouterNodeFlags(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  const given = new Set([...execArgv, ...(nodeOptions ?? "").split(/\s+/)]);
  return ROUTER_NODE_FLAGS.every((f) => given.has(f));
}
