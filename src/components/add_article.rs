//! "Add your own article": paste a text or open a local .txt, .md or .html file, check it in the
//! box, then add it. A saved page (an .html file, or HTML pasted into the box) becomes its article
//! — title, byline, date and body — in the extraction worker (`extract_client`); the page's
//! markup is only parsed there, never inserted, run or fetched from. If adding fails (storage
//! full), the text stays in the box: nothing the reader pasted is lost.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::extract_client::{self, Extraction};
use crate::storage::{self, NewArticle, MAX_OWN_BYTES};

#[derive(Properties, PartialEq)]
pub struct AddArticleProps {
    /// (title, text) → Ok, or why it was not added.
    pub onadd: Callback<NewArticle, Result<(), String>>,
}

fn is_html(name: &str, mime: &str) -> bool {
    let name = name.to_lowercase();
    mime == "text/html" || name.ends_with(".html") || name.ends_with(".htm")
}

/// Pasted text that is a page's markup rather than an article's text.
fn looks_like_html(s: &str) -> bool {
    let head: String = s.trim_start().chars().take(2000).collect::<String>().to_lowercase();
    head.starts_with('<') && ["<html", "<body", "<p>", "<p ", "<div", "<article", "<!doctype"].iter().any(|t| head.contains(t))
}

/// What the box shows after a page was read: its text, and what the page said about it.
fn from_extraction(e: Extraction) -> (NewArticle, Option<String>) {
    let notice = (!e.article).then(|| {
        "No article was found on this page (a home page or an index?). Its plain text is below: keep what you need.".to_owned()
    });
    (NewArticle { title: e.title, text: e.text, byline: e.byline, date: e.date }, notice)
}

/// Read a picked file: a saved page through the extraction worker, other files as text. Size is
/// checked before reading.
async fn read_file(file: web_sys::File) -> Result<(NewArticle, Option<String>), String> {
    if file.size() > (MAX_OWN_BYTES * 2) as f64 {
        return Err(format!(
            "“{}” is {:.1} MB; the annotator keeps own articles of up to {} MB.",
            file.name(),
            file.size() / 1_048_576.0,
            MAX_OWN_BYTES / 1_048_576
        ));
    }
    let unreadable = || format!("“{}” could not be read.", file.name());
    if is_html(&file.name(), &file.type_()) {
        // Bytes, not text: the worker decodes them by the page's own encoding.
        let buf = JsFuture::from(file.array_buffer()).await.map_err(|_| unreadable())?;
        let e = extract_client::extract(js_sys::Uint8Array::new(&buf).into()).await?;
        return Ok(from_extraction(e));
    }
    // Other files are decoded here: UTF-8, else an encoding the page is told about
    // (`storage::decode_text_file`).
    let buf = JsFuture::from(file.array_buffer()).await.map_err(|_| unreadable())?;
    let (text, assumed) = storage::decode_text_file(&js_sys::Uint8Array::new(&buf).to_vec(), &file.name())?;
    Ok((NewArticle { text, ..NewArticle::default() }, assumed))
}

#[component]
pub fn AddArticle(props: &AddArticleProps) -> Html {
    let open = use_state(|| false);
    let title = use_state(String::new);
    let text = use_state(String::new);
    let error = use_state(|| None::<String>);
    // Byline and date of the page the text came from; a notice about it (no article found).
    let meta = use_state(|| (None::<String>, None::<String>));
    let notice = use_state(|| None::<String>);
    let busy = use_state(|| false);

    if !*open {
        let onclick = { let open = open.clone(); Callback::from(move |_: MouseEvent| open.set(true)) };
        return html! { <button class="add-article link" {onclick}>{ "+ Add your own article" }</button> };
    }

    let ontitle = {
        let title = title.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() { title.set(i.value()) }
        })
    };
    // Fill the box from a read page: its text, its title unless the reader typed one.
    let show = {
        let (title, text, meta, notice, error) = (title.clone(), text.clone(), meta.clone(), notice.clone(), error.clone());
        move |(a, n): (NewArticle, Option<String>)| {
            if title.trim().is_empty() && !a.title.is_empty() { title.set(a.title) }
            text.set(a.text);
            meta.set((a.byline, a.date));
            notice.set(n);
            error.set(None);
        }
    };
    let ontext = {
        let (text, error, busy, show) = (text.clone(), error.clone(), busy.clone(), show.clone());
        Callback::from(move |e: InputEvent| {
            let Some(t) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() else { return };
            let value = t.value();
            if !looks_like_html(&value) {
                text.set(value);
                return;
            }
            let (text, error, busy, show) = (text.clone(), error.clone(), busy.clone(), show.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match extract_client::extract(value.clone().into()).await {
                    Ok(e) => show(from_extraction(e)),
                    // Nothing the reader pasted is lost: the markup stays in the box.
                    Err(e) => { text.set(value); error.set(Some(e)) }
                }
                busy.set(false);
            });
        })
    };
    let onfile = {
        let (error, busy, show) = (error.clone(), busy.clone(), show.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            let (error, busy, show) = (error.clone(), busy.clone(), show.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match read_file(file).await.and_then(|(a, n)| storage::check_own_text(&a.text).map(|text| (NewArticle { text, ..a }, n))) {
                    Ok(read) => show(read),
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    let onsubmit = {
        let (open, title, text, error, onadd) = (open.clone(), title.clone(), text.clone(), error.clone(), props.onadd.clone());
        let (meta, notice) = (meta.clone(), notice.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (byline, date) = (*meta).clone();
            match onadd.emit(NewArticle { title: (*title).clone(), text: (*text).clone(), byline, date }) {
                Ok(()) => {
                    title.set(String::new());
                    text.set(String::new());
                    meta.set((None, None));
                    notice.set(None);
                    error.set(None);
                    open.set(false)
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let oncancel = { let (open, error) = (open.clone(), error.clone()); Callback::from(move |_: MouseEvent| { error.set(None); open.set(false) }) };
    html! {
        <form class="add-form" aria-label="Add your own article" {onsubmit}>
            <label>{ "Title (optional)" }
                <input type="text" value={(*title).clone()} oninput={ontitle} placeholder="Taken from the first line if empty" />
            </label>
            <label>{ "Article text" }
                <textarea rows="7" value={(*text).clone()} oninput={ontext} placeholder="Paste the article here…" />
            </label>
            <label class="file-pick">{ "…or open a file (.txt, .md, .html)" }
                <input type="file" accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" onchange={onfile} />
            </label>
            if *busy {
                <p class="hint" role="status">{ "Reading the page…" }</p>
            }
            if let Some(n) = (*notice).clone() {
                <p class="form-notice" role="status">{ n }</p>
            }
            if let Some(e) = (*error).clone() {
                <p class="form-error" role="alert">{ e }</p>
            }
            <div class="form-actions">
                <button type="submit" class="primary" disabled={text.trim().is_empty()}>{ "Add article" }</button>
                <button type="button" class="link" onclick={oncancel}>{ "Cancel" }</button>
            </div>
            <p class="hint">{ "Kept only in this browser, beside the class's articles. A saved web page (.html, or its HTML pasted) becomes its article: menus, comments and other furniture are left out." }</p>
        </form>
    }
}
