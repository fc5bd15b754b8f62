#!/usr/bin/env python3
"""Directories with real Debian Jamulus 3.9.1 programs and the server under test (tutti-server).

  a. tutti registers with a real `Jamulus -s -n -e localhost` directory; the directory's list shows
     tutti's name, city and country (given as a two-letter code), and tutti logs "Registered";
  b. tutti is the directory, a real Jamulus server registers with it; the list shows both entries;
     a single list request from a fresh socket that never pinged gets the full list (issue 8);
  c. tutti as directory with --directoryfile, killed with SIGKILL after a real server registered
     (so only what was saved on the change itself survives) and restarted: the server is listed;
  d. a real 3.9.1 GUI client with its connect dialog open and tutti as its directory receives
     the full list despite the ping-first rule: it pings the server registered there;
  e. connectionless probes on a tutti directory: ping with client count, version/OS, client list.

Usage: test_directory.py --server-bin build/tutti-server [--jamulus Jamulus] [--keep-tmp]
"""

import base64
import os
import re
import signal
import struct
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
    "server_bin": os.environ.get("TUTTI_SERVER_BIN") or os.path.join(REPO, "build", "tutti-server"),
    "jamulus": os.environ.get("TUTTI_INTEROP_JAMULUS", "Jamulus"),
    "keep_tmp": bool(os.environ.get("TUTTI_INTEROP_KEEP_TMP")),
}
STEP = 20.0   # bound for each wait on a real program


def read(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


class DirectoryTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        if not os.path.exists(CONFIG["server_bin"]):
            raise unittest.SkipTest("no tutti-server at %s" % CONFIG["server_bin"])
        missing = jh.require_tools([CONFIG["jamulus"]])
        if missing:
            raise unittest.SkipTest("missing: %s" % ", ".join(missing))

    def setUp(self):
        self.session = jh.Session(CONFIG["jamulus"], CONFIG["keep_tmp"])
        self.endpoints = []

    def tearDown(self):
        result = getattr(self._outcome, "result", None)
        problems = (getattr(result, "failures", []) + getattr(result, "errors", [])) if result else []
        if any(test is self for test, _ in problems):
            print(self.session.diagnostics(25), file=sys.stderr)
        for e in self.endpoints:
            e.close()
        self.session.close()

    # ------------------------------------------------------------ helpers

    def endpoint(self):
        e = dw.Endpoint()
        self.endpoints.append(e)
        return e

    def tutti(self, name, args):
        return self.session.spawn(name, [CONFIG["server_bin"], "-n"] + args, self.session.child_env({}))

    def jamulus_server(self, name, args):
        return self.session.spawn(name, [self.session.jamulus, "-s", "-n"] + args, self.session.child_env({}))

    def wait_answering(self, port, proc):
        probe = self.endpoint()
        jh.wait_until(lambda: probe.ping(port, 0.2), STEP, "%s to answer pings" % proc.name, 0.0, [proc])

    def wait_log(self, proc, pattern, what):
        return jh.wait_until(lambda: re.search(pattern, read(proc.stderr_path)), STEP, what, 0.1, [proc])

    def listed(self, directory_port, name, alive, pinged=True):
        """The directory's full list once it shows `name` (the query socket pings first)."""
        query = self.endpoint()
        if pinged:
            self.assertTrue(query.ping(directory_port), "directory does not answer pings")
        entries = None
        deadline = time.monotonic() + STEP
        while entries is None and time.monotonic() < deadline:
            for proc in alive:
                proc.check_alive()
            entries = query.server_list(directory_port, 1.0, lambda es: any(e["name"] == name for e in es))
        self.assertIsNotNone(entries, "no server list from 127.0.0.1:%d showing %r" % (directory_port, name))
        return entries, query

    # ------------------------------------------------------------ tests

    def test_a_tutti_registers_with_a_real_directory(self):
        dport, tport = jh.free_udp_port(), jh.free_udp_port()
        directory = self.jamulus_server("jamulus-directory", ["-p", str(dport), "-e", "localhost",
                                                              "-o", "Real Dir;Dirtown;82"])
        self.wait_answering(dport, directory)
        tutti = self.tutti("tutti", ["-p", str(tport), "-u", "7", "-e", "127.0.0.1:%d" % dport,
                                     "-o", "Tutti Srv;Vienna;AT"])
        self.wait_log(tutti, r"Server Registration Status update: Registered", "tutti to be registered")
        entries, _ = self.listed(dport, "Tutti Srv", [directory, tutti])
        self.assertEqual(entries[0]["name"], "Real Dir")
        mine = [e for e in entries if e["name"] == "Tutti Srv"][0]
        self.assertEqual((mine["ip"], mine["port"]), ("127.0.0.1", tport))
        self.assertEqual(mine["city"], "Vienna")
        self.assertEqual(mine["country"], 14)   # Austria in Qt 5 numbering, from "AT"
        self.assertEqual(mine["max"], 7)
        log = read(tutti.stderr_path)
        self.assertIn('Using server info: name = "Tutti Srv", city = "Vienna", country/region = "AT" (Austria)', log)
        self.assertLess(log.index("Registration requested"), log.index("update: Registered"))
        # A clean stop unregisters: the real directory drops the entry.
        tutti.stop()
        self.assertIn("Server Registration Status update: Not registered", read(tutti.stderr_path))
        gone = self.endpoint().server_list(dport, STEP, lambda es: all(e["name"] != "Tutti Srv" for e in es))
        self.assertIsNotNone(gone, "the real directory still lists tutti after its clean stop")

    def test_b_real_server_registers_with_tutti_directory(self):
        dport, sport = jh.free_udp_port(), jh.free_udp_port()
        tutti = self.tutti("tutti-directory", ["-p", str(dport), "-u", "12", "-e", "localhost",
                                               "-o", "Tutti Dir;Graz;14"])
        self.wait_log(tutti, r"Now a directory", "tutti to be a directory")
        self.wait_answering(dport, tutti)
        server = self.jamulus_server("jamulus-server", ["-p", str(sport), "-e", "127.0.0.1:%d" % dport,
                                                        "-o", "Name;City;82"])
        self.wait_log(server, r"Status update: Registered", "the real server to report Registered")
        entries, query = self.listed(dport, "Name", [tutti, server])
        self.assertEqual(len(entries), 2)
        me, other = entries
        self.assertEqual((me["ip"], me["port"], me["name"], me["city"], me["country"], me["max"], me["permanent"]),
                         ("0.0.0.0", 0, "Tutti Dir", "Graz", 14, 12, 1))
        self.assertEqual((other["ip"], other["port"], other["name"], other["city"], other["country"],
                          other["max"], other["internal"]), ("127.0.0.1", sport, "Name", "City", 82, 10, ""))
        red = [dw.decode_red_server_list(r[3]) for r in query.of(dw.RED_SERVER_LIST)]
        self.assertIn([{"ip": "0.0.0.0", "port": 0, "name": "Tutti Dir"},
                       {"ip": "127.0.0.1", "port": sport, "name": "Name"}], red)
        self.assertRegex(read(tutti.stderr_path),
                         r"Requested to register entry for 127\.0\.0\.1:%d \(.*:%d\): Name \(local\)" % (sport, sport))
        # Issue 8: one CLM_REQ_SERVER_LIST from a fresh socket that never pinged (a server-list
        # explorer, a monitoring script) gets the full list while no flood has spent the reply
        # budget for unvalidated addresses.
        stranger = self.endpoint()
        sent = stranger.send(dport, dw.REQ_SERVER_LIST)
        got = stranger.wait_for(lambda e: e.of(dw.SERVER_LIST), STEP)
        self.assertTrue(got, "no full list for a one-shot request: %s" % [r[2] for r in stranger.received])
        full = dw.decode_server_list(stranger.of(dw.SERVER_LIST)[0][3])
        self.assertEqual([(e["name"], e["port"]) for e in full], [("Tutti Dir", 0), ("Name", sport)])
        print("\none-shot list request: %d bytes in, %d bytes out" % (sent, stranger.bytes_received),
              file=sys.stderr)
        # The real server unregisters on a clean stop.
        server.stop()
        gone = query.server_list(dport, STEP, lambda es: len(es) == 1)
        self.assertIsNotNone(gone, "tutti still lists the server after it unregistered")
        self.assertRegex(read(tutti.stderr_path), r"Requested to unregister entry for 127\.0\.0\.1:%d" % sport)

    def test_c_directory_file_survives_a_restart(self):
        dport, sport = jh.free_udp_port(), jh.free_udp_port()
        path = os.path.join(self.session.workdir, "servers.txt")
        args = ["-p", str(dport), "-e", "localhost", "-o", "Keeper;Linz;14", "--directoryfile", path]
        first = self.tutti("tutti-directory-1", args)
        self.wait_answering(dport, first)
        server = self.jamulus_server("jamulus-server", ["-p", str(sport), "-e", "127.0.0.1:%d" % dport,
                                                        "-o", "Persisted;Ulm;82"])
        self.wait_log(server, r"Status update: Registered", "the real server to report Registered")
        jh.wait_until(lambda: "UGVyc2lzdGVk" in read(path), STEP, "the list file to name the server")
        # Neither may tell the other anything more: the real server dies without unregistering,
        # the directory without a clean stop, so only the save made on the change itself counts.
        server.stop(signal.SIGKILL)
        first.stop(signal.SIGKILL)
        line = read(path).strip()
        self.assertEqual(line.split(";"), ["127.0.0.1:%d" % sport, line.split(";")[1],
                                           base64.b64encode(b"Persisted").decode(),
                                           base64.b64encode(b"Ulm").decode(), "82", "10", "0"])
        second = self.tutti("tutti-directory-2", args)
        self.wait_log(second, r"Loading registration for 127\.0\.0\.1:%d .*: Persisted" % sport,
                      "the restarted directory to load the file")
        entries, _ = self.listed(dport, "Persisted", [second])
        self.assertEqual([(e["name"], e["port"], e["city"], e["country"]) for e in entries],
                         [("Keeper", 0, "Linz", 14), ("Persisted", sport, "Ulm", 82)])

    def test_d_real_client_connect_dialog_fills(self):
        missing = jh.require_tools(["jackd", "jack_lsp"])
        if missing:
            self.skipTest("missing: %s" % ", ".join(missing))
        dport = jh.free_udp_port()
        tutti = self.tutti("tutti-directory", ["-p", str(dport), "-e", "localhost", "-o", "Dialog Dir;Bonn;82"])
        self.wait_answering(dport, tutti)
        # A scripted server registers and answers pings, so we see whom the client pings.
        fake = self.endpoint()
        fake.send(dport, dw.REGISTER_SERVER_EX,
                  dw.register_payload(fake.port, 82, 10, "Scripted", "", "Bonn", "3.9.1"))
        self.assertIsNotNone(fake.wait_for(lambda e: e.of(dw.REGISTER_SERVER_RESP), STEP), "no registration answer")
        jack = self.session.start_jack()
        ini = os.path.join(self.session.workdir, "dialog.ini")
        with open(ini, "w") as f:
            f.write("<client>\n <name_base64>%s</name_base64>\n <winviscon>1</winviscon>\n"
                    " <directorytype>7</directorytype>\n <directoryaddress0>127.0.0.1:%d</directoryaddress0>\n"
                    " <customdirectoryindex>0</customdirectoryindex>\n</client>\n"
                    % (base64.b64encode(b"Dialog").decode(), dport))
        client = self.session.spawn("gui-client", [self.session.jamulus, "-j", "--clientname", "dialog",
                                                   "-i", ini], jack.env)
        answered = [0]

        def serve(e):
            for r in e.received[answered[0]:]:
                if r[2] == dw.PING_MS_WITHNUMCLIENTS:
                    e.sock.sendto(dw.frame(dw.PING_MS_WITHNUMCLIENTS, r[3][:4] + b"\x00"), r[1])
            answered[0] = len(e.received)
            return e.of(dw.PING_MS_WITHNUMCLIENTS)

        started = time.monotonic()
        pinged = None
        while pinged is None and time.monotonic() - started < 30.0:
            client.check_alive()
            pinged = fake.wait_for(serve, 0.5)
        self.assertIsNotNone(pinged, "the real client never pinged the listed server: its dialog did not fill")
        print("\nreal client pinged the listed server %.1f s after it started" % (time.monotonic() - started),
              file=sys.stderr)

    def test_e_connectionless_probes_on_a_directory(self):
        dport = jh.free_udp_port()
        tutti = self.tutti("tutti-directory", ["-p", str(dport), "-e", "localhost", "-o", "Probe Dir;Bern;206"])
        self.wait_answering(dport, tutti)
        probe = self.endpoint()
        probe.send(dport, dw.PING_MS_WITHNUMCLIENTS, struct.pack("<IB", 654321, 0))
        probe.send(dport, dw.REQ_VERSION_AND_OS)
        probe.send(dport, dw.REQ_CONN_CLIENTS_LIST)
        got = probe.wait_for(lambda e: len({r[2] for r in e.received}) >= 3 and e.received, STEP)
        self.assertIsNotNone(got, "missing answers: %s" % [r[2] for r in probe.received])
        ping = probe.of(dw.PING_MS_WITHNUMCLIENTS)[0][3]
        self.assertEqual(struct.unpack("<IB", ping), (654321, 0))
        version = probe.of(dw.VERSION_AND_OS)[0][3]
        self.assertEqual(version[0], 2)   # Linux
        self.assertEqual(probe.of(dw.CONN_CLIENTS_LIST)[0][3], b"")


def main():
    jh.run_test_main(CONFIG, __doc__)


if __name__ == "__main__":
    main()
