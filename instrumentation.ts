// Next.js calls register() once per server process before it serves requests.
export async function register(): Promise<void> {
  // eslint-disable-next-line no-restricted-syntax -- Next.js's documented switch between its Node.js and edge runtimes
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ env }, { installRequestHooks }] = await Promise.all([import("./app/_server/env"), import("./app/_server/request-hooks")]);
  // Validate the environment now, not at the first request that reads it: a
  // misconfigured server stops at start with a message naming each bad variable.
  try {
    env();
  } catch (err) {
    console.error(`[app] ${(err as Error).message}`);
    process.exit(1);
  }
  installRequestHooks();
}
