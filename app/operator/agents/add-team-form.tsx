"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { addTeam } from "../../_console/console-api";
import { FormAlert } from "../../_console/form-alert";

/** Creates a team; sites and agents are then linked to it. */
export function AddTeamForm() {
  const router = useRouter();
  const add = useMutation({ mutationFn: addTeam });

  const submit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const team = { id: String(form.get("id") ?? ""), name: String(form.get("name") ?? "") };
    add.mutate(team, {
      onSuccess: () => {
        formEl.reset();
        router.refresh();
      },
    });
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="add-team-title">
      <h2 id="add-team-title">Add a team</h2>
      <label>
        Team id
        <input name="id" required pattern="[a-z0-9\-]+" />
      </label>
      <label>
        Team name
        <input name="name" required />
      </label>
      <button type="submit">Add team</button>
      <FormAlert error={add.error?.message} />
    </form>
  );
}
