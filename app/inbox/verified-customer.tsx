"use client";

import { useQuery } from "@tanstack/react-query";
import type { Room } from "matrix-js-sdk";
import { CONVERSATION_EVENT } from "../../lib/conversation/event-types";
import type { ChatMessage } from "../../lib/matrix/timeline-messages";
import { customerQueryKeys, fetchCustomerStatus } from "../_console/customer-api";

/**
 * "Verified customer" and the customer's name. The mark is the app's word (it
 * verified the host site's token for this visitor account); the name and email
 * are the visitor's encrypted notice, read here after decryption. A notice
 * alone, without the app's word, gets no mark: any visitor can write one.
 */
export function VerifiedCustomer({ room, messages }: { room: Room; messages: readonly ChatMessage[] }) {
  const visitor = room.currentState.getStateEvents(CONVERSATION_EVENT, "")?.getSender();
  const status = useQuery({
    queryKey: customerQueryKeys.status(visitor ?? ""),
    queryFn: () => fetchCustomerStatus(visitor!),
    enabled: Boolean(visitor),
    staleTime: 60_000,
  });
  if (!visitor || !status.data?.verified) return null;
  const details = messages.findLast((m) => m.sender === visitor && m.customer)?.customer;
  return (
    <p className="verified-customer" data-testid="verified-customer">
      <span className="verified-mark" aria-label="Verified customer" title="The website vouched for this customer's account">
        ✓ Verified customer
      </span>
      {details?.name ? <span data-testid="customer-name"> {details.name}</span> : null}
      {details?.email ? <span className="muted"> · {details.email}</span> : null}
    </p>
  );
}
