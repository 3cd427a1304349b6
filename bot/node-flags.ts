/**
 * Node flags the router runs with, on node's command line (`scripts/stack.ts`, docker-compose.yml's
 * router `command`): `--optimize-for-size` is a V8 flag NODE_OPTIONS does not accept.
 *
 * `--max-semi-space-size=2`: V8 grows its young generation up to a large size while allocation is
 * brisk (a burst of /sync responses) and keeps it: the router's heap held 181 MiB for ~45 MiB of
 * live objects, and its RSS rose by ~32 MiB over 300 handled conversations with nothing retained.
 * With 2 MiB semi-spaces, the same run held 51-62 MiB of heap and 151-155 MiB RSS
 * (`bench/router-memory-ab.ts`, docs/budgets.md). The router allocates little per pass: the extra
 * scavenges are cheap.
 *
 * `--optimize-for-size`: when a burst has grown the old generation and a collection shrinks it
 * again, V8 keeps the freed pages mapped and resident in its page pool, outside the heap's size
 * (no figure of `v8.getHeapStatistics()` counts them). Only a memory-reducing collection gives them
 * back, and V8's memory reducer never runs one in Node (it waits for a "background" isolate or a
 * low allocation rate); this flag lets it run (docs/budgets.md, "Session 12"). It also caps the
 * semi-spaces at 1 MiB.
 */
export const ROUTER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=2", "--optimize-for-size"];

/** True when this process runs with the router's flags, from its command line or NODE_OPTIONS. */
export function hasRouterNodeFlags(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  const given = new Set([...execArgv, ...(nodeOptions ?? "").split(/\s+/)]);
  return ROUTER_NODE_FLAGS.every((f) => given.has(f));
}
