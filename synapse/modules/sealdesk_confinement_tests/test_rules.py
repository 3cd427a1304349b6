"""Decisions of the visitor confinement module, without a homeserver.

Run: synapse/.venv/bin/python -m unittest discover -s synapse/modules/sealdesk_confinement_tests -t synapse/modules
(Vitest runs this through synapse/modules/confinement-module.test.ts.)
"""

import base64
import copy
import hashlib
import hmac
import unittest

from sealdesk_confinement import rules, tickets

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
        # Prepared when the chat opens, before the visitor wrote (the route is decided later).
        prepared = changed(replace_state("org.sealdesk.conversation", {"site_id": "demo", "language": "en", "prepared": True}))
        self.assertTrue(rules.may_create_room(VISITOR, prepared, ROUTER).allowed)

    def test_prepared_is_true_or_absent(self) -> None:
        for value in (False, "true", 1, 0, None, [True], {"prepared": True}):
            with self.subTest(value=value):
                request = changed(replace_state("org.sealdesk.conversation", {"site_id": "demo", "prepared": value}))
                decision = rules.may_create_room(VISITOR, request, ROUTER)
                self.assertFalse(decision.allowed)
                self.assertIn("wrong content", decision.reason)

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
        self.assertEqual(tickets.ticket_readers(conversation, VISITOR, SECRET, NOW), [AGENT, OTHER_AGENT])
        request = with_ticket(TICKET, [ROUTER, AGENT, OTHER_AGENT])
        self.assertTrue(rules.may_create_room(VISITOR, request, ROUTER, SECRET, NOW).allowed)
        self.assertTrue(rules.may_invite(VISITOR, OTHER_AGENT, ROUTER, None, [AGENT, OTHER_AGENT]).allowed)

    def test_a_ticket_grants_nothing_when_anything_is_off(self) -> None:
        conversation = {"site_id": "demo", "routing_ticket": TICKET}
        self.assertIsNone(tickets.ticket_readers(conversation, OTHER_VISITOR, SECRET, NOW), "another visitor's ticket")
        self.assertIsNone(tickets.ticket_readers({**conversation, "site_id": "other"}, VISITOR, SECRET, NOW), "another site")
        self.assertIsNone(tickets.ticket_readers(conversation, VISITOR, "j" * 32, NOW), "another secret")
        self.assertIsNone(tickets.ticket_readers(conversation, VISITOR, None, NOW), "no secret configured")
        self.assertIsNone(tickets.ticket_readers(conversation, VISITOR, SECRET, TICKET["expires_at"] + 1), "expired")
        for field, value in {"readers": [AGENT, OTHER_AGENT, OTHER_VISITOR], "expires_at": TICKET["expires_at"] + 1, "id": "zzzzzzzzzzzzzzzz", "sig": "x" * 43}.items():
            with self.subTest(field):
                self.assertIsNone(tickets.ticket_readers({"site_id": "demo", "routing_ticket": {**TICKET, field: value}}, VISITOR, SECRET, NOW))

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


ROOM = "!room:localhost"
# A ticket bound to ROOM (v2), signed for VISITOR on site "demo" with SECRET. The same
# vector is computed by lib/routing/ticket-signature.ts signTicket(SECRET, {..., roomId: ROOM}).
ROOM_TICKET = {**TICKET, "room_id": ROOM, "sig": "19_pHkaeYe_2uVLNrl6CBwxmwP93tuQRVWDeVmwcagY"}
PREPARED = rules.ConversationMarker(sender=VISITOR, content={"site_id": "demo", "language": "en", "prepared": True})


def resigned(ticket: dict, visitor: str = VISITOR, site_id: str = "demo", room_id: str = ROOM, secret: str = SECRET) -> dict:
    """`ticket` with a genuine v2 signature over its (possibly malformed) fields, so
    only the check under test can refuse it."""
    readers = ticket["readers"]
    joined = ",".join(map(str, readers))  # as the module would join them, whatever their type
    signing_input = "\n".join(["sealdesk-routing-ticket/v2", str(ticket["id"]), visitor, site_id, room_id, str(ticket["expires_at"]), joined])
    mac = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return {**ticket, "sig": base64.urlsafe_b64encode(mac).rstrip(b"=").decode()}


def send_invite(invitee: str, ticket=ROOM_TICKET, *, inviter: str = VISITOR, room_id: str = ROOM, marker=PREPARED, routing_state=None, secret=SECRET, now=NOW) -> rules.Decision:
    content = {"membership": "invite"} if ticket is None else {"membership": "invite", tickets.INVITE_TICKET_FIELD: ticket}
    return rules.may_send_invite(inviter, invitee, room_id, content, ROUTER, routing_state, marker, secret, now)


class RoomBoundTicket(unittest.TestCase):
    def test_signature_matches_the_apps(self) -> None:
        # The resigning helper agrees with the fixed vector, so its tickets are genuinely signed.
        self.assertEqual(resigned(ROOM_TICKET)["sig"], ROOM_TICKET["sig"])
        content = {"membership": "invite", tickets.INVITE_TICKET_FIELD: ROOM_TICKET}
        self.assertEqual(tickets.invite_ticket_readers(content, VISITOR, "demo", ROOM, SECRET, NOW), [AGENT, OTHER_AGENT])

    def test_a_valid_ticket_lets_the_visitor_invite_each_of_its_readers(self) -> None:
        for reader in ROOM_TICKET["readers"]:
            with self.subTest(reader):
                self.assertEqual(send_invite(reader), rules.ALLOW)
        # Up to the last millisecond.
        self.assertTrue(send_invite(AGENT, now=ROOM_TICKET["expires_at"]).allowed)

    def test_anything_off_grants_nothing(self) -> None:
        cases = {
            "a reader the ticket does not list": dict(invitee="@someone:localhost"),
            "another visitor as invitee": dict(invitee=OTHER_VISITOR),
            "expired": dict(now=ROOM_TICKET["expires_at"] + 1),
            "the ticket names another room": dict(ticket={**ROOM_TICKET, "room_id": "!other:localhost"}),
            "a genuine ticket for another room, used here": dict(ticket=resigned({**ROOM_TICKET, "room_id": "!other:localhost"}, room_id="!other:localhost")),
            "this room's ticket used in another room": dict(room_id="!other:localhost"),
            "no room id in the ticket": dict(ticket={k: v for k, v in ROOM_TICKET.items() if k != "room_id"}),
            "signed for another visitor": dict(inviter=OTHER_VISITOR, marker=rules.ConversationMarker(OTHER_VISITOR, PREPARED.content)),
            "signed for another site": dict(marker=rules.ConversationMarker(VISITOR, {"site_id": "other", "prepared": True})),
            "tampered readers": dict(ticket={**ROOM_TICKET, "readers": [AGENT, OTHER_VISITOR]}, invitee=OTHER_VISITOR),
            "tampered expiry": dict(ticket={**ROOM_TICKET, "expires_at": ROOM_TICKET["expires_at"] + 1}),
            "tampered id": dict(ticket={**ROOM_TICKET, "id": "zzzzzzzzzzzzzzzz"}),
            "signed with another secret": dict(ticket=resigned(ROOM_TICKET, secret="j" * 32)),
            "no secret configured": dict(secret=None),
            "the v1 signature of the same fields presented as v2": dict(ticket={**ROOM_TICKET, "sig": TICKET["sig"]}),
            "the marker was written by someone else": dict(marker=rules.ConversationMarker(OTHER_VISITOR, PREPARED.content)),
            "the marker was written by the router": dict(marker=rules.ConversationMarker(ROUTER, PREPARED.content)),
            "no marker": dict(marker=None),
            "a marker without a site": dict(marker=rules.ConversationMarker(VISITOR, {"prepared": True})),
            "no ticket": dict(ticket=None),
            "the ticket is not an object": dict(ticket=[ROOM_TICKET]),
            "the ticket is a string": dict(ticket="19_pHkaeYe_2uVLNrl6CBwxmwP93tuQRVWDeVmwcagY"),
            # Signed as they are: only the type checks stand in the way.
            "readers not a list (a string holds the invitee)": dict(ticket=resigned({**ROOM_TICKET, "readers": AGENT})),
            "readers an object keyed by the invitee": dict(ticket=resigned({**ROOM_TICKET, "readers": {AGENT: True}})),
            "readers that are not strings": dict(ticket=resigned({**ROOM_TICKET, "readers": [AGENT, 5]})),
            "a reader with a newline": dict(ticket=resigned({**ROOM_TICKET, "readers": [AGENT + "\n", AGENT]})),
            "more than 100 readers": dict(ticket=resigned({**ROOM_TICKET, "readers": [AGENT] + [f"@a{i}:localhost" for i in range(100)]})),
            "a newline in the id": dict(ticket=resigned({**ROOM_TICKET, "id": "abcdefgh\nijklmnop"})),
            "an id that is not a string": dict(ticket=resigned({**ROOM_TICKET, "id": 12345678901234567})),
            "a boolean expiry (at the epoch, so it has not expired)": dict(ticket=resigned({**ROOM_TICKET, "expires_at": True}), now=0),
            "a string expiry": dict(ticket=resigned({**ROOM_TICKET, "expires_at": "4102444800000"})),
            "a signature that is not a string": dict(ticket={**ROOM_TICKET, "sig": None}),
        }
        for name, case in cases.items():
            with self.subTest(name):
                decision = send_invite(case.pop("invitee", AGENT), **case)
                self.assertFalse(decision.allowed)
                self.assertTrue(decision.reason)

    def test_a_room_id_with_a_newline_is_refused(self) -> None:
        # Not reachable through Synapse (room ids are validated), but the signing input must stay unambiguous.
        room = ROOM + "\n"
        ticket = resigned({**ROOM_TICKET, "room_id": room}, room_id=room)
        self.assertFalse(send_invite(AGENT, ticket, room_id=room).allowed)

    def test_a_refused_ticket_says_so(self) -> None:
        self.assertIn("routing ticket does not count", send_invite(AGENT, {**ROOM_TICKET, "sig": TICKET["sig"]}).reason)
        self.assertIn("no org.sealdesk.conversation marker", send_invite(AGENT, marker=None).reason)
        self.assertNotIn("routing ticket", send_invite(AGENT, None).reason)

    def test_the_other_ways_still_work_on_the_invite_event(self) -> None:
        self.assertTrue(send_invite(ROUTER, None, marker=None).allowed, "the router, even without a marker")
        self.assertTrue(send_invite(OTHER_AGENT, None, routing_state=routing([OTHER_AGENT])).allowed, "a reader of the routing state")
        self.assertFalse(send_invite(OTHER_AGENT, None, routing_state=routing([OTHER_AGENT], sender=VISITOR)).allowed, "a forged routing state")
        created = rules.ConversationMarker(VISITOR, {"site_id": "demo", "routing_ticket": TICKET})
        self.assertTrue(send_invite(OTHER_AGENT, None, marker=created).allowed, "a reader of the creation ticket")
        self.assertFalse(send_invite(OTHER_AGENT, None, marker=rules.ConversationMarker(OTHER_VISITOR, created.content)).allowed, "another visitor's creation ticket")
        # A valid room-bound ticket for one reader does not stop a routing-state reader.
        self.assertTrue(send_invite("@third:localhost", routing_state=routing(["@third:localhost"])).allowed)
        # A creation ticket (v1) carried in an invite grants nothing: it is not bound to the room.
        self.assertFalse(send_invite(AGENT, TICKET).allowed)

    def test_non_visitors_are_never_restricted(self) -> None:
        for inviter in (AGENT, ROUTER):
            with self.subTest(inviter):
                self.assertTrue(send_invite("@anyone:localhost", {"junk": True}, inviter=inviter, marker=None).allowed)


class RequestInvite(unittest.TestCase):
    """user_may_invite's part: it cannot see the invite's content."""

    def test_visitor_invites_only_into_its_own_conversation(self) -> None:
        self.assertTrue(rules.may_request_invite(VISITOR, ROUTER, ROUTER, None).allowed)
        self.assertTrue(rules.may_request_invite(VISITOR, AGENT, ROUTER, PREPARED).allowed)
        for name, marker in {"no marker": None, "another visitor's marker": rules.ConversationMarker(OTHER_VISITOR, PREPARED.content), "an agent's marker": rules.ConversationMarker(AGENT, PREPARED.content)}.items():
            with self.subTest(name):
                decision = rules.may_request_invite(VISITOR, AGENT, ROUTER, marker)
                self.assertFalse(decision.allowed)
                self.assertTrue(decision.reason)

    def test_non_visitors_are_never_restricted(self) -> None:
        self.assertTrue(rules.may_request_invite(AGENT, OTHER_AGENT, ROUTER, None).allowed)
        self.assertTrue(rules.may_request_invite(ROUTER, AGENT, ROUTER, None).allowed)


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

    def test_visitor_member_state_is_only_an_invite(self) -> None:
        # A prepared room's widget invites through PUT .../state/m.room.member/{invitee}
        # (the only way to put its ticket in the invite); whom it invites is checked on the invite.
        invite = {"membership": "invite", tickets.INVITE_TICKET_FIELD: {"id": "x"}}
        self.assertTrue(rules.may_send_state_event(VISITOR, "m.room.member", AGENT, invite).allowed)
        for content in (
            {"membership": "join"}, {"membership": "leave"}, {"membership": "ban"}, {"membership": "knock"}, {}, None, "invite", {"membership": ["invite"]},
            # Only the ticket rides along: no display name, avatar or reason of the visitor's making.
            {**invite, "displayname": "Your manager"}, {**invite, "reason": "urgent"}, {"membership": "invite", "avatar_url": "mxc://x/y"},
        ):
            with self.subTest(content=content):
                self.assertFalse(rules.may_send_state_event(VISITOR, "m.room.member", AGENT, content).allowed)
        # Only member events: an invite-looking content on another type changes nothing.
        self.assertFalse(rules.may_send_state_event(VISITOR, "m.room.power_levels", "", {"membership": "invite"}).allowed)
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
