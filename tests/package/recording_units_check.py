#!/usr/bin/env python3
"""Checks the recording oneshot units against a server started like the unit starts it.

Without systemd as PID 1 `systemctl kill` cannot run, so this takes each unit's ExecStart, checks
it is `systemctl kill --kill-whom=main --signal=SIG... jamulus-headless.service` (the main
process only, as upstream's manual requires), and delivers that signal to the server's main
process exactly as systemd would; the server must log it and act on it.

  recording_units_check.py UNIT_DIR -- SERVER_CMD...    (the server must be given -R DIR)
"""
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time

unit_dir = sys.argv[1]
cmd = sys.argv[sys.argv.index("--") + 1:]
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def exec_start(unit):
    text = open(os.path.join(unit_dir, unit)).read()
    m = re.search(r"^ExecStart=(.*)$", text, re.M)
    return shlex.split(m.group(1)) if m else []


lines = []
proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
reader = threading.Thread(target=lambda: [lines.append(l.rstrip()) for l in proc.stderr],
                          daemon=True)
reader.start()


def wait_for(pattern, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(re.search(pattern, l) for l in lines):
            return True
        time.sleep(0.05)
    return False


try:
    check(wait_for(r"Recording state: (enabled|disabled)"), "server up with a recorder")
    for unit, sig, expect in [
        ("jamulus-headless-toggle-recording.service", "SIGUSR2", r"Recording state: disabled"),
        ("jamulus-headless-new-recording.service", "SIGUSR1", r"OnHandledSignal: 10"),
        ("jamulus-headless-toggle-recording.service", "SIGUSR2", r"Recording state: enabled"),
    ]:
        argv = exec_start(unit)
        ok = (len(argv) >= 5 and argv[0].endswith("systemctl") and argv[1] == "kill"
              and "--kill-whom=main" in argv and "--signal=" + sig in argv
              and argv[-1] == "jamulus-headless.service")
        check(ok, "%s runs %s" % (unit, " ".join(argv)))
        before = len(lines)
        os.kill(proc.pid, getattr(signal, sig))
        deadline = time.monotonic() + 10
        seen = False
        while time.monotonic() < deadline and not seen:
            seen = any(re.search(expect, l) for l in lines[before:])
            time.sleep(0.05)
        check(seen, "%s reached the server: %r" % (sig, expect))
finally:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)
    reader.join(2)
print("server log:\n  " + "\n  ".join(lines[-12:]))
sys.exit(1 if failures else 0)
