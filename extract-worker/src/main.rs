//! The extraction worker, in two steps, because a worker has no `DOMParser`:
//! 1. The page posts a saved page's bytes (a `Uint8Array`) or pasted HTML (a string). The worker
//!    decodes and checks it and answers `{ok: true, html, keep, drop}`: the page's text and what
//!    the page's side (`src/extract_dom.js`) must keep of the tree it parses (the attributes the
//!    extraction reads, the elements whose content it never reads) — one list, the crate's.
//! 2. The page posts `{tree}`: the tree its `DOMParser` built, in the crate's compact form. The
//!    worker extracts the article and answers `{ok: true, title, byline, date, text, words,
//!    article}`.
//!
//! Either step may answer `{ok: false, error}`. The worker posts `"ready"` once it listens, so
//! nothing is posted before then (a message to a worker without a handler is lost).
//!
//! A worker of its own, so that the extraction never blocks the reader's tab (the page can give
//! up on it and terminate it), and so that its wasm is fetched only when a reader adds a page,
//! not with the app. Bytes are decoded by the browser's `TextDecoder`, with the encoding chosen by
//! `annotator_extract::charset::sniff` — the rules the CLI decodes by.

use annotator_extract::tree::{Tree, DROP, KEEP_ATTRS};
use annotator_extract::{charset, extract_tree, looks_binary, Problem, MAX_HTML_BYTES};
use js_sys::{JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, TextDecoder, TextDecoderOptions};

#[wasm_bindgen]
extern "C" {
    /// A `TextDecoder` whose `decode` keeps the text a JS string: the page's text goes on to the
    /// page's DOMParser, so it is never copied into wasm memory and back.
    #[wasm_bindgen(js_name = TextDecoder)]
    type JsDecoder;
    #[wasm_bindgen(method, catch, js_name = decode)]
    fn decode_to_js(this: &JsDecoder, input: &Uint8Array) -> Result<JsString, JsValue>;
}

/// Characters of the page's start that [`looks_binary`] reads.
const SAMPLE_CHARS: u32 = 65_536;

fn decode(input: &Uint8Array) -> Result<JsString, String> {
    let bytes = input.to_vec();
    let s = charset::sniff(&bytes);
    let opts = TextDecoderOptions::new();
    opts.set_fatal(true);
    // A label this browser does not know is read as windows-1252, as encoding_rs does natively.
    let decoder = TextDecoder::new_with_label_and_options(&s.label, &opts)
        .or_else(|_| TextDecoder::new_with_label_and_options("windows-1252", &opts))
        .map_err(|_| "This browser cannot decode text.".to_owned())?;
    decoder.unchecked_ref::<JsDecoder>().decode_to_js(&input.subarray(s.bom as u32, input.length())).map_err(|_| charset::undecodable(&decoder.encoding()))
}

/// [`annotator_extract::check`], on a JS string.
fn check(html: &JsString) -> Result<(), Problem> {
    if html.length() as usize > MAX_HTML_BYTES {
        return Err(Problem::TooLarge { bytes: html.length() as usize });
    }
    let sample = String::from(html.slice(0, SAMPLE_CHARS));
    if looks_binary(&sample) || html.index_of("\0", 0) >= 0 {
        return Err(Problem::NotHtml);
    }
    if html.trim().length() == 0 {
        return Err(Problem::Empty);
    }
    Ok(())
}

fn set(o: &Object, key: &str, value: JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(key), &value);
}

fn answer(data: JsValue) -> Object {
    let tree = Reflect::get(&data, &JsValue::from_str("tree")).ok().and_then(|t| t.as_string());
    match tree {
        Some(t) => extracted(&t),
        None => decoded(data),
    }
}

fn failed(msg: String) -> Object {
    let out = Object::new();
    set(&out, "ok", JsValue::FALSE);
    set(&out, "error", msg.into());
    out
}

/// Step 1: the page's text, checked, and what to keep of its tree.
fn decoded(data: JsValue) -> Object {
    let html = if let Some(s) = data.dyn_ref::<JsString>() {
        Ok(s.clone())
    } else if let Ok(a) = data.dyn_into::<Uint8Array>() {
        if a.length() as usize > MAX_HTML_BYTES {
            Err(Problem::TooLarge { bytes: a.length() as usize }.to_string())
        } else {
            decode(&a)
        }
    } else {
        Err("Nothing to read.".to_owned())
    };
    match html.and_then(|h| check(&h).map(|_| h).map_err(|p| p.to_string())) {
        Ok(h) => {
            let out = Object::new();
            set(&out, "ok", JsValue::TRUE);
            set(&out, "html", h.into());
            set(&out, "keep", KEEP_ATTRS.join(" ").into());
            set(&out, "drop", DROP.join(" ").into());
            out
        }
        Err(msg) => failed(msg),
    }
}

/// Step 2: the article, from the tree the page's `DOMParser` built.
fn extracted(tree: &str) -> Object {
    let out = Object::new();
    match extract_tree(&Tree::from_compact(tree)) {
        Ok(e) => {
            set(&out, "ok", JsValue::TRUE);
            set(&out, "title", e.title.as_str().into());
            set(&out, "byline", e.byline.as_deref().map_or(JsValue::NULL, JsValue::from_str));
            set(&out, "date", e.date.as_deref().map_or(JsValue::NULL, JsValue::from_str));
            set(&out, "text", e.to_text().into());
            set(&out, "words", (e.words() as u32).into());
            set(&out, "article", e.is_article.into());
            out
        }
        Err(p) => failed(p.to_string()),
    }
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let _ = reply_to.post_message(&answer(e.data()));
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
