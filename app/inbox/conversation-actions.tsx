"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { closeConversation, fetchTransferTargets, queryKeys, transferConversation } from "../_console/console-api";
import { OptionList } from "../_console/option-list";

type Action = { kind: "transfer"; target: string } | { kind: "close" };

/** Transfer or close through the API; the answer to show (the server's reason when it refuses). */
function useConversationAction(roomId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: Action): Promise<string> => {
      if (action.kind === "close") {
        await closeConversation(roomId);
        return "Closed.";
      }
      const to = action.target.startsWith("team:") ? { teamId: action.target.slice(5) } : { agentUserId: action.target };
      await transferConversation({ roomId, to });
      return "Transferred.";
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists }),
  });
}

/** Transfer and close, done through the API; the router publishes the change to the room. `children`: actions that stay once it is closed (the transcript). */
export function ConversationActions({ roomId, myUserId, closed, children }: { roomId: string; myUserId: string; closed: boolean; children?: ReactNode }) {
  const { data: targets } = useQuery({ queryKey: queryKeys.transferTargets, queryFn: fetchTransferTargets });
  const [target, setTarget] = useState("");
  const action = useConversationAction(roomId);
  const busy = action.isPending;
  const message = action.isSuccess ? action.data : action.isError ? action.error.message : null;

  if (closed)
    return (
      <div className="actions" role="group" aria-label="Conversation actions">
        <p className="muted">This conversation is closed.</p>
        {children}
      </div>
    );
  const agents = (targets?.agents ?? []).filter((a) => a.userId !== myUserId).map((a) => ({ value: a.userId, label: `${a.displayName} (${a.availability})` }));
  const teams = (targets?.teams ?? []).map((t) => ({ value: `team:${t.id}`, label: `Team: ${t.name}` }));
  return (
    <div className="actions" role="group" aria-label="Conversation actions">
      <label>
        Transfer to{" "}
        <select value={target} onChange={(e) => setTarget(e.target.value)} disabled={!targets || busy}>
          <option value="">Choose…</option>
          <OptionList options={[...agents, ...teams]} />
        </select>
      </label>
      <button type="button" className="secondary" disabled={!target || busy} onClick={() => action.mutate({ kind: "transfer", target })}>
        Transfer
      </button>
      <button type="button" className="secondary" disabled={busy} onClick={() => action.mutate({ kind: "close" })} data-shortcut="close">
        Close conversation
      </button>
      {children}
      {message && <span role="status">{message}</span>}
    </div>
  );
}
