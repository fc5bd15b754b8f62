#!/usr/bin/env bash
# Checks the repository's shell scripts: each one parses (bash -n), and none that sets
# pipefail pipes into a reader that may quit early. Under pipefail, "cmd | grep -q x" and
# "cmd | head" fail whenever the reader exits before cmd has written everything: cmd dies of
# SIGPIPE and the pipeline's status is 141. Whether that happens depends on timing and on how
# much cmd writes, so such a line passes for months and then fails one CI run (it did, on
# `tutti-server-gui --help | grep -q`). Capture the output first, or let grep stop itself
# (grep -m N file, find -print -quit).
set -euo pipefail
cd "$(dirname "$0")/.."

problems=0
while IFS= read -r -d '' script; do
  if ! bash -n "$script"; then
    echo "$script: does not parse" >&2
    problems=$((problems + 1))
  fi
  grep -q 'pipefail' "$script" || continue
  # A pipe into grep with -q (alone or among other short options), or into head.
  if hits=$(grep -nE '\|[[:space:]]*(grep[[:space:]]+(-[a-zA-Z]*q[a-zA-Z]*|--quiet)|head)([[:space:]]|$)' "$script"); then
    while IFS= read -r hit; do
      [[ "${hit#*:}" =~ ^[[:space:]]*# ]] && continue # a comment
      echo "$script:$hit: pipes into a reader that quits early under pipefail" >&2
      problems=$((problems + 1))
    done <<<"$hits"
  fi
done < <(git ls-files -z -- '*.sh' .ci/run)

if ((problems > 0)); then
  echo "check-scripts: $problems problem(s)" >&2
  exit 1
fi
echo "check-scripts: $(git ls-files -- '*.sh' .ci/run | wc -l) scripts parse; no early-quitting reader under pipefail"
