#!/usr/bin/env python3
"""Runs a server command the way systemd's Type=notify unit does (NOTIFY_SOCKET, WATCHDOG_USEC)
and checks what it tells the service manager: READY=1, STATUS=, WATCHDOG=1 pings, no pings
once the mix thread is stalled on purpose, STOPPING=1 on SIGTERM; optionally socket activation.

  notify_check.py [--stall-after-ms N] [--socket-activate] [--user jamulus] -- CMD ARGS...

"{port}" in the command becomes a free UDP port (the one handed over with --socket-activate).

Exit status 0 when every check passed; each check prints one line. Every wait is bounded.
"""
import argparse
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

WATCHDOG_USEC = 3_000_000  # pings expected every second


def free_udp_port():
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stall-after-ms", type=int, default=0)
    ap.add_argument("--socket-activate", action="store_true")
    ap.add_argument("--user", default="")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    port = free_udp_port()
    cmd = [c.replace("{port}", str(port)) for c in cmd]
    failures = []

    def check(ok, what):
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        if not ok:
            failures.append(what)

    tmp = tempfile.mkdtemp(prefix="tutti-notify-")
    os.chmod(tmp, 0o755)
    path = os.path.join(tmp, "notify")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(path)
    os.chmod(path, 0o777)  # the server may run as the service user
    env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC=str(WATCHDOG_USEC))
    env.pop("WATCHDOG_PID", None)
    if a.stall_after_ms:
        env["TUTTI_TEST_STALL_MIX_AFTER_MS"] = str(a.stall_after_ms)

    pass_fds = ()
    activated = None
    if a.socket_activate:
        activated = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        activated.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        activated.bind(("::", port))
        activated.setblocking(False)  # as systemd hands it over
        env["LISTEN_FDS"] = "1"
        pass_fds = (3,)
        # LISTEN_PID must be the server's own pid: a shell sets it and execs the server.
        cmd = ["/bin/sh", "-c", 'LISTEN_PID=$$ exec "$@"', "sh"] + cmd

    def preexec():
        if activated is not None:
            os.dup2(activated.fileno(), 3)
            os.set_inheritable(3, True)
        if a.user:
            u = pwd.getpwnam(a.user)
            os.setgroups([])
            os.setgid(u.pw_gid)
            os.setuid(u.pw_uid)

    proc = subprocess.Popen(cmd, env=env, preexec_fn=preexec, pass_fds=pass_fds,
                            stderr=subprocess.PIPE, text=True)
    messages = []  # (time, text)

    def collect(seconds, until=None):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            listener.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                data = listener.recv(4096).decode()
            except socket.timeout:
                break
            messages.append((time.monotonic(), data))
            if until and until(data):
                return True
        return False

    try:
        start = time.monotonic()
        ready = collect(15, lambda d: "READY=1" in d)
        check(ready, "READY=1 within 15 s (%.2f s)" % (time.monotonic() - start))
        ready_msg = next((m for _, m in messages if "READY=1" in m), "")
        check("STATUS=" in ready_msg, "STATUS= with READY=1: %r" % ready_msg.replace("\n", " | "))
        if activated is not None:
            probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            # CLM_PING_MS (id 1001) as a real client sends it (capture 06); the server echoes it.
            ping = bytes.fromhex("0000e90300040040e2010093f3")
            probe.settimeout(0.5)
            got = False
            for _ in range(10):
                probe.sendto(ping, ("127.0.0.1", port))
                try:
                    probe.recvfrom(2048)
                    got = True
                    break
                except socket.timeout:
                    continue
            check(got, "the server answers on the socket it was handed (port %d)" % port)
        t0 = time.monotonic()
        collect(3.5)
        pings = [t for t, m in messages if "WATCHDOG=1" in m and t >= t0]
        check(len(pings) >= 3, "WATCHDOG=1 pings while ticking: %d in 3.5 s" % len(pings))
        if a.stall_after_ms:
            stall_at = start + a.stall_after_ms / 1000.0
            wait = stall_at + 1.0 - time.monotonic()
            if wait > 0:
                collect(wait)
            t1 = time.monotonic()
            collect(4.0)
            late = [t for t, m in messages if "WATCHDOG=1" in m and t >= t1]
            check(not late, "no WATCHDOG=1 once the mix thread is stalled (%d in 4 s)" % len(late))
        proc.send_signal(signal.SIGTERM)
        stopping = collect(10, lambda d: "STOPPING=1" in d)
        check(stopping, "STOPPING=1 after SIGTERM")
        try:
            rc = proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            rc = proc.wait(5)
        check(rc == 0, "clean exit after SIGTERM (status %s)" % rc)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
        err = proc.stderr.read() if proc.stderr else ""
        listener.close()
        shutil.rmtree(tmp, ignore_errors=True)
    statuses = [m for _, m in messages if m.startswith("STATUS=")]
    print("notify messages: %d, STATUS= updates: %s" % (len(messages), statuses[:5]))
    if failures:
        print("--- server stderr ---\n" + err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
