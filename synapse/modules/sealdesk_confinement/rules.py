"""Pure decisions of the visitor confinement module: no Synapse import, so
they are unit-tested without a homeserver (synapse/modules/sealdesk_confinement_tests).

Visitors are the anonymous accounts the app provisions (`@visitor-<hex>:server`,
see lib/conversation/event-types.ts). A visitor's token lives in a browser on
someone else's website, so it may do exactly what the chat widget does and
nothing else. Everyone else (agents, the router) is left alone.

Whom a visitor may invite into its conversation room:
- the router, always;
- the readers of a creation ticket (signature v1, see tickets.py) in the
  room's org.sealdesk.conversation marker, when the room was created with the
  route already decided;
- the readers the router lists in its org.sealdesk.routing state;
- prepared rooms: the widget creates the room when the chat opens, inviting only
  the router, with `"prepared": true` in the marker. When the visitor writes, the
  app signs a ticket bound to that room (signature v2, see tickets.py) and
  the widget invites each reader with an m.room.member invite whose content
  carries the ticket under INVITE_TICKET_FIELD. Only the invite event shows that
  content, so this check runs in check_event_allowed (may_send_invite), not in
  the spam checker's user_may_invite (may_request_invite).
"""

from dataclasses import dataclass
from typing import Any, Mapping, Optional

from .tickets import INVITE_TICKET_FIELD, invite_ticket_readers, ticket_readers

# Keep in step with lib/conversation/event-types.ts.
VISITOR_LOCALPART_PREFIX = "visitor-"
CONVERSATION_EVENT = "org.sealdesk.conversation"
ROUTING_EVENT = "org.sealdesk.routing"
VISITOR_CLOSED_EVENT = "org.sealdesk.visitor_closed"
MEMBER_EVENT = "m.room.member"
MEGOLM = "m.megolm.v1.aes-sha2"

# Power levels the widget gives its conversation (widget/frame/conversation.ts).
ROUTER_POWER = 50
EVENT_POWER = {ROUTING_EVENT: 50, CONVERSATION_EVENT: 100, VISITOR_CLOSED_EVENT: 100}
# The only state a visitor writes after creating the room: "I ended the chat".
VISITOR_STATE_EVENTS = frozenset({(VISITOR_CLOSED_EVENT, "")})


@dataclass(frozen=True)
class Decision:
    """Allowed or refused, with the reason a refusal is logged under."""

    allowed: bool
    reason: str = ""


ALLOW = Decision(True)


def refuse(reason: str) -> Decision:
    return Decision(False, reason)


@dataclass(frozen=True)
class RoutingState:
    """The room's current org.sealdesk.routing state event: who wrote it, what it says."""

    sender: str
    content: Mapping[str, Any]


@dataclass(frozen=True)
class ConversationMarker:
    """The room's org.sealdesk.conversation state event: who wrote it (the visitor
    who created the room), what it says (site, context, creation ticket)."""

    sender: str
    content: Mapping[str, Any]


def is_visitor(user_id: str) -> bool:
    """True for a provisioned visitor account (mirrors isVisitorUserId)."""
    return user_id.startswith("@" + VISITOR_LOCALPART_PREFIX)


def _state_entry(entry: Any) -> Optional[tuple[str, str, Mapping[str, Any]]]:
    if not isinstance(entry, dict):
        return None
    kind, key, content = entry.get("type"), entry.get("state_key", ""), entry.get("content")
    if not isinstance(kind, str) or not isinstance(key, str) or not isinstance(content, dict):
        return None
    return kind, key, content


def _short_str(v: Any, max_len: int, min_len: int = 0) -> bool:
    return isinstance(v, str) and min_len <= len(v) <= max_len


def _conversation_content_ok(c: Mapping[str, Any]) -> bool:
    # conversationContentSchema: site_id 1..64, optional page_url <= 2048, language <= 35,
    # time_zone <= 64 (the visitor's IANA zone, e.g. "Europe/Paris"),
    # optional routing_ticket (checked by ticket_readers where it grants invites),
    # optional prepared: true (the widget created the room before the visitor wrote).
    if not _short_str(c.get("site_id"), 64, 1):
        return False
    limits = {"site_id": 64, "page_url": 2048, "language": 35, "time_zone": 64}
    return all(
        (k == "routing_ticket" and isinstance(v, dict)) or (k == "prepared" and v is True) or (k in limits and _short_str(v, limits[k]))
        for k, v in c.items()
    )


def _conversation_of(initial_state: Any) -> Any:
    for raw in initial_state if isinstance(initial_state, list) else []:
        entry = _state_entry(raw)
        if entry and entry[0] == CONVERSATION_EVENT and entry[1] == "":
            return entry[2]
    return None


def _initial_state_problem(initial_state: Any) -> Optional[str]:
    if not isinstance(initial_state, list):
        return "initial_state must be a list"
    wanted = {
        "m.room.encryption": lambda c: dict(c) == {"algorithm": MEGOLM},
        "m.room.history_visibility": lambda c: dict(c) == {"history_visibility": "shared"},
        CONVERSATION_EVENT: _conversation_content_ok,
    }
    seen: set[str] = set()
    for raw in initial_state:
        entry = _state_entry(raw)
        if entry is None:
            return "malformed initial_state entry"
        kind, key, content = entry
        check = wanted.get(kind)
        if check is None or key != "" or kind in seen:
            return f"initial state {kind!r}/{key!r} is not part of a conversation"
        if not check(content):
            return f"initial state {kind!r} has the wrong content"
        seen.add(kind)
    missing = sorted(set(wanted) - seen)
    return f"missing initial state {', '.join(missing)}" if missing else None


def may_create_room(user_id: str, request: Mapping[str, Any], router_user_id: str, ticket_secret: Optional[str] = None, now_ms: int = 0) -> Decision:
    """A visitor may create only the conversation room the widget creates:
    private, invite-only, Megolm-encrypted, history shared, tagged with
    org.sealdesk.conversation, inviting only the router and giving power to
    nobody else. Anything else (public rooms, aliases, direct chats, other
    invitees, no encryption, extra state, creation_content, room upgrades,
    which Synapse checks with a request that has no preset) is refused.
    """
    if not is_visitor(user_id):
        return ALLOW
    allowed_keys = {"visibility", "preset", "invite", "initial_state", "power_level_content_override"}
    extra = sorted(set(request) - allowed_keys)
    if extra:
        return refuse(f"visitors may not set {', '.join(extra)} on a new room")
    if request.get("visibility", "private") != "private":
        return refuse("visitors may create private rooms only")
    if request.get("preset") != "private_chat":
        return refuse("visitors may create rooms with the private_chat preset only")
    invite = request.get("invite")
    readers = ticket_readers(_conversation_of(request.get("initial_state")), user_id, ticket_secret, now_ms)
    if not isinstance(invite, list) or invite[:1] != [router_user_id]:
        return refuse("a visitor's new room must invite the router first")
    if invite[1:] and (readers is None or sorted(invite[1:]) != sorted(readers)):
        return refuse("a visitor's new room may invite the router and the readers of a valid routing ticket, nobody else")
    problem = _initial_state_problem(request.get("initial_state"))
    if problem:
        return refuse(problem)
    pl = request.get("power_level_content_override")
    if not isinstance(pl, dict) or set(pl) - {"users", "events"}:
        return refuse("power levels must set only users and events")
    if pl.get("users") != {router_user_id: ROUTER_POWER}:
        return refuse(f"only the router may be given power ({ROUTER_POWER})")
    if pl.get("events") != EVENT_POWER:
        return refuse("event power levels differ from a conversation's")
    return ALLOW


def may_invite(inviter: str, invitee: str, router_user_id: str, routing: Optional[RoutingState], ticket: Optional[list[str]] = None) -> Decision:
    """A visitor may invite the router, and whoever the router's current
    org.sealdesk.routing state lists as a reader; nobody else. A routing state
    written by anyone but the router (the visitor is the room's creator and
    could write one) does not count. `ticket`: the readers of a valid routing
    ticket in the room's conversation state written by this visitor (see
    ticket_readers), which the visitor invites while creating the room."""
    if not is_visitor(inviter) or invitee == router_user_id:
        return ALLOW
    if ticket is not None and invitee in ticket:
        return ALLOW
    if routing is None:
        return refuse("no routing state in this room: a visitor may invite only the router")
    if routing.sender != router_user_id:
        return refuse(f"the routing state was written by {routing.sender}, not the router")
    readers = routing.content.get("readers")
    if isinstance(readers, list) and invitee in readers:
        return ALLOW
    return refuse(f"{invitee} is not a reader in the routing state")


def may_request_invite(inviter: str, invitee: str, router_user_id: str, marker: Optional[ConversationMarker]) -> Decision:
    """The spam checker's part (user_may_invite), which cannot see the invite's
    content: a visitor invites the router anywhere it may be, and anyone else
    only into a conversation whose marker it wrote itself. Whether that invitee
    is a reader is decided on the invite event itself (may_send_invite)."""
    if not is_visitor(inviter) or invitee == router_user_id:
        return ALLOW
    if marker is None or marker.sender != inviter:
        return refuse(f"{inviter} did not create this conversation (no org.sealdesk.conversation marker of theirs)")
    return ALLOW


def may_send_invite(
    inviter: str,
    invitee: str,
    room_id: str,
    invite_content: Any,
    router_user_id: str,
    routing: Optional[RoutingState],
    marker: Optional[ConversationMarker],
    secret: Optional[str],
    now_ms: int,
) -> Decision:
    """The invite event a visitor sends (check_event_allowed), with the room's state
    before it: allowed for the router, the readers of the creation ticket in the
    visitor's own marker (v1), the readers of the router's routing state, and the
    readers of a room-bound ticket (v2) carried in this invite's content, signed for
    this visitor, this room and the site of the visitor's own marker."""
    if not is_visitor(inviter) or invitee == router_user_id:
        return ALLOW
    own = marker.content if marker is not None and marker.sender == inviter else None
    if own is not None:
        carried = invite_ticket_readers(invite_content, inviter, own.get("site_id"), room_id, secret, now_ms)
        if carried is not None and invitee in carried:
            return ALLOW
    decision = may_invite(inviter, invitee, router_user_id, routing, ticket_readers(own, inviter, secret, now_ms))
    if decision.allowed or not (isinstance(invite_content, Mapping) and INVITE_TICKET_FIELD in invite_content):
        return decision
    why = "no org.sealdesk.conversation marker of theirs" if own is None else "invalid, expired, for another room, or not naming them"
    return refuse(f"{decision.reason}; the invite's routing ticket does not count ({why})")


def may_join_room(user_id: str, is_invited: bool) -> Decision:
    """A visitor joins only rooms it is invited to (its own rooms it joins by creating them)."""
    if is_visitor(user_id) and not is_invited:
        return refuse("visitors may join only rooms they are invited to")
    return ALLOW


def may_send_state_event(user_id: str, event_type: str, state_key: str, content: Any = None) -> Decision:
    """After creating its room, a visitor writes one kind of state: that it
    ended the chat. So it can neither reopen the room (join rules, power
    levels, history visibility, aliases) nor forge the router's routing state.
    Besides, a prepared room's widget sends its ticket-carrying invites through
    the state endpoint (PUT .../state/m.room.member/{invitee}, membership
    "invite"); whom it invites is checked by may_request_invite and
    may_send_invite, as for any invite. Other memberships stay refused, and
    the invite carries nothing but its membership and ticket (no display
    name or reason of the visitor's making shown to the agent)."""
    if not is_visitor(user_id):
        return ALLOW
    if event_type == MEMBER_EVENT and isinstance(content, Mapping) and content.get("membership") == "invite":
        extra = sorted(set(content) - {"membership", INVITE_TICKET_FIELD})
        return refuse(f"a visitor's invite may carry only its routing ticket, not {', '.join(extra)}") if extra else ALLOW
    if (event_type, state_key) not in VISITOR_STATE_EVENTS:
        return refuse(f"visitors may not send {event_type!r} state")
    return ALLOW


def may_create_room_alias(user_id: str) -> Decision:
    """Conversations have no address: visitors create no alias."""
    return refuse("visitors may not create room aliases") if is_visitor(user_id) else ALLOW


def may_publish_room(user_id: str) -> Decision:
    """Visitors never put a room in the room directory."""
    return refuse("visitors may not publish rooms") if is_visitor(user_id) else ALLOW


def may_send_3pid_invite(user_id: str) -> Decision:
    """Visitors invite no e-mail address or phone number."""
    return refuse("visitors may not send third-party invites") if is_visitor(user_id) else ALLOW


def hidden_from_directory_search(requester_id: str) -> bool:
    """A visitor's user directory search finds nobody."""
    return is_visitor(requester_id)
