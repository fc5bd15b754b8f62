#!/usr/bin/env python3
"""Idle auto-disconnect (issue 12, --idle-timeout) with two real Jamulus 3.9.1 clients.

Alice plays a tone, Bob is connected but silent and does nothing. With --idle-timeout 4:
  1. Bob is told why in a chat line and disconnected (tutti/getServerLog: "idle");
  2. Alice, who plays, stays connected on her channel, also well past the time-out.
A headless 3.9.1 client has no window to close when the server disconnects it, so it keeps
streaming and Bob comes back once the kick's grace period is over; the test therefore checks
Bob's disconnection and Alice's channel, not that Bob stays away.
Options: --server-bin PATH (default <repo>/build/tutti-server), --jamulus PATH, --keep-tmp.
"""

import os
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import jamulus_harness as jh  # noqa: E402

CONFIG = jh.default_config()
IDLE_SECONDS = 4
STEP_TIMEOUT = 20.0


class AdminIdleTest(jh.ServerWaits, unittest.TestCase):
    step_timeout = STEP_TIMEOUT

    def setUp(self):
        binary, self.session = jh.open_session(CONFIG, ["jackd", "jack_lsp", "jack_simple_client"], self)
        self.udp_port = jh.free_udp_port()
        self.rpc_port = jh.free_tcp_port()
        argv = [binary, "-s", "-n", "-p", str(self.udp_port), "--idle-timeout", str(IDLE_SECONDS),
                "--jsonrpcport", str(self.rpc_port), "--jsonrpcsecretfile", self.session.secret_file]
        self.server = self.session.spawn("server", argv, self.session.child_env({}))

    def test_the_silent_client_goes_and_the_playing_one_stays(self):
        # The connection waits (bounded) for the port and fails at once if the server exits.
        op = jh.JsonRpcConnection(self.rpc_port, self.session.secret, "operator", STEP_TIMEOUT, [self.server])
        self.session.on_close(op.close)

        jack = self.session.start_jack(period=128)
        alice = jh.JamulusClient(self.session, jack, "alice", self.udp_port, name="Alice", channels=0)
        jack.wait_ports(alice.in_ports, STEP_TIMEOUT, [alice.proc])
        jack.feed_tone(alice.in_ports, STEP_TIMEOUT)
        bob = jh.JamulusClient(self.session, jack, "bob", self.udp_port, name="Bob", channels=0)
        self.wait(lambda: sorted(bob.latest_names() or []) == ["Alice", "Bob"], "Bob to list both")
        joined = time.monotonic()

        def clients():
            return {c["name"]: c["id"] for c in op.call("jamulusserver/getClients")["clients"]}
        alice_id = clients()["Alice"]
        bob_id = clients()["Bob"]

        # 1. Bob goes, told why.
        self.wait(lambda: any(n.get("id") == bob_id for n in op.of("jamulusserver/clientDisconnected")),
                  "the silent Bob to be disconnected", IDLE_SECONDS + STEP_TIMEOUT)
        self.assertGreaterEqual(time.monotonic() - joined, IDLE_SECONDS - 1.0, "Bob went too early")
        self.wait(lambda: any("idle time-out" in chat for chat in bob.chats()), "Bob to be told why")
        entries = op.call("tutti/getServerLog", {"limit": 50})["entries"]
        self.assertTrue(any(e["event"] == "idle" and e["name"] == "Bob" for e in entries), entries)

        # 2. Alice, playing, keeps her channel well past the time-out.
        deadline = time.monotonic() + IDLE_SECONDS + 2.0
        while time.monotonic() < deadline:
            self.server.check_alive()
            self.assertEqual(clients().get("Alice"), alice_id, "the playing Alice was dropped" + self.diag())
            time.sleep(0.2)
        self.assertFalse(any(n.get("id") == alice_id for n in op.of("jamulusserver/clientDisconnected")))
        self.assertFalse(any("idle time-out" in chat for chat in alice.chats()))


def main():
    jh.run_test_main(CONFIG, __doc__)


if __name__ == "__main__":
    main()
