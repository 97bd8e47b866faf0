#!/usr/bin/env bash
# Check that a change to the analysis kept its output byte for byte: runs two `annotate` binaries
# (e.g. one built before the change, copied aside, and one after) with `analyze FILE --json` over
# the gold set, the seeds, any extra folders given, and a 1 MB text made of the seeds, and
# compares each pair of outputs with cmp, and the same for `score` (and `score-entities` when
# ../shared/corpora/conll2003 is there). Prints the differing files; exits 1 if any differ.
#
#   tools/same-analysis.sh BEFORE_BIN AFTER_BIN [DIR...]
#
# Performance work on the analysis is expected to keep this silent (docs/performance.md).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 BEFORE_BIN AFTER_BIN [DIR...]" >&2; exit 2; }
before=$1 after=$2; shift 2
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The criterion bench's text: the three seed articles repeated to 1 MB.
big=$work/seeds-1mb.txt
tools/seeds-1mb.sh "$big"

files=("$big" core/tests/gold/*.txt seeds/*.txt)
for dir in "$@"; do files+=("$dir"/*.txt); done
n=0 bad=0
for f in "${files[@]}"; do
  "$before" analyze "$f" --json >"$work/a" 2>&1 || true
  "$after" analyze "$f" --json >"$work/b" 2>&1 || true
  n=$((n + 1))
  cmp -s "$work/a" "$work/b" || { echo "differs: $f"; bad=$((bad + 1)); }
done
# The scores over the gold set, and over CoNLL-2003 when the corpus is there (it is not in the repo).
scores=("score core/tests/gold")
[ -d ../shared/corpora/conll2003 ] && scores+=("score-entities ../shared/corpora/conll2003")
for s in "${scores[@]}"; do
  $before $s >"$work/a" 2>&1 || true
  $after $s >"$work/b" 2>&1 || true
  n=$((n + 1))
  cmp -s "$work/a" "$work/b" || { echo "differs: annotate $s"; bad=$((bad + 1)); }
done
echo "$n outputs compared, $bad differ"
[ "$bad" -eq 0 ]
