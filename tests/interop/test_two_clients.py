#!/usr/bin/env python3
"""Two real Jamulus 3.9.1 clients (one mono, one stereo) on the server under test.

Checks, as seen by the clients over their JSON-RPC interface and their JACK audio:
  1. each client's client list shows both names (with the profile from its settings file);
  2. the server's welcome message arrives as chat on both clients;
  3. a chat sent by A reaches B (and A's own echo), HTML-escaped with A's name;
  4. a 240 Hz tone fed into A's JACK input is heard on both outputs of B (and 720 Hz, which is not
     routed, is not), a control recording before the tone is silent, and B's level list shows A > 0;
  5. after A is stopped with SIGTERM, B's client list (and level list) drops A.

Server command: a template with {port} and {welcome} placeholders, from (first match)
  --server-cmd TEMPLATE | $TUTTI_SERVER_CMD | --server-bin PATH | $TUTTI_SERVER_BIN | <repo>/build/tutti-server
A binary path becomes "PATH -s -n -p {port} -w {welcome}".  Examples:
  python3 tests/interop/test_two_clients.py --server-cmd "Jamulus -s -n -p {port} -w {welcome}"
  python3 tests/interop/test_two_clients.py --server-bin build/tutti-server
  TUTTI_SERVER_CMD="Jamulus -s -n -p {port} -w {welcome}" python3 -m unittest test_two_clients  (in tests/interop)
Other options: --jamulus PATH (client binary, default Jamulus), --keep-tmp (keep logs and WAVs).
"""

import os
import re
import shlex
import signal
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # keep the source tree free of __pycache__
import jamulus_harness as jh  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
CONFIG = jh.default_config()

CONNECT_TIMEOUT = 20.0
STEP_TIMEOUT = 15.0
TONE_HZ = 240.0          # jack_simple_client output1
UNROUTED_HZ = 720.0      # jack_simple_client output2, deliberately not connected
WELCOME_PREFIX = "<b>Server Welcome Message:</b> "
SKILL_NAMES = {0: None, 1: "beginner", 2: "intermediate", 3: "expert"}   # settings value -> JSON-RPC skillLevel
CHAT_COLORS = ["mediumblue", "red", "darkorchid", "green", "maroon", "coral"]


def server_template():
    if CONFIG["server_cmd"]:
        return CONFIG["server_cmd"]
    if os.environ.get("TUTTI_SERVER_CMD"):
        return os.environ["TUTTI_SERVER_CMD"]
    binary = CONFIG["server_bin"] or os.environ.get("TUTTI_SERVER_BIN")
    if not binary:
        candidate = os.path.join(REPO, "build", "tutti-server")
        binary = candidate if os.path.exists(candidate) else None
    if not binary:
        return None
    return shlex.quote(os.path.abspath(binary)) + " -s -n -p {port} -w {welcome}"


def html_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class TwoClientsTest(unittest.TestCase):
    """One session shared by the ordered steps test_1 … test_5."""

    @classmethod
    def setUpClass(cls):
        template = server_template()
        if template is None:
            raise unittest.SkipTest("no server command: use --server-cmd/--server-bin or TUTTI_SERVER_CMD")
        missing = jh.require_tools([CONFIG["jamulus"], "jackd", "jack_lsp", "jack_connect", "jack_disconnect",
                                    "jack_rec", "jack_simple_client"])
        if missing:
            raise unittest.SkipTest("missing programs: %s" % ", ".join(missing))

        cls.t_start = time.monotonic()
        cls.timings = {}
        cls.session = jh.Session(CONFIG["jamulus"], keep_tmp=CONFIG["keep_tmp"])
        cls.addClassCleanup(cls.session.close)
        nonce = os.urandom(3).hex()
        cls.welcome = 'Welcome to the Tutti interop test %s! <i>play nice</i> & "enjoy"' % nonce
        cls.server_port = jh.free_udp_port()
        cls.server = None
        cls.connect_error = None

        try:
            cls._start_everything(template)
        except Exception as e:
            raise AssertionError("set-up failed: %s\n=== logs of every process ===\n%s" % (
                e, cls.session.diagnostics())) from e

    @classmethod
    def _start_everything(cls, template):
        cls.jack = cls.session.start_jack(period=128)
        # Clients first, JSON-RPC attached, then the server: notifications are not replayed, and the
        # welcome message and first client lists arrive within ~100 ms of connecting.
        cls.a = jh.JamulusClient(cls.session, cls.jack, "alice", cls.server_port, name="Alice Mono",
                                 channels=0, quality=1, city="Berlin", country=82, instrument=1, skill=2)
        cls.b = jh.JamulusClient(cls.session, cls.jack, "bob", cls.server_port, name="Bob Stereo",
                                 channels=2, quality=2, city="Graz", country=14, instrument=4, skill=3)
        cls.timings["clients up"] = time.monotonic() - cls.t_start
        for c in (cls.a, cls.b):
            info = c.rpc.call("jamulusclient/getClientInfo")
            if info.get("connected"):
                raise AssertionError("%s reports connected before the server was started: %r" % (c.label, info))
        t_server = time.monotonic()
        cls.server = jh.ServerProcess(cls.session, template, cls.server_port, cls.welcome)
        try:
            for c in (cls.a, cls.b):
                c.rpc.wait_for(lambda r: r.latest("jamulusclient/connected"), CONNECT_TIMEOUT,
                               "jamulusclient/connected", alive=[cls.server.proc, c.proc])
            cls.timings["connect after server start"] = time.monotonic() - t_server
        except AssertionError as e:
            cls.connect_error = str(e)

    # ------------------------------------------------------------ helpers

    def diag(self):
        parts = ["", "=== diagnostics (%.1f s into the run) ===" % (time.monotonic() - self.t_start)]
        for c in (self.a, self.b):
            parts.append(c.diagnostics())
        if self.server is not None:
            parts.append(self.server.diagnostics())
        return "\n".join(parts)

    def check(self, condition, message):
        if not condition:
            self.fail(message + self.diag())

    def wait(self, client, predicate, what, timeout=STEP_TIMEOUT):
        alive = [self.server.proc] + [c.proc for c in (self.a, self.b) if not getattr(c, "stopped", False)]
        try:
            return client.rpc.wait_for(predicate, timeout, what, alive=alive)
        except AssertionError as e:
            self.fail(str(e) + self.diag())

    def require_connected(self):
        if self.connect_error:
            self.fail("clients did not connect: " + self.connect_error + self.diag())

    @staticmethod
    def names_of(clients):
        return [c.get("name") for c in clients or []]

    def index_in(self, client, name):
        names = client.latest_names() or []
        return names.index(name) if name in names else None

    # ------------------------------------------------------------ steps

    def test_1_client_lists(self):
        self.require_connected()
        a, b = self.a, self.b
        for viewer in (a, b):
            self.wait(viewer, lambda r, v=viewer: {a.name, b.name} <= set(v.latest_names() or []),
                      "client list with both %r and %r" % (a.name, b.name))
        ids = {a.label: a.own_id(), b.label: b.own_id()}
        self.check(ids[a.label] != ids[b.label], "both clients got the same channel id %r" % ids)
        for viewer in (a, b):
            clients = viewer.latest_clients()
            self.check(len(clients) == 2, "%s sees %d clients, expected 2: %r" % (viewer.label, len(clients), clients))
            self.check([c.get("id") for c in clients] == sorted(c.get("id") for c in clients),
                       "%s: client list not in ascending channel id order: %r" % (viewer.label, clients))
            for subject in (a, b):
                entry = next(c for c in clients if c.get("name") == subject.name)
                self.check(entry.get("id") == subject.own_id(),
                           "%s lists %s with id %r, but %s was told id %r" % (
                               viewer.label, subject.name, entry.get("id"), subject.label, subject.own_id()))
                expected = dict((k, subject.profile[k]) for k in ("city", "countryId", "instrumentId"))
                expected["skillLevel"] = SKILL_NAMES[subject.profile["skill"]]
                for key, value in expected.items():
                    self.check(entry.get(key) == value, "%s sees %s's %s as %r, expected %r (entry %r)" % (
                        viewer.label, subject.name, key, entry.get(key), value, entry))
        # The method view must agree with the notifications.  3.9.1 answers getClientList with error
        # "Client is not connected" until the first audio from the server arrived, so poll it.
        def client_list_by_method():
            try:
                return b.rpc.call("jamulusclient/getClientList").get("clients", []) or None
            except jh.JsonRpcError as e:
                self.last_rpc_error = str(e)
                return None
        try:
            listed = jh.wait_until(client_list_by_method, STEP_TIMEOUT, "jamulusclient/getClientList on bob",
                                   0.1, [self.server.proc])
        except AssertionError as e:
            self.fail("%s (last error: %s)%s" % (e, getattr(self, "last_rpc_error", None), self.diag()))
        self.check(set(self.names_of(listed)) == {a.name, b.name},
                   "jamulusclient/getClientList on bob returned %r" % listed)
        self.timings["client lists"] = time.monotonic() - self.t_start

    def test_2_welcome_message(self):
        self.require_connected()
        for c in (self.a, self.b):
            chats = self.wait(c, lambda r, c=c: [t for t in c.chats() if self.welcome in t],
                              "the welcome message as chat")
            self.check(chats[0] == WELCOME_PREFIX + self.welcome,
                       "%s: welcome chat is %r, expected %r" % (c.label, chats[0], WELCOME_PREFIX + self.welcome))
            self.check(len(chats) == 1, "%s got the welcome message %d times" % (c.label, len(chats)))

    def test_3_chat(self):
        self.require_connected()
        a, b = self.a, self.b
        text = 'hello from Alice <3 & "friends" %s' % os.urandom(3).hex()
        # 3.9.1 refuses sendChatText ("Client is not connected") until audio flows, which can lag
        # the "connected" notification.
        jh.wait_until(lambda: a.rpc.call("jamulusclient/getClientInfo").get("connected") is True,
                      STEP_TIMEOUT, "alice to report audio flowing", 0.05, [self.server.proc, a.proc])
        self.check(a.rpc.call("jamulusclient/sendChatText", {"chatText": text}) == "ok", "sendChatText failed")
        escaped = html_escape(text)
        color = CHAT_COLORS[a.own_id() % 6]
        pattern = re.compile(r'^<font color="%s">\(\d\d:\d\d:\d\d [AP]M\) <b>%s</b></font> %s$' % (
            color, re.escape(html_escape(a.name)), re.escape(escaped)))
        for c in (b, a):  # the receiver, then the sender's own echo
            got = self.wait(c, lambda r, c=c: [t for t in c.chats() if escaped in t], "A's chat %r" % escaped)
            self.check(len(got) == 1, "%s got A's chat %d times: %r" % (c.label, len(got), got))
            self.check(pattern.match(got[0]) is not None,
                       "%s: chat line %r does not match %s" % (c.label, got[0], pattern.pattern))

    def test_4_audio_and_levels(self):
        self.require_connected()
        a, b, jack = self.a, self.b, self.jack
        wd = self.session.workdir
        jack.wait_ports(a.in_ports + b.out_ports, STEP_TIMEOUT, [a.proc, b.proc])
        self.wait(b, lambda r: len(b.level_lists()) > 0, "a first level list")

        # Control: nothing feeds any input yet, so B must play (near) silence.
        (ctl_l, ctl_r), rate = jack.record(b.out_ports, 1, os.path.join(wd, "bob_control.wav"))
        for ch_name, samples in (("left", ctl_l), ("right", ctl_r)):
            found, report = jh.detect_tone(samples, TONE_HZ, rate=rate)
            self.check(not found, "control recording of bob %s already has %g Hz: %r" % (ch_name, TONE_HZ, report))
            print("\n  bob %s output, control: %r" % (ch_name, report), file=sys.stderr)
            self.check(report["rms"] < 100, "control recording of bob %s is not silent: %r" % (ch_name, report))

        # Levels are 0 while every input is silent.
        self.check(all(v == 0 for v in b.level_lists()[-1]),
                   "bob's level list is not all zero before any input: %r" % b.level_lists()[-1])

        # Feed the tone: jack_simple_client wires itself to system:playback; move output1 to A's inputs.
        t_tone = time.monotonic()
        jack.feed_tone(a.in_ports, STEP_TIMEOUT)

        def b_sees_a_level(_r):
            idx = self.index_in(b, a.name)
            levels = b.level_lists()
            return idx is not None and levels and len(levels[-1]) > idx and levels[-1][idx] > 0

        self.wait(b, b_sees_a_level, "bob's level list to show alice > 0")
        self.timings["tone -> level > 0 at B"] = time.monotonic() - t_tone

        (rec_l, rec_r), rate = jack.record(b.out_ports, 2, os.path.join(wd, "bob_tone.wav"))
        for ch_name, samples in (("left", rec_l), ("right", rec_r)):
            found, report = jh.detect_tone(samples, TONE_HZ, rate=rate)
            print("\n  bob %s output, tone: %r" % (ch_name, report), file=sys.stderr)
            self.check(found, "no %g Hz tone in bob's %s output: %r\nJACK connections:\n%s" % (
                TONE_HZ, ch_name, report, jack.connections()))
            leak, leak_report = jh.detect_tone(samples, UNROUTED_HZ, control_freqs=(1500.0, 3010.0), rate=rate,
                                               min_amplitude=200.0, min_ratio=3.0)
            self.check(not leak, "unrouted %g Hz shows up in bob's %s output: %r" % (UNROUTED_HZ, ch_name,
                                                                                      leak_report))

        # Level lists: one value per listed client; A's entry up, B's own (silent input) at 0.
        levels = b.level_lists()[-1]
        names = b.latest_names()
        self.check(len(levels) == len(names), "bob's level list %r does not match its client list %r" % (
            levels, names))
        self.check(levels[names.index(a.name)] > 0, "bob's level for alice is %r" % levels)
        self.check(levels[names.index(b.name)] == 0, "bob's level for its own silent input is %r" % levels)
        a_levels = self.wait(a, lambda r: [l for l in a.level_lists()
                                           if self.index_in(a, a.name) is not None
                                           and len(l) > self.index_in(a, a.name)
                                           and l[self.index_in(a, a.name)] > 0],
                             "alice's level list to show her own level > 0")
        self.check(max(a_levels[-1]) <= 9, "level values above 9: %r" % a_levels[-1])

    def test_5_leave(self):
        self.require_connected()
        a, b = self.a, self.b
        t0 = time.monotonic()
        a.stopped = True
        rc = a.proc.stop(signal.SIGTERM, timeout=10.0)
        self.timings["alice exit after SIGTERM"] = time.monotonic() - t0
        self.wait(b, lambda r: b.latest_names() == [b.name], "bob's client list to drop alice (only %r)" % b.name)
        self.timings["bob list drops alice"] = time.monotonic() - t0
        self.wait(b, lambda r: b.level_lists() and len(b.level_lists()[-1]) == 1,
                  "bob's level list to shrink to one entry")
        self.check(b.rpc.call("jamulusclient/getClientInfo").get("connected") is True,
                   "bob lost its connection when alice left")
        self.check(rc is not None, "alice did not exit")

    @classmethod
    def tearDownClass(cls):
        cls.timings["total"] = time.monotonic() - cls.t_start
        print("\ninterop timings (s): " + ", ".join("%s %.2f" % kv for kv in cls.timings.items()),
              file=sys.stderr)


def main():
    jh.run_test_main(CONFIG, __doc__)


if __name__ == "__main__":
    main()
