#!/usr/bin/env python3
"""A real Jamulus 3.9.1 client gets into a server whose every channel is held by sources that
never answer (issue 8).

Two sockets on 127.0.2.1 and 127.0.2.2 each send audio-looking datagrams to `tutti-server -u 2`
and never acknowledge anything, so they hold both channels without being established. More than
a second later a real client connects: the server challenges it with CLIENT_ID for the oldest
unanswered channel, the client's ordinary acknowledgement wins it, and the client is connected,
listed and told its channel id, while the server logs that the unanswered channel gave way.

Usage: test_full_server.py --server-bin build/tutti-server [--jamulus Jamulus] [--keep-tmp]
"""

import os
import socket
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import directory_wire as dw  # noqa: E402
import jamulus_harness as jh  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
CONFIG = {
    "server_bin": os.path.abspath(os.environ.get("TUTTI_SERVER_BIN") or os.path.join(REPO, "build", "tutti-server")),
    "jamulus": os.environ.get("TUTTI_INTEROP_JAMULUS", "Jamulus"),
    "keep_tmp": bool(os.environ.get("TUTTI_INTEROP_KEEP_TMP")),
}
STEP = 20.0


def read(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


class FullServerTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        if not os.path.exists(CONFIG["server_bin"]):
            raise unittest.SkipTest("no tutti-server at %s" % CONFIG["server_bin"])
        missing = jh.require_tools([CONFIG["jamulus"], "jackd", "jack_lsp"])
        if missing:
            raise unittest.SkipTest("missing: %s" % ", ".join(missing))

    def setUp(self):
        self.session = jh.Session(CONFIG["jamulus"], CONFIG["keep_tmp"])
        self.squatters = []

    def tearDown(self):
        for s in self.squatters:
            s.close()
        self.session.close()

    def squat(self, ip, port):
        """A source that sends audio and never answers."""
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind((ip, 0))
        s.setblocking(False)
        self.squatters.append(s)
        s.sendto(b"\xab" + b"\x5a" * 39, ("127.0.0.1", port))
        return s

    def test_real_client_displaces_an_unanswered_channel(self):
        port = jh.free_udp_port()
        server = self.session.spawn("server", [CONFIG["server_bin"], "-n", "-p", str(port), "-u", "2"],
                                    self.session.child_env({}))
        probe = dw.Endpoint()
        self.squatters.append(probe)
        jh.wait_until(lambda: probe.ping(port, 0.2), STEP, "the server to answer pings", 0.0, [server])
        self.squat("127.0.2.1", port)
        self.squat("127.0.2.2", port)
        jh.wait_until(lambda: "connected (2)" in read(server.stderr_path), STEP,
                      "both channels taken by the squatters", 0.05, [server])
        time.sleep(1.2)  # older than the 1 s establishment window (a bound, not a wait for a condition)
        jack = self.session.start_jack(period=128)
        client = jh.JamulusClient(self.session, jack, "newcomer", port, name="Newcomer", channels=2)
        # The client connects as soon as it starts, possibly before our JSON-RPC connection is
        # attached (notifications are not replayed), so ask with methods instead.
        def listed():
            try:
                if not client.rpc.call("jamulusclient/getClientInfo").get("connected"):
                    return None
                clients = client.rpc.call("jamulusclient/getClientList").get("clients", [])
            except jh.JsonRpcError:
                return None  # 3.9.1: "Client is not connected" until the first audio arrived
            return next((c for c in clients if c.get("name") == "Newcomer"), None)

        try:
            me = jh.wait_until(listed, STEP, "the newcomer connected and in its client list", 0.1,
                               [server, client.proc])
        except AssertionError as e:
            self.fail("%s\n%s" % (e, self.session.diagnostics(25)))
        log = read(server.stderr_path)
        self.assertIn("unanswered channel gives way to a new client", log)
        self.assertEqual(me.get("id"), 0, "the oldest unanswered channel is the one offered")
        print("\nreal client displaced an unanswered channel after %.1f s" %
              (time.monotonic() - client.proc.started), file=sys.stderr)


if __name__ == "__main__":
    args = sys.argv[1:]
    rest = [sys.argv[0]]
    i = 0
    while i < len(args):
        if args[i] == "--server-bin" and i + 1 < len(args):
            CONFIG["server_bin"] = os.path.abspath(args[i + 1])
            i += 2
        elif args[i] == "--jamulus" and i + 1 < len(args):
            CONFIG["jamulus"] = args[i + 1]
            i += 2
        elif args[i] == "--keep-tmp":
            CONFIG["keep_tmp"] = True
            i += 1
        else:
            rest.append(args[i])
            i += 1
    unittest.main(argv=rest, verbosity=2)
