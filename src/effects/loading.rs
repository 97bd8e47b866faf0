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

/// A data file beside the wasm: its weights, copied from core/data by index.html and fetched
/// from the start of the page by static/early.js (under `key`), installed into the analysis.
struct DataFile {
    key: &'static str,
    url: &'static str,
    /// What it is, for messages: "the entity model".
    what: &'static str,
    install: fn(&[u8]) -> Result<(), String>,
    /// The measure it is installed under (User Timing).
    mark: &'static str,
    /// What the analysis does without it, told to the reader.
    without: &'static str,
}

static DATA_FILES: [DataFile; 2] = [
    DataFile {
        key: "entities",
        url: "entities.bin",
        what: "the entity model",
        install: annotator_core::ner::install,
        mark: "annotator:entity-model",
        without: "Names are found by the rules alone.",
    },
    DataFile {
        key: "attribution",
        url: "attribution.bin",
        what: "the attribution model",
        install: annotator_core::attribution::install,
        mark: "annotator:attribution-model",
        without: "Who says what is not found; suggestions come from cue words alone.",
    },
];

async fn load(f: &DataFile) -> Result<(), String> {
    let installed = match early_or_fetch_bytes(f.key, f.url, f.what).await {
        Ok(bytes) => timed(f.mark, || (f.install)(&bytes))
            .map_err(|e| format!("Could not use {} ({}): {e}.", f.what, f.url)),
        Err(e) => Err(e),
    };
    installed.map_err(|e| format!("{e} {}", f.without))
}

type Ready = futures::future::Shared<futures::future::LocalBoxFuture<'static, Result<(), String>>>;

thread_local! {
    static MODELS: Ready = {
        use futures::FutureExt;
        async {
            if annotator_core::ner::shared().is_some() && annotator_core::attribution::shipped().is_some() {
                return Ok(()); // compiled in (feature `embedded-weights`)
            }
            // Side by side, as static/early.js requested them; each failure is told. (`join`,
            // not `join_all`: the latter carries a second, unordered-set implementation.)
            let [entities, attribution] = &DATA_FILES;
            match futures::future::join(load(entities), load(attribution)).await {
                (Ok(()), Ok(())) => Ok(()),
                (Err(e), Ok(())) | (Ok(()), Err(e)) => Err(e),
                (Err(a), Err(b)) => Err(format!("{a} {b}")),
            }
        }
        .boxed_local()
        .shared()
    };
}

/// Resolves once the models' data files are installed (or could not be): every analysis of the
/// page waits for them, so none runs without a model while its weights are on the way.
pub fn models() -> Ready {
    MODELS.with(Ready::clone)
}

/// At start: the models' data files, the warm-up of the analysis, then the article list (and the
/// remembered article, both already on the way from static/early.js).
#[hook]
pub fn use_start(state: &UseReducerHandle<State>) {
    let dispatch = state.dispatcher();
    use_effect_with((), move |_| {
        yew::platform::spawn_local(async move {
            if let Err(e) = models().await {
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
                // An own article can be chosen before the models' weights arrive (a failure was
                // told at start).
                let _ = models().await;
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
