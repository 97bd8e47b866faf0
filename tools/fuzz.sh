#!/usr/bin/env bash
# Fuzz everything the app reads from outside (core/fuzz: share links, Web Annotation files,
# stored records, the CSV export of hostile text) for SECONDS each (default 600), keeping each
# target's corpus in core/fuzz/corpus/<target>. Prints per target: runs, seconds, crashes, then
# "N crashes in M minutes each". Targets run JOBS at a time (default 2), at the lowest priority
# (nice 19), so a shared machine stays usable.
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain (or RUSTC_BOOTSTRAP=1).
# Not part of ./dev test or CI.
set -euo pipefail
cd "$(dirname "$0")/../core/fuzz"
SECONDS_EACH=${1:-600}
command -v cargo-fuzz >/dev/null || [ -x "$HOME/.cargo/bin/cargo-fuzz" ] || { echo "error: cargo-fuzz is missing: cargo install cargo-fuzz" >&2; exit 1; }
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then TOOLCHAIN=(+nightly); else TOOLCHAIN=(); export RUSTC_BOOTSTRAP=1; fi
TARGETS=(share_decode webanno_import csv_export stored_record class_import)
JOBS=${JOBS:-2}
LOG=$(mktemp -d)
# Build once, before the clock of any target starts.
for t in "${TARGETS[@]}"; do nice -n 19 cargo "${TOOLCHAIN[@]}" fuzz build "$t" >"$LOG/build-$t" 2>&1 || { cat "$LOG/build-$t" >&2; exit 1; }; done
run() {
  local t=$1
  mkdir -p "corpus/$t"
  ls "artifacts/$t" 2>/dev/null | wc -l >"$LOG/$t.before" || true
  # -rss_limit_mb: the share decoder may inflate up to 2 MB, the importer parse up to 5 MB.
  nice -n 19 cargo "${TOOLCHAIN[@]}" fuzz run "$t" "corpus/$t" -- -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 \
    >"$LOG/$t" 2>&1 || true
}
for ((i = 0; i < ${#TARGETS[@]}; i += JOBS)); do
  for t in "${TARGETS[@]:i:JOBS}"; do run "$t" & done
  wait
done
printf '%-16s %12s %8s %8s\n' target runs seconds crashes
total=0
for t in "${TARGETS[@]}"; do
  before=$(cat "$LOG/$t.before" 2>/dev/null || echo 0)
  after=$(ls "artifacts/$t" 2>/dev/null | wc -l || true)
  runs=$(grep -oE '^#[0-9]+' "$LOG/$t" | tail -1 | tr -d '#')
  secs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$LOG/$t" | grep -oE 'in [0-9]+' | tr -d 'in ' || true)
  crashes=$((after - before))
  grep -q 'Done [0-9]* runs' "$LOG/$t" || { echo "$t: the fuzzer did not finish; log: $LOG/$t" >&2; crashes=$((crashes + 1)); }
  printf '%-16s %12s %8s %8s\n' "$t" "${runs:-?}" "${secs:-?}" "$crashes"
  total=$((total + crashes))
done
minutes=$(awk "BEGIN { printf \"%g\", $SECONDS_EACH / 60 }")
echo "$total crashes in $minutes minutes each (logs in $LOG)"
[ "$total" = 0 ]
