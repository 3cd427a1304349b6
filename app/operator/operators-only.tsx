import Link from "next/link";

/** What an agent who is not an operator sees on an operator page. */
export function OperatorsOnly() {
  return (
    <main className="login">
      <h1>Operators only</h1>
      <p role="alert">
        This page is for operators. <Link href="/inbox">Back to the inbox</Link>
      </p>
    </main>
  );
}
