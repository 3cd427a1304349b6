/** A secret the server answers once (a webhook signing secret, an API token): shown with a plain warning. */
export function ShownOnce({ label, value }: { label: string; value: string | undefined }) {
  if (!value) return null;
  return (
    <div role="status" className="card">
      <p>
        <strong>{label}</strong> (shown once: copy it now, it cannot be shown again)
      </p>
      <code aria-label={label} className="small" style={{ wordBreak: "break-all" }}>
        {value}
      </code>
    </div>
  );
}
