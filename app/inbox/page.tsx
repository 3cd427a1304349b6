import { redirect } from "next/navigation";
import { preload } from "react-dom";
import { currentAgent } from "../_server/current-agent";
import { currentOrgTrust } from "../_server/org-trust";
import { supervisedTeam } from "../_server/supervision";
import { widgetManifest } from "../_server/widget-assets";
import { Inbox } from "./inbox";
import "./inbox-polish.css";

export const dynamic = "force-dynamic";

export default async function InboxPage() {
  const agent = await currentAgent();
  if (!agent) redirect("/login");
  // The same crypto WebAssembly as the widget: compressed, content-hashed, cached for a year.
  // An operator of an install without an organisation key is led to create it (in the browser).
  const [orgTrust, supervises, manifest] = await Promise.all([
    agent.role === "operator" ? currentOrgTrust() : null,
    supervisedTeam(agent.userId),
    widgetManifest(),
  ]);
  const wasmUrl = `/widget/wasm/${manifest.wasm}`;
  // Fetched from the page's head, while the console's code loads (the crypto module's fetch then finds it).
  preload(wasmUrl, { as: "fetch", crossOrigin: "anonymous" });
  return <Inbox agent={{ ...agent, supervises }} wasmUrl={wasmUrl} orgKeyMissing={agent.role === "operator" && !orgTrust} />;
}
