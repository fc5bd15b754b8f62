#!/usr/bin/env python3
"""Live mix out to ALSA (issue 14) without a sound card: ALSA's `file` plugin over the `null`
device, set up in an .asoundrc the test writes into its temp dir (the server runs with HOME
there). A real Jamulus 3.9.1 client gets a 240 Hz tone; the raw file ALSA writes must carry it,
and tutti/getMixOutStatus must say the device is playing. A second case starts the server
before its device exists (no client needed): the failure is logged and reported over JSON-RPC,
and once the device is defined the server picks it up by itself (ALSA re-reads a changed
configuration on the next open).

Server command: --server-bin PATH | $TUTTI_SERVER_BIN | <repo>/build/tutti-server.
Other options: --jamulus PATH, --keep-tmp.
"""

import os
import struct
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import jamulus_harness as jh  # noqa: E402

CONFIG = jh.default_config()
CONNECT_TIMEOUT = 20.0
STEP_TIMEOUT = 15.0
TONE_HZ = 240.0
BYTES_PER_FRAME = 4  # S16 stereo


def asoundrc(path, raw_file):
    with open(path, "w") as f:
        f.write('pcm.tuttitest {\n    type file\n    slave.pcm "null"\n    file "%s"\n    format "raw"\n}\n'
                % raw_file)


class MixOutAlsaTest(unittest.TestCase):
    def test_mix_out_to_alsa_file(self):
        binary, session = jh.open_session(
            CONFIG, ["jackd", "jack_lsp", "jack_connect", "jack_disconnect", "jack_simple_client"], self)
        home = os.path.join(session.workdir, "home")
        os.makedirs(home)
        raw = os.path.join(session.workdir, "mix.raw")
        asoundrc(os.path.join(home, ".asoundrc"), raw)

        jack = session.start_jack(period=128)
        server_port = jh.free_udp_port()
        rpc_port = jh.free_tcp_port()
        a = jh.JamulusClient(session, jack, "alice", server_port, name="Alice", channels=0, quality=1)
        argv = [os.path.abspath(binary), "-s", "-n", "-p", str(server_port), "--mixout", "alsa:tuttitest",
                "--jsonrpcport", str(rpc_port), "--jsonrpcsecretfile", session.secret_file]
        server = session.spawn("server", argv, session.child_env({"HOME": home}))
        rpc = jh.JsonRpcConnection(rpc_port, session.secret, "tutti", 15.0, [server])
        session.on_close(rpc.close)

        def diag():
            return "\n" + session.diagnostics()

        try:
            a.rpc.wait_for(lambda r: r.latest("jamulusclient/connected"), CONNECT_TIMEOUT,
                           "jamulusclient/connected", alive=[server, a.proc])
            jh.wait_until(lambda: rpc.call("tutti/getMixOutStatus")["running"], STEP_TIMEOUT,
                          "mix out playing", 0.1, [server])
            jack.feed_tone(a.in_ports, STEP_TIMEOUT)
            start = os.path.getsize(raw)
            # Three seconds of mix written after the tone was connected.
            jh.wait_until(lambda: os.path.getsize(raw) >= start + 3 * jh.SAMPLE_RATE * BYTES_PER_FRAME,
                          STEP_TIMEOUT, "3 s of mix in the ALSA file", 0.1, [server])
        except AssertionError as e:
            self.fail(str(e) + diag())
        status = rpc.call("tutti/getMixOutStatus")
        self.assertEqual((status["backend"], status["device"], status["error"]), ("alsa", "tuttitest", ""))
        with open(raw, "rb") as f:
            f.seek(-2 * jh.SAMPLE_RATE * BYTES_PER_FRAME, os.SEEK_END)
            data = f.read()
        samples = struct.unpack("<%dh" % (len(data) // 2), data)
        for side, channel in (("left", samples[0::2]), ("right", samples[1::2])):
            found, report = jh.detect_tone(list(channel), TONE_HZ)
            print("\n  ALSA file %s: %r" % (side, report), file=sys.stderr)
            self.assertTrue(found, "no %g Hz on the %s channel: %r%s" % (TONE_HZ, side, report, diag()))
        server.check_alive()


class MixOutAlsaRetryTest(unittest.TestCase):
    def test_device_that_appears_later(self):
        binary = jh.server_binary(CONFIG)
        if binary is None:
            self.skipTest("no server binary: use --server-bin or TUTTI_SERVER_BIN")
        session = jh.Session(CONFIG["jamulus"], keep_tmp=CONFIG["keep_tmp"])
        self.addCleanup(session.close)
        home = os.path.join(session.workdir, "home")
        os.makedirs(home)
        raw = os.path.join(session.workdir, "late.raw")
        server_port = jh.free_udp_port()
        rpc_port = jh.free_tcp_port()
        argv = [os.path.abspath(binary), "-n", "-p", str(server_port), "--mixout", "alsa:tuttitest",
                "--jsonrpcport", str(rpc_port), "--jsonrpcsecretfile", session.secret_file]
        server = session.spawn("server", argv, session.child_env({"HOME": home}))
        rpc = jh.JsonRpcConnection(rpc_port, session.secret, "tutti", 15.0, [server])
        session.on_close(rpc.close)

        def log():
            with open(server.stderr_path, errors="replace") as f:
                return f.read()

        try:
            status = jh.wait_until(lambda: (lambda s: s if s["error"] else None)(
                rpc.call("tutti/getMixOutStatus")), STEP_TIMEOUT, "the missing device reported", 0.1, [server])
            self.assertFalse(status["running"], status)
            self.assertIn("cannot open ALSA device", status["error"])
            self.assertIn("retrying", status["error"])
            jh.wait_until(lambda: "Mix out: ALSA device 'tuttitest' not playing: cannot open" in log(),
                          STEP_TIMEOUT, "the log line", 0.1, [server])
            # The device appears (as a USB card plugged back in would).
            asoundrc(os.path.join(home, ".asoundrc"), raw)
            jh.wait_until(lambda: rpc.call("tutti/getMixOutStatus")["running"], 20.0,
                          "mix out playing once the device exists", 0.2, [server])
            jh.wait_until(lambda: "Mix out: playing the session mix to ALSA device 'tuttitest'" in log(),
                          STEP_TIMEOUT, "the log line when it plays", 0.1, [server])
            self.assertEqual(rpc.call("tutti/getMixOutStatus")["error"], "")
        except AssertionError as e:
            self.fail(str(e) + "\n" + session.diagnostics())
        server.check_alive()


def main():
    jh.run_test_main(CONFIG, __doc__)


if __name__ == "__main__":
    main()
