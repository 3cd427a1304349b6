/** An error under a form or panel, announced at once (role="alert"); nothing when there is none. */
export function FormAlert({ error, className = "error" }: { error: string | null | undefined; className?: string }) {
  if (!error) return null;
  return (
    <p role="alert" className={className}>
      {error}
    </p>
  );
}
