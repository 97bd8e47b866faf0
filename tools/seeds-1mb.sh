#!/usr/bin/env bash
# Write the criterion bench's text (core/benches/analyze.rs: the three seed articles repeated,
# as paragraphs, to 1 MB) to FILE, so the shell tools measure and compare the same text.
#
#   tools/seeds-1mb.sh FILE
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 FILE" >&2; exit 2; }
gold=$(dirname "$0")/../core/tests/gold
: >"$1"
while [ "$(stat -c %s "$1")" -lt 1000000 ]; do
  for f in "$gold"/seed-00{0,1,2}.txt; do cat "$f"; printf '\n\n'; done >>"$1"
done
