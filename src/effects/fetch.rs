//! Fetching the site's own files (relative to the page), every failure turned into a sentence
//! for the reader.

use gloo::net::http::Request;
use wasm_bindgen::{JsCast, JsValue};

/// Fetch a text resource relative to the page.
pub async fn fetch_text(url: &str, what: &str) -> Result<String, String> {
    let resp = get(url, what).await?;
    resp.text().await.map_err(|e| format!("Could not read {what} ({url}): {e}."))
}

async fn get(url: &str, what: &str) -> Result<gloo::net::http::Response, String> {
    // Revalidated with the server (not answered from the HTTP cache by a heuristic), so an
    // article a teacher corrected reaches the reader on the next online visit.
    let resp = Request::get(url)
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| could_not_load(what, url, e))?;
    if !resp.ok() {
        return Err(could_not_load(what, url, format!("the server answered {} {}", resp.status(), resp.status_text())));
    }
    Ok(resp)
}

/// The sentence for a failed load, the same whether the page's early script or the app fetched.
fn could_not_load(what: &str, url: &str, why: impl std::fmt::Display) -> String {
    format!("Could not load {what} ({url}): {why}.")
}

/// Take a response that `static/early.js` started before the wasm ran: `key` is `manifest` or
/// `article` (then only if it is for `file`). Errors read exactly like
/// `fetch_text`'s. `None` when there is none (the script did not run, or it was taken
/// already): fetch normally. `Ok` holds the script's answer object, `text` in it.
async fn early_response(key: &str, file: Option<&str>, url: &str, what: &str) -> Option<Result<JsValue, String>> {
    let early = js_sys::Reflect::get(&gloo::utils::window(), &"__annotatorEarly".into()).ok()?;
    let entry = js_sys::Reflect::get(&early, &key.into()).ok().filter(|v| v.is_object())?;
    // Used once: a later fetch of the same resource must see the server's current answer.
    let _ = js_sys::Reflect::delete_property(early.unchecked_ref::<js_sys::Object>(), &key.into());
    let promise = match file {
        Some(file) => {
            let named = js_sys::Reflect::get(&entry, &"file".into()).ok()?.as_string()?;
            if named != file {
                return None;
            }
            js_sys::Reflect::get(&entry, &"response".into()).ok()?
        }
        None => entry,
    };
    let response = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise)).await.ok()?;
    let field = |name: &str| js_sys::Reflect::get(&response, &name.into()).ok();
    if let Some(error) = field("error").and_then(|e| e.as_string()) {
        return Some(Err(could_not_load(what, url, error)));
    }
    let status = field("status").and_then(|s| s.as_f64()).unwrap_or(0.0);
    if field("ok").and_then(|o| o.as_bool()) != Some(true) {
        let text = field("statusText").and_then(|s| s.as_string()).unwrap_or_default();
        return Some(Err(could_not_load(what, url, format!("the server answered {status} {text}"))));
    }
    Some(Ok(response))
}

/// The early response's `text`, else a fetch.
pub async fn early_or_fetch(key: &str, file: Option<&str>, url: &str, what: &str) -> Result<String, String> {
    let early = early_response(key, file, url, what).await;
    match early.map(|r| r.map(|o| js_sys::Reflect::get(&o, &"text".into()).ok().and_then(|t| t.as_string()))) {
        Some(Ok(Some(text))) => Ok(text),
        Some(Err(e)) => Err(e),
        _ => fetch_text(url, what).await,
    }
}
