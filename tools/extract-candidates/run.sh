#!/usr/bin/env bash
# Quality and speed of the candidate libraries on the article-extraction benchmark, and the
# gzipped size of each as a wasm32 module (built like the app: MVP, opt-level "z", LTO, wasm-opt -Oz).
#   tools/extract-candidates/run.sh [quality|size]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CORPUS=${CORPUS:-$HERE/../../../shared/corpora/article-extraction}
[ -f "$CORPUS/evaluate.py" ] || { echo "error: no benchmark at $CORPUS (see ../shared/corpora/README.md)" >&2; exit 2; }
OUT=$HERE/target/bench
what=${1:-quality}
if [ "$what" = quality ]; then
  (cd "$HERE" && cargo build --release --quiet)
  mkdir -p "$OUT/output"; cp "$CORPUS/ground-truth.json" "$CORPUS/evaluate.py" "$OUT/"
  for mode in traf smoothie smoothie2 smoothie3; do
    "$HERE/target/release/extract-candidates" $mode "$CORPUS/html" > "$OUT/output/$mode.json"
  done
  (cd "$OUT" && python3 evaluate.py)
  page=$CORPUS/html/374ac9a59a85196cdacc1679fb8993521a7b7d9d6533720f102300be1c7face4.html.gz
  "$HERE/target/release/extract-candidates" traf x "$page"; "$HERE/target/release/extract-candidates" smoothie x "$page"
else
  export PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-cpu=mvp"
  for c in h5e smoothie traf; do
    (cd "$HERE/wasm/$c" && cargo build --release --quiet --target wasm32-unknown-unknown)
    f=$(ls "$HERE"/wasm/$c/target/wasm32-unknown-unknown/release/*.wasm)
    wasm-opt -Oz "$f" -o "$OUT-$c.wasm"
    echo "$c: wasm $(stat -c%s "$OUT-$c.wasm") bytes, gzipped $(gzip -9c "$OUT-$c.wasm" | wc -c)"
  done
  # Ours, the worker as cargo builds it (before wasm-bindgen; `ls dist/` after ./dev build for the shipped file).
  (cd "$HERE/../.." && CARGO_TARGET_DIR=$HERE/target/worker cargo build --release --quiet --target wasm32-unknown-unknown -p extract-worker)
  wasm-opt -Oz "$HERE/target/worker/wasm32-unknown-unknown/release/extract-worker.wasm" -o "$OUT-worker.wasm"
  echo "extract-worker (before wasm-bindgen): wasm $(stat -c%s "$OUT-worker.wasm") bytes, gzipped $(gzip -9c "$OUT-worker.wasm" | wc -c)"
fi
