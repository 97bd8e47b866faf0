//! The root component: owns the reducer and runs the side effects — fetch the manifest, fetch
//! and analyse the chosen article, load and save its annotations, follow other tabs, listen to
//! the keyboard — which report back as actions.

use std::cell::RefCell;
use std::rc::Rc;

use annotator_core::Label;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::net::http::Request;
use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::share_panel::ShareActions;
use crate::components::{article_list::ArticleList, notice_bar::NoticeBar, reader_view::ReaderView, welcome::Welcome};
use crate::sharing;
use crate::state::{Action, Article, Doc, Load, OtherSource, State, DEFAULT_TEXT_SIZE, TEXT_SIZES};
use crate::storage;

/// A share link in the address (at start, or pasted into this tab later): show its work.
fn open_share_fragment(dispatch: &UseReducerDispatcher<State>) {
    match sharing::read_share_fragment() {
        None => {}
        Some(Ok(shared)) => dispatch.dispatch(Action::ShowOther {
            article_id: shared.article,
            source: OtherSource::Shared { name: shared.name },
            annotations: shared.annotations,
        }),
        Some(Err(e)) => {
            dispatch.dispatch(Action::Notice(Some(format!("{e} Nothing was changed."))));
            sharing::clear_fragment();
        }
    }
}

/// Fetch a text resource relative to the page, turning every failure into a sentence.
pub(crate) async fn fetch_text(url: &str, what: &str) -> Result<String, String> {
    let resp = Request::get(url).send().await.map_err(|e| could_not_load(what, url, e))?;
    if !resp.ok() {
        return Err(could_not_load(what, url, format!("the server answered {} {}", resp.status(), resp.status_text())));
    }
    resp.text().await.map_err(|e| format!("Could not read {what} ({url}): {e}."))
}

/// The sentence for a failed load, the same whether the page's early script or the app fetched.
fn could_not_load(what: &str, url: &str, why: impl std::fmt::Display) -> String {
    format!("Could not load {what} ({url}): {why}.")
}

/// Take a response that `static/early.js` started before the wasm ran: `key` is `manifest` or
/// `article` (then only if it is for `file`). Errors read exactly like `fetch_text`'s. `None`
/// when there is none (the script did not run, or it was taken already): fetch normally.
async fn early_text(key: &str, file: Option<&str>, url: &str, what: &str) -> Option<Result<String, String>> {
    let early = js_sys::Reflect::get(&gloo::utils::window(), &"__annotatorEarly".into()).ok()?;
    let entry = js_sys::Reflect::get(&early, &key.into()).ok().filter(|v| v.is_object())?;
    // Used once: a later fetch of the same resource must see the server's current answer.
    let _ = js_sys::Reflect::delete_property(early.unchecked_ref::<js_sys::Object>(), &key.into());
    let promise = match file {
        Some(file) => {
            let named = js_sys::Reflect::get(&entry, &"file".into()).ok()?.as_string()?;
            if named != file {
                return None;
            }
            js_sys::Reflect::get(&entry, &"response".into()).ok()?
        }
        None => entry,
    };
    let response = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise)).await.ok()?;
    let field = |name: &str| js_sys::Reflect::get(&response, &name.into()).ok();
    if let Some(error) = field("error").and_then(|e| e.as_string()) {
        return Some(Err(could_not_load(what, url, error)));
    }
    let status = field("status").and_then(|s| s.as_f64()).unwrap_or(0.0);
    if field("ok").and_then(|o| o.as_bool()) != Some(true) {
        let text = field("statusText").and_then(|s| s.as_string()).unwrap_or_default();
        return Some(Err(could_not_load(what, url, format!("the server answered {status} {text}"))));
    }
    field("text").and_then(|t| t.as_string()).map(Ok)
}

/// `early_text`, else a fetch.
async fn early_or_fetch(key: &str, file: Option<&str>, url: &str, what: &str) -> Result<String, String> {
    match early_text(key, file, url, what).await {
        Some(r) => r,
        None => fetch_text(url, what).await,
    }
}

/// A made-up news paragraph exercising the analysis (entities, attribution, hedges, criticism).
const WARM_UP: &str = "The Ministry of Transport said on Monday that it would suspend the new tariff, \
according to a statement seen by Reuters. Critics condemned the decision, warning that it could \
undermine investment in Northern Europe. \"We are disappointed,\" said Maria Okafor, a \
spokesperson for Acme Rail Inc. (ARI). Analysts expect the rule may take effect next year, but it \
remains to be seen whether the European Commission will approve it. Dutch and German officials \
declined to comment.\n\n";

/// Run `f` and record its duration as a User Timing measure named `name`, which the browser
/// benchmark reads (and browser dev tools show).
fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let perf = web_sys::window().and_then(|w| w.performance());
    let start = perf.as_ref().map_or(0.0, |p| p.now());
    let out = f();
    if let Some(p) = perf {
        p.clear_measures_with_measure_name(name);
        record(&p, name, start, p.now());
    }
    out
}

/// A User Timing mark, for the browser benchmark's breakdown of a page load.
pub(crate) fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// `performance.measure(name, {start, end})`, which web-sys exposes only through options.
fn record(perf: &web_sys::Performance, name: &str, start: f64, end: f64) {
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&opts, &"end".into(), &end.into());
    if let Ok(measure) = js_sys::Reflect::get(perf, &"measure".into()) {
        if let Ok(f) = measure.dyn_into::<js_sys::Function>() {
            let _ = f.call2(perf, &name.into(), &opts);
        }
    }
}

/// The reader's keys, when no text field has focus.
fn key_action(e: &web_sys::KeyboardEvent) -> Option<Action> {
    let ctrl = e.ctrl_key() || e.meta_key();
    if ctrl {
        return match e.key().to_lowercase().as_str() {
            "z" if e.shift_key() => Some(Action::Redo),
            "z" => Some(Action::Undo),
            "y" => Some(Action::Redo),
            _ => None,
        };
    }
    if e.alt_key() {
        return None;
    }
    Some(match e.key().as_str() {
        "j" | "ArrowDown" => Action::Move(1),
        "k" | "ArrowUp" => Action::Move(-1),
        "1" => Action::Tag(Some(Label::Official)),
        "2" => Action::Tag(Some(Label::Criticism)),
        "3" => Action::Tag(Some(Label::Speculation)),
        "0" => Action::Tag(None),
        "Enter" => Action::Accept,
        "x" => Action::Reject,
        "Escape" => Action::Span(None),
        _ => return None,
    })
}

fn in_text_field(e: &web_sys::Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.closest("[contenteditable]").ok().flatten().is_some())
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let mut s = State::new(storage::load_selected());
        let own = storage::load_own();
        s.own = Rc::new(own.articles);
        s.notice = own.notice;
        s.recovered = own.recovered;
        s.text_size = storage::load_text_size().filter(|&t| t < TEXT_SIZES.len()).unwrap_or(DEFAULT_TEXT_SIZE);
        s.highlights = storage::load_highlights().unwrap_or_default();
        s
    });
    {
        let dispatch = state.dispatcher();
        use_effect_with(state.highlights, move |&h| {
            if h != Default::default() || storage::load_highlights().is_some() {
                if let Err(e) = storage::save_highlights(h) {
                    dispatch.dispatch(Action::Notice(Some(e)));
                }
            }
        });
    }
    {
        let dispatch = state.dispatcher();
        use_effect_with(state.text_size, move |&size| {
            if size != DEFAULT_TEXT_SIZE || storage::load_text_size().is_some() {
                if let Err(e) = storage::save_text_size(size) {
                    dispatch.dispatch(Action::Notice(Some(e)));
                }
            }
        });
    }
    // What long-lived listeners need to know about the current render.
    let open_article: Rc<RefCell<Option<String>>> = use_mut_ref(|| None);
    *open_article.borrow_mut() = state.doc.as_ref().map(|d| d.article_id.clone());

    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            open_share_fragment(&dispatch);
            // Run the analysis once on a small sample, first thing: the browser compiles wasm
            // lazily and optimises what has run, in the background, so the sooner this runs the
            // likelier the real article meets optimised code (it arrives within ~20 ms: the
            // early script has fetched it). Deferred to a timer, the warm-up ran just before
            // the article's analysis and gained nothing. A hundred copies (~6,000 words, ~20 ms)
            // rather than six: V8 only queues a function for optimisation once it has used up
            // a budget of executed code, and the passes called once per analysis (one long loop
            // each) exhaust it only on a sample that size. Measured with `./dev bench`: the
            // article's analysis went from 100 ms (6 copies) to 76 ms (median of 15 loads).
            timed("annotator:warm-up", || annotator_core::analyze(&WARM_UP.repeat(100)));
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

    // Keyboard and other tabs: listeners that live as long as the app.
    {
        let dispatch = state.dispatcher();
        let open = open_article.clone();
        use_effect_with((), move |_| {
            let keys = {
                let (dispatch, open) = (dispatch.clone(), open.clone());
                EventListener::new_with_options(&gloo::utils::document(), "keydown", EventListenerOptions::enable_prevent_default(), move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    if open.borrow().is_none() || in_text_field(e) {
                        return;
                    }
                    // Enter on a focused button or link keeps its usual meaning.
                    let on_control = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| matches!(el.tag_name().as_str(), "BUTTON" | "A"));
                    if on_control && e.key() == "Enter" {
                        return;
                    }
                    if e.key() == "n" && !e.ctrl_key() && !e.meta_key() {
                        e.prevent_default();
                        dispatch.dispatch(Action::EditCurrentNote);
                        return;
                    }
                    if let Some(action) = key_action(e) {
                        e.prevent_default();
                        dispatch.dispatch(action);
                    }
                })
            };
            let links = {
                let dispatch = dispatch.clone();
                EventListener::new(&gloo::utils::window(), "hashchange", move |_| open_share_fragment(&dispatch))
            };
            let tabs = EventListener::new(&gloo::utils::window(), "storage", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else { return };
                let (Some(key), Some(value)) = (e.key(), e.new_value()) else { return };
                let Some(article_id) = storage::article_of_key(&key) else { return };
                if open.borrow().as_deref() != Some(article_id) {
                    return;
                }
                if let Ok(annotations) = storage::parse_record(&value, article_id) {
                    dispatch.dispatch(Action::Merge { article_id: article_id.to_owned(), annotations });
                }
            });
            move || drop((keys, tabs, links))
        });
    }

    // Whenever the chosen article changes (and the list is there to find its file): remember it,
    // load it, analyse it and read its annotations.
    {
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
                            (Doc::new(&article, loaded.annotations), (loaded.notice, loaded.recovered))
                        });
                        if let Some(n) = loaded.0 {
                            dispatch.dispatch(Action::Notice(Some(n)));
                        }
                        if let Some((key, raw)) = loaded.1 {
                            dispatch.dispatch(Action::Recovered(key, raw));
                        }
                        Ok((article, doc))
                    });
                    mark("annotator:article-ready");
                    dispatch.dispatch(Action::ArticleLoaded { id: entry.id, result });
                });
            }
        });
    }

    // Save after every local change, once the change is painted (the next animation frame,
    // then a task of its own): a keypress shows at once however many annotations there are.
    // Changes that come faster than frames are saved together.
    {
        let pending: Rc<RefCell<Option<AnimationFrame>>> = use_mut_ref(|| None);
        let dispatch = state.dispatcher();
        let doc = state.doc.as_ref().map(|d| (d.article_id.clone(), d.revision, d.annotations.clone()));
        let key = doc.as_ref().map(|(id, rev, _)| (id.clone(), *rev));
        use_effect_with(key, move |key| {
            if let (Some((_, rev)), Some((id, _, annotations))) = (key, doc) {
                if *rev > 0 {
                    let frame = request_animation_frame(move |_| {
                        Timeout::new(0, move || match storage::save_annotations(&id, &annotations) {
                            Ok(merged) if merged != *annotations => {
                                dispatch.dispatch(Action::Merge { article_id: id, annotations: merged })
                            }
                            Ok(_) => {}
                            Err(e) => dispatch.dispatch(Action::Notice(Some(format!("Your last change is not saved: {e}")))),
                        })
                        .forget();
                    });
                    *pending.borrow_mut() = Some(frame);
                }
            }
        });
    }

    let dispatch: Callback<Action> = {
        let d = state.dispatcher();
        Callback::from(move |a| d.dispatch(a))
    };
    let onselect = dispatch.reform(Action::Select);
    let onclose = dispatch.reform(|_| Action::Close);
    let ondismiss = dispatch.reform(|_| Action::Notice(None));
    let onadd = {
        let d = state.dispatcher();
        Callback::from(move |(title, text): (String, String)| {
            let (entry, new) = storage::add_own(&title, &text)?;
            if !new {
                d.dispatch(Action::Notice(Some(format!("This text is already among your articles, as “{}”.", entry.title))));
            }
            d.dispatch(Action::OwnAdded(entry));
            Ok(())
        })
    };
    let onremove = {
        let d = state.dispatcher();
        Callback::from(move |entry: crate::storage::ManifestEntry| {
            let question = format!(
                "Remove “{}” and its annotations from this browser? Export the annotations first if you want to keep them.",
                entry.title
            );
            if !gloo::dialogs::confirm(&question) {
                return;
            }
            match storage::remove_own(&entry.id) {
                Ok(remaining) => d.dispatch(Action::OwnRemoved { id: entry.id, remaining }),
                Err(e) => d.dispatch(Action::Notice(Some(format!("Could not remove the article: {e}")))),
            }
        })
    };

    let sharing_actions = {
        let d = state.dispatcher();
        let onexport = {
            let (d, st) = (d.clone(), state.clone());
            Callback::from(move |(scope, format)| match sharing::export(&st, scope, format) {
                Ok(done) => d.dispatch(Action::Info(Some(done))),
                Err(e) => d.dispatch(Action::Notice(Some(e))),
            })
        };
        let onimport = {
            let (d, st) = (d.clone(), state.clone());
            Callback::from(move |file: web_sys::File| {
                let (d, st) = (d.clone(), Rc::new((*st).clone()));
                yew::platform::spawn_local(async move { sharing::import(file, st, move |a| d.dispatch(a)).await });
            })
        };
        let onshare = {
            let st = state.clone();
            Callback::from(move |name: String| sharing::share_link(&st, &name))
        };
        let oncomparekey = {
            let (d, st) = (d.clone(), state.clone());
            Callback::from(move |_| {
                let Some(entry) = st.selected_entry().cloned() else { return };
                let d = d.clone();
                yew::platform::spawn_local(async move {
                    match sharing::load_key(&entry).await {
                        Ok(annotations) => d.dispatch(Action::ShowOther { article_id: entry.id, source: OtherSource::Key, annotations }),
                        Err(e) => d.dispatch(Action::Notice(Some(e))),
                    }
                });
            })
        };
        let oncloseother = { let d = d.clone(); Callback::from(move |_| { sharing::clear_fragment(); d.dispatch(Action::CloseOther) }) };
        let onmergeother = { let d = d.clone(); Callback::from(move |_| { sharing::clear_fragment(); d.dispatch(Action::MergeOther) }) };
        ShareActions { onexport, onimport, onshare, oncomparekey, oncloseother, onmergeother }
    };
    let ondismissinfo = dispatch.reform(|_| Action::Info(None));

    let entry = state.selected_entry().cloned();
    let shell_class = classes!("shell", entry.is_some().then_some("has-article"), format!("text-{}", TEXT_SIZES[state.text_size]),
                               state.highlights.hidden_classes());
    let snapshot = Rc::new((*state).clone());

    html! {
        <div class={shell_class}>
            <header class="topbar">
                <span class="brand">{ "Article Annotator" }</span>
                <span class="comfort">
                    <button class="tool" aria-label="Smaller text" title="Smaller text"
                            disabled={state.text_size == 0} onclick={dispatch.reform(|_| Action::TextSize(-1))}>{ "A−" }</button>
                    <button class="tool" aria-label="Larger text" title="Larger text"
                            disabled={state.text_size + 1 == TEXT_SIZES.len()} onclick={dispatch.reform(|_| Action::TextSize(1))}>{ "A+" }</button>
                    <button class="tool" aria-label="Print worksheet" title="Print the article with its tags"
                            onclick={Callback::from(|_| { let _ = gloo::utils::window().print(); })}>{ "Print" }</button>
                </span>
                <span class="sr-only" role="status" aria-live="polite">{ state.announcement.clone() }</span>
            </header>
            if let Some(message) = state.notice.clone() {
                <NoticeBar {message} recovered={state.recovered.clone()} {ondismiss} />
            }
            if let Some(message) = state.info.clone() {
                <NoticeBar {message} info=true ondismiss={ondismissinfo} />
            }
            <div class="panes">
                <ArticleList articles={state.articles.clone()} selected={state.selected.clone()} {onselect}
                             own={state.own.clone()} {onadd} {onremove} />
                <main class="reader-pane" id="reader">
                    if let Some(entry) = entry {
                        <ReaderView {entry} state={snapshot} {dispatch} {onclose} sharing={sharing_actions} />
                    } else if matches!(state.articles, Load::Ready(_)) || !state.own.is_empty() {
                        <Welcome />
                    }
                </main>
            </div>
        </div>
    }
}
