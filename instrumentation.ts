// Next.js calls register() once per server process before it serves requests.
export async function register(): Promise<void> {
  // eslint-disable-next-line no-restricted-syntax -- Next.js's documented switch between its Node.js and edge runtimes
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installRequestHooks } = await import("./app/_server/request-hooks");
  installRequestHooks();
}
