#!/usr/bin/env python3
"""Fails unless every option `tutti-server --help` lists appears in the given man page(s)."""
import re
import subprocess
import sys

binary, pages = sys.argv[1], sys.argv[2:]
help_text = subprocess.run([binary, "--help"], capture_output=True, text=True, check=True).stdout
# Option names of the tables: tokens starting with '-' in the indented option column.
options = set()
for line in help_text.splitlines():
    if line.startswith("  -"):
        names = re.split(r"\s{2,}", line.strip())[0]
        options.update(t.rstrip(",") for t in names.split() if t.startswith("-"))
missing_any = False
for page in pages:
    text = open(page).read().replace("\\-", "-").replace("\\e", "\\")
    missing = sorted(o for o in options if o not in text)
    print("%s: %d options from --help, missing: %s" % (page, len(options), missing or "none"))
    missing_any = missing_any or bool(missing)
sys.exit(1 if missing_any or not options else 0)
