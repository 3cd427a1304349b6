"""Pure decisions on the events Synapse creates (third-party rules'
check_event_allowed), media quotas and profiles: no Synapse import, unit-tested
without a homeserver (sealdesk_confinement_tests/test_event_rules.py).

check_event_allowed sees every event Synapse builds, whatever the path: the
client API, createRoom's own events, and admin paths the spam checker never
sees (the admin API's make_room_admin sends power levels as the room's
creator, who in room version 12 is the visitor). So the rules on what a
visitor's *event* may be live here:

- membership: a visitor joins (itself), leaves (itself) and invites (whom is
  decided by rules.may_send_invite); it never kicks, bans or unbans anyone,
  although as the creator of a v12 room it outranks every power level;
- state: only the ended-chat marker, plus the state of its own createRoom,
  each kind once, while the room does not have it yet (so power levels,
  join rules or the conversation marker can never be rewritten, by any path);
  no tombstone, server ACL, pinned events, and no state key but "";
- no redaction (the widget never redacts), and only m.room.encrypted as a
  message (typing, receipts and to-device messages are not room events).

And for everyone, in a conversation room (one with an org.sealdesk.conversation
marker): no plaintext. The router only writes state there; agents send only
m.room.encrypted (a redaction without a reason carries no words). The router's
own status rooms carry no marker and keep their plain notices.
"""

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

from .rules import ALLOW, CONVERSATION_EVENT, MEMBER_EVENT, VISITOR_CLOSED_EVENT, Decision, is_visitor, refuse

ENCRYPTED_EVENT = "m.room.encrypted"
REDACTION_EVENT = "m.room.redaction"
# What a visitor's createRoom writes (preset private_chat plus the widget's
# initial_state, see rules.may_create_room): each once, before the room has it.
CREATION_STATE = frozenset(
    {"m.room.create", "m.room.power_levels", "m.room.join_rules", "m.room.history_visibility", "m.room.guest_access", "m.room.encryption", CONVERSATION_EVENT}
)
# The display name the app registers every visitor with (app/_server/provision-visitor.ts).
VISITOR_DISPLAY_NAME = "Visitor"
DAY_MS = 24 * 60 * 60 * 1000


@dataclass(frozen=True)
class NewEvent:
    """The event being created: `state_key` is None for a message-like event."""

    sender: str
    type: str
    content: Mapping[str, Any]
    state_key: Optional[str] = None


@dataclass(frozen=True)
class RoomBefore:
    """What the room's state says just before the event."""

    # The room carries an org.sealdesk.conversation marker.
    conversation: bool = False
    # (type, state_key) of every state event the room already has.
    state_keys: frozenset = field(default_factory=frozenset)


def visitor_profile_ok(displayname: Any, avatar_url: Any) -> bool:
    """A visitor keeps the profile the app registered: display name "Visitor"
    (or none), no avatar. The widget never sets a profile."""
    return displayname in (None, "", VISITOR_DISPLAY_NAME) and not avatar_url


def _visitor_membership(ev: NewEvent) -> Decision:
    membership = ev.content.get("membership")
    if membership == "invite" and ev.state_key != ev.sender:
        return ALLOW  # whom: rules.may_send_invite
    if ev.state_key != ev.sender:
        return refuse(f"a visitor changes no one else's membership ({membership} of {ev.state_key})")
    if membership == "leave":
        return ALLOW
    if membership != "join":
        return refuse(f"a visitor's own membership may be join or leave, not {membership}")
    if not visitor_profile_ok(ev.content.get("displayname"), ev.content.get("avatar_url")):
        return refuse("a visitor joins with the profile the app gave it (display name Visitor, no avatar)")
    return ALLOW


def _visitor_state(ev: NewEvent, room: RoomBefore) -> Decision:
    if ev.type == MEMBER_EVENT:
        return _visitor_membership(ev)
    if ev.state_key != "":
        return refuse(f"visitors write no state with a state key ({ev.type!r}/{ev.state_key!r})")
    if ev.type == VISITOR_CLOSED_EVENT:
        return ALLOW
    if ev.type in CREATION_STATE and (ev.type, "") not in room.state_keys:
        return ALLOW  # its own createRoom, already checked by rules.may_create_room
    return refuse(f"visitors may not send {ev.type!r} state")


def _message(ev: NewEvent, room: RoomBefore, router_user_id: str, refuse_plaintext: bool) -> Decision:
    if is_visitor(ev.sender) and ev.type == REDACTION_EVENT:
        return refuse("visitors redact nothing (the widget never does)")
    if not refuse_plaintext:
        return ALLOW
    if is_visitor(ev.sender) and ev.type != ENCRYPTED_EVENT:
        return refuse(f"a visitor sends only m.room.encrypted, not {ev.type!r}")
    if not room.conversation or ev.type == ENCRYPTED_EVENT:
        return ALLOW
    if ev.sender == router_user_id:
        return refuse(f"the router writes only state into a conversation, not {ev.type!r}")
    if ev.type == REDACTION_EVENT and "reason" not in ev.content:
        return ALLOW
    return refuse(f"only m.room.encrypted goes into a conversation, not {ev.type!r}" + (" with a reason" if ev.type == REDACTION_EVENT else ""))


def may_create_event(ev: NewEvent, room: RoomBefore, router_user_id: str, refuse_plaintext: bool = True) -> Decision:
    """Whether Synapse may create this event (check_event_allowed), whatever
    the path. `refuse_plaintext`: the module's config (on by default)."""
    if ev.state_key is None:
        return _message(ev, room, router_user_id, refuse_plaintext)
    return _visitor_state(ev, room) if is_visitor(ev.sender) else ALLOW


@dataclass(frozen=True)
class MediaQuota:
    """What a visitor may upload: files up to `max_file_bytes`, and at most
    `max_bytes_per_day` over any 24 hours (defaults: the widget's own 10 MiB
    file limit, 25 MiB a day)."""

    max_file_bytes: int = 10 * 1024 * 1024
    max_bytes_per_day: int = 25 * 1024 * 1024


def visitor_upload_limits(user_id: str, quota: MediaQuota) -> Optional[list[tuple[int, int]]]:
    """(max bytes, period in ms) a user may upload; None: the server's own
    limits (agents, the router)."""
    return [(quota.max_bytes_per_day, DAY_MS)] if is_visitor(user_id) else None


def may_upload_size(user_id: str, size: int, quota: MediaQuota) -> bool:
    """A visitor's single upload is at most the widget's file limit."""
    return not is_visitor(user_id) or size <= quota.max_file_bytes
