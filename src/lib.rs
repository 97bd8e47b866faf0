//! The article annotator's browser app: a thin Yew layer over `annotator_core`.
//!
//! - `state`: the UI state and its reducer (pure, tested natively);
//! - `storage`: local storage and every file format, the only module that knows key names;
//! - `effects`: fetching, saving, listening, sharing — hooks that report back as actions;
//! - `app`: the root component, composing the reducer, the effects and the page's frame;
//! - `components`: one small component per thing the reader sees.

pub mod analysis_client;
pub mod annotations;
pub mod app;
pub mod article;
pub mod class;
pub mod class_state;
pub mod clock;
pub mod compare;
pub mod components;
pub mod doc;
pub mod effects;
pub mod extract_client;
pub mod heap_use;
pub mod js_field;
pub mod highlights;
pub mod names;
pub mod reasons;
pub mod speakers;
pub mod state;
pub mod storage;
pub mod timing;

// The shell's own profile (Cargo.toml `release-shell`) builds everything for size, but a build
// that mixes opt-levels under LTO (the `release` profile's analysis) needs the allocator behind
// out-of-line calls (`annotator_core::heap`; `tests/e2e/allocator.test.mjs` failed without it),
// so the shell keeps it rather than depend on which profile built it. Counted (`heap_use`) for
// the robustness bench's memory figures.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: heap_use::Counted<annotator_core::heap::OpaqueAlloc> = heap_use::Counted(annotator_core::heap::OpaqueAlloc);

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

/// Log a panic, save what is not saved yet and tell the reader to reload, instead of leaving a
/// page that silently stopped responding (after a panic the WebAssembly instance is dead).
fn install_panic_hook() {
    // Through Yew: `Renderer::render` replaces any hook set with `std::panic::set_hook` by its
    // own console logger unless the hook was set here (found by `tests/e2e/panic.test.mjs`).
    yew::set_custom_panic_hook(Box::new(|info| {
        gloo::console::error!(format!("annotator stopped: {info}"));
        let saved = effects::autosave::save_unsaved();
        show_reload_notice(saved);
    }));
}

/// A notice written straight into the page (Yew may be the part that died), text only.
fn show_reload_notice(saved: bool) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let (Ok(bar), Ok(link), Some(body)) = (document.create_element("div"), document.create_element("a"), document.body()) else { return };
    bar.set_class_name("notice fatal");
    let _ = bar.set_attribute("role", "alert");
    bar.set_text_content(Some(if saved {
        "Something went wrong and the annotator stopped. Your annotations are saved. "
    } else {
        "Something went wrong and the annotator stopped. Your annotations up to your last change are saved. "
    }));
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let _ = link.set_attribute("href", &href);
    link.set_class_name("link");
    link.set_text_content(Some("Reload"));
    let _ = bar.append_child(&link);
    let _ = body.prepend_with_node_1(&bar);
}

/// Mount the app on `#app`, replacing the "Loading…" placeholder that index.html shows until the
/// WebAssembly has started.
pub fn run() {
    install_panic_hook();
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
