#!/usr/bin/env python3
"""Two real Jamulus 3.9.1 clients with "small network buffers" (64-sample frames) on a `-F` server.

JACK (dummy backend) runs with a period of 64 samples and both clients have the settings key
enableopussmall = 1, so each one sends OPUS64: one 64-sample Opus frame per datagram, ~750
datagrams per second.  The server runs with -F (--fastupdate, 64-sample mixer tick).  Each client
talks to the server through a small logging UDP relay in this script, so the test sees the wire.

Checks:
  1. both clients connect and each client list shows both names;
  2. on the wire, for each client: its last NETW_TRANSPORT_PROPS announces codec 3 (OPUS64),
     block factor 1 and the frame bytes of PROTOCOL.md 8.2 for its channels/quality; its audio
     datagrams have exactly that length and come at ~750/s (a lower rate is only a warning: it
     follows the JACK dummy backend, which falls behind on a busy machine); the server answers
     with audio datagrams of the same length at ~750/s (its personal mix in the client's format);
  3. a 240 Hz tone fed into A's JACK input is heard on both of B's outputs (jack_rec, Goertzel;
     a control recording before it is silent) and B's level list shows A > 0.

Server command: a template with a {port} placeholder, from (first match)
  --server-cmd TEMPLATE | $TUTTI_SERVER_CMD | --server-bin PATH | $TUTTI_SERVER_BIN | <repo>/build/tutti-server
A binary path becomes "PATH -s -n -F -p {port}".  Examples:
  python3 tests/interop/test_fast_update.py --server-cmd "Jamulus -s -n -F -p {port}"
  python3 tests/interop/test_fast_update.py --server-bin build/tutti-server
Other options: --jamulus PATH (client binary, default Jamulus), --keep-tmp (keep logs and WAVs),
--no-small-buffers (B without small network buffers: B then sends 128-sample OPUS and check 2
must fail; for checking the test itself).
"""

import binascii
import os
import select
import shlex
import socket
import struct
import sys
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # keep the source tree free of __pycache__
import jamulus_harness as jh  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
CONFIG = dict(jh.default_config(), b_small_buffers=not os.environ.get("TUTTI_INTEROP_NO_SMALL_BUFFERS"))

CONNECT_TIMEOUT = 20.0
STEP_TIMEOUT = 15.0
JACK_PERIOD = 64
TONE_HZ = 240.0          # jack_simple_client output1
WINDOW_S = 2.0           # wire measurement window
OPUS64_RATE = 48000 / 64  # 750 datagrams/s at block factor 1
# Accepted datagram rates, as fractions of 750/s.  128-sample frames would give 375/s (0.5).  The
# server's rate is paced by its own clock (680-750/s seen on a very busy machine); the clients' rate
# follows the JACK dummy backend, which falls far behind on a busy machine (130-650/s seen), so for
# the clients only the upper bound fails the test and a low rate is printed as a warning.
RATE_MIN, RATE_MAX = 0.7, 1.2

NETW_TRANSPORT_PROPS = 20
CODEC_NAMES = {0: "none", 1: "CELT", 2: "OPUS (128 samples)", 3: "OPUS64 (64 samples)"}
# PROTOCOL.md 8.2: coded bytes per OPUS64 frame, by (stereo?, quality 0/1/2), without the sequence byte.
OPUS64_BYTES = {(False, 0): 12, (False, 1): 22, (False, 2): 36, (True, 0): 24, (True, 1): 35, (True, 2): 73}


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
    return shlex.quote(os.path.abspath(binary)) + " -s -n -F -p {port}"


def protocol_frame(datagram):
    """(id, payload) if datagram is a protocol message by the rules of PROTOCOL.md 2, else None (audio)."""
    if len(datagram) < 9 or datagram[0] != 0 or datagram[1] != 0:
        return None
    msg_id, length = struct.unpack_from("<H", datagram, 2)[0], struct.unpack_from("<H", datagram, 5)[0]
    if length != len(datagram) - 9:
        return None
    if struct.unpack_from("<H", datagram, 7 + length)[0] != binascii.crc_hqx(datagram[:7 + length], 0xFFFF) ^ 0xFFFF:
        return None
    return msg_id, datagram[7:7 + length]


def decode_props(payload):
    """NETW_TRANSPORT_PROPS (PROTOCOL.md 8.3) as a dict, None if the payload is not 19 bytes."""
    if len(payload) != 19:
        return None
    frame_bytes, block, channels, rate, codec, flags, _arg = struct.unpack("<IHBIHHI", payload)
    return {"frame_bytes": frame_bytes, "block_factor": block, "channels": channels, "rate": rate,
            "codec": codec, "codec_name": CODEC_NAMES.get(codec, "?"), "flags": flags}


class WireRelay:
    """UDP relay between one client and the server that logs every datagram crossing it.

    The client is pointed at .port; the relay forwards to the server from its own socket.
    Audio datagrams are kept as (monotonic time, length) per direction, protocol messages as
    (time, id, payload).
    """

    def __init__(self, server_port, label):
        self.label = label
        self.server = (jh.LOCALHOST, server_port)
        self.front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.back = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for s in (self.front, self.back):
            try:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
            except OSError:
                pass
            s.bind((jh.LOCALHOST, 0))
        self.port = self.front.getsockname()[1]
        self.client = None
        self.up_audio = []      # client -> server
        self.down_audio = []    # server -> client
        self.up_proto = []
        self.down_proto = []
        self.errors = []
        self._running = True
        self._thread = threading.Thread(target=self._run, name="relay-" + label, daemon=True)
        self._thread.start()

    def _run(self):
        while self._running:
            try:
                ready, _, _ = select.select([self.front, self.back], [], [], 0.1)
            except (OSError, ValueError):
                return
            for s in ready:
                try:
                    data, addr = s.recvfrom(4096)
                except OSError:
                    continue
                now = time.monotonic()
                upstream = s is self.front
                if upstream:
                    if self.client is not None and addr != self.client:
                        self.errors.append("second sender %r (client is %r)" % (addr, self.client))
                        continue
                    self.client = addr
                elif addr != self.server or self.client is None:
                    continue
                frame = protocol_frame(data)
                if frame is None:
                    (self.up_audio if upstream else self.down_audio).append((now, len(data)))
                else:
                    (self.up_proto if upstream else self.down_proto).append((now, frame[0], frame[1]))
                try:
                    if upstream:
                        self.back.sendto(data, self.server)
                    else:
                        self.front.sendto(data, self.client)
                except OSError as e:
                    self.errors.append("forward failed: %s" % e)

    def props(self):
        """Every NETW_TRANSPORT_PROPS the client sent, as (time, dict), oldest first."""
        return [(t, decode_props(p)) for t, i, p in list(self.up_proto) if i == NETW_TRANSPORT_PROPS]

    @staticmethod
    def window(records, t0, t1):
        return [length for t, length in list(records) if t0 <= t < t1]

    @staticmethod
    def paired_fraction(records, t0, t1, gap=0.00035):
        """Fraction of datagrams in [t0, t1) that arrived less than gap seconds after the previous one.

        A 64-sample-tick (-F) server sends an OPUS64 client one datagram every 1.33 ms; a 128-sample
        server sends two back to back every 2.67 ms (PROTOCOL.md 8.5), which gives about 0.5.  Printed
        only: measured 0.00-0.01 for -F servers (Jamulus, Tutti) and 0.49-0.51 without -F on a quiet
        machine, but up to 0.46 for a -F server while the machine was busy (bursts after late ticks or a
        starved relay thread), so it does not tell the tick size reliably.
        """
        times = [t for t, _ in list(records) if t0 <= t < t1]
        if len(times) < 2:
            return None
        return sum(1 for a, b in zip(times, times[1:]) if b - a < gap) / (len(times) - 1)

    def close(self):
        self._running = False
        self._thread.join(2.0)
        self.front.close()
        self.back.close()

    def summary(self):
        props = self.props()
        return "relay %s (face %d, client %r): audio up %d / down %d, protocol up %d / down %d, last props %r%s" % (
            self.label, self.port, self.client, len(self.up_audio), len(self.down_audio), len(self.up_proto),
            len(self.down_proto), props[-1][1] if props else None,
            "".join("\n  relay error: %s" % e for e in self.errors[-5:]))


def histogram(lengths):
    out = {}
    for n in lengths:
        out[n] = out.get(n, 0) + 1
    return dict(sorted(out.items()))


class FastUpdateTest(unittest.TestCase):
    """One session shared by the ordered steps test_1 … test_3."""

    @classmethod
    def setUpClass(cls):
        template = server_template()
        if template is None:
            raise unittest.SkipTest("no server command: use --server-cmd/--server-bin or TUTTI_SERVER_CMD")
        missing = jh.require_tools([CONFIG["jamulus"], "jackd", "jack_lsp", "jack_connect", "jack_disconnect",
                                    "jack_rec", "jack_simple_client"])
        if missing:
            raise unittest.SkipTest("missing programs: %s" % ", ".join(missing))
        if not {"-F", "--fastupdate"} & set(shlex.split(template)):
            print("\nWARNING: server command %r has no -F/--fastupdate" % template, file=sys.stderr)

        cls.t_start = time.monotonic()
        cls.timings = {}
        cls.session = jh.Session(CONFIG["jamulus"], keep_tmp=CONFIG["keep_tmp"])
        cls.addClassCleanup(cls.session.close)
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
        cls.jack = cls.session.start_jack(period=JACK_PERIOD)
        cls.relays = {}
        for label in ("alice", "bob"):
            relay = WireRelay(cls.server_port, label)
            cls.session.on_close(relay.close)
            cls.relays[label] = relay
        # Clients first (JSON-RPC attached), then the server, as in test_two_clients.
        cls.a = jh.JamulusClient(cls.session, cls.jack, "alice", cls.relays["alice"].port, name="Alice Fast",
                                 channels=0, quality=1, small_buffers=True)
        cls.b = jh.JamulusClient(cls.session, cls.jack, "bob", cls.relays["bob"].port, name="Bob Fast",
                                 channels=2, quality=1, small_buffers=CONFIG["b_small_buffers"] and not CONFIG.get("no_small_buffers"))
        cls.timings["clients up"] = time.monotonic() - cls.t_start
        t_server = time.monotonic()
        cls.server = jh.ServerProcess(cls.session, template, cls.server_port, "fast update interop")
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
        for relay in self.relays.values():
            parts.append(relay.summary())
        for c in (self.a, self.b):
            parts.append(c.diagnostics())
        if self.server is not None:
            parts.append(self.server.diagnostics())
        return "\n".join(parts)

    def check(self, condition, message):
        if not condition:
            self.fail(message + self.diag())

    def alive(self):
        return [self.server.proc, self.a.proc, self.b.proc]

    def wait(self, client, predicate, what, timeout=STEP_TIMEOUT):
        try:
            return client.rpc.wait_for(predicate, timeout, what, alive=self.alive())
        except AssertionError as e:
            self.fail(str(e) + self.diag())

    def require_connected(self):
        if self.connect_error:
            self.fail("clients did not connect: " + self.connect_error + self.diag())

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
        self.timings["client lists"] = time.monotonic() - self.t_start

    def test_2_wire_format(self):
        self.require_connected()
        # Settled: audio flows both ways on both relays and no client changed its props for 1 s.
        def settled():
            now = time.monotonic()
            for relay in self.relays.values():
                props = relay.props()
                if not props or now - props[-1][0] < 1.0:
                    return False
                for records in (relay.up_audio, relay.down_audio):
                    if not records or now - records[-1][0] > 0.2 or len(records) < 200:
                        return False
            return True
        try:
            jh.wait_until(settled, STEP_TIMEOUT, "audio both ways on both relays with stable transport props",
                          0.05, self.alive())
        except AssertionError as e:
            self.fail(str(e) + self.diag())
        self.timings["wire settled"] = time.monotonic() - self.t_start

        t0 = time.monotonic()
        time.sleep(WINDOW_S)
        t1 = time.monotonic()
        for c in (self.a, self.b):
            self.check(c.proc.poll() is None and self.server.proc.poll() is None, "a process died during the window")
        problems = []
        for c in (self.a, self.b):
            relay = self.relays[c.label]
            props_t, props = relay.props()[-1]
            stereo = c.profile["channels"] != 0
            seq = 1 if props["flags"] == 1 else 0
            expected_bytes = OPUS64_BYTES[(stereo, c.profile["quality"])] + seq
            up = relay.window(relay.up_audio, t0, t1)
            down = relay.window(relay.down_audio, t0, t1)
            up_rate, down_rate = len(up) / (t1 - t0), len(down) / (t1 - t0)
            paired = relay.paired_fraction(relay.down_audio, t0, t1)
            print("\n  %s: props %r; %s -> server: %.0f datagrams/s, lengths %r; server -> %s: %.0f/s, lengths %r, "
                  "back-to-back %s" % (c.label, props, c.label, up_rate, histogram(up), c.label, down_rate,
                                       histogram(down), "?" if paired is None else "%.2f" % paired),
                  file=sys.stderr)
            what = "%s (%s, %s quality, small network buffers %s)" % (
                c.label, "stereo" if stereo else "mono", ["low", "normal", "high"][c.profile["quality"]],
                "on" if c.profile["small_buffers"] else "off")
            if props["codec"] != 3:
                problems.append("%s announces codec %d = %s, expected 3 = OPUS64 (64-sample frames)" % (
                    what, props["codec"], props["codec_name"]))
            if props["block_factor"] != 1:
                problems.append("%s announces block factor %d, expected 1" % (what, props["block_factor"]))
            if props["channels"] != (2 if stereo else 1):
                problems.append("%s announces %d audio channels" % (what, props["channels"]))
            if props["frame_bytes"] != expected_bytes:
                problems.append("%s announces %d frame bytes, expected %d for OPUS64 (PROTOCOL.md 8.2%s)" % (
                    what, props["frame_bytes"], expected_bytes, ", +1 sequence byte" if seq else ""))
            for direction, lengths, rate, clocked_by_server in (("%s -> server" % c.label, up, up_rate, False),
                                                                ("server -> %s" % c.label, down, down_rate, True)):
                wrong = [n for n in lengths if n != expected_bytes]
                if wrong:
                    problems.append("%s: %d of %d audio datagrams are not %d bytes long: %r" % (
                        direction, len(wrong), len(lengths), expected_bytes, histogram(lengths)))
                strict = clocked_by_server or props["codec"] != 3
                if rate > RATE_MAX * OPUS64_RATE or (strict and rate < RATE_MIN * OPUS64_RATE):
                    problems.append("%s: %.0f audio datagrams/s, expected ~%.0f (one 64-sample frame per "
                                    "datagram; 128-sample frames give 375/s)" % (direction, rate, OPUS64_RATE))
                elif rate < RATE_MIN * OPUS64_RATE:
                    # A client sends one datagram per JACK period it manages to process; on a busy machine
                    # the non-realtime dummy backend and the clients fall behind (seen: 130-400/s while
                    # another engineer's 125-client load test ran).  Sizes and props above still tell the
                    # frame size, so this is only reported.
                    print("\n  WARNING: %s: only %.0f audio datagrams/s (expected ~%.0f): the clients or the JACK "
                          "dummy backend are starved of CPU" % (direction, rate, OPUS64_RATE), file=sys.stderr)
        self.check(not problems, "the wire does not show 64-sample frames on a 64-sample-tick server:\n  "
                   + "\n  ".join(problems))

    def test_3_tone(self):
        self.require_connected()
        a, b, jack = self.a, self.b, self.jack
        wd = self.session.workdir
        jack.wait_ports(a.in_ports + b.out_ports, STEP_TIMEOUT, self.alive())
        self.wait(b, lambda r: len(b.level_lists()) > 0 and self.index_in(b, a.name) is not None,
                  "a first level list and alice in bob's client list")

        # Control: nothing feeds any input yet, so B must play (near) silence.
        (ctl_l, ctl_r), rate = jack.record(b.out_ports, 1, os.path.join(wd, "bob_control.wav"))
        for ch_name, samples in (("left", ctl_l), ("right", ctl_r)):
            found, report = jh.detect_tone(samples, TONE_HZ, rate=rate)
            print("\n  bob %s output, control: %r" % (ch_name, report), file=sys.stderr)
            self.check(not found, "control recording of bob %s already has %g Hz: %r" % (ch_name, TONE_HZ, report))
            self.check(report["rms"] < 100, "control recording of bob %s is not silent: %r" % (ch_name, report))

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

        levels = b.level_lists()[-1]
        names = b.latest_names()
        self.check(len(levels) == len(names), "bob's level list %r does not match its client list %r" % (
            levels, names))
        self.check(levels[names.index(a.name)] > 0, "bob's level for alice is %r (clients %r)" % (levels, names))
        self.check(levels[names.index(b.name)] == 0, "bob's level for its own silent input is %r" % levels)

    @classmethod
    def tearDownClass(cls):
        cls.timings["total"] = time.monotonic() - cls.t_start
        print("\ninterop timings (s): " + ", ".join("%s %.2f" % kv for kv in cls.timings.items()),
              file=sys.stderr)


def main():
    jh.run_test_main(CONFIG, __doc__, extra_flags=["--no-small-buffers"])


if __name__ == "__main__":
    main()
