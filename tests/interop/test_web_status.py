#!/usr/bin/env python3
"""The web admin port (--web-admin-port) with a real Jamulus 3.9.1 client.

Checks:
  1. /metrics parses with prometheus_client's text parser; tutti_clients_connected follows a real
     client joining (1) and leaving (0); the traffic counters and the tick histogram move;
  2. the status page in headless Chromium lists the connected client by name;
  3. garbage bytes, a slowloris connection and an oversized request on the web port: the client
     stays connected, /metrics still answers at once, the slow connection is cut within the
     request time limit and the oversized one at once.

Server command: --server-bin PATH | $TUTTI_SERVER_BIN | <repo>/build/tutti-server, run as
"PATH -s -n -p {port} --web-admin-port P".  Other options: --jamulus PATH, --keep-tmp.
"""

import os
import shlex
import signal
import socket
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import jamulus_harness as jh  # noqa: E402
import web_http as wh  # noqa: E402

CONFIG = jh.default_config()
CONNECT_TIMEOUT = 20.0
STEP_TIMEOUT = 15.0
NAME = "Web Zoë"


def connected_gauge(port):
    return wh.sample(wh.metrics(port), "tutti_clients_connected")


class WebStatusTest(unittest.TestCase):
    def test_metrics_page_and_abuse_with_a_real_client(self):
        binary, session = jh.open_session(CONFIG, ["jackd", "jack_lsp"], self)
        if not wh.have_prometheus_parser():
            self.skipTest("python3-prometheus-client is not installed")
        web_port = jh.free_tcp_port()
        server_port = jh.free_udp_port()
        template = "%s -s -n -p {port} --web-admin-port %d" % (shlex.quote(os.path.abspath(binary)), web_port)
        server = jh.ServerProcess(session, template, server_port, "")
        alive = [server.proc]
        try:
            jh.wait_until(lambda: wh.try_metrics(web_port), STEP_TIMEOUT, "/metrics answering", 0.05, alive)
            self.assertEqual(connected_gauge(web_port), 0)

            jack = session.start_jack(period=128)
            client = jh.JamulusClient(session, jack, "webby", server_port, name=NAME, channels=0)
            alive = [server.proc, client.proc]
            jh.wait_until(lambda: connected_gauge(web_port) == 1, CONNECT_TIMEOUT, "the gauge at 1", 0.2, alive)
            jh.wait_until(lambda: client.rpc.call("jamulusclient/getClientInfo").get("connected") is True,
                          CONNECT_TIMEOUT, "the client connected", 0.2, alive)
            fams = wh.metrics(web_port)
            self.assertGreater(wh.sample(fams, "tutti_datagrams_received", "tutti_datagrams_received_total"), 0)
            self.assertGreater(wh.sample(fams, "tutti_received_bytes", "tutti_received_bytes_total"), 0)
            self.assertGreater(wh.sample(fams, "tutti_sent_bytes", "tutti_sent_bytes_total"), 0)
            self.assertEqual(fams["tutti_tick_duration_seconds"].type, "histogram")
            self.assertGreater(wh.sample(fams, "tutti_tick_duration_seconds", "tutti_tick_duration_seconds_count"), 0)
            self.assertEqual(wh.sample(fams, "tutti_client_jitter_buffer_frames", channel="0", name=NAME) > 0, True)

            # The status page, rendered by a real browser, lists the client by name.
            browser = wh.chromium()
            if browser is None:
                print("test_web_status: chromium not found, page check skipped")
            else:
                dom = ""
                deadline = time.monotonic() + 60.0
                while NAME not in dom and time.monotonic() < deadline:
                    dom = wh.dump_dom(browser, "http://127.0.0.1:%d/" % web_port, session.workdir)
                self.assertIn('class="client-name">%s<' % NAME, dom, dom[-3000:])
                self.assertIn("1 / 10 clients", dom)

            # Abuse of the web port while the client plays.
            garbage = wh.raw_connection(web_port, os.urandom(4096) + b"\r\n\r\n")
            slow = wh.raw_connection(web_port, b"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            big = wh.raw_connection(web_port, b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n"
                                    b"Content-Type: application/json\r\n\r\n")
            try:
                big.sendall(b"x" * 100000)
            except OSError:
                pass  # already cut off: what we want
            start = time.monotonic()
            self.assertEqual(connected_gauge(web_port), 1)
            self.assertLess(time.monotonic() - start, 2.0, "/metrics slow while the port is abused")

            def closed(s):
                try:
                    s.settimeout(0.2)
                    return s.recv(65536) == b""
                except socket.timeout:
                    return False
                except OSError:
                    return True
            jh.wait_until(lambda: closed(big), 5.0, "the oversized request cut", 0.05, alive)
            # A byte now and then does not keep a request alive past its 10 s limit.
            t0 = time.monotonic()

            def slow_cut():
                try:
                    slow.sendall(b"a")
                except OSError:
                    return True
                return closed(slow)
            jh.wait_until(slow_cut, 15.0, "the slowloris connection cut", 0.5, alive)
            self.assertGreater(time.monotonic() - t0, 5.0)
            for s in (garbage, slow, big):
                s.close()
            self.assertTrue(client.rpc.call("jamulusclient/getClientInfo").get("connected"))
            self.assertEqual(connected_gauge(web_port), 1)

            client.proc.stop(signal.SIGTERM, timeout=10.0)
            alive = [server.proc]
            jh.wait_until(lambda: connected_gauge(web_port) == 0, STEP_TIMEOUT, "the gauge back at 0", 0.2, alive)
        except AssertionError as e:
            self.fail(str(e) + "\n" + session.diagnostics())
        server.check_alive()
        self.assertEqual(server.proc.stop(signal.SIGTERM, timeout=10.0), 0)


def main():
    jh.run_test_main(CONFIG, __doc__)


if __name__ == "__main__":
    main()
