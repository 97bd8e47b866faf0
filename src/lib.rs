//! The article annotator's browser app: a thin Yew layer over `annotator_core`.
//!
//! - `state`: the UI state and its reducer (pure, tested natively);
//! - `storage`: local storage and every file format, the only module that knows key names;
//! - `app`: the root component and its side effects (fetching, saving);
//! - `components`: one small component per thing the reader sees.

pub mod annotations;
pub mod app;
pub mod clock;
pub mod compare;
pub mod reasons;
pub mod components;
pub mod highlights;
pub mod names;
pub mod sharing;
pub mod speakers;
pub mod state;
pub mod storage;

// The analysis is built at opt-level 3 inside a size-optimised LTO build (Cargo.toml); see
// `annotator_core::heap` for why the allocator must then stay behind out-of-line calls.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: annotator_core::heap::OpaqueAlloc = annotator_core::heap::OpaqueAlloc;

const SERVICE_WORKER_DELAY_MS: u32 = 2_000;

/// Register the offline service worker (`sw.js`, written by the release build next to
/// index.html, so its scope is wherever the site is published). Debug builds have none.
fn register_service_worker() {
    if cfg!(debug_assertions) {
        return;
    }
    // Installing the worker downloads the whole site once; that waits until the first article
    // is on screen instead of competing with it.
    gloo::timers::callback::Timeout::new(SERVICE_WORKER_DELAY_MS, || {
        let Some(window) = web_sys::window() else { return };
        let registration = wasm_bindgen_futures::JsFuture::from(window.navigator().service_worker().register("sw.js"));
        // A refusal (private mode, file:// pages) only means no offline use.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = registration.await;
        });
    })
    .forget();
}

/// Mount the app on `#app`, replacing the "Loading…" placeholder that index.html shows until the
/// WebAssembly has started.
pub fn run() {
    // For the browser benchmark's timeline: when the wasm began to run.
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark("annotator:wasm-started");
    }
    register_service_worker();
    let document = gloo::utils::document();
    match document.get_element_by_id("app") {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
