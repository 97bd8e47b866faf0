#!/usr/bin/env bash
# Instructions executed by `annotate analyze FILE --json` (valgrind's callgrind), the load-free
# measure of the analysis' speed: the same binary and input give the same count on any machine,
# however busy. Inputs: the criterion bench's text (the seeds repeated to 1 MB,
# tools/seeds-1mb.sh), and, for each DIR given, its *.txt files joined with blank lines (e.g.
# /work/wikinews/articles, real news). For each input prints the whole command's total, the
# analysis' (`pipeline::analyze_inner`), and the top functions, inclusive and self.
#
#   tools/instructions.sh [BIN] [DIR...]     BIN defaults to target/release/annotate; TOP=N rows
#
# Figures and how they moved: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/annotate
if [ $# -gt 0 ] && [ -f "$1" ]; then bin=$1; shift; fi
[ -x "$bin" ] || { echo "no $bin: build it with cargo build --release -p annotator-core --bin annotate" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
top=${TOP:-25}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

inputs=("$work/seeds-1mb.txt")
tools/seeds-1mb.sh "$work/seeds-1mb.txt"
for dir in "$@"; do
  [ -d "$dir" ] || { echo "no folder $dir" >&2; exit 2; }
  f=$work/$(basename "$dir").txt
  for a in "$dir"/*.txt; do cat "$a"; printf '\n\n'; done >"$f"
  inputs+=("$f")
done

# callgrind_annotate's rows, "count (share)  ???:function [object]", as "count  function".
rows() { grep -E '^ *[0-9,]+ \(' | grep -v 'PROGRAM TOTALS' | sed -E 's/ \([ 0-9.]+%\) +[^:]*:/  /; s/ \[[^]]*\]$//'; }

for f in "${inputs[@]}"; do
  valgrind --tool=callgrind --callgrind-out-file="$work/cg" "$bin" analyze "$f" --json >/dev/null 2>"$work/log"
  echo "== $(basename "$f") ($(stat -c %s "$f") bytes), $bin"
  callgrind_annotate --inclusive=yes "$work/cg" 2>/dev/null >"$work/incl"
  callgrind_annotate "$work/cg" 2>/dev/null >"$work/self"
  total=$(grep 'PROGRAM TOTALS' "$work/incl" | awk '{print $1}')
  analysis=$(grep 'pipeline::analyze_inner' "$work/incl" | awk '{print $1}')
  echo "whole command: $total instructions; the analysis (pipeline::analyze_inner): $analysis"
  echo "-- top $top inside the analysis, inclusive"
  rows <"$work/incl" | grep -E 'annotator_core::|^ *[0-9,]+  (malloc|free|__mem)' | grep -v 'analyze_inner$' | head -n "$top" || true  # head stops early: the grep before it may die of SIGPIPE
  echo "-- top $top, self"
  rows <"$work/self" | head -n "$top" || true  # head stops early: the grep before it may die of SIGPIPE
done
