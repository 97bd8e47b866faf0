//! Collecting the class's work: share links pasted many at once (one per line, as they arrive
//! by mail or chat) and exported files dropped or picked many at once; then, once for the whole
//! batch, a name for each link or file that carries none.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::class_state::Unnamed;

#[derive(Properties, PartialEq)]
pub struct ClassCollectProps {
    pub unnamed: Unnamed,
    pub onlinks: Callback<String>,
    pub onfiles: Callback<Vec<web_sys::File>>,
    pub onnames: Callback<Vec<String>>,
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default()
}

#[component]
pub fn ClassCollect(props: &ClassCollectProps) -> Html {
    let links = use_state(String::new);
    let dragging = use_state(|| false);
    let oninput = {
        let links = links.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                links.set(t.value());
            }
        })
    };
    let oncollect = {
        let (links, onlinks) = (links.clone(), props.onlinks.clone());
        Callback::from(move |_: MouseEvent| {
            if !links.trim().is_empty() {
                onlinks.emit((*links).clone());
                links.set(String::new());
            }
        })
    };
    let onpick = {
        let onfiles = props.onfiles.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let files = files_of(input.files());
            if !files.is_empty() {
                onfiles.emit(files);
            }
            input.set_value("");
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let (dragging, onfiles) = (dragging.clone(), props.onfiles.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let files = files_of(e.data_transfer().and_then(|d| d.files()));
            if !files.is_empty() {
                onfiles.emit(files);
            }
        })
    };
    let sources: Vec<String> = props.unnamed.iter().filter(|(from, _)| !from.is_empty()).map(|(from, _)| from.clone()).collect();
    html! {
        <section class="class-collect" aria-label="Collect the class's work">
            <h2>{ "Collect" }</h2>
            <div class="collect-ways">
                <div>
                    <label for="class-links">{ "Share links, one per line" }</label>
                    <textarea id="class-links" rows="4" value={(*links).clone()} {oninput}
                              placeholder="Paste the links your students sent you (mail or chat text around them is fine)" />
                    <button class="primary" onclick={oncollect} disabled={links.trim().is_empty()}>{ "Collect links" }</button>
                </div>
                <div class={classes!("drop", dragging.then_some("over"))} {ondragover} {ondragleave} {ondrop}>
                    <label class="file-pick">{ "Exported files (Web Annotation JSON or CSV): drop them here or " }
                        <input type="file" multiple=true accept=".json,.jsonld,.csv,application/json,application/ld+json,text/csv" onchange={onpick} />
                    </label>
                </div>
            </div>
            if !sources.is_empty() {
                <NamesForm {sources} onnames={props.onnames.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct NamesFormProps {
    sources: Vec<String>,
    onnames: Callback<Vec<String>>,
}

/// One question for the whole batch: a name for each link or file without one.
#[component]
fn NamesForm(props: &NamesFormProps) -> Html {
    let names = use_state(|| vec![String::new(); props.sources.len()]);
    let onsubmit = {
        let (names, onnames) = (names.clone(), props.onnames.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            onnames.emit((*names).clone());
        })
    };
    html! {
        <form class="names" {onsubmit}>
            <p><strong>{ format!("{} of these carry no student's name.", props.sources.len()) }</strong>
                { " Whose work is each? (Leave a name empty to skip that one.)" }</p>
            { for props.sources.iter().enumerate().map(|(i, from)| {
                let value = names.get(i).cloned().unwrap_or_default();
                let names = names.clone();
                let oninput = Callback::from(move |e: InputEvent| {
                    if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                        let mut list = (*names).clone();
                        // More sources may have joined the question since it was drawn.
                        if list.len() <= i {
                            list.resize(i + 1, String::new());
                        }
                        list[i] = input.value();
                        names.set(list);
                    }
                });
                html! {
                    <label key={from.clone()}>{ from.clone() }
                        <input type="text" maxlength="80" {value} {oninput} />
                    </label>
                }
            }) }
            <button class="primary" type="submit">{ "Collect with these names" }</button>
        </form>
    }
}
