"""Routing tickets: the app's HMAC-signed routing decisions that let a visitor
invite an agent (pure, no Synapse import; keep in step with
lib/routing/ticket-signature.ts).

- v1, creation ticket: in the org.sealdesk.conversation marker of a room
  created with the route already decided (ticket_readers).
- v2, room-bound ticket: in the content of the m.room.member invite a visitor
  sends into the room it prepared when the chat opened (invite_ticket_readers).
  Its signature covers the room id, so it grants invites into that room only.

Both: HMAC-SHA256 with the app's ROUTING_TICKET_SECRET over newline-separated
fields, base64url without padding, compared in constant time; at most 100
readers, no newline in any field, an integer expiry in ms since the epoch.
"""

import base64
import hashlib
import hmac
from typing import Any, Callable, Mapping, Optional, Sequence

# Field of a visitor's m.room.member invite carrying a room-bound ticket (INVITE_TICKET_FIELD
# in lib/conversation/event-types.ts).
INVITE_TICKET_FIELD = "org.sealdesk.routing_ticket"


def ticket_signing_input(ticket_id: str, visitor: str, site_id: str, expires_at: int, readers: Sequence[str]) -> str:
    """The bytes the app signs (keep in step with ticketSigningInput in lib/routing/ticket-signature.ts)."""
    return "\n".join(["sealdesk-routing-ticket/v1", ticket_id, visitor, site_id, str(expires_at), ",".join(readers)])


def room_ticket_signing_input(ticket_id: str, visitor: str, site_id: str, room_id: str, expires_at: int, readers: Sequence[str]) -> str:
    """The bytes the app signs for a ticket bound to a prepared room (v2; keep in
    step with ticketSigningInput in lib/routing/ticket-signature.ts, given a roomId)."""
    return "\n".join(["sealdesk-routing-ticket/v2", ticket_id, visitor, site_id, room_id, str(expires_at), ",".join(readers)])


def _signature(secret: str, signing_input: str) -> str:
    mac = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def _signed_readers(ticket: Any, secret: Optional[str], now_ms: int, signing_input: Callable[[str, int, list], str]) -> Optional[list[str]]:
    """The readers of a well-formed, unexpired ticket whose signature over
    signing_input(id, expires_at, readers) is the app's; otherwise None."""
    if not secret or not isinstance(ticket, Mapping):
        return None
    tid, readers, expires_at, sig = ticket.get("id"), ticket.get("readers"), ticket.get("expires_at"), ticket.get("sig")
    if not (isinstance(tid, str) and isinstance(sig, str) and isinstance(expires_at, int) and not isinstance(expires_at, bool)):
        return None
    if not isinstance(readers, list) or len(readers) > 100 or not all(isinstance(r, str) and "\n" not in r for r in readers):
        return None
    if "\n" in tid or expires_at < now_ms:
        return None
    return list(readers) if hmac.compare_digest(_signature(secret, signing_input(tid, expires_at, readers)), sig) else None


def ticket_readers(conversation: Any, visitor: str, secret: Optional[str], now_ms: int) -> Optional[list[str]]:
    """The readers of the routing ticket in a conversation's org.sealdesk.conversation
    content, when the app signed it for this visitor and site and it has not expired;
    otherwise None. The app decides the route before the room exists, so the room is
    created with the agent already invited; the signature keeps the visitor from
    inviting anyone else that way."""
    # Synapse hands event content over as a Mapping (a Rust-backed JsonObject), not a dict.
    if not isinstance(conversation, Mapping):
        return None
    site_id = conversation.get("site_id")
    if not isinstance(site_id, str) or "\n" in site_id:
        return None
    return _signed_readers(
        conversation.get("routing_ticket"), secret, now_ms,
        lambda tid, expires_at, readers: ticket_signing_input(tid, visitor, site_id, expires_at, readers),
    )


def invite_ticket_readers(content: Any, visitor: str, site_id: Any, room_id: str, secret: Optional[str], now_ms: int) -> Optional[list[str]]:
    """The readers of the room-bound routing ticket (v2) carried by a visitor's
    m.room.member invite content under INVITE_TICKET_FIELD, when the app signed it
    for this visitor, this site and this room and it has not expired; otherwise
    None. `site_id`: from the room's conversation marker written by the visitor."""
    if not isinstance(content, Mapping) or not isinstance(site_id, str) or "\n" in site_id or "\n" in room_id:
        return None
    ticket = content.get(INVITE_TICKET_FIELD)
    if not isinstance(ticket, Mapping) or ticket.get("room_id") != room_id:
        return None
    return _signed_readers(
        ticket, secret, now_ms,
        lambda tid, expires_at, readers: room_ticket_signing_input(tid, visitor, site_id, room_id, expires_at, readers),
    )
