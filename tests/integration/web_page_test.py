#!/usr/bin/env python3
"""The web status page in headless Chromium with simulated clients (tools/loadgen, no JACK or
Jamulus needed): after the page's script has polled, it lists every connected client by name.
Usage: web_page_test.py --server-bin PATH --loadgen-bin PATH"""

import argparse
import json
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

BINS = {"server": "", "loadgen": ""}


def free_port(kind):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what)


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


class WebPageTest(unittest.TestCase):
    def test_page_lists_connected_clients_by_name(self):
        browser = wh.chromium()
        if not BINS["server"] or not BINS["loadgen"] or browser is None:
            self.skipTest("needs tutti-server, tutti-loadgen and chromium")
        workdir = tempfile.mkdtemp(prefix="tutti-web-page-")
        self.addCleanup(shutil.rmtree, workdir, True)
        web_port, udp_port = free_port(socket.SOCK_STREAM), free_port(socket.SOCK_DGRAM)
        err = open(os.path.join(workdir, "server.err"), "wb")
        self.addCleanup(err.close)
        server = subprocess.Popen([BINS["server"], "-n", "-p", str(udp_port), "--web-admin-port", str(web_port)],
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, cwd=workdir)
        self.addCleanup(stop, server)
        wait_until(lambda: wh.try_metrics(web_port), 15, "the web port")
        # Two clients playing for 15 s, then leaving properly (loadgen disconnects them itself).
        load = subprocess.Popen([BINS["loadgen"], "--port", str(udp_port), "--clients", "2", "--duration", "15",
                                 "--quiet"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=workdir)
        self.addCleanup(stop, load)

        def named():
            status, _, body = wh.request(web_port, "/api/clients")
            return status == 200 and sorted(c["name"] for c in json.loads(body)) == ["lg000", "lg001"]
        wait_until(named, 20, "both clients named")
        dom = wh.dump_dom(browser, "http://127.0.0.1:%d/" % web_port, workdir)
        self.assertIn('class="client-name">lg000<', dom, dom[-3000:])
        self.assertIn('class="client-name">lg001<', dom)
        self.assertIn("2 / 10 clients", dom)
        self.assertIn('id="no-clients" class="muted" hidden', dom)
        load.wait(45)
        wait_until(lambda: wh.sample(wh.metrics(web_port), "tutti_clients_connected") == 0, 20,
                   "the clients gone")
        dom = wh.dump_dom(browser, "http://127.0.0.1:%d/" % web_port, workdir)
        self.assertNotIn("lg000", dom)
        self.assertIn("0 / 10 clients", dom)
        self.assertIsNone(server.poll())


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--server-bin")
    parser.add_argument("--loadgen-bin")
    args, rest = parser.parse_known_args()
    BINS["server"] = os.path.abspath(args.server_bin) if args.server_bin else ""
    BINS["loadgen"] = os.path.abspath(args.loadgen_bin) if args.loadgen_bin else ""
    wh.have_prometheus_parser()
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
