"""The Synapse glue: config parsing, the callbacks it registers, the verdicts
they return, and how the invite checks read the room's state."""

import unittest
from types import MappingProxyType, SimpleNamespace

from synapse.api.room_versions import RoomVersions
from synapse.events import make_event_from_dict
from synapse.module_api import NOT_SPAM
from synapse.module_api.errors import Codes, ConfigError
from synapse.types import RoomAlias

from sealdesk_confinement import SealdeskConfinement

ROUTER = "@router:localhost"
VISITOR = "@visitor-0123456789abcdef01234567:localhost"
AGENT = "@agent:localhost"
ROOM = "!room:localhost"
OTHER_VISITOR = "@visitor-ffffffffffffffffffffffff:localhost"
TICKET_SECRET = "k" * 32
# Readers AGENT and @other-agent:localhost, signed for VISITOR on site "demo" (see test_rules.TICKET).
TICKET = {"id": "abcdefghijklmnop", "readers": [AGENT, "@other-agent:localhost"], "expires_at": 4_102_444_800_000, "sig": "suiaANzx74GvJhi2FbLrWpF2DQY3pM2pwywxiEeZeBA"}
# The same readers bound to ROOM (signature v2, see test_rules.ROOM_TICKET).
ROOM_TICKET = {**TICKET, "room_id": ROOM, "sig": "19_pHkaeYe_2uVLNrl6CBwxmwP93tuQRVWDeVmwcagY"}


class FakeModuleApi:
    """The ModuleApi methods the module uses."""

    def __init__(self, routing_event=None, conversation_event=None):
        self.callbacks: dict = {}
        self.state_queries: list = []
        self.displaynames: list = []
        self.avatars: list = []
        self._routing_event = routing_event
        self._conversation_event = conversation_event

    def register_spam_checker_callbacks(self, **callbacks) -> None:
        self.callbacks = {**self.callbacks, **callbacks}

    def register_third_party_rules_callbacks(self, **callbacks) -> None:
        self.callbacks = {**self.callbacks, **callbacks}

    def register_media_repository_callbacks(self, **callbacks) -> None:
        self.callbacks = {**self.callbacks, **callbacks}

    @property
    def _hs(self):
        return SimpleNamespace(get_profile_handler=lambda: self)

    # The profile handler's own calls: the undo must not propagate (no room update task).
    async def set_displayname(self, *, target_user, requester, new_displayname, by_admin, propagate) -> None:
        self.displaynames.append((target_user.to_string(), new_displayname, by_admin, propagate))

    async def set_avatar_url(self, *, target_user, requester, new_avatar_url, by_admin, propagate) -> None:
        self.avatars.append((target_user.to_string(), new_avatar_url, by_admin, propagate))

    async def get_room_state(self, room_id, event_filter=None):
        self.state_queries.append((room_id, list(event_filter or [])))
        state = {("org.sealdesk.routing", ""): self._routing_event, ("org.sealdesk.conversation", ""): self._conversation_event}
        return {k: v for k, v in state.items() if v is not None}


def module(routing_event=None, conversation_event=None):
    api = FakeModuleApi(routing_event, conversation_event)
    config = SealdeskConfinement.parse_config({"router_user_id": ROUTER, "routing_ticket_secret": TICKET_SECRET})
    return SealdeskConfinement(config, api), api


def routing_event(sender, readers):
    return SimpleNamespace(sender=sender, content={"status": "queued", "readers": readers, "updated_at": 1})


def event(kind: str, sender: str, content: dict, state_key=None, room_id: str = ROOM):
    """A real (Rust-backed) Synapse event, as check_event_allowed receives it."""
    fields = {"type": kind, "sender": sender, "room_id": room_id, "content": content, "origin_server_ts": 1, "prev_events": [], "auth_events": [], "depth": 1, "hashes": {"sha256": "x"}, "signatures": {}}
    return make_event_from_dict(fields if state_key is None else {**fields, "state_key": state_key}, RoomVersions.V10)


def invite_event(invitee: str, ticket=ROOM_TICKET, sender: str = VISITOR, room_id: str = ROOM):
    content = {"membership": "invite"} if ticket is None else {"membership": "invite", "org.sealdesk.routing_ticket": ticket}
    return event("m.room.member", sender, content, invitee, room_id)


def room_state(marker_sender=VISITOR, site_id="demo", routing_readers=None, routing_sender=ROUTER, creation_ticket=None) -> dict:
    """The state before the invite, as Synapse hands it to check_event_allowed."""
    state = {("m.room.create", ""): event("m.room.create", VISITOR, {"room_version": "10"}, "")}
    if marker_sender is not None:
        marker = {"site_id": site_id, "prepared": True} if creation_ticket is None else {"site_id": site_id, "routing_ticket": creation_ticket}
        state[("org.sealdesk.conversation", "")] = event("org.sealdesk.conversation", marker_sender, marker, "")
    if routing_readers is not None:
        state[("org.sealdesk.routing", "")] = event("org.sealdesk.routing", routing_sender, {"status": "queued", "readers": routing_readers, "updated_at": 1}, "")
    return state


class UntouchableState(dict):
    """Room state the callback must not look at."""

    def _touched(self, *args, **kwargs):
        raise AssertionError("check_event_allowed read the room state")

    get = __getitem__ = __contains__ = __iter__ = __len__ = keys = values = items = _touched


class Config(unittest.TestCase):
    def test_router_user_id_is_required_and_checked(self) -> None:
        for bad in (None, {}, {"router_user_id": ""}, {"router_user_id": "router"}, {"router_user_id": 5}):
            with self.subTest(bad=bad), self.assertRaises(ConfigError):
                SealdeskConfinement.parse_config(bad)
        self.assertEqual(SealdeskConfinement.parse_config({"router_user_id": ROUTER}).router_user_id, ROUTER)


class Callbacks(unittest.IsolatedAsyncioTestCase):
    def test_registers_every_confinement_callback(self) -> None:
        _, api = module()
        self.assertEqual(
            sorted(api.callbacks),
            sorted([
                "user_may_create_room", "user_may_invite", "user_may_send_3pid_invite", "user_may_join_room",
                "user_may_send_state_event", "user_may_create_room_alias", "user_may_publish_room", "check_username_for_spam",
                "check_event_allowed", "on_profile_update",
                "get_media_config_for_user", "is_user_allowed_to_upload_media_of_size", "get_media_upload_limits_for_user",
            ]),
        )

    async def test_refusals_are_forbidden_and_others_not_spam(self) -> None:
        m, _ = module()
        self.assertEqual(await m.user_may_join_room(VISITOR, ROOM, False), Codes.FORBIDDEN)
        self.assertEqual(await m.user_may_join_room(VISITOR, ROOM, True), NOT_SPAM)
        self.assertEqual(await m.user_may_create_room(VISITOR, {"visibility": "public"}), Codes.FORBIDDEN)
        self.assertEqual(await m.user_may_create_room(AGENT, {"visibility": "public"}), NOT_SPAM)
        self.assertEqual(await m.user_may_create_room_alias(VISITOR, RoomAlias.from_string("#a:localhost")), Codes.FORBIDDEN)
        self.assertEqual(await m.user_may_publish_room(VISITOR, ROOM), Codes.FORBIDDEN)
        self.assertEqual(await m.user_may_send_state_event(VISITOR, ROOM, "m.room.join_rules", "", {"join_rule": "public"}), Codes.FORBIDDEN)
        self.assertEqual(await m.user_may_send_state_event(VISITOR, ROOM, "org.sealdesk.visitor_closed", "", {"closed_at": 1}), NOT_SPAM)
        self.assertEqual(await m.user_may_send_3pid_invite(VISITOR, "email", "a@b.c", ROOM), Codes.FORBIDDEN)
        self.assertIs(await m.check_username_for_spam({"user_id": AGENT}, VISITOR), True)
        self.assertIs(await m.check_username_for_spam({"user_id": AGENT}, AGENT), False)

    async def test_a_visitor_member_invite_through_the_state_endpoint_is_left_to_the_invite_checks(self) -> None:
        m, _ = module()
        invite = {"membership": "invite", "org.sealdesk.routing_ticket": ROOM_TICKET}
        self.assertEqual(await m.user_may_send_state_event(VISITOR, ROOM, "m.room.member", AGENT, invite), NOT_SPAM)
        self.assertEqual(await m.user_may_send_state_event(VISITOR, ROOM, "m.room.member", AGENT, {"membership": "leave"}), Codes.FORBIDDEN)
        self.assertEqual(await m.user_may_send_state_event(VISITOR, ROOM, "m.room.member", VISITOR, {"membership": "join"}), Codes.FORBIDDEN)

    async def test_user_may_invite_reads_only_whose_conversation_it_is(self) -> None:
        # Synapse's event content is a read-only Mapping, not a dict.
        marker = SimpleNamespace(sender=VISITOR, content=MappingProxyType({"site_id": "demo", "prepared": True}))
        m, api = module(conversation_event=marker)
        # Whether the invitee is a reader is decided on the invite event (check_event_allowed).
        self.assertEqual(await m.user_may_invite(VISITOR, AGENT, ROOM), NOT_SPAM)
        self.assertEqual(api.state_queries, [(ROOM, [("org.sealdesk.conversation", "")])])
        # Someone else's conversation, or a room without one: refused before any event is built.
        m, _ = module(routing_event(ROUTER, [AGENT]), SimpleNamespace(sender=OTHER_VISITOR, content=marker.content))
        self.assertEqual(await m.user_may_invite(VISITOR, AGENT, ROOM), Codes.FORBIDDEN)
        m, _ = module(routing_event(ROUTER, [AGENT]))
        self.assertEqual(await m.user_may_invite(VISITOR, AGENT, ROOM), Codes.FORBIDDEN)

    async def test_inviting_the_router_or_inviting_as_an_agent_reads_no_state(self) -> None:
        m, api = module()
        self.assertEqual(await m.user_may_invite(VISITOR, ROUTER, ROOM), NOT_SPAM)
        self.assertEqual(await m.user_may_invite(AGENT, "@anyone:localhost", ROOM), NOT_SPAM)
        self.assertEqual(await m.user_may_invite(VISITOR, AGENT, ROOM), Codes.FORBIDDEN)
        self.assertEqual(len(api.state_queries), 1)


class CheckEventAllowed(unittest.IsolatedAsyncioTestCase):
    async def test_a_room_bound_ticket_in_the_invite_lets_the_visitor_invite_its_readers(self) -> None:
        m, api = module()
        for reader in ROOM_TICKET["readers"]:
            with self.subTest(reader):
                self.assertEqual(await m.check_event_allowed(invite_event(reader), room_state()), (True, None))
        self.assertEqual(api.state_queries, [], "no extra state query: the state comes with the event")

    async def test_anything_off_is_refused(self) -> None:
        m, _ = module()
        cases = {
            "a reader the ticket does not list": (invite_event("@someone:localhost"), room_state()),
            "expired": (invite_event(AGENT, {**ROOM_TICKET, "expires_at": 1_000}), room_state()),
            "the ticket of another room": (invite_event(AGENT, {**ROOM_TICKET, "room_id": "!other:localhost"}), room_state()),
            "this room's ticket in another room": (invite_event(AGENT, room_id="!other:localhost"), room_state()),
            "another visitor presenting it": (invite_event(AGENT, sender=OTHER_VISITOR), room_state(marker_sender=OTHER_VISITOR)),
            "another site": (invite_event(AGENT), room_state(site_id="other")),
            "tampered readers": (invite_event(OTHER_VISITOR, {**ROOM_TICKET, "readers": [AGENT, OTHER_VISITOR]}), room_state()),
            "the v1 signature presented as v2": (invite_event(AGENT, {**ROOM_TICKET, "sig": TICKET["sig"]}), room_state()),
            "the marker written by someone else": (invite_event(AGENT), room_state(marker_sender=OTHER_VISITOR)),
            "no marker": (invite_event(AGENT), room_state(marker_sender=None)),
            "a ticket that is not an object": (invite_event(AGENT, [ROOM_TICKET]), room_state()),
            "readers that are not a list": (invite_event(AGENT, {**ROOM_TICKET, "readers": AGENT}), room_state()),
            "a newline in the id": (invite_event(AGENT, {**ROOM_TICKET, "id": "abcdefgh\nijklmnop"}), room_state()),
            "a boolean expiry": (invite_event(AGENT, {**ROOM_TICKET, "expires_at": True}), room_state()),
            "no ticket, no routing": (invite_event(AGENT, None), room_state()),
            "a routing state the visitor forged": (invite_event("@someone:localhost", None), room_state(routing_readers=["@someone:localhost"], routing_sender=VISITOR)),
        }
        for name, (invite, state) in cases.items():
            with self.subTest(name), self.assertLogs("sealdesk_confinement.module", "INFO") as logs:
                self.assertEqual(await m.check_event_allowed(invite, state), (False, None))
                self.assertIn("refused m.room.member event", logs.output[0])

    async def test_a_wrong_secret_refuses_the_ticket(self) -> None:
        api = FakeModuleApi()
        m = SealdeskConfinement(SealdeskConfinement.parse_config({"router_user_id": ROUTER, "routing_ticket_secret": "j" * 32}), api)
        self.assertEqual(await m.check_event_allowed(invite_event(AGENT), room_state()), (False, None))
        m = SealdeskConfinement(SealdeskConfinement.parse_config({"router_user_id": ROUTER}), api)
        self.assertEqual(await m.check_event_allowed(invite_event(AGENT), room_state()), (False, None))

    async def test_the_router_routing_readers_and_creation_tickets_still_pass(self) -> None:
        m, _ = module()
        self.assertEqual(await m.check_event_allowed(invite_event(ROUTER, None), room_state(marker_sender=None)), (True, None))
        self.assertEqual(await m.check_event_allowed(invite_event("@third:localhost", None), room_state(routing_readers=["@third:localhost"])), (True, None))
        # createRoom's invites: the marker (with its creation ticket) is already in the state.
        created = room_state(creation_ticket=TICKET)
        self.assertEqual(await m.check_event_allowed(invite_event("@other-agent:localhost", None), created), (True, None))
        self.assertEqual(await m.check_event_allowed(invite_event("@someone:localhost", None), created), (False, None))
        # Another visitor's creation ticket grants this visitor nothing.
        self.assertEqual(await m.check_event_allowed(invite_event("@other-agent:localhost", None), room_state(marker_sender=OTHER_VISITOR, creation_ticket=TICKET)), (False, None))

    async def test_others_state_passes_without_reading_state(self) -> None:
        m, _ = module()
        untouchable = UntouchableState()
        others = {
            "an agent's invite": invite_event("@anyone:localhost", None, sender=AGENT),
            "the router's invite": invite_event(AGENT, None, sender=ROUTER),
            "the router's routing state": event("org.sealdesk.routing", ROUTER, {"status": "queued"}, ""),
            "an agent's kick": event("m.room.member", AGENT, {"membership": "leave"}, VISITOR),
        }
        for name, ev in others.items():
            with self.subTest(name):
                self.assertEqual(await m.check_event_allowed(ev, untouchable), (True, None))
        # The guard itself is live: a visitor's invite does read the state.
        with self.assertRaises(AssertionError):
            await m.check_event_allowed(invite_event(AGENT), untouchable)

    async def test_a_visitors_events_follow_event_rules(self) -> None:
        m, _ = module()
        conversation = {**room_state(), ("m.room.power_levels", ""): event("m.room.power_levels", VISITOR, {"users": {ROUTER: 50}}, "")}
        cases = {
            "its ciphertext": (event("m.room.encrypted", VISITOR, {"algorithm": "m.megolm.v1.aes-sha2", "ciphertext": "x"}), True),
            "plaintext": (event("m.room.message", VISITOR, {"msgtype": "m.text", "body": "hi", "membership": "invite"}), False),
            "a redaction": (event("m.room.redaction", VISITOR, {"redacts": "$x"}), False),
            "the ended-chat marker": (event("org.sealdesk.visitor_closed", VISITOR, {"closed_at": 1}, ""), True),
            "its own join": (event("m.room.member", VISITOR, {"membership": "join", "displayname": "Visitor"}, VISITOR), True),
            "its leave": (event("m.room.member", VISITOR, {"membership": "leave"}, VISITOR), True),
            "a kick of the agent": (event("m.room.member", VISITOR, {"membership": "leave"}, AGENT), False),
            "a ban of the router": (event("m.room.member", VISITOR, {"membership": "ban"}, ROUTER), False),
            "power levels again (make_room_admin)": (event("m.room.power_levels", VISITOR, {"users": {VISITOR: 100}}, ""), False),
            "a tombstone": (event("m.room.tombstone", VISITOR, {"replacement_room": "!x:localhost"}, ""), False),
        }
        for name, (ev, allowed) in cases.items():
            with self.subTest(name):
                self.assertEqual(await m.check_event_allowed(ev, conversation), (allowed, None))

    async def test_plaintext_in_a_conversation_unless_configured_off(self) -> None:
        plain = event("m.room.message", AGENT, {"msgtype": "m.text", "body": "hi"})
        m, _ = module()
        self.assertEqual(await m.check_event_allowed(plain, room_state()), (False, None))
        self.assertEqual(await m.check_event_allowed(plain, room_state(marker_sender=None)), (True, None))
        self.assertEqual(await m.check_event_allowed(event("m.room.message", ROUTER, {"msgtype": "m.notice", "body": "status"}), {}), (True, None))
        off = SealdeskConfinement(SealdeskConfinement.parse_config({"router_user_id": ROUTER, "refuse_plaintext": False}), FakeModuleApi())
        self.assertEqual(await off.check_event_allowed(plain, room_state()), (True, None))


class Media(unittest.IsolatedAsyncioTestCase):
    async def test_visitors_get_the_quota_agents_the_server_limits(self) -> None:
        m, _ = module()
        self.assertEqual(await m.get_media_config_for_user(VISITOR), {"m.upload.size": 10 * 1024 * 1024})
        self.assertIsNone(await m.get_media_config_for_user(AGENT))
        self.assertIs(await m.is_user_allowed_to_upload_media_of_size(VISITOR, 10 * 1024 * 1024), True)
        self.assertIs(await m.is_user_allowed_to_upload_media_of_size(VISITOR, 10 * 1024 * 1024 + 1), False)
        self.assertIs(await m.is_user_allowed_to_upload_media_of_size(AGENT, 40 * 1024 * 1024), True)
        [limit] = await m.get_media_upload_limits_for_user(VISITOR)
        self.assertEqual((limit.max_bytes, limit.time_period_ms), (25 * 1024 * 1024, 86_400_000))
        self.assertIsNone(await m.get_media_upload_limits_for_user(AGENT))

    def test_the_quota_is_configurable_and_checked(self) -> None:
        config = SealdeskConfinement.parse_config({"router_user_id": ROUTER, "visitor_media": {"max_file_bytes": 1000, "max_bytes_per_day": 5000}})
        self.assertEqual((config.visitor_media.max_file_bytes, config.visitor_media.max_bytes_per_day), (1000, 5000))
        for bad in ({"max_file_bytes": 0}, {"max_bytes_per_day": "25M"}, {"max_file_bytes": True}, {"other": 1}, []):
            with self.subTest(bad=bad), self.assertRaises(ConfigError):
                SealdeskConfinement.parse_config({"router_user_id": ROUTER, "visitor_media": bad})
        with self.assertRaises(ConfigError):
            SealdeskConfinement.parse_config({"router_user_id": ROUTER, "refuse_plaintext": "no"})


class Profiles(unittest.IsolatedAsyncioTestCase):
    async def test_a_visitors_profile_change_is_undone(self) -> None:
        m, api = module()
        await m.on_profile_update(VISITOR, SimpleNamespace(display_name="<img src=x onerror=alert(1)>", avatar_url=None), False, False)
        self.assertEqual(api.displaynames, [(VISITOR, "Visitor", True, False)])
        self.assertEqual(api.avatars, [])
        await m.on_profile_update(VISITOR, SimpleNamespace(display_name="Visitor", avatar_url="mxc://localhost/forged"), False, False)
        self.assertEqual(api.avatars, [(VISITOR, "", True, False)])

    async def test_others_the_visitors_own_name_and_deactivation_are_left_alone(self) -> None:
        m, api = module()
        await m.on_profile_update(AGENT, SimpleNamespace(display_name="<b>Agent</b>", avatar_url="mxc://x/y"), False, False)
        await m.on_profile_update(VISITOR, SimpleNamespace(display_name="Visitor", avatar_url=None), True, False)
        await m.on_profile_update(VISITOR, SimpleNamespace(display_name=None, avatar_url=None), False, True)
        self.assertEqual(api.displaynames, [])
        self.assertEqual(api.avatars, [])


if __name__ == "__main__":
    unittest.main()
