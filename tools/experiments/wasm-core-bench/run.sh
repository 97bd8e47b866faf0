#!/usr/bin/env bash
# Build the core as wasm the way ./dev builds the app (Debian's rustc-web, std from source, MVP
# target; run ./dev setup first) and time it under node: RUNS fresh processes (default 7) in
# each of V8's modes — the default (baseline code first, optimised in the background as it
# runs, like Chromium), baseline only (--liftoff-only) and optimised only (--no-liftoff) — and
# print medians; with BROWSER=1, the same in fresh Chromium pages (browser.mjs). Outside CI: a
# measurement, not a test. WASM=FILE times another build instead.
set -euo pipefail
cd "$(dirname "$0")"
RUNS=${RUNS:-7}
if [ -z "${WASM:-}" ]; then
  export PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-cpu=mvp"
  cargo build --quiet --offline --release --target wasm32-unknown-unknown -Z build-std=std,panic_abort
  WASM=target/wasm32-unknown-unknown/release/wasm_core_bench.wasm
fi
if [ -n "${BROWSER:-}" ]; then where="fresh Chromium pages"; else where="fresh node processes"; fi
echo "$WASM: $(wc -c <"$WASM") bytes; analyse ~100,000 words after a 60,000-character warm-up, $RUNS $where each"
for mode in default --liftoff-only --no-liftoff; do
  flags=(); [ "$mode" = default ] || flags=("$mode")
  for _ in $(seq "$RUNS"); do
    if [ -n "${BROWSER:-}" ]; then CHROMIUM_JS_FLAGS="${flags[*]}" node browser.mjs "$WASM"
    else node "${flags[@]}" run.mjs "$WASM"; fi
  done | MODE=$mode node -e '
    const rows = require("fs").readFileSync(0, "utf8").trim().split("\n").map(JSON.parse);
    const med = (k) => { const s = rows.map((r) => r[k]).sort((a, b) => a - b); return s[s.length >> 1]; };
    console.log(`${process.env.MODE.padEnd(14)} first call median ${med("first")} ms (${rows.map((r) => r.first).join(", ")}); second call ${med("second")} ms; warm-up ${med("warm")} ms`);
  '
done
