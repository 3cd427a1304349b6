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
"""

import logging
import re
import time
from dataclasses import dataclass
from typing import Any, Literal, Optional, Union

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
        routing = None
        ticket = None
        if rules.is_visitor(inviter) and invitee != self._router:
            state = await self._api.get_room_state(room_id, [(rules.ROUTING_EVENT, ""), (rules.CONVERSATION_EVENT, "")])
            event = state.get((rules.ROUTING_EVENT, ""))
            if event is not None:
                routing = rules.RoutingState(sender=event.sender, content=event.content)
            conversation = state.get((rules.CONVERSATION_EVENT, ""))
            if conversation is not None and conversation.sender == inviter:
                ticket = rules.ticket_readers(conversation.content, inviter, self._ticket_secret, int(time.time() * 1000))
        decision = rules.may_invite(inviter, invitee, self._router, routing, ticket)
        return self._verdict(decision, inviter, f"invite of {invitee} to {room_id}")

    async def user_may_send_3pid_invite(self, inviter: str, medium: str, address: str, room_id: str) -> Verdict:
        return self._verdict(rules.may_send_3pid_invite(inviter), inviter, f"3pid invite to {room_id}")

    async def user_may_join_room(self, user_id: str, room_id: str, is_invited: bool) -> Verdict:
        return self._verdict(rules.may_join_room(user_id, is_invited), user_id, f"join of {room_id}")

    async def user_may_send_state_event(self, user_id: str, room_id: str, event_type: str, state_key: str, content: dict) -> Verdict:
        return self._verdict(rules.may_send_state_event(user_id, event_type, state_key), user_id, f"state event in {room_id}")

    async def user_may_create_room_alias(self, user_id: str, room_alias: RoomAlias) -> Verdict:
        return self._verdict(rules.may_create_room_alias(user_id), user_id, f"alias {room_alias.to_string()}")

    async def user_may_publish_room(self, user_id: str, room_id: str) -> Verdict:
        return self._verdict(rules.may_publish_room(user_id), user_id, f"publication of {room_id}")

    async def check_username_for_spam(self, user_profile: UserProfile, requester_id: str) -> bool:
        # True hides this result from the requester's user directory search.
        return rules.hidden_from_directory_search(requester_id)
