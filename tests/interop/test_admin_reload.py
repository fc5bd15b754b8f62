#!/usr/bin/env python3
"""SIGHUP reload (issue 12) during a session with two real Jamulus 3.9.1 clients.

The server runs with --database, a -w welcome *file* and JSON-RPC. While both clients are
connected, an operator edits the database with SQLite (a ban, a server name) and rewrites the
welcome file, then sends SIGHUP (what `systemctl reload` does). Then:
  1. the ban and the new name are in force (tutti/getBans, getServerProfile), and so is the new
     welcome text;
  2. both clients stay connected, on the same channels, and keep each other listed for 3 s;
  3. the server log records the reload with actor "sighup".
Options: --server-bin PATH (default <repo>/build/tutti-server), --jamulus PATH, --keep-tmp.
"""

import os
import signal
import sqlite3
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import jamulus_harness as jh  # noqa: E402

CONFIG = jh.default_config()
STEP_TIMEOUT = 20.0


class AdminReloadTest(jh.ServerWaits, unittest.TestCase):
    step_timeout = STEP_TIMEOUT

    def setUp(self):
        binary, self.session = jh.open_session(CONFIG, ["jackd", "jack_lsp"], self)
        self.udp_port = jh.free_udp_port()
        self.rpc_port = jh.free_tcp_port()
        self.database = os.path.join(self.session.workdir, "tutti.sqlite")
        self.welcome = os.path.join(self.session.workdir, "welcome.html")
        with open(self.welcome, "w") as f:
            f.write("First welcome")
        argv = [binary, "-s", "-n", "-p", str(self.udp_port), "-w", self.welcome,
                "--database", self.database, "--jsonrpcport", str(self.rpc_port),
                "--jsonrpcsecretfile", self.session.secret_file]
        self.server = self.session.spawn("server", argv, self.session.child_env({}))

    def test_sighup_applies_edits_and_keeps_everyone(self):
        # The connection waits (bounded) for the port and fails at once if the server exits.
        op = jh.JsonRpcConnection(self.rpc_port, self.session.secret, "operator", STEP_TIMEOUT, [self.server])
        self.session.on_close(op.close)

        jack = self.session.start_jack(period=128)
        alice = jh.JamulusClient(self.session, jack, "alice", self.udp_port, name="Alice", channels=0)
        bob = jh.JamulusClient(self.session, jack, "bob", self.udp_port, name="Bob", channels=0)
        for c in (alice, bob):
            self.wait(lambda c=c: sorted(c.latest_names() or []) == ["Alice", "Bob"],
                      "%s to list both" % c.label)
            self.wait(lambda c=c: any("First welcome" in chat for chat in c.chats()),
                      "%s to get the first welcome" % c.label)
        before = {c["name"]: c["id"] for c in op.call("jamulusserver/getClients")["clients"]}

        # The operator's edits while the server runs, then SIGHUP.
        db = sqlite3.connect(self.database, timeout=5)
        with db:
            db.execute("INSERT INTO bans(pattern, reason) VALUES ('198.51.100.0/24', 'by hand')")
            db.execute("INSERT OR REPLACE INTO settings VALUES ('server_name', 'Reloaded')")
        db.close()
        with open(self.welcome, "w") as f:
            f.write("Second welcome")
        os.kill(self.server.pid, signal.SIGHUP)

        # 1. applied
        self.wait(lambda: any(b["address"] == "198.51.100.0/24" for b in op.call("tutti/getBans")["bans"]),
                  "the hand-made ban to be in force")
        profile = op.call("jamulusserver/getServerProfile")
        self.assertEqual(profile["name"], "Reloaded", profile)
        self.assertEqual(profile["welcomeMessage"], "Second welcome", profile)

        # 2. nobody dropped: same channels, both listed on both clients for 3 s
        deadline = time.monotonic() + 3.0
        while time.monotonic() < deadline:
            self.server.check_alive()
            for c in (alice, bob):
                self.assertEqual(sorted(c.latest_names() or []), ["Alice", "Bob"],
                                 "%s lost someone after SIGHUP%s" % (c.label, self.diag()))
            time.sleep(0.1)
        after = {c["name"]: c["id"] for c in op.call("jamulusserver/getClients")["clients"]}
        self.assertEqual(before, after)
        self.assertEqual(op.of("jamulusserver/clientDisconnected"), [])

        # 3. logged
        entries = op.call("tutti/getServerLog", {"limit": 50})["entries"]
        self.assertTrue(any(e["event"] == "reload" and e["actor"] == "sighup" for e in entries), entries)


def main():
    jh.run_test_main(CONFIG, __doc__)


if __name__ == "__main__":
    main()
