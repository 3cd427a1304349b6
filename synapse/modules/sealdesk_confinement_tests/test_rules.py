"""Decisions of the visitor confinement module, without a homeserver.

Run: synapse/.venv/bin/python -m unittest discover -s synapse/modules/sealdesk_confinement_tests -t synapse/modules
(Vitest runs this through synapse/modules/confinement-module.test.ts.)
"""

import copy
import unittest

from sealdesk_confinement import rules

ROUTER = "@router:localhost"
VISITOR = "@visitor-0123456789abcdef01234567:localhost"
OTHER_VISITOR = "@visitor-ffffffffffffffffffffffff:localhost"
AGENT = "@agent:localhost"
OTHER_AGENT = "@other-agent:localhost"


def widget_request() -> dict:
    """The body widget/frame/conversation.ts createConversation sends to /createRoom."""
    return {
        "visibility": "private",
        "preset": "private_chat",
        "invite": [ROUTER],
        "initial_state": [
            {"type": "m.room.encryption", "state_key": "", "content": {"algorithm": "m.megolm.v1.aes-sha2"}},
            {"type": "m.room.history_visibility", "state_key": "", "content": {"history_visibility": "shared"}},
            {"type": "org.sealdesk.conversation", "state_key": "", "content": {"site_id": "demo", "page_url": "https://shop.example/cart", "language": "en"}},
        ],
        "power_level_content_override": {
            "users": {ROUTER: 50},
            "events": {"org.sealdesk.routing": 50, "org.sealdesk.conversation": 100, "org.sealdesk.visitor_closed": 100},
        },
    }


def changed(edit) -> dict:
    req = copy.deepcopy(widget_request())
    edit(req)
    return req


def replace_state(kind: str, content: dict):
    def edit(req: dict) -> None:
        for entry in req["initial_state"]:
            if entry["type"] == kind:
                entry["content"] = content
    return edit


def drop_state(kind: str):
    def edit(req: dict) -> None:
        req["initial_state"] = [e for e in req["initial_state"] if e["type"] != kind]
    return edit


def add_state(kind: str, content: dict, state_key: str = ""):
    return lambda req: req["initial_state"].append({"type": kind, "state_key": state_key, "content": content})


def routing(readers, sender=ROUTER) -> rules.RoutingState:
    return rules.RoutingState(sender=sender, content={"status": "queued", "readers": readers, "updated_at": 1})


class IsVisitor(unittest.TestCase):
    def test_localpart_prefix(self) -> None:
        self.assertTrue(rules.is_visitor(VISITOR))
        for user in (AGENT, ROUTER, "@visitor:localhost", "@my-visitor-1:localhost", "visitor-1"):
            self.assertFalse(rules.is_visitor(user), user)


class CreateRoom(unittest.TestCase):
    def test_the_widgets_conversation_is_allowed(self) -> None:
        self.assertEqual(rules.may_create_room(VISITOR, widget_request(), ROUTER), rules.ALLOW)
        # Without the optional context fields, and with visibility left to its default.
        minimal = changed(replace_state("org.sealdesk.conversation", {"site_id": "demo"}))
        del minimal["visibility"]
        self.assertTrue(rules.may_create_room(VISITOR, minimal, ROUTER).allowed)
        # With the visitor's time zone (sent by the widget for the console's local time).
        with_zone = changed(replace_state("org.sealdesk.conversation", {"site_id": "demo", "language": "fr", "time_zone": "Europe/Paris"}))
        self.assertTrue(rules.may_create_room(VISITOR, with_zone, ROUTER).allowed)

    def test_anything_else_is_refused(self) -> None:
        cases = {
            "public room": changed(lambda r: r.update(visibility="public")),
            "public_chat preset": changed(lambda r: r.update(preset="public_chat")),
            "trusted_private_chat preset (invitees become creators)": changed(lambda r: r.update(preset="trusted_private_chat")),
            "no preset (also how Synapse checks a room upgrade)": changed(lambda r: r.pop("preset")),
            "an alias": changed(lambda r: r.update(room_alias_name="support")),
            "a direct chat": changed(lambda r: r.update(is_direct=True)),
            "a name": changed(lambda r: r.update(name="Free gift")),
            "creation_content (additional creators, room type)": changed(lambda r: r.update(creation_content={"additional_creators": [AGENT]})),
            "a room version": changed(lambda r: r.update(room_version="1")),
            "a third-party invite": changed(lambda r: r.update(invite_3pid=[{"medium": "email", "address": "a@b.c", "id_server": "x"}])),
            "inviting an agent directly": changed(lambda r: r.update(invite=[AGENT])),
            "inviting the router and an agent": changed(lambda r: r.update(invite=[ROUTER, AGENT])),
            "inviting another visitor": changed(lambda r: r.update(invite=[OTHER_VISITOR])),
            "inviting nobody": changed(lambda r: r.pop("invite")),
            "no encryption": changed(drop_state("m.room.encryption")),
            "another encryption algorithm": changed(replace_state("m.room.encryption", {"algorithm": "m.olm.v1.curve25519-aes-sha2"})),
            "history world_readable": changed(replace_state("m.room.history_visibility", {"history_visibility": "world_readable"})),
            "history joined (agents could not get it shared)": changed(replace_state("m.room.history_visibility", {"history_visibility": "joined"})),
            "no history visibility": changed(drop_state("m.room.history_visibility")),
            "no conversation marker": changed(drop_state("org.sealdesk.conversation")),
            "conversation marker without site": changed(replace_state("org.sealdesk.conversation", {"language": "en"})),
            "conversation marker with an unknown field": changed(replace_state("org.sealdesk.conversation", {"site_id": "demo", "readers": [AGENT]})),
            "oversized time zone": changed(replace_state("org.sealdesk.conversation", {"site_id": "demo", "time_zone": "x" * 65})),
            "a time zone that is not a string": changed(replace_state("org.sealdesk.conversation", {"site_id": "demo", "time_zone": ["Europe/Paris"]})),
            "oversized site id": changed(replace_state("org.sealdesk.conversation", {"site_id": "x" * 65})),
            "public join rules": changed(add_state("m.room.join_rules", {"join_rule": "public"})),
            "guest access": changed(add_state("m.room.guest_access", {"guest_access": "can_join"})),
            "a forged routing state": changed(add_state("org.sealdesk.routing", {"status": "queued", "readers": [AGENT], "updated_at": 1})),
            "a duplicate encryption event": changed(add_state("m.room.encryption", {"algorithm": "m.megolm.v1.aes-sha2"})),
            "a conversation marker with a state key": changed(lambda r: r["initial_state"][2].update(state_key="x")),
            "malformed initial state": changed(lambda r: r.update(initial_state={"type": "m.room.encryption"})),
            "power to an agent": changed(lambda r: r["power_level_content_override"]["users"].update({AGENT: 100})),
            "no power level override (router cannot write routing)": changed(lambda r: r.pop("power_level_content_override")),
            "everyone at power 100": changed(lambda r: r["power_level_content_override"].update(users_default=100)),
            "routing state writable by anyone": changed(lambda r: r["power_level_content_override"]["events"].update({"org.sealdesk.routing": 0})),
        }
        for name, request in cases.items():
            with self.subTest(name):
                decision = rules.may_create_room(VISITOR, request, ROUTER)
                self.assertFalse(decision.allowed)
                self.assertTrue(decision.reason)

    def test_non_visitors_are_unaffected(self) -> None:
        public = {"visibility": "public", "preset": "public_chat", "room_alias_name": "status", "invite": [OTHER_AGENT]}
        for user in (AGENT, ROUTER):
            self.assertTrue(rules.may_create_room(user, public, ROUTER).allowed, user)


class Invite(unittest.TestCase):
    def test_visitor_may_invite_the_router_even_before_routing(self) -> None:
        self.assertTrue(rules.may_invite(VISITOR, ROUTER, ROUTER, None).allowed)

    def test_visitor_may_invite_the_routers_readers(self) -> None:
        self.assertTrue(rules.may_invite(VISITOR, AGENT, ROUTER, routing([AGENT, OTHER_AGENT])).allowed)
        self.assertTrue(rules.may_invite(VISITOR, OTHER_AGENT, ROUTER, routing([AGENT, OTHER_AGENT])).allowed)

    def test_visitor_may_invite_nobody_else(self) -> None:
        cases = {
            "no routing state": (AGENT, None),
            "agent not a reader": (OTHER_AGENT, routing([AGENT])),
            "another visitor": (OTHER_VISITOR, routing([AGENT])),
            "closed conversation": (AGENT, routing([])),
            "routing state forged by the visitor": (OTHER_AGENT, routing([OTHER_AGENT], sender=VISITOR)),
            "routing state written by an agent": (OTHER_AGENT, routing([OTHER_AGENT], sender=AGENT)),
            "malformed readers": (AGENT, rules.RoutingState(sender=ROUTER, content={"readers": AGENT})),
            "readers missing": (AGENT, rules.RoutingState(sender=ROUTER, content={})),
        }
        for name, (invitee, state) in cases.items():
            with self.subTest(name):
                self.assertFalse(rules.may_invite(VISITOR, invitee, ROUTER, state).allowed)

    def test_agents_and_router_invite_freely(self) -> None:
        self.assertTrue(rules.may_invite(AGENT, OTHER_AGENT, ROUTER, None).allowed)
        self.assertTrue(rules.may_invite(ROUTER, AGENT, ROUTER, routing([])).allowed)


SECRET = "k" * 32
NOW = 1_700_000_000_000
# Signed by lib/routing/ticket-signature.ts signTicket(SECRET, ...): the two languages agree.
TICKET = {"id": "abcdefghijklmnop", "readers": [AGENT, OTHER_AGENT], "expires_at": 4_102_444_800_000, "sig": "suiaANzx74GvJhi2FbLrWpF2DQY3pM2pwywxiEeZeBA"}


def with_ticket(ticket: dict, invite: list) -> dict:
    def edit(req: dict) -> None:
        req["invite"] = invite
        req["initial_state"][2]["content"] = {"site_id": "demo", "routing_ticket": ticket}
    return changed(edit)


class RoutingTicket(unittest.TestCase):
    def test_a_ticket_signed_by_the_app_lets_the_new_room_invite_its_readers(self) -> None:
        conversation = {"site_id": "demo", "routing_ticket": TICKET}
        self.assertEqual(rules.ticket_readers(conversation, VISITOR, SECRET, NOW), [AGENT, OTHER_AGENT])
        request = with_ticket(TICKET, [ROUTER, AGENT, OTHER_AGENT])
        self.assertTrue(rules.may_create_room(VISITOR, request, ROUTER, SECRET, NOW).allowed)
        self.assertTrue(rules.may_invite(VISITOR, OTHER_AGENT, ROUTER, None, [AGENT, OTHER_AGENT]).allowed)

    def test_a_ticket_grants_nothing_when_anything_is_off(self) -> None:
        conversation = {"site_id": "demo", "routing_ticket": TICKET}
        self.assertIsNone(rules.ticket_readers(conversation, OTHER_VISITOR, SECRET, NOW), "another visitor's ticket")
        self.assertIsNone(rules.ticket_readers({**conversation, "site_id": "other"}, VISITOR, SECRET, NOW), "another site")
        self.assertIsNone(rules.ticket_readers(conversation, VISITOR, "j" * 32, NOW), "another secret")
        self.assertIsNone(rules.ticket_readers(conversation, VISITOR, None, NOW), "no secret configured")
        self.assertIsNone(rules.ticket_readers(conversation, VISITOR, SECRET, TICKET["expires_at"] + 1), "expired")
        for field, value in {"readers": [AGENT, OTHER_AGENT, OTHER_VISITOR], "expires_at": TICKET["expires_at"] + 1, "id": "zzzzzzzzzzzzzzzz", "sig": "x" * 43}.items():
            with self.subTest(field):
                self.assertIsNone(rules.ticket_readers({"site_id": "demo", "routing_ticket": {**TICKET, field: value}}, VISITOR, SECRET, NOW))

    def test_a_new_room_invites_exactly_the_tickets_readers(self) -> None:
        cases = {
            "a reader the ticket does not list": with_ticket(TICKET, [ROUTER, AGENT, OTHER_VISITOR]),
            "readers without the router first": with_ticket(TICKET, [AGENT, OTHER_AGENT]),
            "a tampered ticket": with_ticket({**TICKET, "readers": [AGENT, OTHER_VISITOR]}, [ROUTER, AGENT, OTHER_VISITOR]),
            "readers but no ticket": changed(lambda r: r.update(invite=[ROUTER, AGENT])),
        }
        for name, request in cases.items():
            with self.subTest(name):
                self.assertFalse(rules.may_create_room(VISITOR, request, ROUTER, SECRET, NOW).allowed)
        # Another visitor cannot reuse this visitor's ticket.
        self.assertFalse(rules.may_create_room(OTHER_VISITOR, with_ticket(TICKET, [ROUTER, AGENT, OTHER_AGENT]), ROUTER, SECRET, NOW).allowed)


class JoinStateDirectory(unittest.TestCase):
    def test_join_only_when_invited(self) -> None:
        self.assertFalse(rules.may_join_room(VISITOR, is_invited=False).allowed)
        self.assertTrue(rules.may_join_room(VISITOR, is_invited=True).allowed)
        self.assertTrue(rules.may_join_room(AGENT, is_invited=False).allowed)

    def test_visitor_state_is_only_ending_the_chat(self) -> None:
        self.assertTrue(rules.may_send_state_event(VISITOR, "org.sealdesk.visitor_closed", "").allowed)
        for kind, key in [
            ("org.sealdesk.routing", ""),
            ("m.room.join_rules", ""),
            ("m.room.power_levels", ""),
            ("m.room.history_visibility", ""),
            ("m.room.canonical_alias", ""),
            ("m.room.member", AGENT),
            ("m.room.tombstone", ""),
            ("org.sealdesk.visitor_closed", "other"),
        ]:
            with self.subTest(kind):
                self.assertFalse(rules.may_send_state_event(VISITOR, kind, key).allowed)
        self.assertTrue(rules.may_send_state_event(AGENT, "m.room.name", "").allowed)
        self.assertTrue(rules.may_send_state_event(ROUTER, "org.sealdesk.routing", "").allowed)

    def test_aliases_publication_3pid(self) -> None:
        for check in (rules.may_create_room_alias, rules.may_publish_room, rules.may_send_3pid_invite):
            with self.subTest(check.__name__):
                self.assertFalse(check(VISITOR).allowed)
                self.assertTrue(check(AGENT).allowed)

    def test_directory_search_finds_nobody_for_visitors(self) -> None:
        self.assertTrue(rules.hidden_from_directory_search(VISITOR))
        self.assertFalse(rules.hidden_from_directory_search(AGENT))


if __name__ == "__main__":
    unittest.main()
