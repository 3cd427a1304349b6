"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import type { AgentRole } from "../../../lib/agents/agent-role";
import { changeAgentRole } from "../../_console/console-api";
import { FormAlert } from "../../_console/form-alert";

type Props = { userId: string; displayName: string; current: string; teams: { id: string; name: string }[] };

function parseRole(value: string): AgentRole {
  if (value.startsWith("supervisor:")) return { kind: "supervisor", teamId: value.slice("supervisor:".length) };
  return value === "operator" ? { kind: "operator" } : { kind: "agent" };
}

/** Changes one agent's role (agent, operator, supervisor of a team); the server audits it. */
export function RoleForm({ userId, displayName, current, teams }: Props) {
  const router = useRouter();
  const change = useMutation({ mutationFn: changeAgentRole });
  const submit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const role = parseRole(String(new FormData(e.currentTarget).get("role") ?? ""));
    change.mutate({ userId, role }, { onSuccess: () => router.refresh() });
  };
  return (
    <form onSubmit={submit} aria-label={`Role of ${displayName}`}>
      <select name="role" defaultValue={current} aria-label={`Role of ${displayName}`}>
        <option value="agent">agent</option>
        <option value="operator">operator</option>
        {teams.map((t) => (
          <option key={t.id} value={`supervisor:${t.id}`}>
            supervisor of {t.name}
          </option>
        ))}
      </select>{" "}
      <button type="submit" disabled={change.isPending}>
        Change role
      </button>
      {change.isSuccess && <span role="status"> Role changed to {change.data.to}.</span>}
      <FormAlert error={change.error?.message} />
    </form>
  );
}
