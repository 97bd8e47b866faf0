//! The list of articles in the collection: title, source and length; the chosen one marked.
//! Below it the reader's own articles, each removable, and the form to add one.

use std::rc::Rc;

use yew::prelude::*;

use super::add_article::AddArticle;
use crate::state::Load;
use crate::storage::ManifestEntry;

#[derive(Properties, PartialEq)]
pub struct ArticleListProps {
    pub articles: Load<Rc<Vec<ManifestEntry>>>,
    pub selected: Option<String>,
    pub onselect: Callback<String>,
    pub own: Rc<Vec<ManifestEntry>>,
    pub onadd: Callback<crate::storage::NewArticle, Result<(), String>>,
    pub onremove: Callback<ManifestEntry>,
}

fn item(a: &ManifestEntry, selected: Option<&str>, onselect: &Callback<String>) -> Html {
    let current = selected == Some(a.id.as_str());
    let onclick = {
        let onselect = onselect.clone();
        let id = a.id.clone();
        Callback::from(move |_| onselect.emit(id.clone()))
    };
    html! {
        <button class={classes!("article-item", current.then_some("current"))}
                aria-current={current.then_some("true")} {onclick}>
            <span class="item-title">{ a.title.clone() }</span>
            <span class="item-meta">
                if let Some(source) = super::reader_view::shown_source(a) {
                    <span class="item-source">{ source.to_owned() }</span>
                }
                <span class="item-words">{ format!("{} words", a.words) }</span>
                if a.key.is_some() { <span class="item-key">{ "answer key" }</span> }
            </span>
        </button>
    }
}

/// Own articles drawn per frame.
const OWN_CHUNK: usize = 200;

#[derive(Properties)]
struct OwnChunkProps {
    own: Rc<Vec<ManifestEntry>>,
    from: usize,
    to: usize,
    /// The selected article, when it is in this chunk.
    selected: Option<String>,
    onselect: Callback<String>,
    onremove: Callback<ManifestEntry>,
}

// The same list (by pointer, not by comparing thousands of entries) and the same slice of it.
impl PartialEq for OwnChunkProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.own, &o.own)
            && (self.from, self.to, &self.selected) == (o.from, o.to, &o.selected)
            && self.onselect == o.onselect
            && self.onremove == o.onremove
    }
}

#[component]
fn OwnChunk(props: &OwnChunkProps) -> Html {
    html! {
        { for props.own[props.from..props.to].iter().map(|a| {
            let onremove = { let r = props.onremove.clone(); let a = a.clone(); Callback::from(move |_: MouseEvent| r.emit(a.clone())) };
            html! {
                <li key={a.id.clone()} class="own-item">
                    { item(a, props.selected.as_deref(), &props.onselect) }
                    <button class="link danger remove" onclick={onremove}
                            aria-label={format!("Remove “{}”", a.title)}>{ "Remove" }</button>
                </li>
            }
        }) }
    }
}

#[component]
pub fn ArticleList(props: &ArticleListProps) -> Html {
    let body = match &props.articles {
        Load::Loading => html! { <p class="status" role="status">{ "Loading articles…" }</p> },
        Load::Failed(message) => html! {
            <div class="error" role="alert">
                <p><strong>{ "The article list could not be loaded." }</strong></p>
                <p>{ message.clone() }</p>
            </div>
        },
        Load::Ready(list) if list.is_empty() => html! {
            <div class="status" role="status">
                <p>{ "There are no articles in this collection yet." }</p>
                <p class="hint">{ "Teachers: put .txt or .md files in the articles folder and run the manifest command (see the README)." }</p>
            </div>
        },
        Load::Ready(list) => html! {
            <ul class="article-items">
                { for list.iter().map(|a| html! {
                    <li key={a.id.clone()}>{ item(a, props.selected.as_deref(), &props.onselect) }</li>
                }) }
            </ul>
        },
    };
    // A long list of own articles is drawn a chunk per frame (each chunk a component that
    // later renders skip), so thousands of them never block the page.
    let shown = use_state(|| OWN_CHUNK);
    {
        let (shown, total) = (shown.clone(), props.own.len());
        use_effect_with((*shown, total), move |&(n, total)| {
            let frame = (n < total).then(|| gloo::render::request_animation_frame(move |_| shown.set(n + OWN_CHUNK)));
            move || drop(frame)
        });
    }
    let own = html! {
        <ul class="article-items">
            { for (0..props.own.len().min(*shown)).step_by(OWN_CHUNK).map(|from| {
                let to = (from + OWN_CHUNK).min(props.own.len());
                let selected = props.selected.clone().filter(|id| props.own[from..to].iter().any(|a| &a.id == id));
                html! {
                    <OwnChunk key={from} own={props.own.clone()} {from} {to} {selected}
                              onselect={props.onselect.clone()} onremove={props.onremove.clone()} />
                }
            }) }
        </ul>
    };
    html! {
        <nav class="article-list" aria-label="Articles">
            <h2 class="pane-title">{ "Articles" }</h2>
            { body }
            <h2 class="pane-title own-title">{ "Your articles" }</h2>
            if props.own.is_empty() {
                <p class="hint own-hint">{ "Articles you add are kept in this browser only." }</p>
            }
            { own }
            <AddArticle onadd={props.onadd.clone()} />
        </nav>
    }
}
