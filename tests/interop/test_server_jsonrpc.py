#!/usr/bin/env python3
"""The server's JSON-RPC API (--jsonrpcport) with two real Jamulus 3.9.1 clients.

An operator connection, authenticated before anyone joins, must see:
  1. jamulusserver/clientConnected for both clients, and getClients with their names,
     instruments and countries as the clients' settings files give them;
  2. broadcastChatMessage arriving as chat on both clients (and chatMessageReceived with id -1);
  3. tutti/kickClient removing Bob from Alice's client list (and staying out for 2 s), with
     jamulusserver/clientDisconnected for his id.

Skips itself while the server answers `not supported yet: --jsonrpcport`.
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
STEP_TIMEOUT = 20.0


class ServerJsonRpcTest(jh.ServerWaits, unittest.TestCase):
    step_timeout = STEP_TIMEOUT

    def setUp(self):
        binary, self.session = jh.open_session(CONFIG, ["jackd", "jack_lsp"], self)
        self.udp_port = jh.free_udp_port()
        self.rpc_port = jh.free_tcp_port()
        argv = [binary, "-s", "-n", "-p", str(self.udp_port), "--jsonrpcport", str(self.rpc_port),
                "--jsonrpcsecretfile", self.session.secret_file]
        self.server = self.session.spawn("server", argv, self.session.child_env({}))
        self.server_argv = argv

    def test_operator_sees_and_steers_real_clients(self):
        def try_operator():
            if self.server.poll() is not None:
                return "exited"
            try:
                return jh.JsonRpcConnection(self.rpc_port, self.session.secret, "operator", 0.5)
            except (OSError, AssertionError):
                return None
        op = jh.wait_until(try_operator, STEP_TIMEOUT, "the server's JSON-RPC port")
        if op == "exited":
            log = self.server.log_tails(10)
            if "not supported yet: --jsonrpcport" in log:
                raise unittest.SkipTest("server does not serve JSON-RPC yet")
            self.fail("server exited: " + log)
        self.session.on_close(op.close)
        self.assertEqual(op.call("jamulus/getMode"), {"mode": "server"})

        jack = self.session.start_jack(period=128)
        alice = jh.JamulusClient(self.session, jack, "alice", self.udp_port, name="Alice Mono", channels=0,
                                 city="Berlin", country=82, instrument=1, skill=2)
        bob = jh.JamulusClient(self.session, jack, "bob", self.udp_port, name="Bob Stereo", channels=2,
                               city="Graz", country=14, instrument=4, skill=3)

        # 1. both joined: notifications and the client list
        self.wait(lambda: len(op.of("jamulusserver/clientConnected")) >= 2, "two clientConnected notifications")
        for note in op.of("jamulusserver/clientConnected"):
            self.assertEqual(note["address"], "127.0.0.1", note)

        def both_named():
            clients = op.call("jamulusserver/getClients")["clients"]
            names = {c["name"] for c in clients}
            return clients if {"Alice Mono", "Bob Stereo"} <= names else None
        clients = self.wait(both_named, "getClients with both names")
        by_name = {c["name"]: c for c in clients}
        self.assertEqual(by_name["Alice Mono"]["instrumentCode"], 1)
        self.assertEqual(by_name["Alice Mono"]["countryName"], "Germany")
        self.assertEqual(by_name["Alice Mono"]["city"], "Berlin")
        self.assertEqual(by_name["Bob Stereo"]["instrumentCode"], 4)
        self.assertEqual(by_name["Bob Stereo"]["countryName"], "Austria")
        self.assertTrue(by_name["Alice Mono"]["address"].startswith("127.0.0.1:"))

        # 2. the operator's broadcast reaches both clients as chat
        text = "Operator says <b>hi</b> %s" % os.urandom(3).hex()
        self.assertEqual(op.call("jamulusserver/broadcastChatMessage", {"chatMessage": text}), "ok")
        for c in (alice, bob):
            self.wait(lambda c=c: any(text in chat for chat in c.chats()), "%s to get the broadcast" % c.label)
        self.assertIn({"chatMessage": text, "id": -1}, op.of("jamulusserver/chatMessageReceived"))

        # 3. kicking Bob takes him off Alice's list
        bob_id = by_name["Bob Stereo"]["id"]
        self.wait(lambda: "Bob Stereo" in (alice.latest_names() or []), "alice to list bob")
        self.assertEqual(op.call("tutti/kickClient", {"id": bob_id, "reason": "Closing time"}), "ok")
        self.wait(lambda: any("Closing time" in chat for chat in bob.chats()), "bob to read the reason")
        self.wait(lambda: alice.latest_names() == ["Alice Mono"], "alice's list to drop bob")
        self.wait(lambda: {"id": bob_id} in op.of("jamulusserver/clientDisconnected"),
                  "clientDisconnected for bob")
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            self.assertEqual(alice.latest_names(), ["Alice Mono"], "bob came back after the kick" + self.diag())
            time.sleep(0.1)
        self.assertEqual([c["name"] for c in op.call("jamulusserver/getClients")["clients"]], ["Alice Mono"])


def main():
    jh.run_test_main(CONFIG, __doc__)


if __name__ == "__main__":
    main()
