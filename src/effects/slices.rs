//! Long work done a slice at a time: between slices the page gets the main thread back (to draw,
//! to take keys), so work whose size an outside file decides never blocks the page.

use gloo::timers::future::TimeoutFuture;

/// How long a slice runs before the page is let in. Well under the 200 ms at which a page feels
/// stuck, on a slow school laptop too, and long enough that the pauses add little.
const SLICE_MS: f64 = 40.0;

/// The page's clock, in milliseconds.
pub fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// The clock of the current slice.
pub struct Slices {
    started: f64,
}

impl Slices {
    pub fn new() -> Self {
        Self { started: now() }
    }

    /// Start the slice's clock again: the current task began just now (an answer arrived).
    pub fn restart(&mut self) {
        self.started = now();
    }

    /// Whether this slice has run its time: then the caller says how far it got and pauses.
    pub fn due(&self) -> bool {
        now() - self.started >= SLICE_MS
    }

    /// Let the page in now (a task boundary: the browser draws and handles input), then start a
    /// new slice.
    pub async fn pause(&mut self) {
        TimeoutFuture::new(0).await;
        self.started = now();
    }
}
