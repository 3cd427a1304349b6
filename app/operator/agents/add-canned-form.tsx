"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { addCannedResponse, queryKeys } from "../../_console/console-api";
import { OptionList } from "../../_console/option-list";

/** Adds a canned response to a team; agents of the team insert it from the composer. */
export function AddCannedForm({ teams }: { teams: { id: string; name: string }[] }) {
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: addCannedResponse,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.operatorCanned }),
  });

  const submit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const text = (k: string): string => String(form.get(k) ?? "");
    add.mutate({ teamId: text("teamId"), title: text("title"), body: text("body") }, { onSuccess: () => formEl.reset() });
  };

  const message = add.isSuccess ? { ok: true, text: "Canned response added." } : add.isError ? { ok: false, text: add.error.message } : null;
  return (
    <form className="card" onSubmit={submit} aria-labelledby="add-canned-title">
      <h2 id="add-canned-title">Add a canned response</h2>
      <label>
        Team
        <select name="teamId" required>
          <OptionList options={teams.map((t) => ({ value: t.id, label: t.name }))} />
        </select>
      </label>
      <label>
        Title
        <input name="title" required />
      </label>
      <label>
        Text
        <textarea name="body" required rows={3} />
      </label>
      <button type="submit">Add canned response</button>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "" : "error"}>
          {message.text}
        </p>
      )}
    </form>
  );
}
