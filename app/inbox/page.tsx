import { redirect } from "next/navigation";
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
  const orgKeyMissing = agent.role === "operator" && !(await currentOrgTrust());
  const supervises = await supervisedTeam(agent.userId);
  return <Inbox agent={{ ...agent, supervises }} wasmUrl={`/widget/wasm/${(await widgetManifest()).wasm}`} orgKeyMissing={orgKeyMissing} />;
}
