"""Harness for interop tests that drive real Debian Jamulus 3.9.1 clients headless.

Pieces: a private JACK server with the dummy backend, Jamulus client processes
whose JSON-RPC notifications are collected by a reader thread, a server
process started from a command template, and WAV / tone analysis helpers.
Python 3 standard library only.

Things we learned about the real programs (Jamulus 3.9.1+dfsg-1, jackd2 1.9.21)
while writing this, in our own words:

* JSON-RPC (client started with --jsonrpcport P --jsonrpcsecretfile F) listens
  on 127.0.0.1:P as soon as the process is up, before JACK and before the
  connection to the server.  Transport: one compact JSON-RPC 2.0 object per
  line over TCP.  The first request must be jamulus/apiAuth {"secret": S}
  (result "ok"); the secret file needs at least 16 characters.
* Notifications go only to connections that are open and authenticated at
  that moment; nothing is replayed.  The welcome message and the first client
  lists arrive within ~100 ms of connecting, so the clients are started (and
  their JSON-RPC attached) BEFORE the server: a 3.9.1 client started with
  -c ADDR keeps trying until the server answers (observed: connected ~70 ms
  after the server came up, also after waiting 4 s for it).
* Shapes seen from 3.9.1 (they differ from the newer upstream docs):
    jamulusclient/connected            {"id": <own channel id>}  (first thing
        after connecting, together with the server's empty client list)
    jamulusclient/clientListReceived   {"clients": [{"id", "name", "city",
                                        "countryId", "instrumentId",
                                        "skillLevel": null|"beginner"|
                                        "intermediate"|"expert"}]}
        (settings file skill 0..3; observed 2 -> "intermediate", 3 -> "expert")
        (no "country"/"instrument" strings in 3.9.1).  The first one after
        connecting is the server's empty list {"clients": []}, and the same
        list is often notified twice in a row.
    jamulusclient/channelLevelListReceived {"channelLevelList": [int, ...]}
        every ~270 ms, one value 0..9 per entry of the current client list,
        same order (ascending channel id).
    jamulusclient/chatTextReceived     {"chatText": "<html>"}  (the old wiki
        page says "text"; 3.9.1 sends "chatText").  The welcome message comes
        as "<b>Server Welcome Message:</b> " + text.
        A chat line looks like '<font color="mediumblue">(10:54:27 PM)
        <b>Alice</b></font> hi &lt;b&gt;' (one line, no break after PM).
    jamulusclient/disconnected         {}  (documented; not needed here)
  Methods: jamulusclient/getClientInfo -> {"connected": bool} (stays true
  after the server vanished until the client times out);
  jamulusclient/getClientList -> {"clients": [...]} (same entries as the
  notification), BUT it answers error {"code": 1, "message": "Client is not
  connected"} for a while after "connected" was notified (until audio from the
  server flows), so poll it;
  jamulusclient/getChannelInfo -> own profile WITHOUT an "id" in 3.9.1;
  jamulusclient/sendChatText {"chatText": s}; jamulusclient/setName {"name": s};
  unknown methods -> error -32601 "Method not found".
* JACK port names of a client started with --clientname X:
  "Jamulus X:input left", "Jamulus X:input right", "Jamulus X:output left",
  "Jamulus X:output right" (without --clientname the JACK client is "Jamulus").
  -j stops the client from wiring itself to system:capture/playback.
* jack_simple_client NAME makes NAME:output1 (240 Hz: a 200-entry sine table
  stepped by 1 at 48 kHz) and NAME:output2 (720 Hz, stepped by 3), amplitude
  0.2 (about -14 dBFS, level meter 6), and wires itself to system:playback_*.
* A mono (audiochannels 0) client sends (left + right) / 2 of its input
  (240 Hz on left and 720 Hz on right came out at half amplitude each).  The
  level B shows for A fed with that tone is 6.
* Channel ids are given in arrival order, which varies run to run (alice got
  id 0 or id 1), so the tests look entries up by name, never by position.
* The audio a client plays out over the dummy JACK backend is not glitch free
  (jitter buffer concealment): a steady sine shows 100 ms block amplitudes
  varying by a factor ~3.  The tone detector therefore works on blocks and
  asks for the tone in most blocks, not in all of them.
* Every JACK tool gets JACK_NO_START_SERVER=1, otherwise a typo in the server
  name silently auto-starts a second jackd.  jackd -n NAME plus
  JACK_DEFAULT_SERVER=NAME keeps parallel runs apart.
* A 3.9.1 client binds 0.0.0.0:(22134 + 83) = 22217 when no -p is given (the
  +83 is its unseeded rand() % 100) and the next free port upwards if taken
  (the second client got 22218), yet it logs "allocated port number: 22134".
  We leave it at that: the upward search keeps parallel runs apart.  The
  3.9.1 server binds 0.0.0.0:PORT.
* Pitfall on our side: socket.makefile() readers become unusable after a
  socket timeout, so the JSON-RPC reader does raw recv() and splits lines.
"""

import argparse
import atexit
import base64
import ctypes
import json
import math
import os
import re
import shlex
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import wave

LOCALHOST = "127.0.0.1"
SAMPLE_RATE = 48000

# ---------------------------------------------------------------- utilities


def free_port(kind=socket.SOCK_DGRAM):
    """A port that is free on 127.0.0.1 right now (UDP by default)."""
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind((LOCALHOST, 0))
        return s.getsockname()[1]


def free_udp_port():
    """A UDP port free on 127.0.0.1 that is also free for TCP (some servers open both)."""
    for _ in range(50):
        port = free_port(socket.SOCK_DGRAM)
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
                t.bind((LOCALHOST, port))
            return port
        except OSError:
            continue
    raise RuntimeError("no free port found on 127.0.0.1")


def free_tcp_port():
    return free_port(socket.SOCK_STREAM)


class WaitTimeout(AssertionError):
    pass


def wait_until(predicate, timeout, what, interval=0.05, alive=()):
    """Poll predicate() until it returns a truthy value or the deadline passes.

    alive: processes (objects with .check_alive()) that must keep running;
    if one dies the wait fails at once instead of running into the deadline.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        for proc in alive:
            proc.check_alive()
        if time.monotonic() >= deadline:
            raise WaitTimeout("timed out after %.1f s waiting for %s" % (timeout, what))
        time.sleep(interval)


def tail(path, lines=30, skip_banner=True):
    try:
        with open(path, "r", errors="replace") as f:
            content = f.read().splitlines()
    except OSError as e:
        return "<cannot read %s: %s>" % (path, e)
    if skip_banner:
        content = [l for l in content if not l.startswith(" ***")]
    return "\n".join(content[-lines:])


def _death_signal(sig):
    """preexec_fn factory: the kernel sends sig to the child if this test process dies (PR_SET_PDEATHSIG)."""
    def preexec():
        try:
            _LIBC.prctl(1, int(sig), 0, 0, 0)
        except Exception:
            pass
    return preexec


try:
    _LIBC = ctypes.CDLL(None, use_errno=True)
except OSError:  # pragma: no cover
    _LIBC = None


class ProcessDied(AssertionError):
    pass


class Proc:
    """One child process with its logs; stopped by PID only."""

    def __init__(self, name, argv, env, workdir, death_signal=signal.SIGTERM):
        self.name = name
        self.argv = list(argv)
        self.stdout_path = os.path.join(workdir, name + ".stdout.log")
        self.stderr_path = os.path.join(workdir, name + ".stderr.log")
        self._out = open(self.stdout_path, "wb")
        self._err = open(self.stderr_path, "wb")
        self.started = time.monotonic()
        self.popen = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, stdout=self._out, stderr=self._err,
                                      env=env, cwd=workdir,
                                      preexec_fn=_death_signal(death_signal) if _LIBC else None)
        self.pid = self.popen.pid

    def poll(self):
        return self.popen.poll()

    def check_alive(self):
        rc = self.popen.poll()
        if rc is not None:
            raise ProcessDied("%s (pid %d) exited with code %s; command: %s\n--- stdout tail ---\n%s\n"
                              "--- stderr tail ---\n%s" % (self.name, self.pid, rc, shlex.join(self.argv),
                                                           tail(self.stdout_path), tail(self.stderr_path)))

    def stop(self, sig=signal.SIGTERM, timeout=5.0):
        """Send sig, wait up to timeout, then SIGKILL. Returns the exit code."""
        if self.popen.poll() is None:
            try:
                self.popen.send_signal(sig)
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(5)
            except ProcessLookupError:
                pass
        for f in (self._out, self._err):
            try:
                f.close()
            except OSError:
                pass
        return self.popen.returncode

    def log_tails(self, lines=30):
        return "--- %s stdout (tail) ---\n%s\n--- %s stderr (tail) ---\n%s" % (
            self.name, tail(self.stdout_path, lines), self.name, tail(self.stderr_path, lines))


def require_tools(names):
    """Return the list of programs from names that are not on PATH."""
    return [n for n in names if shutil.which(n) is None]


# ---------------------------------------------------------------- JSON-RPC


class JsonRpcError(AssertionError):
    pass


class JsonRpcConnection:
    """An authenticated JSON-RPC connection to a Jamulus client with a reader thread.

    Every notification is kept as (monotonic time, method, params) in .notifications.
    """

    def __init__(self, port, secret, label, timeout=15.0, alive=()):
        self.port = port
        self.label = label
        self.notifications = []
        self.responses = {}
        self.errors = []
        self._cond = threading.Condition()
        self._next_id = 1
        self._closed = False
        self.t0 = time.monotonic()

        def try_connect():
            try:
                return socket.create_connection((LOCALHOST, port), timeout=1.0)
            except OSError:
                return None

        self.sock = wait_until(try_connect, timeout, "JSON-RPC port %d of %s" % (port, label), 0.02, alive)
        self.sock.settimeout(None)
        self._reader = threading.Thread(target=self._read_loop, name="jsonrpc-" + label, daemon=True)
        self._reader.start()
        result = self.call("jamulus/apiAuth", {"secret": secret})
        if result != "ok":
            raise JsonRpcError("%s: apiAuth answered %r" % (label, result))

    def _read_loop(self):
        buf = b""
        while True:
            try:
                data = self.sock.recv(65536)
            except OSError as e:
                if not self._closed:
                    self.errors.append("recv failed: %s" % e)
                data = b""
            if not data:
                with self._cond:
                    self._closed = True
                    self._cond.notify_all()
                return
            buf += data
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                if not line.strip():
                    continue
                try:
                    msg = json.loads(line)
                except ValueError:
                    self.errors.append("bad JSON line: %r" % line[:200])
                    continue
                with self._cond:
                    if "id" in msg and ("result" in msg or "error" in msg):
                        self.responses[msg["id"]] = msg
                    elif "method" in msg:
                        self.notifications.append((time.monotonic(), msg["method"], msg.get("params", {})))
                    else:
                        self.errors.append("unexpected message: %r" % msg)
                    self._cond.notify_all()

    def call(self, method, params=None, timeout=10.0):
        """Call a method and return its result; raises JsonRpcError on an error reply or time-out."""
        with self._cond:
            req_id = self._next_id
            self._next_id += 1
        line = json.dumps({"jsonrpc": "2.0", "id": req_id, "method": method, "params": params or {}}) + "\n"
        self.sock.sendall(line.encode())
        deadline = time.monotonic() + timeout
        with self._cond:
            while req_id not in self.responses:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._closed:
                    raise JsonRpcError("%s: no answer to %s within %.1f s%s" % (
                        self.label, method, timeout, " (connection closed)" if self._closed else ""))
                self._cond.wait(remaining)
            reply = self.responses.pop(req_id)
        if "error" in reply:
            raise JsonRpcError("%s: %s returned error %r" % (self.label, method, reply["error"]))
        return reply["result"]

    def of(self, method):
        """All params of notifications with this method, oldest first."""
        with self._cond:
            return [p for _, m, p in self.notifications if m == method]

    def latest(self, method):
        items = self.of(method)
        return items[-1] if items else None

    def wait_for(self, predicate, timeout, what, alive=()):
        """Wait until predicate(self) is truthy; woken by every new message, bounded by timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                value = predicate(self)
                if value:
                    return value
                for proc in alive:
                    proc.check_alive()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise WaitTimeout("%s: timed out after %.1f s waiting for %s" % (self.label, timeout, what))
                self._cond.wait(min(remaining, 0.25))

    def summary(self, max_levels=6):
        """Human-readable record of what this connection saw (for failure messages)."""
        with self._cond:
            notes = list(self.notifications)
        counts = {}
        for _, m, _ in notes:
            counts[m] = counts.get(m, 0) + 1
        out = ["JSON-RPC %s (port %d): %d notifications %s" % (self.label, self.port, len(notes), counts)]
        levels = [(t, p) for t, m, p in notes if m == "jamulusclient/channelLevelListReceived"]
        for t, m, p in notes:
            if m != "jamulusclient/channelLevelListReceived":
                out.append("  +%.3fs %s %s" % (t - self.t0, m, json.dumps(p)[:400]))
        for t, p in levels[-max_levels:]:
            out.append("  +%.3fs level list %s" % (t - self.t0, p.get("channelLevelList")))
        for e in self.errors:
            out.append("  reader: %s" % e)
        return "\n".join(out)

    def close(self):
        self._closed = True
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        try:
            self.sock.close()
        except OSError:
            pass


# ---------------------------------------------------------------- JACK


class JackServer:
    """jackd with the dummy backend under a unique server name."""

    def __init__(self, session, name, period=128):
        self.session = session
        self.name = name
        self.env = session.child_env({"JACK_DEFAULT_SERVER": name})
        self.proc = session.spawn("jackd", ["jackd", "-n", name, "-r", "-d", "dummy", "-r", str(SAMPLE_RATE),
                                            "-p", str(period)], self.env)
        wait_until(lambda: self._lsp_ok(), 15.0, "jackd %s to accept clients" % name, 0.05, [self.proc])

    def _lsp_ok(self):
        r = subprocess.run(["jack_lsp"], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           timeout=10)
        return r.returncode == 0 and b"system:" in r.stdout

    def ports(self):
        r = subprocess.run(["jack_lsp"], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           timeout=10)
        return r.stdout.decode(errors="replace").splitlines() if r.returncode == 0 else []

    def connections(self):
        r = subprocess.run(["jack_lsp", "-c"], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           timeout=10)
        return r.stdout.decode(errors="replace")

    def wait_ports(self, names, timeout=15.0, alive=()):
        return wait_until(lambda: all(n in self.ports() for n in names), timeout,
                          "JACK ports %s" % (names,), 0.05, alive)

    def connect(self, src, dst):
        r = subprocess.run(["jack_connect", src, dst], env=self.env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=10)
        if r.returncode != 0:
            raise AssertionError("jack_connect %r %r failed: %s" % (src, dst, r.stdout.decode(errors="replace")))

    def disconnect(self, src, dst):
        """Remove a connection; returns False if it did not exist."""
        r = subprocess.run(["jack_disconnect", src, dst], env=self.env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=10)
        return r.returncode == 0

    def feed_tone(self, in_ports, timeout=15.0):
        """Starts jack_simple_client (output1 240 Hz, output2 720 Hz) and moves its output1 from the
        system playback ports to `in_ports`; returns the process."""
        # SIGKILL as death signal: jack_simple_client hangs in its SIGTERM handler once jackd is gone.
        tone = self.session.spawn("tone", ["jack_simple_client", "tutti_tone"], self.env, signal.SIGKILL)
        self.wait_ports(list(in_ports) + ["tutti_tone:output1", "tutti_tone:output2"], timeout, [tone])
        for i in (1, 2):
            self.disconnect("tutti_tone:output%d" % i, "system:playback_%d" % i)
        for port in in_ports:
            self.connect("tutti_tone:output1", port)
        return tone

    def record(self, ports, seconds, path):
        """Record the given ports with jack_rec into a 16-bit WAV; returns (channels, rate) as read back."""
        argv = ["jack_rec", "-f", path, "-d", str(seconds), "-b", "16"] + list(ports)
        r = subprocess.run(argv, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=seconds + 15)
        if r.returncode != 0 or not os.path.exists(path):
            raise AssertionError("%s failed (rc %s): %s" % (shlex.join(argv), r.returncode,
                                                             r.stdout.decode(errors="replace")))
        return read_wav(path)


# ---------------------------------------------------------------- Jamulus processes


def write_client_ini(path, name, city="", country=0, instrument=0, skill=0, channels=0, quality=1,
                     small_buffers=False):
    """Settings file for a 3.9.1 client (XML; strings base64).

    channels: 0 mono, 1 mono-in/stereo-out, 2 stereo.  quality: 0 low, 1 normal, 2 high.
    small_buffers: the "small network buffers" check box (key enableopussmall); with a JACK period
    of 64 the client then sends OPUS64 (64-sample frames), otherwise OPUS (128-sample frames).
    """
    def enc(s):
        return base64.b64encode(s.encode("utf-8")).decode("ascii")
    values = [("name_base64", enc(name)), ("city_base64", enc(city)), ("country", country),
              ("instrument", instrument), ("skill", skill), ("audiochannels", channels),
              ("audioquality", quality), ("enableopussmall", int(bool(small_buffers))), ("autojitbuf", 1)]
    with open(path, "w") as f:
        f.write("<client>\n")
        for key, value in values:
            f.write(" <%s>%s</%s>\n" % (key, value, key))
        f.write("</client>\n")


class JamulusClient:
    """A headless Jamulus client in its own JACK client, with an attached JSON-RPC connection."""

    def __init__(self, session, jack, label, server_port, name, channels, quality=1, city="", country=0,
                 instrument=0, skill=0, extra_args=(), small_buffers=False):
        self.session = session
        self.jack = jack
        self.label = label
        self.name = name
        self.profile = {"name": name, "city": city, "countryId": country, "instrumentId": instrument,
                        "skill": skill, "channels": channels, "quality": quality, "small_buffers": small_buffers}
        self.ini = os.path.join(session.workdir, label + ".ini")
        write_client_ini(self.ini, name, city, country, instrument, skill, channels, quality, small_buffers)
        self.rpc_port = free_tcp_port()
        argv = [session.jamulus, "-n", "-j", "-c", "%s:%d" % (LOCALHOST, server_port), "--clientname", label,
                "-i", self.ini, "--jsonrpcport", str(self.rpc_port),
                "--jsonrpcsecretfile", session.secret_file] + list(extra_args)
        self.proc = session.spawn("client-" + label, argv, jack.env)
        self.rpc = JsonRpcConnection(self.rpc_port, session.secret, label, 15.0, [self.proc])
        session.on_close(self.rpc.close)
        self.jack_client = "Jamulus " + label
        self.in_ports = [self.jack_client + ":input left", self.jack_client + ":input right"]
        self.out_ports = [self.jack_client + ":output left", self.jack_client + ":output right"]

    # --- views on the notifications

    def client_lists(self):
        return [p.get("clients", []) for p in self.rpc.of("jamulusclient/clientListReceived")]

    def latest_clients(self):
        lists = self.client_lists()
        return lists[-1] if lists else None

    def latest_names(self):
        clients = self.latest_clients()
        return None if clients is None else [c.get("name") for c in clients]

    def level_lists(self):
        return [p.get("channelLevelList", []) for p in self.rpc.of("jamulusclient/channelLevelListReceived")]

    def chats(self):
        return [p.get("chatText", "") for p in self.rpc.of("jamulusclient/chatTextReceived")]

    def own_id(self):
        c = self.rpc.latest("jamulusclient/connected")
        return None if c is None else c.get("id")

    def diagnostics(self):
        return "%s\n%s" % (self.rpc.summary(), self.proc.log_tails(15))


class ServerProcess:
    """The server under test, started from a command template with {port} and {welcome}."""

    def __init__(self, session, template, port, welcome):
        tokens = shlex.split(template)
        if not any("{port}" in t for t in tokens):
            raise ValueError("server command template needs a {port} placeholder: %r" % template)
        self.argv = [t.replace("{port}", str(port)).replace("{welcome}", welcome) for t in tokens]
        self.port = port
        self.proc = session.spawn("server", self.argv, session.child_env({}))

    def check_alive(self):
        self.proc.check_alive()

    def diagnostics(self):
        return "server command: %s (pid %d, %s)\n%s" % (
            shlex.join(self.argv), self.proc.pid,
            "running" if self.proc.poll() is None else "exited %s" % self.proc.poll(), self.proc.log_tails(30))


# ---------------------------------------------------------------- session


class Session:
    """Owns a temp dir and every process started for one test run; close() undoes everything."""

    def __init__(self, jamulus="Jamulus", keep_tmp=False):
        self.jamulus = shutil.which(jamulus) or jamulus
        self.keep_tmp = keep_tmp
        cleanup_stale()
        self.workdir = tempfile.mkdtemp(prefix="tutti-interop-%d-" % os.getpid())
        self.secret = base64.b32encode(os.urandom(20)).decode("ascii")
        self.secret_file = os.path.join(self.workdir, "jsonrpc-secret.txt")
        with open(self.secret_file, "w") as f:
            f.write(self.secret + "\n")
        self.procs = []
        self._closers = []
        self._closed = False
        self.jack_name = "tutti-interop-%d-%s" % (os.getpid(), os.urandom(3).hex())
        _LIVE_SESSIONS.append(self)

    def child_env(self, extra):
        env = dict(os.environ)
        env.update({
            "QT_QPA_PLATFORM": "offscreen",
            "JACK_NO_START_SERVER": "1",
            # keep Qt/Jamulus settings and caches out of the user's home
            "XDG_CONFIG_HOME": os.path.join(self.workdir, "xdg-config"),
            "XDG_CACHE_HOME": os.path.join(self.workdir, "xdg-cache"),
            "XDG_DATA_HOME": os.path.join(self.workdir, "xdg-data"),
        })
        env.setdefault("XDG_RUNTIME_DIR", self.workdir)
        env.update(extra)
        return env

    def spawn(self, name, argv, env, death_signal=signal.SIGTERM):
        """Start a child; death_signal is what it gets if this process is killed without cleaning up."""
        if self._closed:
            raise RuntimeError("session closed")
        proc = Proc(name, argv, env, self.workdir, death_signal)
        self.procs.append(proc)
        return proc

    def on_close(self, fn):
        self._closers.append(fn)

    def diagnostics(self, lines=20):
        return "\n".join("%s (pid %d, %s): %s\n%s" % (
            p.name, p.pid, "running" if p.poll() is None else "exited %s" % p.poll(), shlex.join(p.argv),
            p.log_tails(lines)) for p in self.procs)

    def start_jack(self, period=128):
        return JackServer(self, self.jack_name, period)

    def close(self):
        """Stop every process (newest first, by PID), close connections, remove the temp dir."""
        if self._closed:
            return
        self._closed = True
        for fn in reversed(self._closers):
            try:
                fn()
            except Exception:
                pass
        for proc in reversed(self.procs):
            proc.stop()
        if self.keep_tmp:
            print("interop: kept temp dir %s" % self.workdir)
        else:
            shutil.rmtree(self.workdir, ignore_errors=True)
        if self in _LIVE_SESSIONS:
            _LIVE_SESSIONS.remove(self)


_LIVE_SESSIONS = []


def close_all_sessions():
    """Stop everything of every open session (for signal handlers and atexit)."""
    for session in list(reversed(_LIVE_SESSIONS)):
        session.close()


atexit.register(close_all_sessions)

_STALE = re.compile(r"tutti-interop-(\d+)-")


def cleanup_stale():
    """Remove temp dirs and JACK shm files left by earlier runs whose test process was SIGKILLed.

    Only names that carry our prefix and the PID of a process that no longer exists are touched.
    """
    places = [(tempfile.gettempdir(), True), ("/dev/shm", False)]
    for base, is_tmp in places:
        try:
            names = os.listdir(base)
        except OSError:
            continue
        for name in names:
            m = _STALE.search(name)
            if not m or (is_tmp and not name.startswith("tutti-interop-")):
                continue
            pid = int(m.group(1))
            if pid == os.getpid():
                continue
            try:
                os.kill(pid, 0)
                continue            # still running (or not ours to judge)
            except ProcessLookupError:
                pass
            except OSError:
                continue
            path = os.path.join(base, name)
            if os.path.isdir(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                try:
                    os.unlink(path)
                except OSError:
                    pass


# ---------------------------------------------------------------- audio analysis


def read_wav(path):
    """Read a 16-bit PCM WAV; returns (list of per-channel sample lists, sample rate)."""
    with wave.open(path, "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError("%s: expected 16-bit samples, got %d bytes" % (path, w.getsampwidth()))
        ch = w.getnchannels()
        n = w.getnframes()
        raw = w.readframes(n)
        rate = w.getframerate()
    n = len(raw) // (2 * ch)
    samples = struct.unpack("<%dh" % (n * ch), raw[:n * ch * 2])
    return [list(samples[c::ch]) for c in range(ch)], rate


def write_wav(path, channels, rate=SAMPLE_RATE):
    """Write per-channel integer sample lists as a 16-bit PCM WAV (used by the self-test)."""
    n = min(len(c) for c in channels)
    frames = []
    for i in range(n):
        for c in channels:
            frames.append(max(-32768, min(32767, int(c[i]))))
    with wave.open(path, "wb") as w:
        w.setnchannels(len(channels))
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(struct.pack("<%dh" % len(frames), *frames))


def goertzel_amplitude(samples, freq, rate=SAMPLE_RATE):
    """Amplitude (in sample units) of the freq component of samples, by the Goertzel recurrence."""
    n = len(samples)
    if n == 0:
        return 0.0
    coeff = 2.0 * math.cos(2.0 * math.pi * freq / rate)
    s1 = s2 = 0.0
    for x in samples:
        s1, s2 = x + coeff * s1 - s2, s1
    power = s1 * s1 + s2 * s2 - coeff * s1 * s2
    return 2.0 * math.sqrt(max(power, 0.0)) / n


def rms(samples):
    return math.sqrt(sum(x * x for x in samples) / len(samples)) if samples else 0.0


def tone_report(samples, freq, control_freqs=(), rate=SAMPLE_RATE, block=4800, min_amplitude=300.0):
    """Per-block Goertzel amplitudes at freq and at control frequencies.

    block=4800 at 48 kHz gives 10 Hz bins, so multiples of 10 Hz sit on a bin centre.
    """
    blocks = [samples[i:i + block] for i in range(0, len(samples) - block + 1, block)]
    amps = [goertzel_amplitude(b, freq, rate) for b in blocks]
    controls = {f: [goertzel_amplitude(b, f, rate) for b in blocks] for f in control_freqs}
    mean = sum(amps) / len(amps) if amps else 0.0
    control_mean = max((sum(v) / len(v) for v in controls.values() if v), default=0.0)
    return {
        "freq": freq,
        "blocks": len(blocks),
        "mean_amplitude": round(mean, 1),
        "min_block": round(min(amps), 1) if amps else 0.0,
        "max_block": round(max(amps), 1) if amps else 0.0,
        "fraction_above": (sum(1 for a in amps if a >= min_amplitude) / len(amps)) if amps else 0.0,
        "control_mean": {f: round(sum(v) / len(v), 1) for f, v in controls.items() if v},
        "control_max_mean": round(control_mean, 1),
        "rms": round(rms(samples), 1),
        "peak": max((abs(x) for x in samples), default=0),
    }


def detect_tone(samples, freq, control_freqs=(720.0, 1500.0, 3010.0), rate=SAMPLE_RATE, min_amplitude=300.0,
                min_ratio=8.0, min_fraction=0.6):
    """True if samples carry a steady sine at freq; returns (found, report).

    Needs: mean block amplitude at freq >= min_amplitude (300 ~ -41 dBFS), at least min_fraction of the
    100 ms blocks above min_amplitude, and the tone >= min_ratio times stronger than every control frequency
    (so broadband noise or clipping does not count as the tone).
    """
    report = tone_report(samples, freq, control_freqs, rate, min_amplitude=min_amplitude)
    found = (report["blocks"] > 0
             and report["mean_amplitude"] >= min_amplitude
             and report["fraction_above"] >= min_fraction
             and report["mean_amplitude"] >= min_ratio * max(report["control_max_mean"], 1.0))
    report["found"] = found
    return found, report


def sine(freq, seconds, amplitude=6553.0, rate=SAMPLE_RATE, phase=0.0):
    return [amplitude * math.sin(2 * math.pi * freq * i / rate + phase) for i in range(int(seconds * rate))]


def server_binary(config):
    """The tutti-server to test: --server-bin, else $TUTTI_SERVER_BIN, else <repo>/build/tutti-server
    if it exists; None when there is none."""
    binary = config.get("server_bin") or os.environ.get("TUTTI_SERVER_BIN")
    if not binary:
        repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        candidate = os.path.join(repo, "build", "tutti-server")
        binary = candidate if os.path.exists(candidate) else None
    return binary


def default_config():
    """The settings every interop test starts from; run_test_main overrides them from its command
    line."""
    return {
        "server_cmd": None,
        "server_bin": None,
        "jamulus": os.environ.get("TUTTI_INTEROP_JAMULUS", "Jamulus"),
        "keep_tmp": bool(os.environ.get("TUTTI_INTEROP_KEEP_TMP")),
    }


def open_session(config, tools=(), testcase=None):
    """(server binary, Session) for a test that runs the server and the Jamulus client and also
    needs the programs in `tools`. Skips the test (unittest.SkipTest) when the binary or a program
    is missing. With `testcase`, the session is closed at the test's cleanup."""
    import unittest
    binary = server_binary(config)
    if binary is None:
        raise unittest.SkipTest("no server binary: use --server-bin or TUTTI_SERVER_BIN")
    missing = require_tools([config["jamulus"]] + list(tools))
    if missing:
        raise unittest.SkipTest("missing programs: %s" % ", ".join(missing))
    session = Session(config["jamulus"], keep_tmp=config["keep_tmp"])
    if testcase is not None:
        testcase.addCleanup(session.close)
    return os.path.abspath(binary), session


class ServerWaits:
    """For a unittest.TestCase with self.session and self.server (a process): bounded waits that
    fail the test with the session's diagnostics, and stop early if the server exits."""

    step_timeout = 20.0

    def diag(self):
        return "\n=== diagnostics ===\n%s" % self.session.diagnostics(30)

    def wait(self, predicate, what, timeout=None):
        try:
            return wait_until(predicate, timeout or self.step_timeout, what, 0.05, [self.server])
        except AssertionError as e:
            self.fail(str(e) + self.diag())


def run_test_main(config, doc, extra_flags=()):
    """The command line every interop test shares: --server-cmd, --server-bin, --jamulus,
    --keep-tmp and the test's own boolean `extra_flags`, stored into `config` (dashes become
    underscores); then unittest with the remaining arguments. SIGTERM (e.g. a ctest time-out)
    aborts like Ctrl-C, and every child process is stopped before exiting."""
    import unittest
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--server-cmd")
    ap.add_argument("--server-bin")
    ap.add_argument("--jamulus")
    ap.add_argument("--keep-tmp", action="store_true")
    for flag in extra_flags:
        ap.add_argument(flag, action="store_true")
    ap.add_argument("-h", "--help", action="store_true")
    args, rest = ap.parse_known_args()
    if args.help:
        print(doc)
        return
    config["server_cmd"] = args.server_cmd
    config["server_bin"] = os.path.abspath(args.server_bin) if args.server_bin else config.get("server_bin")
    if args.jamulus:
        config["jamulus"] = args.jamulus
    if args.keep_tmp:
        config["keep_tmp"] = True
    for flag in extra_flags:
        name = flag.lstrip("-").replace("-", "_")
        config[name] = getattr(args, name)

    def on_term(*_):
        raise KeyboardInterrupt("SIGTERM")
    signal.signal(signal.SIGTERM, on_term)
    try:
        unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
    except KeyboardInterrupt as e:
        print("\ninterop: interrupted (%s), stopping all processes" % (e or "Ctrl-C"), file=sys.stderr)
        close_all_sessions()
        sys.exit(130)
    finally:
        close_all_sessions()
