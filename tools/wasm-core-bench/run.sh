#!/usr/bin/env bash
# Build the core as wasm the way ./dev builds the app (Debian's rustc-web, std from source, MVP
# target; run ./dev setup first) and time it under node. Outside CI: a measurement, not a test.
set -euo pipefail
cd "$(dirname "$0")"
export PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-cpu=mvp"
cargo build --offline --release --target wasm32-unknown-unknown -Z build-std=std,panic_abort
node run.mjs target/wasm32-unknown-unknown/release/wasm_core_bench.wasm
