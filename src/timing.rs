//! User Timing marks and measures, which the browser benchmark (`tests/e2e/bench.mjs`) reads and
//! browser dev tools show. Outside a browser they do nothing.

/// Run `f` and record its duration as a User Timing measure named `name`.
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let perf = web_sys::window().and_then(|w| w.performance());
    let start = perf.as_ref().map_or(0.0, |p| p.now());
    let out = f();
    if let Some(p) = perf {
        p.clear_measures_with_measure_name(name);
        record(&p, name, start, p.now());
    }
    out
}

/// Await `f` and record how long it took, from now until it is ready, as a User Timing measure
/// named `name` (work done elsewhere, the analysis worker's, counted from the page's side).
pub async fn measured<T>(name: &str, f: impl std::future::Future<Output = T>) -> T {
    let perf = web_sys::window().and_then(|w| w.performance());
    let start = perf.as_ref().map_or(0.0, |p| p.now());
    let out = f.await;
    if let Some(p) = perf {
        p.clear_measures_with_measure_name(name);
        record(&p, name, start, p.now());
    }
    out
}

/// Record `ms` of work spread over several tasks (a slice at a time) as one User Timing measure
/// named `name`, ending now.
pub fn record_spent(name: &str, ms: f64) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        p.clear_measures_with_measure_name(name);
        let end = p.now();
        record(&p, name, end - ms, end);
    }
}

/// A User Timing mark, for the browser benchmark's breakdown of a page load.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// `performance.measure(name, {start, end})`, which web-sys exposes only through options.
fn record(perf: &web_sys::Performance, name: &str, start: f64, end: f64) {
    use wasm_bindgen::JsCast;
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&opts, &"end".into(), &end.into());
    if let Ok(measure) = js_sys::Reflect::get(perf, &"measure".into()) {
        if let Ok(f) = measure.dyn_into::<js_sys::Function>() {
            let _ = f.call2(perf, &name.into(), &opts);
        }
    }
}
