//! The edge of the app: every persisted or fetched format and every local-storage key lives here.
//!
//! Serialized types are a compatibility promise, so each carries a `version` and is parsed with
//! a clear error rather than a panic. Nothing outside this module touches `localStorage` or knows
//! a key name.

use gloo::storage::errors::StorageError;
use gloo::utils::errors::JsError;
use js_sys::JsString;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::annotations::Annotation;

// The formats live in the core (`annotator_core::formats`), shared with the `annotate` CLI.
pub use annotator_core::formats::manifest::{is_site_file, manifest_url, parse_manifest, Manifest, ManifestEntry, ARTICLES_DIR, MANIFEST_VERSION};
pub use annotator_core::formats::record::{
    migrate_v1, parse_record, read_newer, read_record, version_of, write_record, AnnotationRecord, ANNOTATIONS_VERSION,
};
pub use annotator_core::formats::{csv, share, webanno};

/// The class's collected work (the teacher's class view), under a key of its own.
pub mod class;

/// Every key the app owns starts with this; other apps on the same origin are left alone.
pub const KEY_PREFIX: &str = "annotator/";
const SELECTED_KEY: &str = "annotator/v1/selected";
/// The chosen article's file, so its text can be fetched together with the manifest at start.
const SELECTED_FILE_KEY: &str = "annotator/v1/selected-file";

/// An article the reader adds: the text, and what a saved page said about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewArticle {
    pub title: String,
    pub text: String,
    pub byline: Option<String>,
    pub date: Option<String>,
}

/// Why a write did not happen, in words for the reader.
pub fn describe(err: &StorageError) -> String {
    match err {
        StorageError::JsError(e) if e.name.contains("Quota") => {
            "The browser's storage for this site is full; nothing was overwritten.".into()
        }
        StorageError::JsError(e) => format!("The browser refused to save ({}).", e.message),
        other => format!("Could not save: {other}."),
    }
}

/// The article the reader had open, if any.
pub fn load_selected() -> Option<String> {
    serde_json::from_str(&raw_get(SELECTED_KEY)?).ok()
}

const TEXT_SIZE_KEY: &str = "annotator/v1/text-size";

/// The reader's text size step, if one was chosen.
pub fn load_text_size() -> Option<usize> {
    raw_get(TEXT_SIZE_KEY)?.parse().ok()
}

pub fn save_text_size(step: usize) -> Result<(), String> {
    raw_set(TEXT_SIZE_KEY, &step.to_string())
}

const HIGHLIGHTS_KEY: &str = "annotator/v1/highlights";

/// The highlights the reader chose to show, if they changed them.
pub fn load_highlights() -> Option<crate::highlights::Highlights> {
    raw_get(HIGHLIGHTS_KEY)?.parse().ok().map(crate::highlights::Highlights::from_bits)
}

pub fn save_highlights(h: crate::highlights::Highlights) -> Result<(), String> {
    raw_set(HIGHLIGHTS_KEY, &h.bits().to_string())
}

/// The remembered article's (id, file), if its file name is one the site may fetch.
pub fn load_selected_file() -> Option<(String, String)> {
    let file: String = serde_json::from_str(&raw_get(SELECTED_FILE_KEY)?).ok()?;
    is_site_file(&file).then(|| load_selected().map(|id| (id, file)))?
}

pub fn save_selected(entry: Option<&ManifestEntry>) -> Result<(), String> {
    match entry {
        // An own article has no site file to fetch early: remember only its id.
        Some(e) if e.own => {
            if let Some(s) = store() {
                let _ = s.remove_item(SELECTED_FILE_KEY);
            }
            raw_set(SELECTED_KEY, &serde_json::to_string(&e.id).unwrap_or_default())
        }
        Some(e) => {
            raw_set(SELECTED_KEY, &serde_json::to_string(&e.id).unwrap_or_default())?;
            raw_set(SELECTED_FILE_KEY, &serde_json::to_string(&e.file).unwrap_or_default())
        }
        None => {
            if let Some(s) = store() {
                let _ = s.remove_item(SELECTED_KEY);
                let _ = s.remove_item(SELECTED_FILE_KEY);
            }
            Ok(())
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Own articles: pasted or opened by the reader, kept in this browser beside the site's articles.
// The list is one small record (read at start); each text has a key of its own, read on opening.

const OWN_INDEX_KEY: &str = "annotator/v1/own/index";
const OWN_TEXT_PREFIX: &str = "annotator/v1/own/text/";
const OWN_VERSION: u32 = 1;
/// Largest own article accepted. Local storage holds about 5 MB per site in most browsers,
/// and an article's annotations need room too; 2 MB is a long book chapter.
pub const MAX_OWN_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Serialize, Deserialize)]
struct OwnIndex {
    version: u32,
    articles: Vec<ManifestEntry>,
}

/// What reading the list of own articles found.
#[derive(Debug, Default, PartialEq)]
pub struct OwnLoaded {
    pub articles: Vec<ManifestEntry>,
    /// Something the reader must be told (the list was unreadable, or of a newer version).
    pub notice: Option<String>,
    /// The backup key the unreadable list was copied to, for download.
    pub recovered: Option<String>,
    /// The stored list must not be written: it is of a newer version, or unreadable and could
    /// not be backed up.
    pub locked: bool,
}

/// The reader's own articles. An unreadable list is set aside and offered for download; a list
/// of a newer version is shown as far as it can be read and never written.
pub fn load_own() -> OwnLoaded {
    let Some(raw) = raw_get_js(OWN_INDEX_KEY) else { return OwnLoaded::default() };
    let text = String::from(&raw);
    let own = |ix: OwnIndex| ix.articles.into_iter().map(|a| ManifestEntry { own: true, ..a }).collect();
    match serde_json::from_str::<OwnIndex>(&text) {
        Ok(ix) if ix.version == OWN_VERSION && is_well_formed(&raw) => OwnLoaded { articles: own(ix), ..OwnLoaded::default() },
        Ok(ix) if ix.version > OWN_VERSION => OwnLoaded {
            notice: Some(format!(
                "The list of your own articles was saved by a newer version of the annotator (format {}). It is shown as far as this version can read it and left untouched: adding or removing own articles needs the newer version.",
                ix.version
            )),
            articles: own(ix),
            locked: true,
            ..OwnLoaded::default()
        },
        other => {
            let why = match other {
                Ok(ix) if ix.version == OWN_VERSION => "it holds characters that are not valid text".to_owned(),
                Ok(ix) => format!("unknown format version {}", ix.version),
                Err(e) => e.to_string(),
            };
            let aside = set_aside(
                OWN_INDEX_KEY,
                &raw,
                "The list of your own articles",
                "articles you add from now on are kept normally",
                &why,
            );
            OwnLoaded { articles: Vec::new(), notice: Some(aside.notice), locked: !aside.kept, recovered: Some(aside.backup) }
        }
    }
}

/// The list of own articles to change, or why it must not be changed.
fn own_list_to_change() -> Result<Vec<ManifestEntry>, String> {
    let own = load_own();
    if own.locked {
        return Err(own.notice.unwrap_or_default());
    }
    Ok(own.articles)
}

fn save_own_index(articles: &[ManifestEntry]) -> Result<(), String> {
    let ix = OwnIndex { version: OWN_VERSION, articles: articles.to_vec() };
    raw_set(OWN_INDEX_KEY, &serde_json::to_string(&ix).map_err(|e| e.to_string())?)
}

/// A stable id from the text (FNV-1a, 64 bits), so adding the same text twice finds the first.
pub fn own_id(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("own-{h:016x}")
}

/// Check a text the reader wants to add: not empty, not too large. Returns the cleaned text.
pub fn check_own_text(text: &str) -> Result<String, String> {
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err("There is no text to add: paste an article or open a file.".into());
    }
    // File.text() decodes as UTF-8, turning every invalid byte into U+FFFD.
    let replaced = text.chars().filter(|&c| c == '\u{fffd}').count();
    if text.contains('\0') || replaced > 10.max(text.len() / 100) {
        return Err("This does not look like text (it contains binary data). Open a .txt, .md or .html file.".into());
    }
    if text.len() > MAX_OWN_BYTES {
        return Err(format!(
            "This text is {:.1} MB; the annotator keeps own articles of up to {} MB in the browser.",
            text.len() as f64 / 1_048_576.0,
            MAX_OWN_BYTES / 1_048_576
        ));
    }
    Ok(text.to_owned())
}

/// A text file's bytes as text: UTF-8 when they are valid UTF-8, else — a Latin-1 or Windows
/// file, which `File.text()` would turn into U+FFFD and so silently lose every accent — decoded
/// by the browser's `TextDecoder` as Windows-1252 (which browsers use for Latin-1 too). Returns
/// the text and, when the encoding was assumed, a sentence saying which.
pub fn decode_text_file(bytes: &[u8], name: &str) -> Result<(String, Option<String>), String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), None));
    }
    let decoder = web_sys::TextDecoder::new_with_label("windows-1252").map_err(|_| format!("“{name}” is not UTF-8 text, and this browser cannot read other encodings."))?;
    let text = decoder.decode_with_u8_array(bytes).map_err(|_| format!("“{name}” could not be read as text."))?;
    Ok((text, Some(format!("“{name}” is not UTF-8, so it was read as Western European text (Windows-1252 / Latin-1); check that its accented letters look right."))))
}

/// Keep a new own article: the text first, then the list, so a full store leaves no entry
/// without its text. Returns its entry (the existing one if the same text is there already).
pub fn add_own(new: &NewArticle) -> Result<(ManifestEntry, bool), String> {
    let (title, text) = (&new.title, check_own_text(&new.text)?);
    let mut list = own_list_to_change()?;
    let id = own_id(&text);
    if let Some(e) = list.iter().find(|e| e.id == id) {
        return Ok((e.clone(), false));
    }
    // The title and word count come from the text's structure alone, the same as the analysis'.
    let analysis = annotator_core::outline(&text);
    let title = match title.trim() {
        "" => analysis.title.clone(),
        t => t.to_owned(),
    };
    let entry = ManifestEntry {
        id: id.clone(),
        file: String::new(),
        title,
        source: "Your article".into(),
        words: analysis.word_count(),
        own: true,
        byline: new.byline.clone(),
        date: new.date.clone(),
        ..ManifestEntry::default()
    };
    let text_key = format!("{OWN_TEXT_PREFIX}{id}");
    raw_set(&text_key, &text)?;
    list.push(entry.clone());
    if let Err(e) = save_own_index(&list) {
        let _ = store().map(|s| s.remove_item(&text_key));
        return Err(e);
    }
    Ok((entry, true))
}

pub fn load_own_text(id: &str) -> Result<String, String> {
    raw_get(&format!("{OWN_TEXT_PREFIX}{id}"))
        .ok_or_else(|| "This article's text is no longer in this browser's storage.".to_owned())
}

/// Remove an own article, its text and its annotations (the reader confirmed).
pub fn remove_own(id: &str) -> Result<Vec<ManifestEntry>, String> {
    let mut list = own_list_to_change()?;
    list.retain(|e| e.id != id);
    save_own_index(&list)?;
    if let Some(s) = store() {
        let _ = s.remove_item(&format!("{OWN_TEXT_PREFIX}{id}"));
        let _ = s.remove_item(&annotations_key(id));
        for k in journal_keys(id) {
            let _ = s.remove_item(&k);
        }
    }
    Ok(list)
}

/// Elements whose content is not article text.
const HTML_SKIP: [&str; 12] =
    ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "OBJECT", "SVG", "CANVAS", "NAV", "FORM", "BUTTON", "SELECT"];
/// Elements that end a line of text (the analysis reads one block per line).
const HTML_BLOCKS: [&str; 24] = [
    "P", "DIV", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "BR", "ARTICLE", "SECTION", "BLOCKQUOTE", "TR", "PRE",
    "HEADER", "FOOTER", "ASIDE", "MAIN", "FIGCAPTION", "DT", "DD", "TABLE", "HR",
];

/// The text of an HTML page, one line per paragraph, with its `<title>` (or first heading) as
/// the first line. Parsed by the browser's `DOMParser` into an inert document: no script runs,
/// nothing loads, and no markup from the file ever reaches the page.
pub fn html_to_text(html: &str) -> Result<String, String> {
    let parser = web_sys::DomParser::new().map_err(|_| "This browser cannot read HTML files.".to_owned())?;
    let doc = parser
        .parse_from_string(html, web_sys::SupportedType::TextHtml)
        .map_err(|_| "This HTML file could not be read.".to_owned())?;
    let mut out = String::new();
    if let Some(body) = doc.body() {
        html_text(&body, &mut out);
    }
    let lines: Vec<&str> = out.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let title = doc.title().trim().to_owned();
    let mut text = String::new();
    if !title.is_empty() && lines.first() != Some(&title.as_str()) {
        text.push_str(&title);
        text.push('\n');
    }
    text.push_str(&lines.join("\n"));
    Ok(text)
}

fn html_text(node: &web_sys::Node, out: &mut String) {
    let children = node.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else { continue };
        match child.node_type() {
            web_sys::Node::TEXT_NODE => {
                // Source line breaks and indentation inside a paragraph are only spacing.
                let t = child.text_content().unwrap_or_default();
                let mut last_space = out.ends_with([' ', '\n']);
                for c in t.chars() {
                    let space = c.is_whitespace();
                    if !(space && last_space) {
                        out.push(if space { ' ' } else { c });
                    }
                    last_space = space;
                }
            }
            web_sys::Node::ELEMENT_NODE => {
                let name = child.node_name().to_uppercase();
                if HTML_SKIP.contains(&name.as_str()) {
                    continue;
                }
                let block = HTML_BLOCKS.contains(&name.as_str());
                if block {
                    out.push('\n');
                }
                html_text(&child, out);
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Annotations: one record per article under `annotator/v2/annotations/<article id>`.

const ANNOTATIONS_PREFIX: &str = "annotator/v2/annotations/";
const V1_PREFIX: &str = "annotator/v1/annotations/";
const BACKUP_PREFIX: &str = "annotator/backup/";

pub fn annotations_key(article_id: &str) -> String {
    format!("{ANNOTATIONS_PREFIX}{article_id}")
}

/// The article id a storage key belongs to, if it is one of our annotation keys.
pub fn article_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(ANNOTATIONS_PREFIX)
}

// A large record is not rewritten for every change: each save of a tab writes what changed as a
// journal entry of its own (a version 2 record holding only the changed annotations) under
// `annotator/v2/journal/<tab>/<n>/<article id>`, and the entries are folded into the record when
// the reader pauses ([`compact`]). No key is ever written by two tabs, so two tabs never
// overwrite each other's changes; reading merges the record with every entry (newer wins per id).
const JOURNAL_PREFIX: &str = "annotator/v2/journal/";
/// Records up to this size are written whole: as cheap as a journal, and one key to read.
pub const WHOLE_RECORD_BYTES: u32 = 8 * 1024;
/// More journal entries than this for one article are folded in at once, not at the pause.
pub const JOURNAL_LIMIT: usize = 64;

thread_local! {
    /// This tab's journal name: fresh per page load, so tabs never share one.
    static TAB: String = crate::clock::new_id();
    /// This tab's journal entries written so far (numbers them), and per article how many are
    /// not folded in yet.
    static ENTRIES: std::cell::RefCell<(u64, std::collections::HashMap<String, usize>)> = Default::default();
}

/// A new key for this tab's next journal entry of an article, and how many it has written since
/// the article's journal was last folded in.
fn next_journal_key(article_id: &str) -> (String, usize) {
    let (n, pending) = ENTRIES.with(|e| {
        let mut e = e.borrow_mut();
        e.0 += 1;
        let n = e.0;
        let pending = e.1.entry(article_id.to_owned()).or_default();
        *pending += 1;
        (n, *pending)
    });
    (TAB.with(|tab| format!("{JOURNAL_PREFIX}{tab}/{n}/{article_id}")), pending)
}

/// The article id a journal key (of any tab) belongs to.
pub fn article_of_journal_key(key: &str) -> Option<&str> {
    key.strip_prefix(JOURNAL_PREFIX)?.splitn(3, '/').nth(2)
}

/// Every key in this origin's storage.
fn all_keys(store: &web_sys::Storage) -> Vec<String> {
    let n = store.length().unwrap_or(0);
    (0..n).filter_map(|i| store.key(i).ok().flatten()).collect()
}

/// The journal keys of every tab for one article.
fn journal_keys(article_id: &str) -> Vec<String> {
    let Some(store) = store() else { return Vec::new() };
    all_keys(&store).into_iter().filter(|k| article_of_journal_key(k) == Some(article_id)).collect()
}

/// The changes journals hold for an article, merged into `list`, and the keys of the journals
/// read. A journal that cannot be read exactly is set aside (copied, never deleted), left where
/// it is, and named in the returned notice.
fn with_journals(article_id: &str, list: Vec<Annotation>, keys: &[String]) -> (Vec<Annotation>, Vec<String>, Option<String>) {
    let mut list = list;
    let mut read = Vec::new();
    let mut notice = None;
    for key in keys {
        let Some(raw) = raw_get_js(key) else { continue };
        match read_record(&String::from(&raw), article_id) {
            Ok(j) if is_well_formed(&raw) => {
                list = crate::annotations::merge(&list, &j.annotations);
                read.push(key.clone());
            }
            other => {
                let why = other.err().unwrap_or_else(|| "it holds characters that are not valid text".into());
                let what = "Recent changes to this article's annotations";
                notice = Some(set_aside(key, &raw, what, "the rest are shown", &why).notice);
            }
        }
    }
    (list, read, notice)
}

/// Whether any tab left changes to this article in a journal (to fold in at the next pause).
pub fn has_journals(article_id: &str) -> bool {
    !journal_keys(article_id).is_empty()
}

/// What reading an article's annotations found.
#[derive(Debug, Default, PartialEq)]
pub struct Loaded {
    pub annotations: Vec<Annotation>,
    /// Something the reader must be told (a migration, data set aside).
    pub notice: Option<String>,
    /// The backup key stored data was copied to, for download.
    pub recovered: Option<String>,
    /// Stored by a newer version: show, do not change until the reader chooses.
    pub read_only: bool,
}

/// The origin's local storage, or `None` where the browser withholds it (storage disabled,
/// some private modes): the app then works without saving and says so.
fn store() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

// Local storage holds JS strings, which may contain lone UTF-16 surrogates that no Rust `String`
// can; these calls take and give the JS string itself (web-sys's `get_item` converts to a Rust
// `String`), so a backup is a copy of every code unit, never a round trip through UTF-8.
fn get_item_js(store: &web_sys::Storage, key: &str) -> Option<JsString> {
    let f: js_sys::Function = js_sys::Reflect::get(store, &"getItem".into()).ok()?.dyn_into().ok()?;
    f.call1(store, &key.into()).ok()?.dyn_into::<JsString>().ok()
}

fn set_item_js(store: &web_sys::Storage, key: &str, value: &JsString) -> Result<(), JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(store, &"setItem".into())?.dyn_into()?;
    f.call2(store, &key.into(), value).map(|_| ())
}

fn raw_get(key: &str) -> Option<String> {
    store()?.get_item(key).ok().flatten()
}

/// The stored value exactly as the browser holds it.
pub fn raw_get_js(key: &str) -> Option<JsString> {
    get_item_js(&store()?, key)
}

/// Whether a JS string is valid Unicode (no lone surrogates), so reading it as a Rust `String`
/// loses nothing.
pub fn is_well_formed(s: &JsString) -> bool {
    // `String.prototype.isWellFormed` (2023 browsers) checks in one call what the loop below
    // checks one code unit per call across the wasm boundary.
    let proto = js_sys::Reflect::get(&js_sys::global(), &"String".into()).and_then(|c| js_sys::Reflect::get(&c, &"prototype".into()));
    let native = proto.and_then(|p| js_sys::Reflect::get(&p, &"isWellFormed".into())).ok();
    if let Some(f) = native.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
        if let Some(ok) = f.call0(s).ok().and_then(|v| v.as_bool()) {
            return ok;
        }
    }
    let mut high = false;
    for u in s.iter() {
        match u {
            0xD800..=0xDBFF if !high => high = true,
            0xDC00..=0xDFFF if high => high = false,
            0xD800..=0xDFFF => return false,
            _ if high => return false,
            _ => {}
        }
    }
    !high
}

fn refused(e: JsValue) -> String {
    match JsError::try_from(e) {
        Ok(e) => describe(&StorageError::JsError(e)),
        Err(e) => format!("The browser refused to save ({e})."),
    }
}

fn raw_set(key: &str, value: &str) -> Result<(), String> {
    let store = store().ok_or("This browser does not allow the site to save data (local storage is off).")?;
    store.set_item(key, value).map_err(refused)
}

/// Copy `raw` to `key` unchanged and check the copy reads back the same, code unit for code unit.
fn raw_set_js(key: &str, raw: &JsString) -> Result<(), String> {
    let store = store().ok_or("This browser does not allow the site to save data (local storage is off).")?;
    set_item_js(&store, key, raw).map_err(refused)?;
    match get_item_js(&store, key) {
        Some(copy) if copy == *raw => Ok(()),
        _ => Err("the copy did not read back unchanged".into()),
    }
}

/// Read an article's annotations. Never fails: unreadable data is copied to a backup key (and
/// offered for download), a v1 record is migrated, a newer version's record is shown read-only,
/// and the reader is told.
pub fn load_annotations(article_id: &str, text: &str) -> Loaded {
    let mut loaded = load_record(article_id, text);
    let keys = journal_keys(article_id);
    if !keys.is_empty() {
        let (annotations, _, notice) = with_journals(article_id, std::mem::take(&mut loaded.annotations), &keys);
        loaded.annotations = annotations;
        if let Some(n) = notice {
            loaded.notice = Some(loaded.notice.map_or(n.clone(), |m| format!("{m} {n}")));
        }
    }
    loaded
}

/// The article's record alone (see [`load_annotations`]).
fn load_record(article_id: &str, text: &str) -> Loaded {
    let key = annotations_key(article_id);
    if let Some(raw) = raw_get_js(&key) {
        let json = String::from(&raw);
        let what = "The saved annotations of this article";
        if !is_well_formed(&raw) {
            // Reading it as text replaces the broken characters: keep the original first.
            let aside = set_aside(&key, &raw, what, "they are shown with � in place of the broken characters", "they hold characters that are not valid text");
            let annotations = parse_record(&json, article_id).unwrap_or_default();
            return Loaded { annotations, notice: Some(aside.notice), recovered: Some(aside.backup), read_only: false };
        }
        return match read_record(&json, article_id) {
            Ok(record) => {
                let len = text.chars().count();
                let odd = record.annotations.iter().filter(|a| a.position.start > a.position.end || a.position.end > len).count();
                if odd == 0 {
                    return Loaded { annotations: record.annotations, ..Loaded::default() };
                }
                let aside = set_aside(
                    &key,
                    &raw,
                    what,
                    "they are kept as they were: placed where their text is found, else listed as detached",
                    &format!("{odd} annotation(s) have positions outside the text or ending before they start"),
                );
                Loaded { annotations: record.annotations, notice: Some(aside.notice), recovered: Some(aside.backup), read_only: false }
            }
            Err(why) => match read_newer(&json, article_id) {
                Some(record) => {
                    let backup = backup_key(&key);
                    let kept = raw_set_js(&backup, &raw).is_ok();
                    let notice = format!(
                        "The annotations of this article were saved by a newer version of the annotator (format {}). They are shown read-only and left untouched; {} Choose “Edit anyway” to change them with this version (what it does not know is kept).",
                        record.version,
                        if kept { "a copy was set aside." } else { "the browser could not make a copy, so they cannot be edited here." }
                    );
                    Loaded { annotations: record.annotations, notice: Some(notice), recovered: kept.then_some(backup), read_only: true }
                }
                None => unreadable_record(&key, &raw, &why),
            },
        };
    }
    let old_key = format!("{V1_PREFIX}{article_id}");
    if let Some(raw) = raw_get_js(&old_key) {
        return match migrate_v1(&String::from(&raw), article_id, text) {
            Ok(record) => {
                let n = record.annotations.len();
                // The v1 record stays where it was: migration never destroys the original.
                let notice = match write_record(&record).and_then(|j| raw_set(&key, &j)) {
                    Ok(()) => format!("Updated {n} annotation(s) saved by an older version of the annotator."),
                    Err(e) => format!("Read {n} annotation(s) from an older version, but could not save them in the new format: {e}"),
                };
                Loaded { annotations: record.annotations, notice: Some(notice), ..Loaded::default() }
            }
            Err(why) => unreadable_record(&old_key, &raw, &why),
        };
    }
    Loaded::default()
}

/// Where a copy of the data under `key` is set aside.
fn backup_key(key: &str) -> String {
    format!("{BACKUP_PREFIX}{}", key.strip_prefix(KEY_PREFIX).unwrap_or(key))
}

/// What setting data aside did.
struct Aside {
    notice: String,
    backup: String,
    /// The copy exists and reads back unchanged.
    kept: bool,
}

/// Copy data found under `key` to a backup key, exactly, and say so: `what` names the data for
/// the reader, `after` what happens from now on. The data under `key` is left where it is;
/// nothing writes over it unless this copy exists.
fn set_aside(key: &str, raw: &JsString, what: &str, after: &str, why: &str) -> Aside {
    let backup = backup_key(key);
    let kept = raw_set_js(&backup, raw).is_ok();
    let notice = if kept {
        format!("{what} could not be read as they were ({why}). An exact copy was set aside; nothing was deleted. You can download it; {after}.")
    } else {
        format!("{what} could not be read ({why}). The browser could not make a copy, so nothing was touched and nothing will be saved over them.")
    };
    Aside { notice, backup, kept }
}

/// An article's unreadable annotation record, set aside.
fn unreadable_record(key: &str, raw: &JsString, why: &str) -> Loaded {
    let aside = set_aside(key, raw, "The saved annotations of this article", "new annotations will be saved normally", why);
    Loaded { annotations: Vec::new(), notice: Some(aside.notice), recovered: Some(aside.backup), read_only: false }
}

/// A backup as a file, byte for byte: UTF-8 when it is valid text, else its UTF-16 code units
/// (little-endian, with a byte-order mark), so a lone surrogate reaches the file unchanged.
pub fn backup_blob(key: &str) -> Result<web_sys::Blob, String> {
    let raw = raw_get_js(key).ok_or("The copy is no longer in this browser's storage.")?;
    let fail = |_| "The browser refused to create the download.".to_owned();
    if is_well_formed(&raw) {
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type("application/json;charset=utf-8");
        return web_sys::Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&raw), &opts).map_err(fail);
    }
    let mut units: Vec<u16> = Vec::with_capacity(raw.length() as usize + 1);
    units.push(0xFEFF);
    units.extend(raw.iter());
    let bytes: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json;charset=utf-16le");
    let array = js_sys::Uint8Array::from(bytes.as_slice());
    web_sys::Blob::new_with_u8_array_sequence_and_options(&js_sys::Array::of1(&array), &opts).map_err(fail)
}

/// Every article's stored annotations (readable v2 records and journals), for "export all".
pub fn load_all_annotations() -> Vec<(String, Vec<Annotation>)> {
    let Some(store) = store() else { return Vec::new() };
    let keys = all_keys(&store);
    let mut journals: std::collections::BTreeMap<&str, Vec<String>> = std::collections::BTreeMap::new();
    for k in &keys {
        if let Some(id) = article_of_journal_key(k) {
            journals.entry(id).or_default().push(k.clone());
        }
    }
    let mut out: Vec<(String, Vec<Annotation>)> = keys
        .iter()
        .filter_map(|k| {
            let id = article_of_key(k)?;
            let list = parse_record(&raw_get(k)?, id).ok()?;
            let list = with_journals(id, list, journals.remove(id).as_deref().unwrap_or_default()).0;
            Some((id.to_owned(), list))
        })
        .collect();
    // Articles whose changes are all still in journals.
    for (id, keys) in journals {
        out.push((id.to_owned(), with_journals(id, Vec::new(), &keys).0));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// What saving a change did.
pub struct Saved {
    /// The whole list as stored now, when the save merged in what another tab had stored.
    pub merged: Option<Vec<Annotation>>,
    /// This tab's journal has grown long enough to be folded in at the next pause.
    pub compact_soon: bool,
    /// This tab's journal holds changes to fold in at the next pause.
    pub journaled: bool,
}

/// Save a local change: `changed` are the annotations of `all` that changed since they were
/// stored. A large, readable record gets only `changed`, as a journal entry; a small record, a
/// change of much of the list, and a record that must first be backed up (unreadable, newer,
/// not valid text) are saved whole by [`save_annotations`].
pub fn save_changes(article_id: &str, all: &[Annotation], changed: &[Annotation]) -> Result<Saved, String> {
    let base = raw_get_js(&annotations_key(article_id));
    let large = base.as_ref().is_some_and(|b| b.length() > WHOLE_RECORD_BYTES);
    if !large || changed.len() * 4 >= all.len() || !base.as_ref().is_some_and(is_current_record) {
        let merged = save_annotations(article_id, all)?;
        // Everything journaled is in the record now (`all` holds every entry read or written).
        for k in journal_keys(article_id) {
            let _ = store().map(|s| s.remove_item(&k));
        }
        ENTRIES.with(|e| e.borrow_mut().1.remove(article_id));
        return Ok(Saved { merged: (merged != all).then_some(merged), compact_soon: false, journaled: false });
    }
    let record = AnnotationRecord { version: ANNOTATIONS_VERSION, article: article_id.into(), annotations: changed.to_vec(), unknown: None };
    let json = write_record(&record)?;
    let (key, pending) = next_journal_key(article_id);
    raw_set(&key, &json)?;
    Ok(Saved { merged: None, compact_soon: pending > JOURNAL_LIMIT, journaled: true })
}

/// Whether a stored record is one this version writes over without a backup: valid text that
/// begins as this version's records do. Checked without reading the whole record, on every
/// save; a record that begins so and still cannot be read is set aside when the journal is
/// folded into it.
fn is_current_record(raw: &JsString) -> bool {
    let head = format!("{{\"version\":{ANNOTATIONS_VERSION},");
    String::from(raw.slice(0, head.len() as u32)) == head && is_well_formed(raw)
}

/// Fold every tab's journal for an article into its record, then remove the journals folded
/// in. On failure (a full store) nothing is removed: the journals still hold the changes.
pub fn compact(article_id: &str) -> Result<(), String> {
    let keys = journal_keys(article_id);
    if keys.is_empty() {
        return Ok(());
    }
    // A journal that cannot be read stays where it is (set aside when the article was opened).
    let (changes, read, _) = with_journals(article_id, Vec::new(), &keys);
    ENTRIES.with(|e| e.borrow_mut().1.remove(article_id));
    if read.is_empty() {
        return Ok(());
    }
    let values: Vec<Option<JsString>> = read.iter().map(|k| raw_get_js(k)).collect();
    store_merged(article_id, &changes, true)?;
    let store = store().ok_or("local storage is off")?;
    for (k, v) in read.iter().zip(values) {
        // Only what was folded in: a journal written again meanwhile stays.
        if raw_get_js(k) == v {
            let _ = store.remove_item(k);
        }
    }
    Ok(())
}

/// Save an article's annotations, first merging whatever another tab saved meanwhile, so neither
/// tab's work is lost, and keeping what the stored record holds that this version does not know.
/// Returns the merged list. On failure nothing stored is changed.
pub fn save_annotations(article_id: &str, ours: &[Annotation]) -> Result<Vec<Annotation>, String> {
    store_merged(article_id, ours, false)
}

/// [`save_annotations`], with the stored records first in the merged list when `stored_first`
/// (folding a journal in keeps the record's order).
fn store_merged(article_id: &str, ours: &[Annotation], stored_first: bool) -> Result<Vec<Annotation>, String> {
    // The stored list is taken over, not copied: it can be thousands of records.
    let merge = |ours: &[Annotation], theirs: Vec<Annotation>| {
        if stored_first {
            crate::annotations::merge_into(theirs, ours)
        } else {
            crate::annotations::merge(ours, &theirs)
        }
    };
    let key = annotations_key(article_id);
    let mut record = AnnotationRecord { version: ANNOTATIONS_VERSION, article: article_id.into(), annotations: Vec::new(), unknown: None };
    let mut merged = None;
    if let Some(raw) = raw_get_js(&key) {
        let json = String::from(&raw);
        match read_record(&json, article_id).or_else(|e| read_newer(&json, article_id).ok_or(e)) {
            Ok(theirs) if is_well_formed(&raw) && theirs.version == ANNOTATIONS_VERSION => {
                // The stored text is read: free it before the merge (a large record is megabytes).
                drop(json);
                merged = Some(merge(ours, theirs.annotations));
                record.unknown = theirs.unknown;
            }
            other => {
                // Unreadable, newer or not exactly readable data under our key: keep an exact
                // copy before writing over it.
                let why = match other {
                    Err(why) => why,
                    Ok(t) if t.version != ANNOTATIONS_VERSION => format!("saved by a newer version (format {})", t.version),
                    Ok(_) => "it holds characters that are not valid text".into(),
                };
                let backup = format!("{BACKUP_PREFIX}{}-{}", article_id, crate::clock::now() as u64);
                raw_set_js(&backup, &raw).map_err(|e| format!("{e} (stored data was unreadable: {why})"))?;
                if let Some(theirs) = read_newer(&json, article_id) {
                    merged = Some(merge(ours, theirs.annotations));
                    record.unknown = theirs.unknown;
                }
            }
        }
    }
    record.annotations = merged.unwrap_or_else(|| ours.to_vec());
    raw_set(&key, &write_record(&record)?)?;
    Ok(record.annotations)
}
