//! The bytes the app holds on its heap: now, and at most so far. The robustness bench reads them
//! (`heap_in_use`, `heap_peak`) to tell a leak (bytes in use keep growing with the reader's work)
//! from the allocator's high-water mark (WebAssembly memory never shrinks, so its size is the
//! largest the heap ever was, plus whatever the allocator could not reuse).

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use wasm_bindgen::prelude::*;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn add(n: usize) {
    let now = IN_USE.fetch_add(n, Relaxed) + n;
    PEAK.fetch_max(now, Relaxed);
}

/// An allocator that counts what `A` hands out and takes back.
pub struct Counted<A>(pub A);

// SAFETY: every method forwards its arguments unchanged to `A`, which upholds the `GlobalAlloc`
// contract; the wrapper only counts.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counted<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = self.0.alloc(layout);
        if !p.is_null() {
            add(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = self.0.alloc_zeroed(layout);
        if !p.is_null() {
            add(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        self.0.dealloc(ptr, layout);
        IN_USE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = self.0.realloc(ptr, layout, new_size);
        if !p.is_null() {
            IN_USE.fetch_sub(layout.size(), Relaxed);
            add(new_size);
        }
        p
    }
}

/// Bytes allocated and not yet freed.
#[wasm_bindgen]
pub fn heap_in_use() -> f64 {
    IN_USE.load(Relaxed) as f64
}

/// The most bytes allocated at once so far (reset by [`heap_peak_reset`]).
#[wasm_bindgen]
pub fn heap_peak() -> f64 {
    PEAK.load(Relaxed) as f64
}

/// Start the peak again from what is in use now.
#[wasm_bindgen]
pub fn heap_peak_reset() {
    PEAK.store(IN_USE.load(Relaxed), Relaxed);
}
