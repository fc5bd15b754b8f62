#!/usr/bin/env python3
"""tutti-server-gui under Xvfb with two real Jamulus 3.9.1 clients (issue 11).

Checks what the window shows (read from its own widgets through the test hook
TUTTI_TEST_GUI_DUMP, which writes the table rows and the tray icon's state as JSON):
  1. both clients appear in the window's client list with their names, and the tray icon says
     "occupied";
  2. the two clients hear each other: a 240 Hz tone fed into A's input is in B's output, and
     then, moved to B's input, in A's output;
  3. after both leave, the list is empty and the tray icon says "empty".

Needs Xvfb, jackd and its tools, the Jamulus client. Options: --server-bin PATH (tutti-server-gui,
default <repo>/build/tutti-server-gui), --jamulus PATH, --keep-tmp. With the environment variable
TUTTI_GUI_SCREENSHOT=FILE.png the window is also grabbed (by Qt, through the hook
TUTTI_TEST_GUI_SCREENSHOT) while both clients play, and copied to FILE.png (tools/gui-screenshot.sh).
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import jamulus_harness as jh  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
CONFIG = jh.default_config()

STEP_TIMEOUT = 20.0
TONE_HZ = 240.0


def gui_binary():
    binary = CONFIG["server_bin"] or os.environ.get("TUTTI_SERVER_GUI_BIN")
    if not binary:
        candidate = os.path.join(REPO, "build", "tutti-server-gui")
        binary = candidate if os.path.exists(candidate) else None
    return binary


def free_display():
    """A display number with neither a socket nor a lock file."""
    for n in range(90 + os.getpid() % 100, 400):
        if not os.path.exists("/tmp/.X11-unix/X%d" % n) and not os.path.exists("/tmp/.X%d-lock" % n):
            return n
    raise AssertionError("no free X display number")


class GuiServerTest(unittest.TestCase):
    """One session shared by the ordered steps test_1 … test_3."""

    @classmethod
    def setUpClass(cls):
        binary = gui_binary()
        if binary is None:
            raise unittest.SkipTest("no tutti-server-gui: use --server-bin")
        missing = jh.require_tools([CONFIG["jamulus"], "Xvfb", "jackd", "jack_lsp", "jack_connect",
                                    "jack_disconnect", "jack_rec", "jack_simple_client"])
        if missing:
            raise unittest.SkipTest("missing programs: %s" % ", ".join(missing))
        cls.session = jh.Session(CONFIG["jamulus"], keep_tmp=CONFIG["keep_tmp"])
        cls.addClassCleanup(cls.session.close)
        wd = cls.session.workdir
        cls.dump_path = os.path.join(wd, "window.json")
        cls.shot_path = os.path.join(wd, "window.png")
        cls.screenshot = os.environ.get("TUTTI_GUI_SCREENSHOT")
        try:
            display = free_display()
            cls.xvfb = cls.session.spawn("xvfb", ["Xvfb", ":%d" % display, "-screen", "0", "1280x1024x24",
                                                  "-nolisten", "tcp"], cls.session.child_env({}))
            jh.wait_until(lambda: os.path.exists("/tmp/.X11-unix/X%d" % display), 10.0, "Xvfb socket",
                          0.05, [cls.xvfb])
            cls.jack = cls.session.start_jack(period=128)
            cls.port = jh.free_udp_port()
            env = cls.session.child_env({
                "DISPLAY": ":%d" % display,
                "QT_QPA_PLATFORM": "xcb",
                "TUTTI_TEST_GUI_DUMP": cls.dump_path,
            })
            if cls.screenshot:
                env["TUTTI_TEST_GUI_SCREENSHOT"] = cls.shot_path
            argv = [binary, "-p", str(cls.port), "-i", os.path.join(wd, "tutti-gui.ini"),
                    "-o", "Tutti Jam;Berlin;de", "-w", "Welcome to the <b>Tutti</b> desktop server",
                    "-R", os.path.join(wd, "recordings")]
            cls.server = cls.session.spawn("tutti-server-gui", argv, env)
            jh.wait_until(lambda: cls.window() is not None, STEP_TIMEOUT, "the window's first dump", 0.1,
                          [cls.server])
            cls.a = jh.JamulusClient(cls.session, cls.jack, "alice", cls.port, name="Alice", channels=0,
                                     city="Berlin", country=82, instrument=1, skill=2)
            cls.b = jh.JamulusClient(cls.session, cls.jack, "bob", cls.port, name="Bob", channels=2,
                                     city="Graz", country=14, instrument=4, skill=3)
        except Exception as e:
            raise AssertionError("set-up failed: %s\n%s" % (e, cls.session.diagnostics())) from e

    @classmethod
    def window(cls):
        try:
            with open(cls.dump_path) as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def wait_window(self, predicate, what, timeout=STEP_TIMEOUT):
        try:
            return jh.wait_until(lambda: (lambda w: w if w is not None and predicate(w) else None)(self.window()),
                                 timeout, what, 0.1, [self.server])
        except AssertionError as e:
            self.fail("%s\nlast window dump: %s\n%s" % (e, json.dumps(self.window(), indent=1),
                                                          self.session.diagnostics()))

    @staticmethod
    def names(w):
        return sorted(r["name"] for r in w["clients"])

    def test_1_both_clients_listed_tray_occupied(self):
        w = self.wait_window(lambda w: self.names(w) == ["Alice", "Bob"], "Alice and Bob in the window's list")
        self.assertEqual(w["tray"]["state"], "occupied")
        self.assertIn("occupied", w["tray"]["toolTip"])
        self.assertEqual(w["title"], "Tutti server - Tutti Jam")
        self.wait_window(lambda w: w["recorderStatus"] == "Recording", "the recorder status 'Recording'")
        rows = {r["name"]: r for r in w["clients"]}
        self.assertEqual(rows["Alice"]["channels"], "Mono")
        self.assertEqual(rows["Bob"]["channels"], "Stereo")
        for r in w["clients"]:
            self.assertRegex(r["address"], r"^(127\.0\.0\.1|\[::1\]|::ffff:127\.0\.0\.1):\d+$")
            self.assertGreater(int(r["jitterBuffer"]), 0)

    def test_2_they_hear_each_other(self):
        self.wait_window(lambda w: len(w["clients"]) == 2, "two clients")
        a, b, jack = self.a, self.b, self.jack
        wd = self.session.workdir
        jack.wait_ports(a.in_ports + b.in_ports + a.out_ports + b.out_ports, STEP_TIMEOUT, [a.proc, b.proc])
        jack.feed_tone(a.in_ports, STEP_TIMEOUT)
        # The window's own meter for Alice moves.
        self.wait_window(lambda w: any(r["name"] == "Alice" and r["level"] > 0 for r in w["clients"]),
                         "Alice's level meter in the window")
        (left, right), rate = jack.record(b.out_ports, 2, os.path.join(wd, "bob_hears_alice.wav"))
        for side, samples in (("left", left), ("right", right)):
            found, report = jh.detect_tone(samples, TONE_HZ, rate=rate)
            self.assertTrue(found, "Bob's %s output lacks Alice's tone: %r" % (side, report))
        if self.screenshot:
            # A grab made after the meter moved (the hook grabs with every dump, every 200 ms).
            seen = time.time()
            jh.wait_until(lambda: os.path.exists(self.shot_path) and os.path.getmtime(self.shot_path) > seen,
                          5.0, "a screenshot made after Alice's meter moved", 0.1, [self.server])
            shutil.copyfile(self.shot_path, self.screenshot)
            print("\n  screenshot written to %s" % self.screenshot, file=sys.stderr)
        # Move the tone from Alice's input to Bob's: now Alice must hear it.
        for port in a.in_ports:
            jack.disconnect("tutti_tone:output1", port)
        for port in b.in_ports:
            jack.connect("tutti_tone:output1", port)
        self.wait_window(lambda w: any(r["name"] == "Bob" and r["level"] > 0 for r in w["clients"]),
                         "Bob's level meter in the window")
        (left, right), rate = jack.record(a.out_ports, 2, os.path.join(wd, "alice_hears_bob.wav"))
        found, report = jh.detect_tone(left, TONE_HZ, rate=rate)
        self.assertTrue(found, "Alice's output lacks Bob's tone: %r" % (report,))

    def test_3_leave_tray_empty(self):
        for c in (self.a, self.b):
            c.rpc.close()
            c.proc.stop(signal.SIGTERM, timeout=10.0)
        w = self.wait_window(lambda w: not w["clients"], "an empty client list in the window")
        self.assertEqual(w["tray"]["state"], "empty")
        self.assertIn("empty", w["tray"]["toolTip"])
        self.assertIsNone(self.server.poll(), "tutti-server-gui exited")


def main():
    jh.run_test_main(CONFIG, __doc__)


if __name__ == "__main__":
    main()
