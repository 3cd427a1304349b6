import { FormAlert } from "./form-alert";

/** A panel's loading line (role="status") while `pending`, then its error if any (role="alert"). */
export function LoadState({ pending, loading, error }: { pending: boolean; loading: string; error: string | null | undefined }) {
  return (
    <>
      {pending && <p role="status">{loading}</p>}
      <FormAlert error={error} />
    </>
  );
}
