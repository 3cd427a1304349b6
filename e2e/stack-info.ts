/** What global-setup tells the tests about the running stack (via SEALDESK_STACK). */
export type StackInfo = {
  appUrl: string;
  demoUrl: string;
  synapseUrl: string;
  databaseUrl: string;
  synapseDataDir: string;
  synapseDatabase: { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };
  pgliteDir: string | null;
  router: { userId: string; accessToken: string; deviceId: string };
  agent: { username: string; password: string; userId: string };
};

export function stackInfo(): StackInfo {
  const raw = process.env.SEALDESK_STACK;
  if (!raw) throw new Error("SEALDESK_STACK is not set: run the tests through `npx playwright test` (global-setup starts the stack)");
  return JSON.parse(raw) as StackInfo;
}
