import { transitionDate, transitionsInForce } from "../../../lib/roster/transitions";

/** After a rotation: the snippets with an older key keep working until their transition ends; says until when, and what happens after. */
export function RotationNotice({ endorsements, now }: { endorsements: unknown; now: number }) {
  const running = transitionsInForce(endorsements, now);
  if (!running.length) return null;
  return (
    <div role="note" className="card">
      <h2>The organisation key was rotated</h2>
      {running.map((t) => (
        <p key={t.old_key}>
          The snippets below carry the new key. A page that still has the old snippet (<code className="small">data-org-key=&quot;{t.old_key}&quot;</code>)
          keeps working until <strong>{transitionDate(t.expires_at)}</strong>; after that its chat refuses to send (the agents&apos; list is no longer signed by
          the key it knows). Replace the snippet on every page before then.
        </p>
      ))}
    </div>
  );
}
