//! The "Share" tab: export this article's or all annotations (Web Annotation JSON or CSV), save
//! them as an answer key, import a file, create a share link, and compare with the answer key.
//! Every button dispatches an action; the effects do the reading, writing and fetching, and the
//! share link comes back in `State::share_link`.


use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::{Action, Format, Scope};

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub state: super::state_ref::StateRef,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let name = use_state(String::new);
    let (state, dispatch) = (&props.state, &props.dispatch);
    // A link made earlier is forgotten when the panel closes, as it is when the name changes.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| move || dispatch.emit(Action::ShareLink(None)));
    }
    let live = state.doc.as_ref().map_or(0, |d| d.annotations.iter().filter(|a| a.is_live()).count());
    let has_key = state.selected_entry().is_some_and(|e| e.key.is_some());

    let export = |scope: Scope, format: Format, text: &str, label: String| {
        let name = name.clone();
        let onclick = dispatch.reform(move |_: MouseEvent| Action::Export { scope, format, name: (*name).clone() });
        html! {
            <button class="tool" aria-label={label} {onclick}>{ text.to_owned() }</button>
        }
    };
    let onfile = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                dispatch.emit(Action::ImportFile(file));
            }
            // The same file can be picked again (after fixing it, say).
            input.set_value("");
        })
    };
    let onname = {
        let (name, dispatch) = (name.clone(), dispatch.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                name.set(i.value());
                dispatch.emit(Action::ShareLink(None));
            }
        })
    };
    let onmake = {
        let (name, dispatch) = (name.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::MakeShareLink((*name).clone())))
    };
    let oncopy = dispatch.reform(|_: MouseEvent| Action::CopyShareLink);
    let title = state.selected_entry().map(|e| e.title.clone()).unwrap_or_default();
    let link_view = match state.share_link.clone() {
        None => html! {},
        Some(Err(e)) => html! { <p class="form-error" role="alert">{ e }</p> },
        Some(Ok(url)) => {
            let mail = format!(
                "mailto:?subject={}&body={}",
                js_sys::encode_uri_component(&format!("My annotations: {title}")),
                js_sys::encode_uri_component(&format!("Open this link to see my annotations:\n\n{url}\n"))
            );
            html! {
                <div class="share-result">
                    <label>{ format!("Link ({} characters)", url.chars().count()) }
                        <input type="text" readonly=true value={url} class="share-link"
                               onfocus={Callback::from(|e: FocusEvent| {
                                   if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() { i.select() }
                               })} />
                    </label>
                    <div class="form-actions">
                        <button class="tool" onclick={oncopy}>{ "Copy link" }</button>
                        <a class="link" href={mail}>{ "Send by e-mail" }</a>
                    </div>
                </div>
            }
        }
    };
    html! {
        <div class="share">
            <label class="your-name">{ "Your name (carried by your share links and Web Annotation exports, so your teacher knows whose work it is)" }
                <input type="text" value={(*name).clone()} oninput={onname} maxlength="80" />
            </label>
            <section>
                <h3>{ "Export" }</h3>
                <p class="hint">{ format!("This article ({live} annotation{}):", if live == 1 { "" } else { "s" }) }</p>
                <div class="tools">
                    { export(Scope::Article, Format::WebAnnotation, "Web Annotation JSON", "Export this article as Web Annotation JSON".into()) }
                    { export(Scope::Article, Format::Csv, "CSV", "Export this article as CSV".into()) }
                </div>
                <p class="hint">{ "All articles in this browser:" }</p>
                <div class="tools">
                    { export(Scope::All, Format::WebAnnotation, "Web Annotation JSON", "Export all articles as Web Annotation JSON".into()) }
                    { export(Scope::All, Format::Csv, "CSV", "Export all articles as CSV".into()) }
                </div>
                <details class="teacher">
                    <summary>{ "Teachers: make this the answer key" }</summary>
                    <p class="hint">{ "Saves your annotations of this article as " }<code>{ "<article>.key.json" }</code>
                        { ". Put the file beside the article in your class folder and run the pack command again; students can then compare their work with it." }</p>
                    { export(Scope::AnswerKey, Format::WebAnnotation, "Save answer key", "Save as answer key".into()) }
                </details>
            </section>
            <section>
                <h3>{ "Import" }</h3>
                <label class="file-pick">{ "Web Annotation JSON file (from this app or another tool)" }
                    <input type="file" accept=".json,.jsonld,application/json,application/ld+json" onchange={onfile} />
                </label>
                <p class="hint">{ "Annotations are merged with yours; nothing of yours is replaced." }</p>
                if let Some(p) = state.progress.clone() {
                    <p class="progress" role="status">{ p }</p>
                }
            </section>
            <section>
                <h3>{ "Share a link" }</h3>
                <div class="form-actions">
                    <button class="primary" onclick={onmake}>{ "Create share link" }</button>
                </div>
                <p class="hint">{ "The link itself carries your annotations of this article: nothing is uploaded anywhere." }</p>
                { link_view }
            </section>
            if has_key {
                <section>
                    <h3>{ "Answer key" }</h3>
                    <button class="primary" onclick={dispatch.reform(|_: MouseEvent| Action::CompareKey)}>{ "Compare with the answer key" }</button>
                </section>
            }
        </div>
    }
}
