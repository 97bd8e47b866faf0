//! [`OpaqueAlloc`]: the system allocator behind calls that are never inlined, for programs that
//! optimise this crate for speed and the rest for size under LTO (the web app does; Cargo.toml).
//!
//! Why it exists: with fat LTO, a function compiled at O2/O3 can get dlmalloc's `free` inlined
//! while `__rust_alloc_zeroed` stays a call. LLVM then knows the freed pointer came from a
//! zeroing allocator and folds `free`'s read of the chunk header just *before* the block (which
//! no store in the caller touches) to 0, and dlmalloc's size assertion fails — a miscompile seen
//! in `anchor::myers_search` on wasm32 and reproduced in `tools/experiments/lto-calloc-repro/`. Behind an
//! out-of-line call the allocator's code only ever sees a pointer argument, so no caller's
//! knowledge of where the block came from can reach it. It costs one call per allocation,
//! which the size-optimised rest of the build makes anyway. `tests/e2e/allocator.test.mjs` runs
//! that path in the release wasm and fails without the wrapper (docs/building.md).
//!
//! Plain `std`, no platform code: the app registers it on wasm32 with `#[global_allocator]`.

use std::alloc::{GlobalAlloc, Layout, System};

/// [`System`], each method behind `#[inline(never)]`; see the module documentation.
pub struct OpaqueAlloc;

// SAFETY: every method forwards its arguments unchanged to `System`, which upholds the
// `GlobalAlloc` contract; the wrapper adds no state.
unsafe impl GlobalAlloc for OpaqueAlloc {
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        System.alloc(layout)
    }

    #[inline(never)]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        System.alloc_zeroed(layout)
    }

    #[inline(never)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    #[inline(never)]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        System.realloc(ptr, layout, new_size)
    }
}
