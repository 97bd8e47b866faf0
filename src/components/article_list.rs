//! The list of articles in the collection: title, source and length; the chosen one marked.

use std::rc::Rc;

use yew::prelude::*;

use crate::state::Load;
use crate::storage::ManifestEntry;

#[derive(Properties, PartialEq)]
pub struct ArticleListProps {
    pub articles: Load<Rc<Vec<ManifestEntry>>>,
    pub selected: Option<String>,
    pub onselect: Callback<String>,
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
                { for list.iter().map(|a| {
                    let current = props.selected.as_deref() == Some(a.id.as_str());
                    let onclick = {
                        let onselect = props.onselect.clone();
                        let id = a.id.clone();
                        Callback::from(move |_| onselect.emit(id.clone()))
                    };
                    html! {
                        <li key={a.id.clone()}>
                            <button class={classes!("article-item", current.then_some("current"))}
                                    aria-current={current.then_some("true")} {onclick}>
                                <span class="item-title">{ a.title.clone() }</span>
                                <span class="item-meta">
                                    <span class="item-source">{ a.source.clone() }</span>
                                    <span class="item-words">{ format!("{} words", a.words) }</span>
                                </span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        },
    };
    html! {
        <nav class="article-list" aria-label="Articles">
            <h2 class="pane-title">{ "Articles" }</h2>
            { body }
        </nav>
    }
}
