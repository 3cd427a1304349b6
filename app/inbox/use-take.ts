"use client";

import { useState } from "react";
import { claimConversation } from "./inbox-requests";

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
    const claimed = await claimConversation(roomId);
    setTaking(null);
    if (claimed.ok) {
      setMessage("Taken: it opens in Mine once you have joined.");
      onTaken(roomId);
    } else setMessage(`Could not take it: ${claimed.error}`);
    reload();
  }
  return { taking, message, take };
}
