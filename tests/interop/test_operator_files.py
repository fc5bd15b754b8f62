#!/usr/bin/env python3
"""The -l connection log and the -m HTML status file while real Jamulus 3.9.1 clients join and leave.

Checks:
  1. a real client joining: the log gets "<time>, 127.0.0.1, connected (1)" and the status file
     lists the client's name (HTML-escaped, non-ASCII kept); leaving: "server idling" and
     "  No client connected";
  2. with both files replaced by directories (unwritable even for root), a second client is
     still served, each file is reported exactly once on the server's stderr, and the server
     stops cleanly.

Server command: --server-bin PATH | $TUTTI_SERVER_BIN | <repo>/build/tutti-server; it is run as
"PATH -s -n -p {port} -l LOG -m HTML".  Other options: --jamulus PATH, --keep-tmp.
"""

import os
import re
import shlex
import signal
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import jamulus_harness as jh  # noqa: E402

CONFIG = jh.default_config()
CONNECT_TIMEOUT = 20.0
STEP_TIMEOUT = 15.0
STAMP = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"
IDLE = ",, server idling -------------------------------------"


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return None


def wait_connected(client, server):
    # The client connects as soon as it starts, possibly before our JSON-RPC connection is there
    # to hear "jamulusclient/connected"; its own status says it too, once audio flows.
    jh.wait_until(lambda: client.rpc.call("jamulusclient/getClientInfo").get("connected") is True,
                  CONNECT_TIMEOUT, "%s connected" % client.label, 0.2, [server.proc, client.proc])


class OperatorFilesTest(unittest.TestCase):
    def test_log_and_status_with_real_clients(self):
        binary, session = jh.open_session(CONFIG, ["jackd", "jack_lsp"], self)
        log = os.path.join(session.workdir, "connections.log")
        html = os.path.join(session.workdir, "status.html")
        server_port = jh.free_udp_port()
        template = "%s -s -n -p {port} -l %s -m %s" % (shlex.quote(os.path.abspath(binary)), shlex.quote(log),
                                                      shlex.quote(html))
        server = jh.ServerProcess(session, template, server_port, "")
        jack = session.start_jack(period=128)

        def diag():
            return "\n" + session.diagnostics() + "\nlog: %r\nhtml: %r" % (read(log), read(html))

        try:
            jh.wait_until(lambda: read(html) == "  No client connected\n", STEP_TIMEOUT, "the empty status file",
                          0.05, [server.proc])
            alice = jh.JamulusClient(session, jack, "alice", server_port, name="Alice <\u00c4>", channels=0)
            wait_connected(alice, server)
            jh.wait_until(lambda: read(html) == "<ul>\n  <li>Alice &lt;\u00c4&gt;</li>\n</ul>\n", STEP_TIMEOUT,
                          "alice in the status file", 0.05, [server.proc])
            lines = read(log).splitlines()
            self.assertEqual(len(lines), 1, diag())
            self.assertRegex(lines[0], "^" + STAMP + re.escape(", 127.0.0.1, connected (1)") + "$")

            alice.proc.stop(signal.SIGTERM, timeout=10.0)
            jh.wait_until(lambda: read(html) == "  No client connected\n", STEP_TIMEOUT, "alice gone from the "
                          "status file", 0.05, [server.proc])
            jh.wait_until(lambda: len(read(log).splitlines()) == 2, STEP_TIMEOUT, "the idle line", 0.05,
                          [server.proc])
            self.assertRegex(read(log).splitlines()[1], "^" + STAMP + re.escape(IDLE) + "$")

            # Directories where the files were: no write can succeed, not even as root.
            os.remove(log)
            os.remove(html)
            os.mkdir(log)
            os.mkdir(html)
            bob = jh.JamulusClient(session, jack, "bob", server_port, name="Bob", channels=0)
            wait_connected(bob, server)  # served although the files cannot be written
            bob.proc.stop(signal.SIGTERM, timeout=10.0)
            err_path = server.proc.stderr_path
            jh.wait_until(lambda: open(err_path, errors="replace").read().count("server idling") >= 2,
                          STEP_TIMEOUT, "bob leaving", 0.05, [server.proc])
        except AssertionError as e:
            self.fail(str(e) + diag())
        server.check_alive()
        server.proc.stop(signal.SIGTERM, timeout=10.0)
        with open(server.proc.stderr_path, errors="replace") as f:
            err = f.read()
        self.assertEqual(err.count('Cannot write the log file "%s"' % log), 1, err)
        self.assertEqual(err.count('Cannot write the HTML status file "%s"' % html), 1, err)
        self.assertEqual(server.proc.poll(), 0, err)


def main():
    jh.run_test_main(CONFIG, __doc__)


if __name__ == "__main__":
    main()
