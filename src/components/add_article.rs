//! "Add your own article": paste a text or open a local .txt, .md or .html file, check it in the
//! box, then add it. HTML is reduced to its text by the browser's inert parser (see
//! `storage::html_to_text`); nothing from the file is ever inserted as markup. If adding fails
//! (storage full), the text stays in the box: nothing the reader pasted is lost.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::storage::{self, MAX_OWN_BYTES};

#[derive(Properties, PartialEq)]
pub struct AddArticleProps {
    /// (title, text) → Ok, or why it was not added.
    pub onadd: Callback<(String, String), Result<(), String>>,
}

fn is_html(name: &str, mime: &str) -> bool {
    let name = name.to_lowercase();
    mime == "text/html" || name.ends_with(".html") || name.ends_with(".htm")
}

/// Read a picked file as text (HTML reduced to text), with a sentence when its encoding had to be
/// assumed (`storage::decode_text_file`). Size is checked before reading.
async fn read_file(file: web_sys::File) -> Result<(String, Option<String>), String> {
    if file.size() > (MAX_OWN_BYTES * 2) as f64 {
        return Err(format!(
            "“{}” is {:.1} MB; the annotator keeps own articles of up to {} MB.",
            file.name(),
            file.size() / 1_048_576.0,
            MAX_OWN_BYTES / 1_048_576
        ));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("“{}” could not be read.", file.name()))?;
    let (text, assumed) = storage::decode_text_file(&js_sys::Uint8Array::new(&buffer).to_vec(), &file.name())?;
    if is_html(&file.name(), &file.type_()) {
        Ok((storage::html_to_text(&text)?, assumed))
    } else {
        Ok((text, assumed))
    }
}

#[component]
pub fn AddArticle(props: &AddArticleProps) -> Html {
    let open = use_state(|| false);
    let title = use_state(String::new);
    let text = use_state(String::new);
    let error = use_state(|| None::<String>);
    let note = use_state(|| None::<String>);

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
    let ontext = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() { text.set(t.value()) }
        })
    };
    let onfile = {
        let (text, error, note) = (text.clone(), error.clone(), note.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            let (text, error, note) = (text.clone(), error.clone(), note.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match read_file(file).await.and_then(|(t, n)| Ok((storage::check_own_text(&t)?, n))) {
                    Ok((t, n)) => { text.set(t); error.set(None); note.set(n) }
                    Err(e) => { error.set(Some(e)); note.set(None) }
                }
            });
        })
    };
    let onsubmit = {
        let (open, title, text, error, onadd) = (open.clone(), title.clone(), text.clone(), error.clone(), props.onadd.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match onadd.emit(((*title).clone(), (*text).clone())) {
                Ok(()) => { title.set(String::new()); text.set(String::new()); error.set(None); open.set(false) }
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
            if let Some(n) = (*note).clone() {
                <p class="form-note" role="status">{ n }</p>
            }
            if let Some(e) = (*error).clone() {
                <p class="form-error" role="alert">{ e }</p>
            }
            <div class="form-actions">
                <button type="submit" class="primary" disabled={text.trim().is_empty()}>{ "Add article" }</button>
                <button type="button" class="link" onclick={oncancel}>{ "Cancel" }</button>
            </div>
            <p class="hint">{ "Kept only in this browser, beside the class's articles. HTML files are reduced to their text." }</p>
        </form>
    }
}
