#!/usr/bin/env bash
# Makes docs/images/web-status.png: the web status page of a running tutti-server with three real
# Jamulus clients (headless, over a dummy JACK server; one of them fed a tone so its meter moves)
# and a few chat lines, photographed by headless Chromium.
#
# Usage: tools/web-status-screenshot.sh [SERVER_BIN] [OUTPUT_PNG]
# Needs: Jamulus, jackd, jack_simple_client, chromium (tools/install-deps.sh installs them).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
server_bin="$(realpath "${1:-$here/build/tutti-server}")"
output="$(realpath -m "${2:-$here/docs/images/web-status.png}")"
mkdir -p "$(dirname "$output")"

exec /usr/bin/env python3 - "$server_bin" "$output" "$here" <<'PY'
import json, os, shlex, subprocess, sys, time, urllib.request
server_bin, output, repo = sys.argv[1:4]
sys.path.insert(0, os.path.join(repo, "tests", "interop"))
sys.dont_write_bytecode = True
import jamulus_harness as jh
import web_http as wh

session = jh.Session("Jamulus")
try:
    web_port, udp_port = jh.free_tcp_port(), jh.free_udp_port()
    server = jh.ServerProcess(session, "%s -s -n -p {port} --web-admin-port %d -o 'Rehearsal room;Berlin;de'"
                              % (shlex.quote(server_bin), web_port), udp_port, "")
    jh.wait_until(lambda: wh.try_metrics(web_port), 15, "the web port", 0.1, [server.proc])
    jack = session.start_jack(period=128)
    people = [("Ada", "Berlin", 82, 1), ("Ben", "Hamburg", 82, 4), ("Chloé", "Lyon", 74, 7)]
    clients = [jh.JamulusClient(session, jack, "c%d" % i, udp_port, name=n, channels=0, city=c,
                                country=k, instrument=inst) for i, (n, c, k, inst) in enumerate(people)]
    def count():
        with urllib.request.urlopen("http://127.0.0.1:%d/api/clients" % web_port, timeout=2) as r:
            return len(json.load(r))
    jh.wait_until(lambda: count() == len(people), 30, "all clients", 0.2, [server.proc])
    jack.feed_tone(clients[0].in_ports + clients[2].in_ports)
    for text in ("Soundcheck in 5 minutes", "Ready when you are!"):
        wh.request(web_port, "/api/chat", "POST", {"text": text})
        time.sleep(0.3)
    time.sleep(4)  # levels and network figures settle
    browser = wh.chromium()
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--user-data-dir=" + os.path.join(session.workdir, "chromium"),
                    "--window-size=1200,820", "--virtual-time-budget=7000",
                    "--screenshot=" + output, "http://127.0.0.1:%d/" % web_port],
                   check=True, timeout=60, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print("wrote", output)
finally:
    session.close()
PY
