"""The Synapse glue: config parsing, the callbacks it registers, the verdicts
they return, and how the invite check reads the room's routing state."""

import unittest
from types import MappingProxyType, SimpleNamespace

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


class FakeModuleApi:
    """The two ModuleApi methods the module uses."""

    def __init__(self, routing_event=None, conversation_event=None):
        self.callbacks: dict = {}
        self.state_queries: list = []
        self._routing_event = routing_event
        self._conversation_event = conversation_event

    def register_spam_checker_callbacks(self, **callbacks) -> None:
        self.callbacks = callbacks

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

    async def test_invite_reads_the_current_routing_state(self) -> None:
        m, api = module(routing_event(ROUTER, [AGENT]))
        self.assertEqual(await m.user_may_invite(VISITOR, AGENT, ROOM), NOT_SPAM)
        self.assertEqual(api.state_queries, [(ROOM, [("org.sealdesk.routing", ""), ("org.sealdesk.conversation", "")])])
        self.assertEqual(await m.user_may_invite(VISITOR, "@someone:localhost", ROOM), Codes.FORBIDDEN)

    async def test_invite_honours_the_routing_ticket_the_visitor_created_the_room_with(self) -> None:
        ticket = {"site_id": "demo", "routing_ticket": TICKET}
        # Synapse's event content is a read-only Mapping, not a dict.
        m, _ = module(conversation_event=SimpleNamespace(sender=VISITOR, content=MappingProxyType(ticket)))
        self.assertEqual(await m.user_may_invite(VISITOR, AGENT, ROOM), NOT_SPAM)
        self.assertEqual(await m.user_may_invite(VISITOR, "@someone:localhost", ROOM), Codes.FORBIDDEN)
        # A ticket in a room someone else created (its conversation state) grants this visitor nothing.
        m, _ = module(conversation_event=SimpleNamespace(sender=OTHER_VISITOR, content=ticket))
        self.assertEqual(await m.user_may_invite(VISITOR, AGENT, ROOM), Codes.FORBIDDEN)

    async def test_invite_ignores_routing_state_not_written_by_the_router(self) -> None:
        m, _ = module(routing_event(VISITOR, [AGENT]))
        self.assertEqual(await m.user_may_invite(VISITOR, AGENT, ROOM), Codes.FORBIDDEN)

    async def test_inviting_the_router_or_inviting_as_an_agent_reads_no_state(self) -> None:
        m, api = module()
        self.assertEqual(await m.user_may_invite(VISITOR, ROUTER, ROOM), NOT_SPAM)
        self.assertEqual(await m.user_may_invite(AGENT, "@anyone:localhost", ROOM), NOT_SPAM)
        self.assertEqual(await m.user_may_invite(VISITOR, AGENT, ROOM), Codes.FORBIDDEN)
        self.assertEqual(len(api.state_queries), 1)


if __name__ == "__main__":
    unittest.main()
