//! The root component: owns the reducer and runs the side effects (fetch the manifest, fetch and
//! analyse the chosen article, remember the choice) that report back as actions.

use std::rc::Rc;

use gloo::net::http::Request;
use yew::prelude::*;

use crate::components::{article_list::ArticleList, notice_bar::NoticeBar, reader_view::ReaderView};
use crate::state::{Action, Article, Load, State};
use crate::storage;

/// Fetch a text resource relative to the page, turning every failure into a sentence.
async fn fetch_text(url: &str, what: &str) -> Result<String, String> {
    let resp = Request::get(url)
        .send()
        .await
        .map_err(|e| format!("Could not load {what} ({url}): {e}."))?;
    if !resp.ok() {
        return Err(format!("Could not load {what} ({url}): the server answered {} {}.", resp.status(), resp.status_text()));
    }
    resp.text().await.map_err(|e| format!("Could not read {what} ({url}): {e}."))
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| State::new(storage::load_selected()));

    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                let result = fetch_text(&storage::manifest_url(), "the article list")
                    .await
                    .and_then(|json| storage::parse_manifest(&json));
                dispatch.dispatch(Action::ManifestLoaded(result));
            });
        });
    }

    // Whenever the chosen article changes (and the list is there to find its file): remember it
    // and load it.
    {
        let dispatch = state.dispatcher();
        let entry = state.selected_entry().cloned();
        let list_ready = matches!(state.articles, Load::Ready(_));
        use_effect_with((entry, list_ready), move |(entry, list_ready)| {
            if *list_ready {
                if let Err(e) = storage::save_selected(entry.as_ref().map(|e| e.id.as_str())) {
                    dispatch.dispatch(Action::Notice(Some(e)));
                }
            }
            if let Some(entry) = entry.clone() {
                yew::platform::spawn_local(async move {
                    let result = fetch_text(&entry.url(), "the article").await.and_then(|text| {
                        let analysis = annotator_core::analyze(&text);
                        if analysis.word_count() == 0 {
                            Err(format!("The article file {} is empty.", entry.file))
                        } else {
                            Ok(Rc::new(Article::new(entry.id.clone(), analysis)))
                        }
                    });
                    dispatch.dispatch(Action::ArticleLoaded { id: entry.id, result });
                });
            }
        });
    }

    let onselect = {
        let dispatch = state.dispatcher();
        Callback::from(move |id: String| dispatch.dispatch(Action::Select(id)))
    };
    let onclose = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Close))
    };
    let ondismiss = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Notice(None)))
    };

    let entry = state.selected_entry().cloned();
    let shell_class = classes!("shell", entry.is_some().then_some("has-article"));

    html! {
        <div class={shell_class}>
            <header class="topbar">
                <span class="brand">{ "Article Annotator" }</span>
            </header>
            if let Some(message) = state.notice.clone() {
                <NoticeBar {message} {ondismiss} />
            }
            <div class="panes">
                <ArticleList articles={state.articles.clone()} selected={state.selected.clone()} {onselect} />
                <main class="reader-pane" id="reader">
                    if let Some(entry) = entry {
                        <ReaderView {entry} article={state.article.clone()} {onclose} />
                    } else if matches!(state.articles, Load::Ready(_)) {
                        <p class="placeholder">{ "Choose an article to start reading." }</p>
                    }
                </main>
            </div>
        </div>
    }
}
