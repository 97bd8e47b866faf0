//! Time and fresh ids, the only impure inputs the reducer needs. In the browser they come from
//! `Date.now()` and `Math.random()`; natively (tests) from the system clock and a counter.

use std::cell::Cell;

thread_local! {
    static COUNTER: Cell<u32> = const { Cell::new(0) };
}

#[cfg(target_arch = "wasm32")]
pub fn now() -> f64 {
    js_sys::Date::now()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

#[cfg(target_arch = "wasm32")]
fn random() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

#[cfg(not(target_arch = "wasm32"))]
fn random() -> u32 {
    std::process::id()
}

/// An id unique across tabs and devices for practical purposes: time, a random part (different
/// per tab) and a per-tab counter.
pub fn new_id() -> String {
    let n = COUNTER.with(|c| {
        c.set(c.get().wrapping_add(1));
        c.get()
    });
    format!("a{:x}-{:08x}-{n:x}", now() as u64, random())
}
