#!/usr/bin/env python3
"""Writes the tutti-server(1) man page from `tutti-server --help` and `--version`, so the page
lists exactly the options the binary knows.

  make-manpage.py BINARY OUTPUT        run BINARY for its help text
  make-manpage.py --help-file F --version V OUTPUT   (cross builds: a saved help text)
"""
import argparse
import datetime
import os
import re
import subprocess
import sys


def roff(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return re.sub(r"^([.'])", r"\\&\1", text)


def parse_help(help_text):
    """Returns (intro paragraphs, [(section, [(names, description)])], trailing paragraphs)."""
    lines = help_text.splitlines()
    intro, sections, tail = [], [], []
    i = 0
    while i < len(lines) and not lines[i].startswith("Usage:"):
        i += 1
    i += 1
    para = []
    while i < len(lines) and not lines[i].endswith(":"):
        if lines[i].strip():
            para.append(lines[i].strip())
        elif para:
            intro.append(" ".join(para))
            para = []
        i += 1
    if para:
        intro.append(" ".join(para))
    current = None
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip():
            continue
        if line.startswith("  -"):
            m = re.match(r"  (\S.*?)(?:\s{2,}(.*))?$", line)
            names, desc = m.group(1), m.group(2) or ""
            while i < len(lines) and lines[i].startswith(" " * 32):
                desc += " " + lines[i].strip()
                i += 1
            current[1].append((names.strip(), desc.strip()))
        elif line.endswith(":") and not line.startswith(" ") and "refused" not in line:
            current = (line[:-1], [])
            sections.append(current)
        else:
            # Free text after the tables (the client-only list, the example).
            block = [line.strip()]
            while i < len(lines) and lines[i].strip():
                block.append(lines[i].strip())
                i += 1
            tail.append(" ".join(block))
    return intro, sections, tail


def page(help_text, version):
    intro, sections, tail = parse_help(help_text)
    # Reproducible builds: the date of the release (SOURCE_DATE_EPOCH, set by dpkg) if given.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch
            else datetime.datetime.now(datetime.timezone.utc))
    date = when.strftime("%Y-%m-%d")
    out = [
        '.TH TUTTI\\-SERVER 1 "%s" "tutti %s" "User Commands"' % (date, roff(version)),
        ".SH NAME",
        "tutti\\-server, jamulus\\-headless \\- low\\-latency jam server for Jamulus clients",
        ".SH SYNOPSIS",
        ".B tutti\\-server",
        "[\\fIoption\\fR [\\fIvalue\\fR]] ...",
        ".br",
        ".B jamulus\\-headless",
        "[\\fIoption\\fR [\\fIvalue\\fR]] ...",
        ".SH DESCRIPTION",
    ]
    for p in intro:
        out += [roff(p), ".PP"]
    out.append(
        "\\fBjamulus\\-headless\\fR is the same program under the name of the upstream Jamulus "
        "headless package, so its systemd unit and operators' command lines work unchanged."
    )
    out.append(".SH OPTIONS")
    for title, options in sections:
        out.append(".SS %s" % roff(title))
        for names, desc in options:
            out += [".TP", "\\fB%s\\fR" % roff(names), roff(desc)]
    for p in tail:
        out += [".PP", roff(p)]
    out += [
        ".SH SIGNALS",
        ".TP",
        ".B SIGINT, SIGTERM",
        "stop the server cleanly (with \\fB\\-d\\fR, clients are told first).",
        ".TP",
        ".B SIGHUP",
        "reload: re-read the \\fB\\-\\-database\\fR (settings, bans, allowlist) and a "
        "\\fB\\-w\\fR welcome file (\\fBsystemctl reload\\fR); clients stay connected unless "
        "a new ban or the allowlist now refuses them.",
        ".TP",
        ".B SIGUSR1",
        "close the current recording session and start a new one.",
        ".TP",
        ".B SIGUSR2",
        "switch recording off or on.",
        ".SH SYSTEMD",
        "The package installs \\fBjamulus\\-headless.service\\fR (user \\fBjamulus\\fR, "
        "options on its \\fBExecStart=\\fR line: \\fBsystemctl edit \\-\\-full "
        "jamulus\\-headless\\fR), \\fBjamulus\\-headless@.service\\fR (one more server per "
        "\\fI/etc/jamulus\\-headless/NAME.conf\\fR holding \\fBOPTIONS=\"...\"\\fR), "
        "\\fBjamulus\\-headless\\-new\\-recording.service\\fR and "
        "\\fBjamulus\\-headless\\-toggle\\-recording.service\\fR (SIGUSR1 and SIGUSR2 to the "
        "server only) and an optional \\fBjamulus\\-headless.socket\\fR. The server reports "
        "readiness, a status line (clients, directory registration, recording) and watchdog "
        "pings while its mix thread ticks on time; a stalled mix thread gets it restarted.",
        ".SH ENVIRONMENT",
        ".TP",
        ".B NOTIFY_SOCKET, WATCHDOG_USEC, LISTEN_FDS, JOURNAL_STREAM",
        "set by systemd: readiness and watchdog notifications, socket activation, and "
        "priority prefixes on stderr lines that go to the journal.",
        ".TP",
        ".B TUTTI_TEST_STALL_MIX_AFTER_MS",
        "test hook: the mix thread stops N milliseconds after start, to prove the watchdog. "
        "Never set it on a real server.",
        ".SH FILES",
        ".TP",
        ".I /var/lib/jamulus",
        "state directory of the service: recordings (\\fB\\-R /var/lib/jamulus/recordings\\fR) "
        "and a directory's server list (\\fB\\-\\-directoryfile\\fR).",
        ".SH SEE ALSO",
        "\\fBsystemctl\\fR(1), \\fBjournalctl\\fR(1), \\fBJamulus\\fR(1)",
    ]
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary", nargs="?")
    ap.add_argument("output")
    ap.add_argument("--help-file")
    ap.add_argument("--version")
    a = ap.parse_args()
    if a.help_file:
        help_text = open(a.help_file).read()
        version = a.version or "unknown"
    else:
        help_text = subprocess.run([a.binary, "--help"], capture_output=True, text=True,
                                   check=True).stdout
        banner = subprocess.run([a.binary, "--version"], capture_output=True, text=True)
        m = re.search(r"Version (\S+)", banner.stdout + banner.stderr)
        version = m.group(1) if m else "unknown"
    help_text = re.sub(r"Usage: \S+", "Usage: tutti-server", help_text)
    help_text = re.sub(r"Example: \S+", "Example: tutti-server", help_text)
    with open(a.output, "w") as f:
        f.write(page(help_text, version))
    return 0


if __name__ == "__main__":
    sys.exit(main())
