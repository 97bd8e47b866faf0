#!/usr/bin/env bash
# Build (Debian's rustc-web 1.96, std from source, as ./dev does) and run under node.
set -euo pipefail
cd "$(dirname "$0")"
export PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-cpu=mvp"
cargo build --offline --release --target wasm32-unknown-unknown -Z build-std=std,panic_abort
node run.mjs target/wasm32-unknown-unknown/release/lto_calloc_repro.wasm
