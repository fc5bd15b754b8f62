#!/usr/bin/env python3
"""The web admin port's gates with the real tutti-server on 127.0.0.1: basic auth from
TUTTI_WEB_ADMIN_PASSWORD (401 without or with a wrong password), the access mask (403 for a host
outside it, here 127.0.0.1 against a listener on every address), start-up refusals, the JSON-only
admin API, and the connection limit. Usage: web_access_test.py --server-bin PATH"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "interop"))
sys.dont_write_bytecode = True
import web_http as wh  # noqa: E402

SERVER_BIN = os.environ.get("TUTTI_SERVER_BIN", "")
PASSWORD = "ops:correct horse"


def free_port(kind):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


class Server:
    def __init__(self, workdir, args, password=None):
        env = dict(os.environ)
        env.pop("TUTTI_WEB_ADMIN_PASSWORD", None)
        if password is not None:
            env["TUTTI_WEB_ADMIN_PASSWORD"] = password
        self.err_path = os.path.join(workdir, "server-%d.err" % time.monotonic_ns())
        self.err = open(self.err_path, "wb")
        self.proc = subprocess.Popen([SERVER_BIN, "-n", "-p", str(free_port(socket.SOCK_DGRAM))] + args,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.err,
                                     env=env, cwd=workdir)

    def stderr(self):
        with open(self.err_path, errors="replace") as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.err.close()


class WebAccessTest(unittest.TestCase):
    def setUp(self):
        if not SERVER_BIN:
            self.skipTest("no server binary")
        self.workdir = tempfile.mkdtemp(prefix="tutti-web-")
        self.addCleanup(shutil.rmtree, self.workdir, True)

    def start(self, args, password=None, port=None):
        port = port or free_port(socket.SOCK_STREAM)
        server = Server(self.workdir, ["--web-admin-port", str(port)] + args, password)
        self.addCleanup(server.stop)
        return server, port

    def wait_http(self, server, port):
        def up():
            if server.proc.poll() is not None:
                raise AssertionError("server exited: " + server.stderr())
            try:
                wh.request(port, "/metrics", timeout=1.0)
                return True
            except OSError:
                return False
        wait_until(up, 15.0, "the web port")

    def test_basic_auth_refuses_missing_and_wrong_passwords(self):
        server, port = self.start([], PASSWORD)
        self.wait_http(server, port)
        status, headers, _ = wh.request(port, "/metrics")
        self.assertEqual(status, 401)
        self.assertTrue(headers.get("WWW-Authenticate", "").startswith("Basic "), headers)
        self.assertEqual(wh.request(port, "/metrics", auth="ops:wrong")[0], 401)
        self.assertEqual(wh.request(port, "/", auth="admin:correct horse")[0], 401)
        self.assertEqual(wh.request(port, "/api/status", auth="ops:correct horsey")[0], 401)
        self.assertEqual(wh.request(port, "/api/chat", "POST", {"text": "x"}, auth="ops:nope")[0], 401)
        fams = wh.metrics(port, auth=PASSWORD)
        self.assertEqual(wh.sample(fams, "tutti_clients_connected"), 0)
        status, headers, body = wh.request(port, "/", auth=PASSWORD)
        self.assertEqual(status, 200)
        self.assertIn(b"/status.js", body)
        self.assertEqual(wh.request(port, "/status.js", auth=PASSWORD)[0], 200)
        self.assertEqual(wh.request(port, "/nothing", auth=PASSWORD)[0], 404)

    def test_password_guessing_is_throttled(self):
        server, port = self.start([], PASSWORD)
        self.wait_http(server, port)
        for i in range(10):
            self.assertEqual(wh.request(port, "/metrics", auth="ops:guess%d" % i)[0], 401)
        self.assertEqual(wh.request(port, "/metrics", auth=PASSWORD)[0], 429)

    def test_admin_api_over_http(self):
        server, port = self.start([], PASSWORD)
        self.wait_http(server, port)
        # A form post from another site cannot carry a JSON content type.
        self.assertEqual(wh.request(port, "/api/chat", "POST", b"text=hi", auth=PASSWORD,
                                    content_type="application/x-www-form-urlencoded")[0], 415)
        self.assertEqual(wh.request(port, "/api/chat", "POST", {"text": "hello <all>"}, auth=PASSWORD)[0], 200)
        status, _, body = wh.request(port, "/api/status", auth=PASSWORD)
        self.assertEqual(status, 200)
        import json
        chat = json.loads(body)["chat"]
        self.assertEqual([c["html"] for c in chat], ["hello <all>"])
        self.assertEqual(wh.request(port, "/api/clients/7/kick", "POST", {"reason": "x"}, auth=PASSWORD)[0], 404)
        self.assertEqual(wh.request(port, "/api/chat", "POST", b"{nope", auth=PASSWORD)[0], 400)
        self.assertEqual(wh.request(port, "/api/server/name", "POST", {"name": "Web room"}, auth=PASSWORD)[0], 200)
        self.assertEqual(json.loads(wh.request(port, "/api/status", auth=PASSWORD)[2])["server"]["name"],
                         "Web room")
        # Without a recording directory there is nothing to start.
        self.assertEqual(wh.request(port, "/api/recording", "POST", {"action": "start"}, auth=PASSWORD)[0], 409)

    def test_bans_and_backups_through_the_web_reach_the_database(self):
        import json
        import sqlite3
        db = os.path.join(self.workdir, "tutti.sqlite")
        server, port = self.start(["--database", db], PASSWORD)
        self.wait_http(server, port)
        self.assertEqual(wh.request(port, "/api/bans", "POST", {"pattern": "not an address"},
                                    auth=PASSWORD)[0], 400)
        self.assertEqual(wh.request(port, "/api/bans", "POST",
                                    {"pattern": "192.0.2.0/24", "reason": "spam"}, auth=PASSWORD)[0], 200)
        bans = json.loads(wh.request(port, "/api/bans", auth=PASSWORD)[2])
        self.assertEqual([(b["pattern"], b["reason"]) for b in bans], [("192.0.2.0/24", "spam")])
        fams = wh.metrics(port, auth=PASSWORD)
        self.assertEqual(wh.sample(fams, "tutti_bans"), 1)
        self.assertEqual(wh.sample(fams, "tutti_bans_added", "tutti_bans_added_total"), 1)
        copy = os.path.join(self.workdir, "copy.sqlite")
        self.assertEqual(wh.request(port, "/api/backup", "POST", {"destination": copy}, auth=PASSWORD)[0], 200)
        with sqlite3.connect(copy) as c:
            self.assertEqual(c.execute("SELECT pattern, reason FROM bans").fetchall(), [("192.0.2.0/24", "spam")])
        self.assertEqual(wh.request(port, "/api/bans/remove", "POST", {"pattern": "192.0.2.0/24"},
                                    auth=PASSWORD)[0], 200)
        self.assertEqual(wh.request(port, "/api/bans/remove", "POST", {"pattern": "192.0.2.0/24"},
                                    auth=PASSWORD)[0], 404)
        log = json.loads(wh.request(port, "/api/log?limit=10", auth=PASSWORD)[2])
        entries = log["entries"] if isinstance(log, dict) else log
        self.assertIn(("ban", "web:ops"), [(e["event"], e["actor"]) for e in entries])
        self.assertIn(("unban", "web:ops"), [(e["event"], e["actor"]) for e in entries])

    def test_access_mask_refuses_a_host_outside_it(self):
        server, port = self.start(["--web-admin-access", "192.0.2.0/24,2001:db8::/32"], PASSWORD)
        self.wait_http(server, port)
        self.assertIn("all addresses", server.stderr())
        status, _, body = wh.request(port, "/metrics", auth=PASSWORD)
        self.assertEqual(status, 403, body)
        self.assertEqual(wh.request(port, "/api/status")[0], 403)

    def test_start_refusals(self):
        cases = [
            (["--web-admin-access", "0.0.0.0/0"], None, "TUTTI_WEB_ADMIN_PASSWORD"),
            (["--web-admin-access", "10.0.0.0/33"], PASSWORD, "not an IPv4 or IPv6 address or CIDR block: \"10.0.0.0/33\""),
            (["--web-admin-access", "localhost"], PASSWORD, "not an IPv4 or IPv6 address"),
            ([], "ops:", "TUTTI_WEB_ADMIN_PASSWORD"),
        ]
        for args, password, words in cases:
            server, _ = self.start(args, password)
            try:
                code = server.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.fail("server with %r did not refuse to start" % args)
            self.assertNotEqual(code, 0, args)
            self.assertIn(words, server.stderr(), args)
        lone = Server(self.workdir, ["--web-admin-access", "127.0.0.1"])
        self.addCleanup(lone.stop)
        self.assertNotEqual(lone.proc.wait(15), 0)
        self.assertIn("needs --web-admin-port", lone.stderr())

    def test_connection_limit_and_garbage_leave_the_server_serving(self):
        server, port = self.start([])
        self.wait_http(server, port)
        held = [wh.raw_connection(port) for _ in range(16)]
        try:
            extra = wh.raw_connection(port)
            extra.settimeout(5.0)
            try:
                self.assertEqual(extra.recv(100), b"")  # closed at once, nothing served
            except ConnectionResetError:
                pass
            extra.close()
        finally:
            for s in held:
                s.close()
        junk = wh.raw_connection(port, os.urandom(2048))
        junk.close()
        wait_until(lambda: wh.try_metrics(port), 10.0, "/metrics after the flood")
        self.assertIsNone(server.proc.poll())


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--server-bin")
    args, rest = parser.parse_known_args()
    if args.server_bin:
        SERVER_BIN = os.path.abspath(args.server_bin)
    wh.have_prometheus_parser()
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
