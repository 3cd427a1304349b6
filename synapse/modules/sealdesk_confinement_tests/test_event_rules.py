"""Table-driven tests of event_rules.py: what a visitor's (and anyone's) event may be,
the media quota and the visitor profile."""

import unittest

from sealdesk_confinement.event_rules import (
    CREATION_STATE,
    MediaQuota,
    NewEvent,
    RoomBefore,
    may_create_event,
    may_upload_size,
    visitor_profile_ok,
    visitor_upload_limits,
)

ROUTER = "@router:localhost"
VISITOR = "@visitor-0123456789abcdef01234567:localhost"
AGENT = "@agent:localhost"
STRANGER = "@stranger:localhost"
CREATED = frozenset({(t, "") for t in CREATION_STATE} | {("m.room.member", VISITOR)})
CONVERSATION = RoomBefore(conversation=True, state_keys=CREATED)
STATUS_ROOM = RoomBefore(conversation=False, state_keys=frozenset({("m.room.create", ""), ("m.room.power_levels", "")}))
CIPHERTEXT = {"algorithm": "m.megolm.v1.aes-sha2", "ciphertext": "x"}


def member(sender: str, target: str, membership: str, **extra) -> NewEvent:
    return NewEvent(sender, "m.room.member", {"membership": membership, **extra}, target)


def state(sender: str, kind: str, key: str = "", content=None) -> NewEvent:
    return NewEvent(sender, kind, content or {}, key)


def message(sender: str, kind: str = "m.room.message", content=None) -> NewEvent:
    return NewEvent(sender, kind, content if content is not None else {"msgtype": "m.text", "body": "hi"})


class VisitorMemberships(unittest.TestCase):
    def test_table(self) -> None:
        cases = [
            ("joins with its registered profile", member(VISITOR, VISITOR, "join", displayname="Visitor"), True),
            ("joins without a display name", member(VISITOR, VISITOR, "join"), True),
            ("leaves", member(VISITOR, VISITOR, "leave"), True),
            ("invites (whom: rules.may_send_invite)", member(VISITOR, AGENT, "invite"), True),
            ("kicks the agent", member(VISITOR, AGENT, "leave"), False),
            ("kicks the router", member(VISITOR, ROUTER, "leave"), False),
            ("bans the router", member(VISITOR, ROUTER, "ban"), False),
            ("bans a stranger", member(VISITOR, STRANGER, "ban"), False),
            ("unbans (leave of a banned user)", member(VISITOR, STRANGER, "leave"), False),
            ("joins someone else", member(VISITOR, AGENT, "join"), False),
            ("knocks", member(VISITOR, VISITOR, "knock"), False),
            ("bans itself", member(VISITOR, VISITOR, "ban"), False),
            ("invites itself", member(VISITOR, VISITOR, "invite"), False),
            ("joins with a markup name", member(VISITOR, VISITOR, "join", displayname="<img src=x onerror=alert(1)>"), False),
            ("joins with another plain name", member(VISITOR, VISITOR, "join", displayname="Support team"), False),
            ("joins with an avatar", member(VISITOR, VISITOR, "join", displayname="Visitor", avatar_url="mxc://x/y"), False),
            ("an agent kicks the visitor", member(AGENT, VISITOR, "leave"), True),
            ("the router leaves", member(ROUTER, ROUTER, "leave"), True),
        ]
        for name, ev, allowed in cases:
            with self.subTest(name):
                self.assertEqual(may_create_event(ev, CONVERSATION, ROUTER).allowed, allowed)


class VisitorState(unittest.TestCase):
    def test_after_creation(self) -> None:
        cases = [
            ("the ended-chat marker", state(VISITOR, "org.sealdesk.visitor_closed", content={"closed_at": 1}), True),
            ("power levels (make_room_admin)", state(VISITOR, "m.room.power_levels", content={"users": {VISITOR: 100}}), False),
            ("join rules", state(VISITOR, "m.room.join_rules", content={"join_rule": "public"}), False),
            ("the conversation marker rewritten", state(VISITOR, "org.sealdesk.conversation"), False),
            ("a tombstone", state(VISITOR, "m.room.tombstone", content={"replacement_room": "!x:localhost"}), False),
            ("a server ACL", state(VISITOR, "m.room.server_acl", content={"allow": ["*"]}), False),
            ("pinned events", state(VISITOR, "m.room.pinned_events", content={"pinned": ["$x"]}), False),
            ("the routing state", state(VISITOR, "org.sealdesk.routing"), False),
            ("a name", state(VISITOR, "m.room.name", content={"name": "x"}), False),
            ("the ended-chat marker with a state key", state(VISITOR, "org.sealdesk.visitor_closed", "x"), False),
            ("an odd state key on a creation type", state(VISITOR, "m.room.power_levels", " "), False),
            ("an agent's pinned events", state(AGENT, "m.room.pinned_events"), True),
        ]
        for name, ev, allowed in cases:
            with self.subTest(name):
                self.assertEqual(may_create_event(ev, CONVERSATION, ROUTER).allowed, allowed)

    def test_its_own_create_room_writes_each_creation_state_once(self) -> None:
        building: set = set()
        for kind in ["m.room.create", "m.room.power_levels", "m.room.join_rules", "m.room.history_visibility", "m.room.guest_access", "m.room.encryption", "org.sealdesk.conversation"]:
            with self.subTest(kind):
                self.assertTrue(may_create_event(state(VISITOR, kind), RoomBefore(state_keys=frozenset(building)), ROUTER).allowed)
                building.add((kind, ""))
                self.assertFalse(may_create_event(state(VISITOR, kind), RoomBefore(state_keys=frozenset(building)), ROUTER).allowed)


class Messages(unittest.TestCase):
    def test_table(self) -> None:
        cases = [
            ("a visitor's ciphertext", message(VISITOR, "m.room.encrypted", CIPHERTEXT), CONVERSATION, True),
            ("a visitor's plaintext", message(VISITOR), CONVERSATION, False),
            ("a visitor's plaintext outside a conversation", message(VISITOR), STATUS_ROOM, False),
            ("a visitor's reaction", message(VISITOR, "m.reaction", {}), CONVERSATION, False),
            ("a visitor's redaction", message(VISITOR, "m.room.redaction", {"redacts": "$x"}), CONVERSATION, False),
            ("an agent's ciphertext", message(AGENT, "m.room.encrypted", CIPHERTEXT), CONVERSATION, True),
            ("an agent's plaintext", message(AGENT), CONVERSATION, False),
            ("an agent's redaction", message(AGENT, "m.room.redaction", {"redacts": "$x"}), CONVERSATION, True),
            ("an agent's redaction with a reason", message(AGENT, "m.room.redaction", {"redacts": "$x", "reason": "words"}), CONVERSATION, False),
            ("an agent's plaintext elsewhere", message(AGENT), STATUS_ROOM, True),
            ("the router's notice in its status room", message(ROUTER, content={"msgtype": "m.notice", "body": "assigned"}), STATUS_ROOM, True),
            ("the router's message in a conversation", message(ROUTER, content={"msgtype": "m.notice", "body": "x"}), CONVERSATION, False),
            ("the router's ciphertext in a conversation", message(ROUTER, "m.room.encrypted", CIPHERTEXT), CONVERSATION, True),
        ]
        for name, ev, room, allowed in cases:
            with self.subTest(name):
                self.assertEqual(may_create_event(ev, room, ROUTER).allowed, allowed)

    def test_plaintext_rule_off_leaves_only_the_visitors_redaction_refused(self) -> None:
        self.assertTrue(may_create_event(message(AGENT), CONVERSATION, ROUTER, refuse_plaintext=False).allowed)
        self.assertTrue(may_create_event(message(VISITOR), CONVERSATION, ROUTER, refuse_plaintext=False).allowed)
        self.assertFalse(may_create_event(message(VISITOR, "m.room.redaction", {"redacts": "$x"}), CONVERSATION, ROUTER, refuse_plaintext=False).allowed)

    def test_refusals_say_why(self) -> None:
        self.assertIn("m.room.message", may_create_event(message(AGENT), CONVERSATION, ROUTER).reason)
        self.assertIn("ban", may_create_event(member(VISITOR, ROUTER, "ban"), CONVERSATION, ROUTER).reason)


class MediaAndProfile(unittest.TestCase):
    def test_quota(self) -> None:
        quota = MediaQuota(max_file_bytes=10, max_bytes_per_day=25)
        self.assertEqual(visitor_upload_limits(VISITOR, quota), [(25, 86_400_000)])
        self.assertIsNone(visitor_upload_limits(AGENT, quota))
        for user, size, allowed in [(VISITOR, 10, True), (VISITOR, 11, False), (AGENT, 11, True), (ROUTER, 10**9, True)]:
            with self.subTest(user=user, size=size):
                self.assertIs(may_upload_size(user, size, quota), allowed)

    def test_profile(self) -> None:
        for name, avatar, ok in [("Visitor", None, True), (None, None, True), ("", "", True), ("<script>x</script>", None, False), ("Bob", None, False), ("Visitor", "mxc://x/y", False)]:
            with self.subTest(name=name, avatar=avatar):
                self.assertIs(visitor_profile_ok(name, avatar), ok)


if __name__ == "__main__":
    unittest.main()
