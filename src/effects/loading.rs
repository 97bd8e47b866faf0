//! Loading: the article list at start (with the remembered article fetched alongside), and the
//! chosen article whenever the choice changes — fetched, analysed, its annotations attached.

use std::rc::Rc;

use yew::prelude::*;

use annotator_core::formats::analysis;
use annotator_core::Analysis;
use js_sys::Uint8Array;

use super::fetch::{early_or_fetch, fetch_text};
use super::slices::{now, Slices};
use crate::analysis_client;
use crate::state::{Action, Article, Doc, Load, State};
use crate::storage::{self, ManifestEntry};
use crate::timing::{mark, measured, record_spent, timed};

/// How many items of the analysis' answer (sentences, entities, ...) are read between looks at
/// the slice's clock.
const ITEMS_PER_LOOK: usize = 1000;

/// The worker's analysis of `text`, its answer read a slice at a time (`formats::analysis::
/// Decoding`); the main thread's time reading it is the `annotator:analysis-received` measure.
async fn analyzed(text: &str, slices: &mut Slices) -> Result<Analysis, String> {
    let answer = analysis_client::answer(text).await?;
    // The answer's task begins now.
    slices.restart();
    let mut decoding = analysis::Decoding::new(Uint8Array::new(&answer).to_vec());
    let mut spent = 0.0;
    loop {
        let started = now();
        let read = decoding.step(ITEMS_PER_LOOK);
        spent += now() - started;
        match read {
            Ok(Some(analysis)) => {
                record_spent("annotator:analysis-received", spent);
                return Ok(analysis);
            }
            Ok(None) if slices.due() => slices.pause().await,
            Ok(None) => {}
            Err(e) => return Err(e),
        }
    }
}

/// The article with the reader's stored annotations attached (and any notice about them told).
fn attached(entry: &ManifestEntry, article: Rc<Article>, dispatch: &UseReducerDispatcher<State>) -> Result<(Rc<Article>, Doc), String> {
    if article.is_empty() {
        return Err(format!("The article file {} is empty.", entry.file));
    }
    let (doc, loaded) = timed("annotator:attach", || {
        // The two halves measured apart for the benchmark's breakdown.
        let loaded = timed("annotator:attach-read", || storage::load_annotations(&entry.id, &article.analysis.text));
        let mut doc = timed("annotator:attach-anchor", || Doc::new(&article, loaded.annotations));
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
}

/// At start: what the analysis worker says of the models' data files (a failure told), and the
/// article list (and the remembered article, both already on the way from static/early.js).
#[hook]
pub fn use_start(state: &UseReducerHandle<State>) {
    let dispatch = state.dispatcher();
    use_effect_with((), move |_| {
        let told = dispatch.clone();
        yew::platform::spawn_local(async move {
            if let Err(e) = analysis_client::models().await {
                told.dispatch(Action::Notice(Some(e)));
            }
        });
        yew::platform::spawn_local(async move {
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
                let text = match text {
                    Ok(text) => text,
                    Err(e) => {
                        dispatch.dispatch(Action::ArticleLoaded { id: entry.id, result: Err(e) });
                        return;
                    }
                };
                // The text is shown from its outline (its sentences, as the analysis has them)
                // at once, its annotations attached, so the reader can start; the names, claims
                // and suggestions follow when the worker answers (`Action::Analysed`), on the
                // same text, so nothing else changes then.
                let outline = timed("annotator:outline", || {
                    let mut a = Article::new(entry.id.clone(), annotator_core::outline(&text));
                    a.pending = true;
                    Rc::new(a)
                });
                let result = attached(&entry, outline, &dispatch);
                let shown = result.is_ok();
                mark("annotator:outline-ready");
                dispatch.dispatch(Action::ArticleLoaded { id: entry.id.clone(), result });
                if !shown {
                    return;
                }
                // In the worker, which waits for the models' data files (a failure was told at
                // start); when it is not there the outline stays, and the reader is told. From
                // the answer's arrival on, the work is done a slice at a time: reading a long
                // article's analysis and building its tables would otherwise be one long task.
                let mut slices = Slices::new();
                match measured("annotator:analyze", analyzed(&text, &mut slices)).await {
                    Ok(analysis) => {
                        if slices.due() {
                            slices.pause().await;
                        }
                        let article = Rc::new(Article::new(entry.id.clone(), analysis));
                        if slices.due() {
                            slices.pause().await;
                        }
                        mark("annotator:article-ready");
                        dispatch.dispatch(Action::Analysed { id: entry.id, article });
                    }
                    Err(e) => {
                        mark("annotator:article-ready");
                        dispatch.dispatch(Action::Notice(Some(e)));
                        // The outline stays, no longer waiting for anything.
                        let article = Rc::new(Article::new(entry.id.clone(), annotator_core::outline(&text)));
                        dispatch.dispatch(Action::Analysed { id: entry.id, article });
                    }
                }
            });
        }
    });
}
