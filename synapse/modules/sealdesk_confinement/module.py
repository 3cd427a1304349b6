"""Synapse glue for the visitor confinement rules (rules.py holds the decisions).

Loaded through `modules:` in the homeserver config:

    modules:
      - module: sealdesk_confinement.SealdeskConfinement
        config:
          router_user_id: "@router:example.org"
          routing_ticket_secret: "<the app's ROUTING_TICKET_SECRET>"  # optional

Each spam-checker callback turns a refusal into 403 M_FORBIDDEN. Synapse
skips these callbacks for server admins (the router is one), and other
restrictions are plain config (see synapse/homeserver.template.yaml):
profiles only of users who share a room, the directory limited to them.

Prepared rooms: the widget creates the visitor's room when the chat opens,
inviting only the router (marker content `"prepared": true`). When the visitor
writes, the app signs a routing ticket bound to that room, and the widget
invites each reader with PUT /rooms/{room}/state/m.room.member/{reader},
content {"membership": "invite", "org.sealdesk.routing_ticket": ticket}; so
user_may_send_state_event lets a visitor send member state with membership
"invite" (nothing else), and the invite checks below decide whom.

Invites are checked twice. user_may_invite (spam checker) sees only who invites
whom: a visitor invites the router, or anyone into a conversation whose marker
it wrote. check_event_allowed (third-party rules) sees the invite event itself
and the room state before it, so it decides whether the invitee is a reader:
of the creation ticket, of the router's routing state, or of the room-bound
ticket in the invite's content (rules.py, tickets.py). Synapse calls
check_event_allowed for every event it creates (/invite, the state endpoint's
member PUT, createRoom's invites alike) and answers a refusal with 403
M_FORBIDDEN; it returns at once for anything but a visitor's invite.
"""

import logging
import re
import time
from dataclasses import dataclass
from typing import Any, Literal, Mapping, Optional, Union

from synapse.events import EventBase
from synapse.module_api import NOT_SPAM, ModuleApi, UserProfile
from synapse.module_api.errors import Codes, ConfigError
from synapse.types import RoomAlias

from . import rules

logger = logging.getLogger(__name__)

Verdict = Union[Literal["NOT_SPAM"], Codes]
_USER_ID = re.compile(r"^@[^:\s]+:\S+$")


@dataclass(frozen=True)
class ConfinementConfig:
    router_user_id: str
    # Without it, no routing ticket is honoured: a new room invites the router only.
    routing_ticket_secret: Optional[str] = None


class SealdeskConfinement:
    def __init__(self, config: ConfinementConfig, api: ModuleApi):
        self._router = config.router_user_id
        self._ticket_secret = config.routing_ticket_secret
        self._api = api
        api.register_spam_checker_callbacks(
            user_may_create_room=self.user_may_create_room,
            user_may_invite=self.user_may_invite,
            user_may_send_3pid_invite=self.user_may_send_3pid_invite,
            user_may_join_room=self.user_may_join_room,
            user_may_send_state_event=self.user_may_send_state_event,
            user_may_create_room_alias=self.user_may_create_room_alias,
            user_may_publish_room=self.user_may_publish_room,
            check_username_for_spam=self.check_username_for_spam,
        )
        api.register_third_party_rules_callbacks(check_event_allowed=self.check_event_allowed)

    @staticmethod
    def parse_config(config: Any) -> ConfinementConfig:
        router = config.get("router_user_id") if isinstance(config, dict) else None
        if not isinstance(router, str) or not _USER_ID.match(router):
            raise ConfigError("sealdesk_confinement: router_user_id must be a Matrix user id such as @router:example.org")
        secret = config.get("routing_ticket_secret")
        if secret is not None and (not isinstance(secret, str) or len(secret) < 32):
            raise ConfigError("sealdesk_confinement: routing_ticket_secret must be the app's ROUTING_TICKET_SECRET (32 characters or more)")
        return ConfinementConfig(router_user_id=router, routing_ticket_secret=secret)

    def _verdict(self, decision: rules.Decision, user_id: str, action: str) -> Verdict:
        if decision.allowed:
            return NOT_SPAM
        logger.info("sealdesk_confinement: refused %s for %s: %s", action, user_id, decision.reason)
        return Codes.FORBIDDEN

    async def user_may_create_room(self, user_id: str, room_config: dict) -> Verdict:
        decision = rules.may_create_room(user_id, room_config, self._router, self._ticket_secret, int(time.time() * 1000))
        return self._verdict(decision, user_id, "room creation")

    async def user_may_invite(self, inviter: str, invitee: str, room_id: str) -> Verdict:
        marker = None
        if rules.is_visitor(inviter) and invitee != self._router:
            state = await self._api.get_room_state(room_id, [(rules.CONVERSATION_EVENT, "")])
            event = state.get((rules.CONVERSATION_EVENT, ""))
            if event is not None:
                marker = rules.ConversationMarker(sender=event.sender, content=event.content)
        decision = rules.may_request_invite(inviter, invitee, self._router, marker)
        return self._verdict(decision, inviter, f"invite of {invitee} to {room_id}")

    async def check_event_allowed(self, event: EventBase, state_events: Mapping[tuple[str, str], EventBase]) -> tuple[bool, Optional[dict]]:
        # Runs for every event the server creates or receives: leave everything
        # but a visitor's invite before touching the state.
        if event.type != rules.MEMBER_EVENT or not rules.is_visitor(event.sender) or event.content.get("membership") != "invite":
            return True, None
        routing_event = state_events.get((rules.ROUTING_EVENT, ""))
        marker_event = state_events.get((rules.CONVERSATION_EVENT, ""))
        decision = rules.may_send_invite(
            event.sender,
            event.state_key,
            event.room_id,
            event.content,
            self._router,
            rules.RoutingState(sender=routing_event.sender, content=routing_event.content) if routing_event is not None else None,
            rules.ConversationMarker(sender=marker_event.sender, content=marker_event.content) if marker_event is not None else None,
            self._ticket_secret,
            int(time.time() * 1000),
        )
        if decision.allowed:
            return True, None
        logger.info("sealdesk_confinement: refused invite event of %s to %s for %s: %s", event.state_key, event.room_id, event.sender, decision.reason)
        return False, None

    async def user_may_send_3pid_invite(self, inviter: str, medium: str, address: str, room_id: str) -> Verdict:
        return self._verdict(rules.may_send_3pid_invite(inviter), inviter, f"3pid invite to {room_id}")

    async def user_may_join_room(self, user_id: str, room_id: str, is_invited: bool) -> Verdict:
        return self._verdict(rules.may_join_room(user_id, is_invited), user_id, f"join of {room_id}")

    async def user_may_send_state_event(self, user_id: str, room_id: str, event_type: str, state_key: str, content: dict) -> Verdict:
        return self._verdict(rules.may_send_state_event(user_id, event_type, state_key, content), user_id, f"state event in {room_id}")

    async def user_may_create_room_alias(self, user_id: str, room_alias: RoomAlias) -> Verdict:
        return self._verdict(rules.may_create_room_alias(user_id), user_id, f"alias {room_alias.to_string()}")

    async def user_may_publish_room(self, user_id: str, room_id: str) -> Verdict:
        return self._verdict(rules.may_publish_room(user_id), user_id, f"publication of {room_id}")

    async def check_username_for_spam(self, user_profile: UserProfile, requester_id: str) -> bool:
        # True hides this result from the requester's user directory search.
        return rules.hidden_from_directory_search(requester_id)
