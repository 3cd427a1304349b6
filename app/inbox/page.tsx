import { redirect } from "next/navigation";
import { currentAgent } from "../_server/current-agent";
import { Inbox } from "./inbox";

export const dynamic = "force-dynamic";

export default async function InboxPage() {
  const agent = await currentAgent();
  if (!agent) redirect("/login");
  return <Inbox agent={agent} wasmUrl={CRYPTO_WASM_URL} />;
}

// Served from public/ by the widget build, with long-lived caching (next.config.ts).
const CRYPTO_WASM_URL = "/widget/crypto.wasm";
