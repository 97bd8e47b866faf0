//! Two exports for `run.mjs`: a buffer to copy the article into, and one full analysis.
use std::alloc::{alloc, Layout};

// As in the app (src/lib.rs): the core is built at a higher opt-level than the rest.
#[global_allocator]
static ALLOCATOR: annotator_core::heap::OpaqueAlloc = annotator_core::heap::OpaqueAlloc;

/// A buffer of `len` bytes for the caller to fill (never freed: the harness is short-lived).
#[no_mangle]
pub extern "C" fn buf(len: usize) -> *mut u8 {
    // SAFETY: the layout has a non-zero size.
    unsafe { alloc(Layout::from_size_align(len.max(1), 1).unwrap()) }
}

/// Analyse the UTF-8 text at `ptr..ptr + len`; returns suggestions + entities found, so the
/// work cannot be optimised away.
#[no_mangle]
pub extern "C" fn run(ptr: *const u8, len: usize) -> usize {
    // SAFETY: `run.mjs` passes a buffer from `buf` that it filled with `len` bytes of UTF-8.
    let s = unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(ptr, len)) };
    let a = annotator_core::analyze(s);
    a.sentences.iter().filter(|s| s.suggestion.is_some()).count() + a.entities.len()
}
