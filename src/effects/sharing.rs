//! The effects of moving annotations in and out of the browser: exporting files, importing them,
//! share links in the URL fragment (and on the clipboard), and fetching an article's answer key. The formats themselves
//! are pure code in `storage::{webanno, csv, share}`; this module does the reading, fetching and
//! downloading around them, and reports back as `Action`s.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use gloo::events::EventListener;
use yew::prelude::*;

use super::fetch::fetch_text;
use annotator_core::anchor::Anchorer;
use super::slices::Slices;

use crate::annotations::{absorb, place_all, Absorbed, Annotation, Placement};
use crate::state::{Action, Format, OtherSource, Scope, State};
use crate::storage::{self, csv, share, webanno, ManifestEntry};

/// Every entry the reader can open: the site's and their own.
fn entries(state: &State) -> Vec<ManifestEntry> {
    let site = match &state.articles {
        crate::state::Load::Ready(list) => list.iter().cloned().collect(),
        _ => Vec::new(),
    };
    site.into_iter().chain(state.own.iter().cloned()).collect()
}

fn file_stem(entry: &ManifestEntry) -> String {
    let base = if entry.file.is_empty() { entry.id.as_str() } else { entry.file.as_str() };
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    stem.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect()
}

/// Build the export the reader asked for and hand it to the browser as a download. A Web
/// Annotation export is signed with `name` (the reader's, if they gave one), so a teacher
/// collecting the class's files knows whose each is.
pub fn export(state: &State, scope: Scope, format: Format, name: &str) -> Result<String, String> {
    let entries = entries(state);
    let title_of = |id: &str| entries.iter().find(|e| e.id == id).map_or_else(|| id.to_owned(), |e| e.title.clone());
    let open = state.doc.as_ref().map(|d| (d.article_id.clone(), d.records()));
    let records: Vec<(String, Vec<Annotation>)> = match scope {
        Scope::Article | Scope::AnswerKey => open.clone().into_iter().collect(),
        Scope::All => {
            let mut all = storage::load_all_annotations();
            // The open article's newest changes may not be stored yet (saving waits for a frame).
            if let Some((id, list)) = &open {
                match all.iter_mut().find(|(a, _)| a == id) {
                    Some(slot) => slot.1 = list.clone(),
                    None => all.push((id.clone(), list.clone())),
                }
            }
            all
        }
    };
    let titles: Vec<String> = records.iter().map(|(id, _)| title_of(id)).collect();
    let refs: Vec<(webanno::ArticleRef, &[Annotation])> = records
        .iter()
        .zip(&titles)
        .map(|((id, list), title)| (webanno::ArticleRef { id, title }, list.as_slice()))
        .collect();
    let count: usize = records.iter().map(|(_, l)| l.iter().filter(|a| a.is_live()).count()).sum();
    if count == 0 {
        return Err("There are no annotations to export yet.".into());
    }
    let selected = state.selected_entry().cloned();
    let stem = match (scope, &selected) {
        (Scope::All, _) | (_, None) => "annotations-all".to_owned(),
        (_, Some(e)) => file_stem(e),
    };
    let (file, mime, body) = match (scope, format) {
        (Scope::AnswerKey, _) => (
            format!("{stem}.key.json"),
            "application/ld+json",
            webanno::export(&refs, &format!("Answer key: {}", titles.first().cloned().unwrap_or_default())),
        ),
        (_, Format::WebAnnotation) => (
            format!("{stem}.annotations.json"),
            "application/ld+json",
            webanno::export_by(&refs, if scope == Scope::All { "Annotations of all articles" } else { titles[0].as_str() }, name),
        ),
        (_, Format::Csv) => (format!("{stem}.annotations.csv"), "text/csv", csv::export_csv(&refs)),
    };
    download(&file, mime, &body)?;
    Ok(format!("Exported {count} annotation(s) as {file}."))
}

/// Offer `text` as a file download (a Blob URL on a temporary link; nothing leaves the browser).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |_| "The browser refused to create the download.".to_owned();
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(&format!("{mime};charset=utf-8"));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(fail)?;
    download_blob(name, &blob)
}

/// Offer a Blob as a file download (a Blob URL on a temporary link; nothing leaves the browser).
pub(crate) fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let fail = |_| "The browser refused to create the download.".to_owned();
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(fail)?;
    let document = gloo::utils::document();
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_class_name("sr-only");
    let body = document.body().ok_or("The page has no body.")?;
    let _ = body.append_child(&a);
    a.click();
    a.remove();
    // Revoked later: Chromium reads the Blob after the click returns.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Offer the data set aside under a backup key as a file, byte for byte (`storage::backup_blob`).
pub fn download_backup(key: &str) -> Result<(), String> {
    let blob = storage::backup_blob(key)?;
    download_blob(&format!("{}.json", key.replace('/', "_")), &blob)
}

/// The text of an article, wherever it lives.
async fn article_text(entry: &ManifestEntry) -> Result<String, String> {
    if entry.own {
        storage::load_own_text(&entry.id)
    } else {
        fetch_text(&entry.url(), &format!("“{}”", entry.title)).await
    }
}

/// Read a Web Annotation file the reader picked and take it in: annotations of the open article
/// go through the reducer (undoable), those of other articles straight into their stored records.
/// Everything is checked first; on any error nothing at all is changed. The work is done a slice
/// at a time (`slices`), saying how far it got, so a file of thousands never blocks the page.
pub async fn import(file: web_sys::File, state: Rc<State>, dispatch: impl Fn(Action)) {
    let name = file.name();
    let result = import_inner(&file, &state, &name, &dispatch).await;
    dispatch(Action::Progress(None));
    match result {
        Ok((open, elsewhere, skipped, failed)) => {
            let what = format!("Imported “{name}”");
            crate::timing::timed("annotator:import-take", || dispatch(Action::Import { open, what, elsewhere, skipped }));
            // Some articles' records were written before one could not be: say exactly that.
            if let Some(e) = failed {
                dispatch(Action::Notice(Some(format!("“{name}” was imported only in part: {e}"))));
            }
        }
        Err(e) => dispatch(Action::Notice(Some(format!("Nothing was imported from “{name}”: {e}")))),
    }
}

type Grouped = Vec<(String, Vec<Annotation>)>;

type Imported = (Option<(String, Vec<Annotation>, Vec<Placement>)>, Absorbed, usize, Option<String>);

/// Every annotation of a file, read a slice at a time (the file's syntax is checked in one pass
/// first, `webanno::split`), saying how many are read.
async fn read_in_slices(json: &str, name: &str, dispatch: &impl Fn(Action)) -> Result<Vec<(String, Annotation)>, String> {
    let mut slices = Slices::new();
    // The file's text was made in this task (the browser decodes it, the app copies it in): the
    // one pass over all of it starts a task of its own, and the reading after it another.
    slices.pause().await;
    let items = crate::timing::timed("annotator:import-read", || webanno::split(json))?;
    let mut pairs = Vec::new();
    let mut any = false;
    // Small steps between clock checks: an item takes microseconds, a check a call to the browser.
    const STEP: usize = 50;
    for (k, step) in items.chunks(STEP).enumerate() {
        let (read, annotations) = webanno::read_items(json, step, k * STEP)?;
        pairs.extend(read);
        any |= annotations;
        if slices.due() {
            dispatch(Action::Progress(Some(format!("Reading “{name}”: {} of {} items…", ((k + 1) * STEP).min(items.len()), items.len()))));
            slices.pause().await;
        }
    }
    if !any {
        return Err(webanno::NOT_WEB_ANNOTATIONS.into());
    }
    Ok(pairs)
}

/// Where each annotation sits in `text`, anchored a slice at a time with the page free between.
async fn place_in_slices(text: &str, list: &[Annotation], dispatch: &impl Fn(Action)) -> Vec<Placement> {
    let mut slices = Slices::new();
    let mut out = Vec::with_capacity(list.len());
    let anchorer = Anchorer::new(text);
    for a in list {
        out.push(anchorer.anchor(&a.quote, Some(&a.position)).map(|x| (x.start, x.end)));
        if slices.due() {
            dispatch(Action::Progress(Some(format!("Finding the imported annotations in the text: {} of {}…", out.len(), list.len()))));
            slices.pause().await;
        }
    }
    out
}

async fn import_inner(file: &web_sys::File, state: &State, name: &str, dispatch: &impl Fn(Action)) -> Result<Imported, String> {
    if file.size() > webanno::MAX_IMPORT_BYTES as f64 {
        return Err(format!(
            "the file is {:.1} MB; files of up to {} MB can be imported.",
            file.size() / 1_048_576.0,
            webanno::MAX_IMPORT_BYTES / 1_048_576
        ));
    }
    dispatch(Action::Progress(Some(format!("Reading “{name}”…"))));
    let json = JsFuture::from(file.text())
        .await
        .map_err(|_| "the file could not be read.".to_owned())?
        .as_string()
        .unwrap_or_default();
    let pairs = read_in_slices(&json, name, dispatch).await.map_err(|e| lower_first(&e))?;
    drop(json);
    let mut grouped: Grouped = Vec::new();
    for (article, a) in pairs {
        match grouped.iter_mut().find(|(id, _)| *id == article) {
            Some(g) => g.1.push(a),
            None => grouped.push((article, vec![a])),
        }
    }
    let entries = entries(state);
    let open_id = state.doc.as_ref().map(|d| d.article_id.clone());
    let mut skipped = 0;
    let mut checked: Vec<(ManifestEntry, String, Vec<Annotation>)> = Vec::new();
    for (id, list) in grouped {
        let Some(entry) = entries.iter().find(|e| e.id == id).cloned() else {
            skipped += list.len();
            continue;
        };
        let text = match (state.ready_article(), &open_id) {
            (Some(a), Some(open)) if *open == id => a.analysis.text.clone(),
            _ => article_text(&entry).await?,
        };
        check_positions(&entry, &text, &list)?;
        checked.push((entry, text, list));
    }
    if checked.is_empty() {
        return Err(format!(
            "its {skipped} annotation(s) belong to articles that are not in this collection."
        ));
    }
    // All checked: now apply.
    let mut open = None;
    let mut elsewhere = Absorbed::default();
    let mut done = 0;
    // The open article's share goes through the reducer whatever happens to the others.
    if let Some(i) = checked.iter().position(|(e, ..)| open_id.as_deref() == Some(e.id.as_str())) {
        let (entry, text, list) = checked.remove(i);
        let placed = place_in_slices(&text, &list, dispatch).await;
        open = Some((entry.id, list, placed));
    }
    for (entry, text, list) in checked {
        let placed = place_in_slices(&text, &list, dispatch).await;
        let loaded = storage::load_annotations(&entry.id, &text);
        if loaded.read_only {
            let e = format!("the annotations of “{}” were saved by a newer version of the annotator and were left untouched.", entry.title);
            return Ok((open, elsewhere, skipped, Some(format!("{e} {}", after_failure(done)))));
        }
        let stored = loaded.annotations;
        let (merged, _, report) = absorb(&stored, &place_all(&text, &stored), &list, &placed, crate::clock::now());
        if report.taken() > 0 {
            if let Err(e) = storage::save_annotations(&entry.id, &merged) {
                if done == 0 && open.is_none() {
                    return Err(e);
                }
                let e = format!("the annotations for “{}” could not be saved ({e}). {}", entry.title, after_failure(done));
                return Ok((open, elsewhere, skipped, Some(e)));
            }
            done += 1;
        }
        elsewhere.add(&report);
    }
    Ok((open, elsewhere, skipped, None))
}

/// What a partial import left, after `done` other articles' records were written.
fn after_failure(done: usize) -> String {
    match done {
        0 => "The annotations of other articles were not changed; the summary says what was taken in.".into(),
        n => format!("{n} other article(s) were updated before that, as the summary says; the rest were not changed."),
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_lowercase().chain(c).collect())
}

/// An annotation whose position lies past the end of the article and whose text is not in it
/// either was made on some other text: the file does not belong here.
fn check_positions(entry: &ManifestEntry, text: &str, list: &[Annotation]) -> Result<(), String> {
    let len = text.chars().count();
    let bad = list.iter().filter(|a| a.position.end > len && !text.contains(a.quote.exact.as_str())).count();
    if bad > 0 {
        return Err(format!(
            "{bad} annotation(s) point past the end of “{}” ({len} characters) and their text is not in it, so the file does not fit this article.",
            entry.title
        ));
    }
    Ok(())
}

/// A share link in the address (at start, or pasted into this tab later): show its work.
#[hook]
pub fn use_share_links(state: &UseReducerHandle<State>) {
    let dispatch = state.dispatcher();
    use_effect_with((), move |_| {
        open_share_fragment(&dispatch);
        let links = EventListener::new(&gloo::utils::window(), "hashchange", move |_| open_share_fragment(&dispatch));
        move || drop(links)
    });
}

fn open_share_fragment(dispatch: &UseReducerDispatcher<State>) {
    match read_share_fragment() {
        None => {}
        Some(Ok(shared)) => dispatch.dispatch(Action::ShowOther {
            article_id: shared.article,
            source: OtherSource::Shared { name: shared.name },
            annotations: shared.annotations,
        }),
        Some(Err(e)) => {
            dispatch.dispatch(Action::Notice(Some(format!("{e} Nothing was changed."))));
            clear_fragment();
        }
    }
}

/// Put `text` on the clipboard. A refusal (no permission, no focus) leaves the link in its box
/// to copy by hand.
pub fn copy(text: &str) {
    let done = JsFuture::from(gloo::utils::window().navigator().clipboard().write_text(text));
    wasm_bindgen_futures::spawn_local(async move {
        let _ = done.await;
    });
}

/// `#share=…` in the page's address, decoded: `None` when there is none.
fn read_share_fragment() -> Option<Result<share::Shared, String>> {
    let hash = gloo::utils::window().location().hash().ok()?;
    let value = hash.strip_prefix("#share=")?;
    Some(share::decode(value))
}

/// Drop the share fragment from the address (after the reader closed or merged the shared
/// work), so a reload does not show it again.
pub fn clear_fragment() {
    let w = gloo::utils::window();
    let loc = w.location();
    if loc.hash().is_ok_and(|h| h.starts_with("#share=")) {
        let url = format!("{}{}", loc.pathname().unwrap_or_default(), loc.search().unwrap_or_default());
        if let Ok(history) = w.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// A link to this page carrying the open article's annotations.
pub fn share_link(state: &State, name: &str) -> Result<String, String> {
    let doc = state.doc.as_ref().ok_or("Open an article first.")?;
    let live: Vec<Annotation> = doc.annotations.iter().filter(|a| a.is_live()).map(|a| (**a).clone()).collect();
    if live.is_empty() {
        return Err("There are no annotations in this article to share yet.".into());
    }
    let href = gloo::utils::window().location().href().map_err(|_| "The page address is not available.".to_owned())?;
    let base = href.split('#').next().unwrap_or_default();
    Ok(format!("{base}#share={}", share::encode(&doc.article_id, name.trim(), &live)))
}

/// Fetch the article's answer key and parse it.
pub async fn load_key(entry: &ManifestEntry) -> Result<Vec<Annotation>, String> {
    let key = entry.key.as_deref().ok_or("This article has no answer key.")?;
    let json = fetch_text(&format!("{}/{key}", storage::ARTICLES_DIR), "the answer key").await?;
    let pairs = webanno::import(&json).map_err(|e| format!("The answer key cannot be read: {}", lower_first(&e)))?;
    // The manifest ties the key to its article, whatever article id the file names.
    Ok(pairs.into_iter().map(|(_, a)| a).collect())
}
