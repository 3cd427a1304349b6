"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { deleteCannedResponse, fetchAllCannedResponses, queryKeys, updateCannedResponse } from "../../_console/console-api";
import { FormAlert } from "../../_console/form-alert";

type Canned = Awaited<ReturnType<typeof fetchAllCannedResponses>>[number];

/** After a change: the operator's list and the agents' composer lists load again. */
function useCannedChange<T>(fn: (input: T) => Promise<unknown>, done: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      done();
      void queryClient.invalidateQueries({ queryKey: queryKeys.operatorCanned });
      void queryClient.invalidateQueries({ queryKey: queryKeys.canned });
    },
  });
}

function EditCanned({ item, onDone }: { item: Canned; onDone: (message: string) => void }) {
  const save = useCannedChange(updateCannedResponse, () => onDone(`Saved “${item.title}”.`));
  const submit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    save.mutate({ id: item.id, title: String(form.get("title") ?? ""), body: String(form.get("body") ?? "") });
  };
  return (
    <form className="grid" onSubmit={submit} aria-label={`Edit ${item.title}`}>
      <label>
        Title
        <input name="title" defaultValue={item.title} required maxLength={80} autoFocus />
      </label>
      <label>
        Text
        <textarea name="body" defaultValue={item.body} required rows={3} maxLength={4000} />
      </label>
      <div className="row">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </button>
        <button type="button" className="secondary" onClick={() => onDone("")}>
          Cancel
        </button>
      </div>
      <FormAlert error={save.error?.message} />
    </form>
  );
}

function DeleteCanned({ item, onDone }: { item: Canned; onDone: (message: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useCannedChange(deleteCannedResponse, () => onDone(`Deleted “${item.title}”.`));
  if (!confirming)
    return (
      <button type="button" className="secondary" onClick={() => setConfirming(true)} aria-label={`Delete ${item.title}`}>
        Delete
      </button>
    );
  return (
    <span className="row" role="group" aria-label={`Confirm deleting ${item.title}`}>
      <button type="button" onClick={() => remove.mutate(item.id)} disabled={remove.isPending} autoFocus>
        {remove.isPending ? "Deleting…" : "Yes, delete"}
      </button>
      <button type="button" className="secondary" onClick={() => setConfirming(false)}>
        Keep it
      </button>
      <FormAlert error={remove.error?.message} />
    </span>
  );
}

function CannedRow({ item, onMessage }: { item: Canned; onMessage: (message: string) => void }) {
  const [editing, setEditing] = useState(false);
  return (
    <tr>
      <td>{item.teamName}</td>
      {editing ? (
        <td colSpan={3}>
          <EditCanned
            item={item}
            onDone={(m) => {
              setEditing(false);
              onMessage(m);
            }}
          />
        </td>
      ) : (
        <>
          <td>{item.title}</td>
          <td className="small" style={{ whiteSpace: "pre-wrap" }}>
            {item.body}
          </td>
          <td className="row">
            <button type="button" className="secondary" onClick={() => setEditing(true)} aria-label={`Edit ${item.title}`}>
              Edit
            </button>
            <DeleteCanned item={item} onDone={onMessage} />
          </td>
        </>
      )}
    </tr>
  );
}

/** Every team's canned responses, each editable and deletable (operators). */
export function CannedResponses() {
  const list = useQuery({ queryKey: queryKeys.operatorCanned, queryFn: fetchAllCannedResponses });
  const [message, setMessage] = useState("");
  return (
    <section className="card" aria-labelledby="canned-title">
      <h2 id="canned-title">Canned responses</h2>
      <p className="muted small">Agents insert these by typing “/” in the reply box. Changes apply to every agent of the team at once.</p>
      {list.isPending ? (
        <p role="status" className="muted">
          Loading canned responses…
        </p>
      ) : list.isError ? (
        <p role="alert" className="error">
          Could not load the canned responses: {list.error.message}{" "}
          <button type="button" className="link" onClick={() => void list.refetch()}>
            Try again
          </button>
        </p>
      ) : list.data.length === 0 ? (
        <p className="muted">No canned responses yet. Add the first one below.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Title</th>
              <th scope="col">Text</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((item) => (
              <CannedRow key={item.id} item={item} onMessage={setMessage} />
            ))}
          </tbody>
        </table>
      )}
      <p role="status" className="small">
        {message}
      </p>
    </section>
  );
}
