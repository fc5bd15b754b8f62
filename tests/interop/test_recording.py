#!/usr/bin/env python3
"""A recording made while two real Jamulus 3.9.1 clients play (one mono with a tone, one stereo).

Checks:
  1. both clients are told recording is on: RECORDER_STATE (id 33) with value 3 reaches the
     stereo client.  3.9.1 clients show the state only in their window title, so that client
     talks to the server through a small relay in this script that watches the messages;
  2. after both clients leave, the session folder holds one WAV per client, named after the
     client, the tone (240 Hz) is in the mono client's file and not in the other's, and the
     .lof/.rpp list both files.

Server command: --server-bin PATH | $TUTTI_SERVER_BIN | <repo>/build/tutti-server; it is run as
"PATH -s -n -p {port} -R DIR".  Other options: --jamulus PATH, --keep-tmp.
"""

import os
import select
import shlex
import signal
import socket
import sys
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import jamulus_harness as jh  # noqa: E402

CONFIG = jh.default_config()
CONNECT_TIMEOUT = 20.0
STEP_TIMEOUT = 15.0
TONE_HZ = 240.0
RECORDER_STATE_ID = 33


class WatchingRelay:
    """UDP relay client <-> server that records the RECORDER_STATE values the server sends."""

    def __init__(self, server_port):
        self.server = (jh.LOCALHOST, server_port)
        self.front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.front.bind((jh.LOCALHOST, 0))
        self.back = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.back.bind((jh.LOCALHOST, 0))
        self.port = self.front.getsockname()[1]
        self.client = None
        self.states = []
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _note(self, d):
        # Protocol frame: 0x0000, id (LE 16), counter, length (LE 16), payload, CRC (16).
        if len(d) >= 9 and d[0] == 0 and d[1] == 0:
            mid = d[2] | d[3] << 8
            n = d[5] | d[6] << 8
            if mid == RECORDER_STATE_ID and n == 1 and len(d) == 7 + n + 2:
                self.states.append(d[7])

    def _run(self):
        while self.running:
            ready, _, _ = select.select([self.front, self.back], [], [], 0.1)
            for s in ready:
                try:
                    data, addr = s.recvfrom(2048)
                except OSError:
                    continue
                if s is self.front:
                    self.client = addr
                    self.back.sendto(data, self.server)
                elif self.client is not None:
                    self._note(data)
                    self.front.sendto(data, self.client)

    def close(self):
        self.running = False
        self.thread.join(2.0)
        self.front.close()
        self.back.close()


class RecordingTest(unittest.TestCase):
    def test_recording_with_real_clients(self):
        binary, session = jh.open_session(
            CONFIG, ["jackd", "jack_lsp", "jack_connect", "jack_disconnect", "jack_simple_client"], self)
        rec_dir = os.path.join(session.workdir, "recordings")
        server_port = jh.free_udp_port()
        relay = WatchingRelay(server_port)
        session.on_close(relay.close)

        jack = session.start_jack(period=128)
        a = jh.JamulusClient(session, jack, "alice", server_port, name="Alice Mono", channels=0, quality=1)
        b = jh.JamulusClient(session, jack, "bob", relay.port, name="Bob Stereo", channels=2, quality=2)
        template = shlex.quote(os.path.abspath(binary)) + " -s -n -p {port} -w {welcome} -R " + shlex.quote(rec_dir)
        server = jh.ServerProcess(session, template, server_port, "recording interop")

        def diag():
            return "\n" + session.diagnostics() + "\nrecorder states seen by bob: %r" % relay.states

        try:
            for c in (a, b):
                c.rpc.wait_for(lambda r: r.latest("jamulusclient/connected"), CONNECT_TIMEOUT,
                               "jamulusclient/connected", alive=[server.proc, c.proc])
            jh.wait_until(lambda: 3 in relay.states, STEP_TIMEOUT, "RECORDER_STATE 3 at bob", 0.05,
                          [server.proc])
        except AssertionError as e:
            self.fail(str(e) + diag())
        self.assertNotIn(1, relay.states, "bob was told the recorder is not initialised" + diag())

        # The tone into Alice's inputs, as in test_two_clients.
        jack.feed_tone(a.in_ports, STEP_TIMEOUT)
        # Let the tone play until Alice's open WAV holds 2.5 s more than when it was connected.
        def alice_file():
            folders = sorted(f for f in os.listdir(rec_dir) if f.startswith("Jam-")) if os.path.isdir(rec_dir) else []
            for folder in folders:
                for f in os.listdir(os.path.join(rec_dir, folder)):
                    if f.startswith("Alice_Mono-") and f.endswith(".wav"):
                        return os.path.join(rec_dir, folder, f)
            return None
        try:
            path = jh.wait_until(alice_file, STEP_TIMEOUT, "alice's WAV file", 0.05, [server.proc])
            start_size = os.path.getsize(path)
            jh.wait_until(lambda: os.path.getsize(path) >= start_size + int(2.5 * 96000), STEP_TIMEOUT,
                          "2.5 s of alice's tone on disk", 0.1, [server.proc])
        except AssertionError as e:
            self.fail(str(e) + diag())

        for c in (a, b):
            c.proc.stop(signal.SIGTERM, timeout=10.0)

        def finished_session():
            if not os.path.isdir(rec_dir):
                return None
            folders = sorted(f for f in os.listdir(rec_dir) if f.startswith("Jam-"))
            if len(folders) != 1:
                return None
            folder = os.path.join(rec_dir, folders[0])
            names = os.listdir(folder)
            return folder if folders[0] + ".lof" in names and folders[0] + ".rpp" in names else None

        try:
            folder = jh.wait_until(finished_session, STEP_TIMEOUT, "a finished session folder", 0.1, [server.proc])
        except AssertionError as e:
            self.fail(str(e) + diag())
        name = os.path.basename(folder)
        wavs = sorted(f for f in os.listdir(folder) if f.endswith(".wav"))
        alice = [f for f in wavs if f.startswith("Alice_Mono-127_0_0_1_")]
        bob = [f for f in wavs if f.startswith("Bob_Stereo-127_0_0_1_")]
        self.assertEqual(len(alice), 1, "files: %r" % wavs)
        self.assertEqual(len(bob), 1, "files: %r" % wavs)
        self.assertEqual(len(wavs), 2, "unexpected extra files (stubs?): %r" % wavs)

        (a_ch, rate) = jh.read_wav(os.path.join(folder, alice[0]))
        (b_ch, _) = jh.read_wav(os.path.join(folder, bob[0]))
        self.assertEqual(len(a_ch), 1, "alice sends mono")
        self.assertEqual(len(b_ch), 2, "bob sends stereo")
        # The last 2 s of Alice's file are sure to be after the tone was connected.
        tail = a_ch[0][-2 * rate:]
        found, report = jh.detect_tone(tail, TONE_HZ, rate=rate)
        print("\n  alice's track: %r" % report, file=sys.stderr)
        self.assertTrue(found, "no %g Hz in alice's recording: %r" % (TONE_HZ, report))
        for side, samples in zip(("left", "right"), b_ch):
            found, report = jh.detect_tone(samples[-2 * rate:], TONE_HZ, rate=rate)
            self.assertFalse(found, "tone in bob's %s track: %r" % (side, report))

        with open(os.path.join(folder, name + ".lof")) as f:
            lof = f.read()
        with open(os.path.join(folder, name + ".rpp")) as f:
            rpp = f.read()
        for wav in alice + bob:
            self.assertIn('file "%s" offset ' % wav, lof)
            self.assertIn('FILE "%s"' % os.path.join(folder, wav), rpp)
        server.check_alive()


def main():
    jh.run_test_main(CONFIG, __doc__)


if __name__ == "__main__":
    main()
