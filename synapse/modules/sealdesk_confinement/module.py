"""Synapse glue for the visitor confinement rules (rules.py holds the decisions).

Loaded through `modules:` in the homeserver config:

    modules:
      - module: sealdesk_confinement.SealdeskConfinement
        config:
          router_user_id: "@router:example.org"
          routing_ticket_secret: "<the app's ROUTING_TICKET_SECRET>"  # optional
          refuse_plaintext: true          # default; see event_rules.py
          visitor_media:                  # defaults: the widget's file limit, 25 MiB a day
            max_file_bytes: 10485760
            max_bytes_per_day: 26214400

Each spam-checker callback turns a refusal into 403 M_FORBIDDEN. Synapse
skips these callbacks for server admins (the router is not one), and other
restrictions are plain config (see synapse/homeserver.template.yaml):
profiles only of users who share a room, the directory limited to them.
check_event_allowed (event_rules.py) sees every event, admin paths too.

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
M_FORBIDDEN.

Media: a visitor's upload is at most max_file_bytes (413 M_TOO_LARGE) and its
uploads over 24 hours at most max_bytes_per_day (403 M_USER_LIMIT_EXCEEDED).

Profiles: Synapse has no hook that refuses a global profile change (the
third-party rules' on_profile_update runs after it is stored, and its errors
are only logged). So a visitor's profile change is undone at once (back to
display name "Visitor", no avatar) and its propagation into rooms is refused
(a visitor's join must carry that profile): the request answers 200, but
nothing changes that anyone can see.
"""

import logging
import re
import time
from dataclasses import dataclass
from typing import Any, Literal, Mapping, Optional, Union

from synapse.events import EventBase
from synapse.module_api import NOT_SPAM, MediaUploadLimit, ModuleApi, ProfileInfo, UserID, UserProfile
from synapse.module_api.errors import Codes, ConfigError
from synapse.types import RoomAlias, create_requester

from . import event_rules, rules

logger = logging.getLogger(__name__)

Verdict = Union[Literal["NOT_SPAM"], Codes]
_USER_ID = re.compile(r"^@[^:\s]+:\S+$")


@dataclass(frozen=True)
class ConfinementConfig:
    router_user_id: str
    # Without it, no routing ticket is honoured: a new room invites the router only.
    routing_ticket_secret: Optional[str] = None
    # Off only for a test that plays a hostile admin who turned it off (e2e/hostile-server-devices.spec.ts).
    refuse_plaintext: bool = True
    visitor_media: event_rules.MediaQuota = event_rules.MediaQuota()


class SealdeskConfinement:
    def __init__(self, config: ConfinementConfig, api: ModuleApi):
        self._router = config.router_user_id
        self._ticket_secret = config.routing_ticket_secret
        self._refuse_plaintext = config.refuse_plaintext
        self._quota = config.visitor_media
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
        api.register_third_party_rules_callbacks(check_event_allowed=self.check_event_allowed, on_profile_update=self.on_profile_update)
        api.register_media_repository_callbacks(
            get_media_config_for_user=self.get_media_config_for_user,
            is_user_allowed_to_upload_media_of_size=self.is_user_allowed_to_upload_media_of_size,
            get_media_upload_limits_for_user=self.get_media_upload_limits_for_user,
        )

    @staticmethod
    def parse_config(config: Any) -> ConfinementConfig:
        router = config.get("router_user_id") if isinstance(config, dict) else None
        if not isinstance(router, str) or not _USER_ID.match(router):
            raise ConfigError("sealdesk_confinement: router_user_id must be a Matrix user id such as @router:example.org")
        secret = config.get("routing_ticket_secret")
        if secret is not None and (not isinstance(secret, str) or len(secret) < 32):
            raise ConfigError("sealdesk_confinement: routing_ticket_secret must be the app's ROUTING_TICKET_SECRET (32 characters or more)")
        plaintext = config.get("refuse_plaintext", True)
        if not isinstance(plaintext, bool):
            raise ConfigError("sealdesk_confinement: refuse_plaintext must be true or false")
        return ConfinementConfig(router_user_id=router, routing_ticket_secret=secret, refuse_plaintext=plaintext, visitor_media=_parse_quota(config.get("visitor_media", {})))

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
        # Runs for every event the server creates, admin paths and createRoom's own events too.
        state_key = event.state_key if event.is_state() else None
        if state_key is not None and not rules.is_visitor(event.sender):
            return True, None  # others' state is the router's and agents' business
        ev = event_rules.NewEvent(sender=event.sender, type=event.type, content=event.content, state_key=state_key)
        room = event_rules.RoomBefore(conversation=(rules.CONVERSATION_EVENT, "") in state_events, state_keys=frozenset(state_events))
        decision = event_rules.may_create_event(ev, room, self._router, self._refuse_plaintext)
        if decision.allowed and event.type == rules.MEMBER_EVENT and event.content.get("membership") == "invite":
            decision = self._invite_decision(event, state_events)
        if decision.allowed:
            return True, None
        logger.info("sealdesk_confinement: refused %s event in %s from %s: %s", event.type, event.room_id, event.sender, decision.reason)
        return False, None

    def _invite_decision(self, event: EventBase, state_events: Mapping[tuple[str, str], EventBase]) -> rules.Decision:
        routing_event = state_events.get((rules.ROUTING_EVENT, ""))
        marker_event = state_events.get((rules.CONVERSATION_EVENT, ""))
        return rules.may_send_invite(
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

    async def on_profile_update(self, user_id: str, profile: ProfileInfo, by_admin: bool, deactivation: bool) -> None:
        # No hook refuses a profile change (see the module's docstring): undo a visitor's.
        if deactivation or not rules.is_visitor(user_id) or event_rules.visitor_profile_ok(profile.display_name, profile.avatar_url):
            return
        logger.info("sealdesk_confinement: undoing the profile change of %s", user_id)
        user = UserID.from_string(user_id)
        # The profile handler that ModuleApi.set_displayname calls, with propagate=False: the change was never
        # carried into a room (check_event_allowed refuses it), so the undo has nothing to carry either. And each
        # propagation is a task of Synapse's scheduler: on a worker deployment two undone changes in a row left
        # several such tasks for one user, and Synapse 1.163 then answered the next profile change with a 500
        # ("Expected at most one task to cancel", profile.py _update_join_states).
        handler = self._api._hs.get_profile_handler()  # noqa: SLF001
        requester = create_requester(user)
        if profile.avatar_url:
            await handler.set_avatar_url(target_user=user, requester=requester, new_avatar_url="", by_admin=True, propagate=False)
        if profile.display_name != event_rules.VISITOR_DISPLAY_NAME:
            await handler.set_displayname(
                target_user=user, requester=requester, new_displayname=event_rules.VISITOR_DISPLAY_NAME, by_admin=True, propagate=False
            )

    async def get_media_config_for_user(self, user_id: str) -> Optional[dict]:
        return {"m.upload.size": self._quota.max_file_bytes} if rules.is_visitor(user_id) else None

    async def is_user_allowed_to_upload_media_of_size(self, user_id: str, size: int) -> bool:
        allowed = event_rules.may_upload_size(user_id, size, self._quota)
        if not allowed:
            logger.info("sealdesk_confinement: refused an upload of %d bytes for %s", size, user_id)
        return allowed

    async def get_media_upload_limits_for_user(self, user_id: str) -> Optional[list[MediaUploadLimit]]:
        limits = event_rules.visitor_upload_limits(user_id, self._quota)
        return None if limits is None else [MediaUploadLimit(max_bytes=b, time_period_ms=ms) for b, ms in limits]

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


def _parse_quota(raw: Any) -> event_rules.MediaQuota:
    default = event_rules.MediaQuota()
    if not isinstance(raw, dict) or set(raw) - {"max_file_bytes", "max_bytes_per_day"}:
        raise ConfigError("sealdesk_confinement: visitor_media may set max_file_bytes and max_bytes_per_day (bytes) only")
    values = {k: raw.get(k, getattr(default, k)) for k in ("max_file_bytes", "max_bytes_per_day")}
    if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values.values()):
        raise ConfigError("sealdesk_confinement: visitor_media sizes must be positive numbers of bytes")
    return event_rules.MediaQuota(**values)
