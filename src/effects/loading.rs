//! Loading: the article list at start (with the remembered article fetched alongside), and the
//! chosen article whenever the choice changes — fetched, analysed, its annotations attached.

use std::rc::Rc;

use yew::prelude::*;

use super::fetch::{early_or_fetch, early_or_fetch_bytes, fetch_text};
use crate::state::{Action, Article, Doc, Load, State};
use crate::storage;
use crate::timing::{mark, timed};

/// A made-up news paragraph exercising the analysis (entities, attribution, hedges, criticism).
const WARM_UP: &str = "The Ministry of Transport said on Monday that it would suspend the new tariff, \
according to a statement seen by Reuters. Critics condemned the decision, warning that it could \
undermine investment in Northern Europe. \"We are disappointed,\" said Maria Okafor, a \
spokesperson for Acme Rail Inc. (ARI). Analysts expect the rule may take effect next year, but it \
remains to be seen whether the European Commission will approve it. Dutch and German officials \
declined to comment.\n\n";

/// How many copies of `WARM_UP` the warm-up analyses. V8 only queues a function for optimisation
/// once it has used up a budget of executed code, and the passes called once per analysis (one
/// long loop each) exhaust it only on a sample this size (docs/performance.md).
const WARM_UP_COPIES: usize = 100;

/// The entity model's weights, a data file beside the wasm (copied from core/data by index.html;
/// static/early.js starts fetching it with the page).
const ENTITIES_URL: &str = "entities.bin";

type Ready = futures::future::Shared<futures::future::LocalBoxFuture<'static, Result<(), String>>>;

thread_local! {
    static MODEL: Ready = {
        use futures::FutureExt;
        async {
            if annotator_core::ner::shared().is_some() {
                return Ok(()); // compiled in (feature `embedded-entity-weights`)
            }
            let bytes = early_or_fetch_bytes("entities", ENTITIES_URL, "the entity model").await?;
            timed("annotator:entity-model", || annotator_core::ner::install(&bytes))
                .map_err(|e| format!("Could not use the entity model ({ENTITIES_URL}): {e}. Names are found by the rules alone."))
        }
        .boxed_local()
        .shared()
    };
}

/// Resolves once the entity model is installed (or could not be): every analysis of the page
/// waits for it, so none runs without the model while its weights are on the way.
pub fn entity_model() -> Ready {
    MODEL.with(Ready::clone)
}

/// At start: the entity model, the warm-up of the analysis, then the article list (and the
/// remembered article, both already on the way from static/early.js).
#[hook]
pub fn use_start(state: &UseReducerHandle<State>) {
    let dispatch = state.dispatcher();
    use_effect_with((), move |_| {
        yew::platform::spawn_local(async move {
            if let Err(e) = entity_model().await {
                dispatch.dispatch(Action::Notice(Some(e)));
            }
            // First thing once the model is there: the browser compiles wasm lazily and
            // optimises what has run, in the background, so the sooner this runs the likelier
            // the real article meets optimised code. Deferred to a timer, the warm-up ran just
            // before the article's analysis and gained nothing.
            timed("annotator:warm-up", || annotator_core::analyze(&WARM_UP.repeat(WARM_UP_COPIES)));
            let manifest_url = storage::manifest_url();
            let manifest = early_or_fetch("manifest", None, &manifest_url, "the article list");
            // The article the reader had open is fetched alongside, not after, the list.
            let result = match storage::load_selected_file() {
                Some((id, file)) => {
                    let url = format!("{}/{file}", storage::ARTICLES_DIR);
                    let (manifest, text) =
                        futures::future::join(manifest, early_or_fetch("article", Some(&file), &url, "the article")).await;
                    if let Ok(text) = text {
                        dispatch.dispatch(Action::Prefetched { id, file, text: Rc::new(text) });
                    }
                    manifest
                }
                None => manifest.await,
            };
            mark("annotator:list-fetched");
            dispatch.dispatch(Action::ManifestLoaded(result.and_then(|json| storage::parse_manifest(&json))));
        });
    });
}

/// Whenever the chosen article changes (and the list is there to find its file): remember it,
/// load it, analyse it and read its annotations.
#[hook]
pub fn use_article(state: &UseReducerHandle<State>) {
    let dispatch = state.dispatcher();
    let entry = state.selected_entry().cloned();
    // Own articles are known from the start; site articles once the list is there.
    let list_ready = matches!(state.articles, Load::Ready(_)) || entry.as_ref().is_some_and(|e| e.own);
    let prefetched = state.prefetched.clone();
    use_effect_with((entry, list_ready), move |(entry, list_ready)| {
        if *list_ready {
            if let Err(e) = storage::save_selected(entry.as_ref()) {
                dispatch.dispatch(Action::Notice(Some(e)));
            }
        }
        if let Some(entry) = entry.clone() {
            yew::platform::spawn_local(async move {
                mark("annotator:fetch-article");
                let text = match prefetched {
                    _ if entry.own => storage::load_own_text(&entry.id),
                    Some((id, file, text)) if id == entry.id && file == entry.file => Ok((*text).clone()),
                    _ => fetch_text(&entry.url(), "the article").await,
                };
                mark("annotator:article-fetched");
                // An own article can be chosen before the model's weights arrive (a failure was
                // told at start).
                let _ = entity_model().await;
                // Let the browser paint "Analysing…" before the (synchronous) analysis.
                gloo::timers::future::TimeoutFuture::new(0).await;
                let result = text.and_then(|text| {
                    let analysis = timed("annotator:analyze", || annotator_core::analyze(&text));
                    let article = Rc::new(Article::new(entry.id.clone(), analysis));
                    if article.is_empty() {
                        return Err(format!("The article file {} is empty.", entry.file));
                    }
                    let (doc, loaded) = timed("annotator:attach", || {
                        let loaded = storage::load_annotations(&entry.id, &article.analysis.text);
                        let mut doc = Doc::new(&article, loaded.annotations);
                        doc.read_only = loaded.read_only;
                        (doc, (loaded.notice, loaded.recovered))
                    });
                    if let Some(n) = loaded.0 {
                        dispatch.dispatch(Action::Notice(Some(n)));
                    }
                    if let Some(key) = loaded.1 {
                        dispatch.dispatch(Action::Recovered(key));
                    }
                    Ok((article, doc))
                });
                mark("annotator:article-ready");
                dispatch.dispatch(Action::ArticleLoaded { id: entry.id, result });
            });
        }
    });
}
