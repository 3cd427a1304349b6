import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { isOperator, type Agent } from "../_server/authorize";
import { currentAgent } from "../_server/current-agent";

/** What an agent who is not an operator sees on an operator page. */
function OperatorsOnly() {
  return (
    <main className="login">
      <h1>Operators only</h1>
      <p role="alert">
        This page is for operators. <Link href="/inbox">Back to the inbox</Link>
      </p>
    </main>
  );
}

/**
 * The one operator gate for pages: nobody signed in goes to /login, anyone
 * not an operator in our database (now, not when the session began) sees
 * "Operators only". Per page rather than in a layout: Next.js can render a
 * page without re-running its layout (client navigation), so a layout is no
 * access check.
 */
export function operatorPage<P>(render: (me: Agent, props: P) => Promise<ReactNode>): (props: P) => Promise<ReactNode> {
  return async function OperatorPage(props: P) {
    const me = await currentAgent();
    if (!me) redirect("/login");
    if (!(await isOperator(me.userId))) return <OperatorsOnly />;
    return render({ ...me, role: "operator" }, props);
  };
}
