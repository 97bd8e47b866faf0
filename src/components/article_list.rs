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

/// Own articles shown at first, and added by each "Show more": a page of them draws in a few
/// milliseconds, where thousands at once (or a chunk per frame) keep the page busy for seconds.
const OWN_PAGE: usize = 100;

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
    // A long list of own articles is shown a page at a time (each page a component that later
    // renders skip); the open article is always listed, even when it is beyond the pages shown.
    let shown = use_state(|| OWN_PAGE);
    let total = props.own.len();
    let upto = total.min(*shown);
    let page = |from: usize, to: usize| {
        let selected = props.selected.clone().filter(|id| props.own[from..to].iter().any(|a| &a.id == id));
        html! {
            <OwnChunk key={from} own={props.own.clone()} {from} {to} {selected}
                      onselect={props.onselect.clone()} onremove={props.onremove.clone()} />
        }
    };
    let open_beyond = props.selected.as_ref().and_then(|id| props.own[upto..].iter().position(|a| &a.id == id)).map(|i| upto + i);
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + OWN_PAGE))
    };
    let own = html! {
        <>
            <ul class="article-items">
                { for (0..upto).step_by(OWN_PAGE).map(|from| page(from, (from + OWN_PAGE).min(upto))) }
                { for open_beyond.map(|i| page(i, i + 1)) }
            </ul>
            if upto < total {
                <button class="link own-more" onclick={more}>
                    { format!("Show {} more ({} not shown)", OWN_PAGE.min(total - upto), total - upto) }
                </button>
            }
        </>
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
