#!/usr/bin/env python3
"""Runs Tutti and the Jamulus server side by side under tutti-loadgen and writes BENCHMARKS.md.

One command, standard library only. Every server runs on 127.0.0.1 and is stopped at the end
(also on Ctrl-C). The servers of one frame size run at the same time on different ports and the
runs are interleaved (run 1 of every server, then run 2, ...), so background load hits all of
them alike. Each figure is the median of --runs runs. Before every run the script waits, for a
bounded time, until the machine is quiet (--quiet-load, --quiet-idle, --quiet-wait), and says so.

    python3 tools/bench/run_benchmarks.py --build-dir build            # full matrix (~75 min)
    python3 tools/bench/run_benchmarks.py --build-dir build --quick    # ~6 min subset

Raw results (one JSON object per run) go to --raw; the tables replace the text between the
"bench:begin" and "bench:end" markers of --benchmarks (BENCHMARKS.md), or are printed with
--print.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import signal
import socket
import statistics
import struct
import subprocess
import sys
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FULL_N = [10, 25, 50, 75, 100, 125, 150]
QUICK_N = [10, 50, 100, 150]


def log(text):
    print(f"[bench {datetime.datetime.now():%H:%M:%S}] {text}", file=sys.stderr, flush=True)


def loadavg():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def udp_port_bound(port):
    for name in ("/proc/net/udp", "/proc/net/udp6"):
        try:
            with open(name) as f:
                next(f)
                for line in f:
                    local = line.split()[1]
                    if int(local.rsplit(":", 1)[1], 16) == port:
                        return True
        except OSError:
            pass
    return False


def crc16(data):
    reg = 0xFFFF
    for byte in data:
        reg ^= byte << 8
        for _ in range(8):
            reg = ((reg << 1) ^ 0x1021) if reg & 0x8000 else (reg << 1)
            reg &= 0xFFFF
    return reg ^ 0xFFFF


def clients_connected(port, timeout=0.5):
    """Asks the server for its client count (CLM_PING_MS_WITHNUMCLIENTS); None if no answer."""
    payload = struct.pack("<IB", int(time.time() * 1000) & 0xFFFFFFFF, 0)
    frame = struct.pack("<HHBH", 0, 1002, 0, len(payload)) + payload
    frame += struct.pack("<H", crc16(frame))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.sendto(frame, ("127.0.0.1", port))
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                data = s.recv(2048)
            except socket.timeout:
                return None
            if len(data) >= 14 and struct.unpack_from("<H", data, 2)[0] == 1002:
                return data[11]
    return None


def wait_idle(server, timeout=45):
    """A saturated Jamulus may keep the channels of a finished run busy for up to its 30 s
    time-out; the next measurement (of any server) must not share the CPU with that."""
    deadline = time.time() + timeout
    while time.time() < deadline and server.alive():
        if clients_connected(server.port) == 0:
            return True
        time.sleep(0.5)
    log(f"{server.name} still has clients after {timeout} s")
    return False


def cpu_times():
    """(idle, total) jiffies of all CPUs from /proc/stat; iowait counts as idle."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:9]]
    return fields[3] + fields[4], sum(fields)


def cpu_idle_pct(seconds):
    idle0, total0 = cpu_times()
    time.sleep(seconds)
    idle1, total1 = cpu_times()
    return 100.0 * (idle1 - idle0) / max(1, total1 - total0)


def wait_for_quiet(args, what):
    """Waits until the machine is quiet: 1-minute load average below --quiet-load and the CPUs
    at least --quiet-idle % idle over a 2 s sample (the idle servers of this run cost nothing).
    Gives up after --quiet-wait seconds with a loud warning, so a machine that never gets quiet
    cannot stall the matrix. Returns what it saw, for the raw record."""
    if args.quiet_wait <= 0:
        return {}
    start = time.time()
    deadline = start + args.quiet_wait
    said = False
    while True:
        load = loadavg()[0]
        idle = cpu_idle_pct(2.0)
        quiet = load < args.quiet_load and idle >= args.quiet_idle
        if quiet or time.time() >= deadline:
            break
        if not said:
            log(f"{what}: waiting for a quiet machine (load {load:.2f}, want < "
                f"{args.quiet_load:g}; CPU idle {idle:.0f} %, want >= {args.quiet_idle:g} %), "
                f"at most {args.quiet_wait:g} s")
            said = True
        time.sleep(3.0)
    waited = time.time() - start
    if not quiet:
        log(f"WARNING {what}: the machine did not get quiet in {args.quiet_wait:g} s (load "
            f"{load:.2f}, CPU idle {idle:.0f} %): measuring anyway, the figures are suspect")
    elif said:
        log(f"{what}: quiet after {waited:.0f} s (load {load:.2f}, CPU idle {idle:.0f} %)")
    return {"quiet": quiet, "quiet_waited_s": round(waited, 1), "quiet_load": load,
            "quiet_idle_pct": round(idle, 1)}


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


class Server:
    """One server process: a name for the tables, its command line, its log file."""

    def __init__(self, name, argv, env_extra, logdir):
        self.name = name
        self.argv = argv
        self.env_extra = env_extra
        self.port = int(argv[argv.index("-p") + 1])
        self.logpath = os.path.join(logdir, re.sub(r"[^A-Za-z0-9]+", "_", name) + ".log")
        self.proc = None
        self.failure = None
        self.fresh_rss_kib = None

    def command_text(self):
        env = " ".join(f"{k}={v}" for k, v in self.env_extra.items())
        return (env + " " if env else "") + shlex.join(self.argv)

    def start(self):
        env = dict(os.environ, **self.env_extra)
        self.logfile = open(self.logpath, "w")
        self.proc = subprocess.Popen(self.argv, stdout=self.logfile, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, env=env)
        deadline = time.time() + 15
        while time.time() < deadline:
            if self.proc.poll() is not None:
                self.logfile.flush()
                with open(self.logpath) as f:
                    self.failure = f.read().strip().splitlines()[-1:] or ["exited"]
                self.failure = self.failure[0]
                self.proc = None
                return False
            if udp_port_bound(self.port):
                time.sleep(0.5)  # let it finish starting up
                self.fresh_rss_kib = rss_kib(self.proc.pid)
                return True
            time.sleep(0.1)
        self.stop()
        self.failure = "did not bind its port within 15 s"
        return False

    def pid(self):
        return self.proc.pid if self.proc else None

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        self.logfile.close()

    def __del__(self):
        if getattr(self, "logfile", None) and not self.logfile.closed:
            self.logfile.close()


def server_variants(args, frame, logdir):
    """The servers of one frame-size group. 64-sample groups run the servers with -F."""
    fast = ["-F"] if frame == 64 else []
    common = ["-n", "-u", "150"]
    # Both servers at the priority jamulus-headless.service gives Jamulus (Nice=-20), so other
    # work on the machine disturbs them alike.
    nice = ["nice", "-n", str(args.nice)] if args.nice else []
    out = []
    for name in args.servers:
        port = str(free_udp_port())
        if name == "tutti":
            # The load generator gives each client its own 127.0.0.K address; the lifted
            # per-IP limit keeps `tutti-loadgen --sources ports` (one address) usable too.
            argv = [*nice, args.tutti, *common, "--maxchannelsperip", "150", "-p", port, *fast,
                    *args.tutti_args]
            out.append(Server("Tutti" + (" -F" if fast else ""), argv, {}, logdir))
        elif name in ("jamulus", "jamulus-T"):
            threads = ["-T"] if name == "jamulus-T" else []
            argv = [*nice, args.jamulus, "-s", *common, "-p", port, *threads, *fast]
            label = "Jamulus 3.9.1" + (" -T" if threads else "") + (" -F" if fast else "")
            out.append(Server(label, argv, {"QT_QPA_PLATFORM": "offscreen"}, logdir))
    return out


def loadgen_argv(args, server, n, frame, mixes):
    argv = [args.loadgen, "-p", str(server.port), "-n", str(n), "--frame", str(frame),
            "--stereo", "--quality", "normal", "--mixes", mixes,
            "--duration", f"{args.duration}s", "--join-over", f"{args.join_over}s",
            "--settle", "1s", "--json", "--quiet"]
    if args.loadgen_rt > 0:
        argv += ["--rt-priority", str(args.loadgen_rt)]
    if args.fader_moves > 0:
        argv += ["--fader-moves", str(args.fader_moves)]
    return argv


def run_loadgen(argv, pid, label):
    full = argv + ["--server-pid", str(pid), "--label", label]
    proc = subprocess.run(full, capture_output=True, text=True, timeout=300)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"loadgen failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")


def codec_floor(args):
    proc = subprocess.run([args.codec_floor, "--clients", "100", "--seconds", "0.5", "--json"],
                          capture_output=True, text=True, timeout=600)
    text = proc.stdout
    data = json.loads([line for line in text.splitlines() if line.startswith("{")][-1])
    table = "\n".join(line for line in text.splitlines() if not line.startswith("{"))
    return data, table


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(runs):
    """Median of each figure over the runs of one (server, frame, mixes, N) cell."""
    def med(key):
        return median([r.get(key) for r in runs])
    held = sum(1 for r in runs if r["held"])
    # Growth over the freshly started server (the idle figure before a run includes whatever
    # earlier, larger runs left allocated).
    rss_delta = median([r["server_rss_end_kib"] - r["server_rss_fresh_kib"] for r in runs
                        if r.get("server_rss_end_kib") and r.get("server_rss_fresh_kib")])
    return {
        "runs": len(runs), "held_runs": held, "held": held * 2 > len(runs),
        "cpu": med("server_cpu_pct"), "delivered_min": med("delivered_min"),
        "delivered_median": med("delivered_median"),
        "p99_us": med("inter_p99_us"), "worst_p99_us": med("worst_client_p99_us"),
        "spread_p99_us": med("send_spread_p99_us"),
        "rss_kib": med("server_rss_end_kib"), "rss_delta_kib": rss_delta,
        "join_p50_ms": med("join_p50_ms"), "join_max_ms": med("join_max_ms"),
        "loadgen_cpu": med("loadgen_cpu_pct"), "late_p99_us": med("send_late_p99_us"),
        "load": median([r["loadavg_start"][0] for r in runs]),
        "load_end": median([r["loadavg_end"][0] for r in runs if r.get("loadavg_end")]),
        "unquiet_runs": sum(1 for r in runs if r.get("quiet") is False),
        "joined": min(r["joined"] for r in runs),
    }


def cell_runs(records, server, frame, mixes, n):
    return [r for r in records if r.get("type", "run") == "run" and r["server"] == server
            and r["frame"] == frame and r["mixes"] == mixes and r["clients"] == n]


def collapsed_below(records, server, frame, mixes, n):
    """Whether the server already fell apart at a smaller N of this series: no run held and
    the median run lost more than 10 % of the mix packets (or clients could not even join).
    Larger N would only take minutes of join time-outs to show the same."""
    smaller = sorted({r["clients"] for r in records if r.get("type", "run") == "run"
                      and r["server"] == server and r["frame"] == frame
                      and r["mixes"] == mixes and r["clients"] < n})
    for m in smaller:
        runs = cell_runs(records, server, frame, mixes, m)
        if runs and not any(r["held"] for r in runs) and \
                median([r["delivered_min"] for r in runs]) < 0.9:
            return True
    return any(r.get("type") == "skipped" and r["server"] == server and r["frame"] == frame
               and r["mixes"] == mixes and r["clients"] < n for r in records)



def fmt(value, spec, none="–"):
    return none if value is None else format(value, spec)


def table_order(item):
    (frame, mixes), _ = item
    return (-frame, 0 if mixes == "default" else 1)


def floor_pct(floor, frame, n):
    """Codec floor in % of one core for n stereo normal-quality clients, all mixes different."""
    if floor is None:
        return None
    for f in floor["data"]["formats"]:
        if f["frame"] == frame and f["channels"] == 2 and f["coded_bytes"] in (71, 35):
            return n * (48000 / frame) * f["both_us"] / 1e6 * 100
    return None


def render(records):
    """Markdown from raw records: one table per (frame, mixes), joins, floor, commands."""
    runs = [r for r in records if r.get("type", "run") == "run"]
    metas = [r for r in records if r.get("type") == "meta"]
    floors = [r for r in records if r.get("type") == "codec_floor"]
    notes = []
    for r in records:
        if r.get("type") == "note" and r["text"] not in notes:
            notes.append(r["text"])
    floor = floors[-1] if floors else None
    skipped = {(r["server"], r["frame"], r["mixes"], r["clients"])
               for r in records if r.get("type") == "skipped"}

    cells = {}
    names_by_frame = {}
    for r in runs:
        key = (r["frame"], r["mixes"])
        cells.setdefault(key, {}).setdefault(r["clients"], {}).setdefault(r["server"], []).append(r)
        names = names_by_frame.setdefault(r["frame"], [])
        if r["server"] not in names:
            names.append(r["server"])
    results = {key: {n: {s: summarise(rs) for s, rs in by_server.items()}
                     for n, by_server in rows.items()}
               for key, rows in cells.items()}

    out = []
    for m in metas:
        out.append(f"- {m['date']}: {m['host']}, {m['cpus']} CPUs ({m['cpu_model']}), kernel "
                   f"{m['kernel']}; Tutti `{m['tutti_version']}` (git {m['git']}); "
                   f"Jamulus `{m['jamulus_version']}`; {m['runs']} run(s) per cell, "
                   f"{m['duration']:g} s window after a {m['join_over']:g} s join ramp and 1 s "
                   f"settle; servers at nice {m.get('nice', 0)}; load generator SCHED_FIFO "
                   f"priority {m['loadgen_rt']}" + (
                       f"; before each run the script waited (at most {m['quiet_wait']:g} s) for "
                       f"a 1-minute load average below {m['quiet_load']:g} and CPUs at least "
                       f"{m['quiet_idle']:g} % idle." if m.get("quiet_wait") else "."))
    loads = [r["loadavg_start"][0] for r in runs]
    if loads:
        out.append(f"- 1-minute loadavg at the start of the runs: {min(loads):.2f} to "
                   f"{max(loads):.2f} (median {statistics.median(loads):.2f}); the servers and "
                   f"the load generator themselves account for about 1 to 3 of it.")
    out.append("- 128-sample tables: servers without -F. 64-sample tables: servers with -F.")
    out.append("")
    out.append("Columns per server: CPU = server CPU in % of one core over the window "
               "(/proc/PID/stat, all threads); deliv = lowest delivered/expected mix-packet "
               "ratio of any client; p99 = p99 inter-arrival of mix packets (all clients merged, "
               "kernel receive timestamps) in ms; RSS = VmRSS at the end of the window in MiB; "
               "loadgen CPU = the load generator's own CPU in % of one core over the same "
               "window; load = 1-minute load average at the start → end of the window, ⚠ = a "
               "run in that cell started before the machine got quiet (see the notes); "
               "holds = ≥ 99.5 % delivered at every client and p99 < 2 frame periods (majority "
               "of runs); skipped = not run because that server had already collapsed (no run "
               "held, < 90 % delivered) at a smaller N of the same table; † = a server in that "
               "ratio did not hold, so its CPU figure is capped by the CPU it could get and the "
               "ratio means little. Every figure is the median over the runs of its cell.")
    out.append("")
    for (frame, mixes), rows in sorted(results.items(), key=table_order):
        names = [s for s in names_by_frame[frame] if any(s in r for r in rows.values())]
        out.append(f"#### {frame}-sample stereo normal clients, {mixes} mixes")
        out.append("")
        head = "| N |"
        sep = "|---:|"
        for s in names:
            head += f" {s}: CPU % | loadgen CPU % | deliv | p99 ms | RSS MiB | load | holds |"
            sep += "---:|---:|---:|---:|---:|---:|:---:|"
        tutti = next((s for s in names if s.startswith("Tutti")), None)
        jam = [s for s in names if s.startswith("Jamulus")]
        if tutti:
            for j in jam:
                head += f" CPU Tutti / {j.replace('Jamulus 3.9.1', 'J')} |"
                sep += "---:|"
            if mixes == "different":
                head += " CPU Tutti / floor |"
                sep += "---:|"
        out.append(head)
        out.append(sep)
        for n in sorted(rows):
            cellrow = rows[n]
            line = f"| {n} |"
            for s in names:
                c = cellrow.get(s)
                if c is None:
                    line += (" – | – | – | – | – | – | no (skipped) |"
                             if (s, frame, mixes, n) in skipped else " – | – | – | – | – | – | – |")
                    continue
                rss = None if c["rss_kib"] is None else c["rss_kib"] / 1024
                p99 = None if c["p99_us"] is None else c["p99_us"] / 1000
                unquiet = " ⚠" if c["unquiet_runs"] else ""
                line += (f" {fmt(c['cpu'], '.1f')} | {fmt(c['loadgen_cpu'], '.1f')} |"
                         f" {fmt(c['delivered_min'], '.4f')} |"
                         f" {fmt(p99, '.2f')} | {fmt(rss, '.1f')} |"
                         f" {fmt(c['load'], '.2f')}→{fmt(c['load_end'], '.2f')}{unquiet} |"
                         f" {'yes' if c['held'] else 'no'} |")
            if tutti:
                t = cellrow.get(tutti)
                for j in jam:
                    jc = cellrow.get(j)
                    ratio = (t["cpu"] / jc["cpu"]) if t and jc and t["cpu"] and jc["cpu"] else None
                    # A server that does not hold is starved of CPU; its figure is a floor.
                    mark = "" if ratio is None or (jc["held"] and t["held"]) else " †"
                    line += f" {fmt(ratio, '.2f')}{mark} |"
                if mixes == "different":
                    fl = floor_pct(floor, frame, n)
                    ratio = t["cpu"] / fl if t and fl and t["cpu"] is not None else None
                    mark = "" if ratio is None or t["held"] else " †"
                    line += f" {fmt(ratio, '.2f')}{mark} |"
            out.append(line)
        out.append("")
        out.append("Max N held: " + "; ".join(
            f"{s} {max([n for n in rows if rows[n].get(s, {}).get('held')], default='none')}"
            for s in names) + ".")
        out.append("")
    out.append("#### Joining, tick spread, memory, load generator (N = 100 and the largest N)")
    out.append("")
    out.append("| frame | mixes | N | server | joined | join p50 ms | join max ms |"
               " send spread p99 µs | RSS growth per client KiB (over fresh idle) |"
               " loadgen CPU % |"
               " loadgen send lateness p99 µs |")
    out.append("|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for (frame, mixes), rows in sorted(results.items(), key=table_order):
        for n in sorted(rows):
            if n != 100 and n != max(rows):
                continue
            for s, c in rows[n].items():
                per_client = None if c["rss_delta_kib"] is None else c["rss_delta_kib"] / n
                out.append(f"| {frame} | {mixes} | {n} | {s} | {c['joined']} |"
                           f" {fmt(c['join_p50_ms'], '.1f')} | {fmt(c['join_max_ms'], '.1f')} |"
                           f" {fmt(c['spread_p99_us'], '.0f')} | {fmt(per_client, '.1f')} |"
                           f" {fmt(c['loadgen_cpu'], '.1f')} | {fmt(c['late_p99_us'], '.0f')} |")
    out.append("")
    if floor:
        out.append("#### Codec floor (tutti-codec-floor, measured in the same run)")
        out.append("")
        out.append("```")
        out.append(floor["table"])
        out.append("```")
        out.append("")
    out.append("#### Exact commands")
    out.append("")
    out.append("```sh")
    seen = set()
    for m in metas:
        for cmd in ["# " + m["argv"], *m["server_commands"], *m["loadgen_examples"],
                    m.get("codec_floor_command", "")]:
            if cmd and cmd not in seen:
                seen.add(cmd)
                out.append(cmd)
    out.append("```")
    if notes:
        out.append("")
        for note in notes:
            out.append(f"- {note}")
    return "\n".join(out) + "\n"


def write_benchmarks(path, text):
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    try:
        with open(path) as f:
            current = f.read()
    except OSError:
        current = f"# Benchmarks\n\n{begin}\n{end}\n"
    if begin not in current or end not in current:
        current += f"\n{begin}\n{end}\n"
    head, rest = current.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(path, "w") as f:
        f.write(head + begin + "\n" + text + end + tail)


def version_of(argv, env=None):
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=20,
                              env=dict(os.environ, **(env or {})))
        text = (proc.stdout + proc.stderr).strip().splitlines()
        return next((line.strip(" *") for line in text if re.search(r"\d+\.\d+", line)), "?")
    except (OSError, subprocess.SubprocessError):
        return "?"


def git_revision():
    try:
        rev = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return rev + (" + uncommitted changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=os.path.join(REPO, "build"))
    ap.add_argument("--jamulus", default="/usr/bin/Jamulus")
    ap.add_argument("--servers", default="tutti,jamulus,jamulus-T",
                    help="comma list of tutti, jamulus, jamulus-T")
    ap.add_argument("--clients", help="comma list of N (default 10,25,50,75,100,125,150)")
    ap.add_argument("--frames", default="128,64", help="comma list of 128, 64")
    ap.add_argument("--mixes", default="default,different")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--duration", type=float, default=10.0)
    ap.add_argument("--join-over", type=float, default=5.0)
    ap.add_argument("--fader-moves", type=float, default=0.0)
    ap.add_argument("--loadgen-rt", type=int, default=80,
                    help="SCHED_FIFO priority of the load generator, 0 = normal (default 80, above "
                         "Tutti's mix threads at 70)")
    ap.add_argument("--nice", type=int, default=-20 if os.geteuid() == 0 else 0,
                    help="nice value of both servers (default -20 as root, as the "
                         "jamulus-headless.service unit; 0 = unchanged)")
    ap.add_argument("--quiet-load", type=float, default=0.75 * (os.cpu_count() or 1),
                    help="before each run wait until the 1-minute load average is below this "
                         "(default 0.75 per CPU)")
    ap.add_argument("--quiet-idle", type=float, default=90.0,
                    help="... and the CPUs are at least this %% idle over 2 s (default 90)")
    ap.add_argument("--quiet-wait", type=float, default=120.0,
                    help="longest wait for quiet before each run, then measure anyway with a "
                         "warning in the log and the tables (default 120 s; 0 = don't wait)")
    ap.add_argument("--tutti-revision",
                    help="what tutti-server was built from, if not the checkout's HEAD")
    ap.add_argument("--tutti-args", default="", help="extra tutti-server arguments, e.g. '-T'")
    ap.add_argument("--quick", action="store_true",
                    help="N 10,50,100,150, 128-sample only, 1 run of 5 s (about 6 min)")
    ap.add_argument("--raw", default="bench-raw.jsonl",
                    help="raw results of this invocation (one JSON object per line)")
    ap.add_argument("--resume", nargs="+", metavar="RAW",
                    help="take the runs of these raw files as done (and into the tables)")
    ap.add_argument("--no-skip", dest="skip_collapsed", action="store_false",
                    help="also run N beyond the point where a Jamulus server already collapsed "
                         "(by default skipped: < 90 %% delivered and no run held)")
    ap.add_argument("--render-only", nargs="+", metavar="RAW",
                    help="run nothing: write the tables from these raw files")
    ap.add_argument("--benchmarks", default=os.path.join(REPO, "BENCHMARKS.md"))
    ap.add_argument("--print", action="store_true", help="print the tables, leave the file alone")
    args = ap.parse_args()

    if args.render_only:
        records = []
        for path in args.render_only:
            with open(path) as f:
                records += [json.loads(line) for line in f if line.strip()]
        finish(args, render(records))
        return

    args.servers = [s for s in args.servers.split(",") if s]
    args.tutti_args = shlex.split(args.tutti_args)
    clients = [int(x) for x in args.clients.split(",")] if args.clients else FULL_N
    frames = [int(x) for x in args.frames.split(",")]
    mixes_list = args.mixes.split(",")
    if args.quick:
        clients = [int(x) for x in args.clients.split(",")] if args.clients else QUICK_N
        frames = [128] if args.frames == "128,64" else frames
        args.runs = 1
        args.duration = min(args.duration, 5.0)
    args.tutti = os.path.join(args.build_dir, "tutti-server")
    args.loadgen = os.path.join(args.build_dir, "tutti-loadgen")
    args.codec_floor = os.path.join(args.build_dir, "tutti-codec-floor")
    for path in (args.tutti, args.loadgen, args.codec_floor):
        if not os.access(path, os.X_OK):
            sys.exit(f"missing {path}: build it first (cmake --build {args.build_dir})")

    per_run = args.join_over + 1 + args.duration + 2
    total = len(frames) * len(mixes_list) * len(clients) * args.runs * len(args.servers)
    log(f"{total} runs of ~{per_run:.0f} s: about {total * per_run / 60:.0f} min "
        f"(more where a saturated server needs the 15 s join time-out)")

    logdir = os.path.join(os.path.dirname(os.path.abspath(args.raw)), "bench-logs")
    os.makedirs(logdir, exist_ok=True)
    floor_command = [args.codec_floor, "--clients", "100", "--seconds", "0.5"]
    meta = {
        "type": "meta", "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "host": platform.node(), "cpus": os.cpu_count(), "kernel": platform.release(),
        "cpu_model": next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                           if line.startswith("model name")), "?"),
        "tutti_version": version_of([args.tutti, "--version"]),
        "git": args.tutti_revision or git_revision(),
        "jamulus_version": version_of([args.jamulus, "--version"],
                                      {"QT_QPA_PLATFORM": "offscreen"}),
        "argv": shlex.join([os.path.basename(sys.executable), *sys.argv]),
        "runs": args.runs, "duration": args.duration, "join_over": args.join_over,
        "loadgen_rt": args.loadgen_rt, "nice": args.nice, "server_commands": [], "loadgen_examples": [],
        "quiet_load": args.quiet_load, "quiet_idle": args.quiet_idle, "quiet_wait": args.quiet_wait,
        "codec_floor_command": shlex.join(floor_command),
    }
    records = []

    def keep(record, raw):
        records.append(record)
        raw.write(json.dumps(record) + "\n")
        raw.flush()

    running = []

    def stop_all(*signum):
        for s in list(running):
            s.stop()
        running.clear()
        if signum:
            sys.exit(1)

    signal.signal(signal.SIGINT, stop_all)
    signal.signal(signal.SIGTERM, stop_all)
    with open(args.raw, "w") as raw:
        for path in args.resume or []:
            with open(path) as f:
                for line in f:
                    if line.strip():
                        r = json.loads(line)
                        if r.get("type", "run") in ("run", "note", "skipped"):
                            keep(r, raw)
        log("codec floor")
        floor_data, floor_table = codec_floor(args)
        keep({"type": "codec_floor", "data": floor_data, "table": floor_table}, raw)
        try:
            for frame in frames:
                started = []
                for s in server_variants(args, frame, logdir):
                    if not s.start():
                        keep({"type": "note", "text": f"{s.name} did not start: "
                              f"`{s.command_text()}` said \"{s.failure}\""}, raw)
                        log(f"{s.name} did not start: {s.failure}")
                        if not (s.name.startswith("Tutti") and "-F" in s.argv):
                            continue
                        # Until Tutti takes -F, measure its 64-sample clients on its 128 tick.
                        argv = [a for a in s.argv if a != "-F"]
                        s = Server("Tutti (no -F)", argv, {}, logdir)
                        if not s.start():
                            continue
                    started.append(s)
                    running.append(s)
                    meta["server_commands"].append(s.command_text())
                for mixes in mixes_list:
                    for n in clients:
                        for run in range(args.runs):
                            for s in started:
                                if not s.alive():
                                    log(f"{s.name} is no longer running")
                                    continue
                                done = cell_runs(records, s.name, frame, mixes, n)
                                if len(done) > run:
                                    continue  # resumed from an earlier invocation
                                # Tutti's own cells always run: its targets are about them.
                                if args.skip_collapsed and not s.name.startswith("Tutti") and \
                                        collapsed_below(records, s.name, frame, mixes, n):
                                    if run == 0:
                                        keep({"type": "skipped", "server": s.name,
                                              "frame": frame, "mixes": mixes, "clients": n},
                                             raw)
                                        log(f"{s.name}|{frame}|{mixes}|{n}: skipped, collapsed "
                                            f"at a smaller N")
                                    continue
                                argv = loadgen_argv(args, s, n, frame, mixes)
                                label = f"{s.name}|{frame}|{mixes}|{n}|{run}"
                                quiet = wait_for_quiet(args, label)
                                if quiet.get("quiet") is False:
                                    keep({"type": "note", "text": "Some runs started on a busy "
                                          "machine (marked ⚠): it did not get quiet within "
                                          f"{args.quiet_wait:g} s."}, raw)
                                try:
                                    r = run_loadgen(argv, s.pid(), label)
                                except Exception as e:  # noqa: BLE001 - keep the matrix going
                                    log(f"{label}: {e}")
                                    continue
                                r.update(quiet)
                                r.update({"type": "run", "server": s.name, "run": run,
                                          "frame": frame, "mixes": mixes,
                                          "server_rss_fresh_kib": s.fresh_rss_kib,
                                          "loadgen_command": shlex.join(argv)})
                                wait_idle(s)
                                keep(r, raw)
                                log(f"{label}: cpu {fmt(r['server_cpu_pct'], '.1f')} % "
                                    f"deliv {r['delivered_min']:.4f} "
                                    f"p99 {r['inter_p99_us']:.0f} us joined {r['joined']} "
                                    f"held {r['held']} load {r['loadavg_start'][0]:.2f}"
                                    f"→{r['loadavg_end'][0]:.2f} "
                                    f"loadgen cpu {r['loadgen_cpu_pct']:.1f} %")
                if started:
                    example = loadgen_argv(args, started[0], 100, frame, "different")
                    meta["loadgen_examples"].append(
                        shlex.join(example + ["--server-pid", "PID_OF_SERVER"]))
                for s in started:
                    s.stop()
                    running.remove(s)
        finally:
            stop_all()
            keep(meta, raw)
    finish(args, render(records))


def finish(args, text):
    if args.print:
        print(text)
    else:
        write_benchmarks(args.benchmarks, text)
        log(f"tables written to {args.benchmarks}")


if __name__ == "__main__":
    main()
