"use client";

import { useState } from "react";
import { claimConversation } from "../_console/console-api";

/**
 * Take a queued conversation: the server assigns it under the router's rules;
 * the console then joins it as for any assignment (follow-assignments) and
 * `onTaken` shows it in Mine. `reload` refreshes the server's lists either way.
 */
export function useTake(
  onTaken: (roomId: string) => void,
  reload: () => void,
): { taking: string | null; message: string | null; take: (roomId: string) => Promise<void> } {
  const [taking, setTaking] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  async function take(roomId: string): Promise<void> {
    setTaking(roomId);
    setMessage(null);
    const refusal = await claimConversation(roomId).then(
      () => null,
      (err: unknown) => (err instanceof Error ? err.message : "network error"),
    );
    setTaking(null);
    if (refusal === null) {
      setMessage("Taken: it opens in Mine once you have joined.");
      onTaken(roomId);
    } else setMessage(`Could not take it: ${refusal}`);
    reload();
  }
  return { taking, message, take };
}
