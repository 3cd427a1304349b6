/**
 * A conversation list's state before it has rows to show: its error (role="alert"), "Loading…"
 * (role="status") or its empty text; null once there are rows.
 */
export function ListState({
  error,
  rows,
  errorText,
  empty,
}: {
  error: string | null | undefined;
  rows: readonly unknown[] | null | undefined;
  errorText: string;
  empty: string;
}) {
  if (error)
    return (
      <p role="alert" className="error small">
        {errorText}: {error}
      </p>
    );
  if (!rows)
    return (
      <p role="status" className="muted small">
        Loading…
      </p>
    );
  if (rows.length === 0) return <p className="muted small empty-search">{empty}</p>;
  return null;
}
