//! The edge of the app: every persisted or fetched format and every local-storage key lives here.
//!
//! Serialized types are a compatibility promise, so each carries a `version` and is parsed with
//! a clear error rather than a panic. Nothing outside this module touches `localStorage` or knows
//! a key name.

use annotator_core::Label;
use gloo::storage::errors::StorageError;
use gloo::utils::errors::JsError;
use serde::{Deserialize, Serialize};

use crate::annotations::Annotation;

pub mod csv;
pub mod share;
pub mod webanno;

/// Where the built site keeps its articles, relative to the page (so any sub-path works).
pub const ARTICLES_DIR: &str = "articles";

/// Every key the app owns starts with this; other apps on the same origin are left alone.
pub const KEY_PREFIX: &str = "annotator/";
const SELECTED_KEY: &str = "annotator/v1/selected";
/// The chosen article's file, so its text can be fetched together with the manifest at start.
const SELECTED_FILE_KEY: &str = "annotator/v1/selected-file";

/// `articles/manifest.json`, written by `annotate manifest DIR`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub articles: Vec<ManifestEntry>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub id: String,
    pub file: String,
    pub title: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub words: usize,
    /// The article's answer key (a Web Annotation file beside it), if the teacher added one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The reader's own article, kept in this browser's storage rather than on the site.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub own: bool,
}

pub const MANIFEST_VERSION: u32 = 1;

impl ManifestEntry {
    /// URL of the article text relative to the page.
    pub fn url(&self) -> String {
        format!("{ARTICLES_DIR}/{}", self.file)
    }
}

pub fn manifest_url() -> String {
    format!("{ARTICLES_DIR}/manifest.json")
}

/// Article files are fetched relative to the site; a path that climbs out or names another host
/// is refused rather than followed.
fn is_site_file(file: &str) -> bool {
    !(file.contains("..") || file.contains("://") || file.starts_with('/') || file.starts_with('\\'))
}

/// Parse the manifest, rejecting what the app cannot show with a message a teacher can act on.
pub fn parse_manifest(json: &str) -> Result<Manifest, String> {
    let m: Manifest = serde_json::from_str(json)
        .map_err(|e| format!("The article list (manifest.json) is not valid: {e}."))?;
    if m.version != MANIFEST_VERSION {
        return Err(format!(
            "The article list has format version {}, but this app reads version {MANIFEST_VERSION}.",
            m.version
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for a in &m.articles {
        if a.id.trim().is_empty() || a.file.trim().is_empty() {
            return Err("The article list has an entry without an id or file name.".into());
        }
        if !is_site_file(&a.file) {
            return Err(format!("The article list names a file outside the site: {:?}.", a.file));
        }
        if let Some(key) = a.key.as_deref().filter(|k| !is_site_file(k)) {
            return Err(format!("The article list names an answer key outside the site: {key:?}."));
        }
        if !seen.insert(a.id.as_str()) {
            return Err(format!("The article list has the id {:?} twice.", a.id));
        }
    }
    Ok(m)
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
    /// Something the reader must be told (the list was unreadable).
    pub notice: Option<String>,
    /// The unreadable list, copied to a backup key: (key, raw) for download.
    pub recovered: Option<(String, String)>,
}

/// The reader's own articles. An unreadable list is set aside and offered for download.
pub fn load_own() -> OwnLoaded {
    let Some(raw) = raw_get(OWN_INDEX_KEY) else { return OwnLoaded::default() };
    match serde_json::from_str::<OwnIndex>(&raw) {
        Ok(ix) if ix.version == OWN_VERSION => OwnLoaded {
            articles: ix.articles.into_iter().map(|a| ManifestEntry { own: true, ..a }).collect(),
            ..OwnLoaded::default()
        },
        Ok(ix) => OwnLoaded {
            notice: Some(format!("The list of your own articles has format version {}, which this version of the annotator cannot read; it was left untouched.", ix.version)),
            ..OwnLoaded::default()
        },
        Err(e) => {
            let (notice, recovered) = set_aside(
                OWN_INDEX_KEY,
                raw,
                "The list of your own articles",
                "articles you add from now on are kept normally",
                &e.to_string(),
            );
            OwnLoaded { articles: Vec::new(), notice: Some(notice), recovered: Some(recovered) }
        }
    }
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

/// Keep a new own article: the text first, then the list, so a full store leaves no entry
/// without its text. Returns its entry (the existing one if the same text is there already).
pub fn add_own(title: &str, text: &str) -> Result<(ManifestEntry, bool), String> {
    let text = check_own_text(text)?;
    let mut list = load_own().articles;
    let id = own_id(&text);
    if let Some(e) = list.iter().find(|e| e.id == id) {
        return Ok((e.clone(), false));
    }
    let analysis = annotator_core::analyze(&text);
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
    let mut list = load_own().articles;
    list.retain(|e| e.id != id);
    save_own_index(&list)?;
    if let Some(s) = store() {
        let _ = s.remove_item(&format!("{OWN_TEXT_PREFIX}{id}"));
        let _ = s.remove_item(&annotations_key(id));
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

/// The schema version written today. Older records are migrated on read (see [`migrate_v1`]).
pub const ANNOTATIONS_VERSION: u32 = 2;
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

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct AnnotationRecord {
    pub version: u32,
    pub article: String,
    pub annotations: Vec<Annotation>,
}

/// Version 1 kept only positions (code points) and a label: no quote to re-attach by.
#[derive(Debug, Deserialize)]
struct RecordV1 {
    version: u32,
    tags: Vec<TagV1>,
}

#[derive(Debug, Deserialize)]
struct TagV1 {
    start: usize,
    end: usize,
    label: Option<Label>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    created: f64,
}

/// v1 → v2: the quote and its context are taken from the article text as it is now, which is the
/// text v1 positions referred to (v1 had no way to follow edits).
pub fn migrate_v1(json: &str, article_id: &str, text: &str) -> Result<AnnotationRecord, String> {
    let old: RecordV1 = serde_json::from_str(json).map_err(|e| format!("not a version 1 record: {e}"))?;
    if old.version != 1 {
        return Err(format!("expected version 1, found {}", old.version));
    }
    let len = text.chars().count();
    let annotations = old
        .tags
        .into_iter()
        .enumerate()
        .filter(|(_, t)| t.start < t.end && t.end <= len)
        .map(|(i, t)| {
            let mut a = Annotation::new(format!("v1-{i}"), text, t.start, t.end, t.created);
            a.tag = t.label;
            a.note = t.note;
            a
        })
        .collect();
    Ok(AnnotationRecord { version: ANNOTATIONS_VERSION, article: article_id.into(), annotations })
}

/// Parse a stored v2 record, refusing records of another article or version.
pub fn parse_record(json: &str, article_id: &str) -> Result<Vec<Annotation>, String> {
    let r: AnnotationRecord = serde_json::from_str(json).map_err(|e| e.to_string())?;
    if r.version != ANNOTATIONS_VERSION {
        return Err(format!("unknown version {}", r.version));
    }
    if r.article != article_id {
        return Err(format!("record of another article ({:?})", r.article));
    }
    Ok(r.annotations)
}

/// What reading an article's annotations found.
#[derive(Debug, Default, PartialEq)]
pub struct Loaded {
    pub annotations: Vec<Annotation>,
    /// Something the reader must be told (a migration, data set aside).
    pub notice: Option<String>,
    /// Unreadable data that was copied to a backup key: (key, raw) for download.
    pub recovered: Option<(String, String)>,
}

/// The origin's local storage, or `None` where the browser withholds it (storage disabled,
/// some private modes): the app then works without saving and says so.
fn store() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn raw_get(key: &str) -> Option<String> {
    store()?.get_item(key).ok().flatten()
}

fn raw_set(key: &str, value: &str) -> Result<(), String> {
    let store = store().ok_or("This browser does not allow the site to save data (local storage is off).")?;
    store.set_item(key, value).map_err(|e| match JsError::try_from(e) {
        Ok(e) => describe(&StorageError::JsError(e)),
        Err(e) => format!("The browser refused to save ({e})."),
    })
}

/// Read an article's annotations. Never fails: unreadable data is copied to a backup key (and
/// offered for download), a v1 record is migrated, and the reader is told.
pub fn load_annotations(article_id: &str, text: &str) -> Loaded {
    let key = annotations_key(article_id);
    if let Some(raw) = raw_get(&key) {
        return match parse_record(&raw, article_id) {
            Ok(annotations) => Loaded { annotations, ..Loaded::default() },
            Err(why) => unreadable_record(&key, raw, &why),
        };
    }
    let old_key = format!("{V1_PREFIX}{article_id}");
    if let Some(raw) = raw_get(&old_key) {
        return match migrate_v1(&raw, article_id, text) {
            Ok(record) => {
                let n = record.annotations.len();
                // The v1 record stays where it was: migration never destroys the original.
                let notice = match serde_json::to_string(&record).map_err(|e| e.to_string()).and_then(|j| raw_set(&key, &j)) {
                    Ok(()) => format!("Updated {n} annotation(s) saved by an older version of the annotator."),
                    Err(e) => format!("Read {n} annotation(s) from an older version, but could not save them in the new format: {e}"),
                };
                Loaded { annotations: record.annotations, notice: Some(notice), recovered: None }
            }
            Err(why) => unreadable_record(&old_key, raw, &why),
        };
    }
    Loaded::default()
}

/// Copy unreadable data found under `key` to a backup key, and say so: `what` names the data for
/// the reader, `after` what happens from now on. Returns the notice and (backup key, raw) for
/// download. The data under `key` is left where it is; the next save writes over it only after
/// this copy exists.
fn set_aside(key: &str, raw: String, what: &str, after: &str, why: &str) -> (String, (String, String)) {
    let backup = format!("{BACKUP_PREFIX}{}", key.strip_prefix(KEY_PREFIX).unwrap_or(key));
    let kept = raw_set(&backup, &raw).is_ok();
    let notice = format!(
        "{what} could not be read ({why}). {} You can download the raw data; {after}.",
        if kept { "A copy was set aside; nothing was deleted." } else { "The browser could not make a copy, so nothing was touched." }
    );
    (notice, (backup, raw))
}

/// An article's unreadable annotation record, set aside.
fn unreadable_record(key: &str, raw: String, why: &str) -> Loaded {
    let (notice, recovered) =
        set_aside(key, raw, "The saved annotations of this article", "new annotations will be saved normally", why);
    Loaded { annotations: Vec::new(), notice: Some(notice), recovered: Some(recovered) }
}

/// Every article's stored annotations (readable v2 records only), for "export all".
pub fn load_all_annotations() -> Vec<(String, Vec<Annotation>)> {
    let Some(store) = store() else { return Vec::new() };
    let n = store.length().unwrap_or(0);
    let keys: Vec<String> = (0..n).filter_map(|i| store.key(i).ok().flatten()).collect();
    let mut out: Vec<(String, Vec<Annotation>)> = keys
        .iter()
        .filter_map(|k| {
            let id = article_of_key(k)?;
            let list = parse_record(&raw_get(k)?, id).ok()?;
            Some((id.to_owned(), list))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Save an article's annotations, first merging whatever another tab saved meanwhile, so neither
/// tab's work is lost. Returns the merged list. On failure nothing stored is changed.
pub fn save_annotations(article_id: &str, ours: &[Annotation]) -> Result<Vec<Annotation>, String> {
    let key = annotations_key(article_id);
    let merged = match raw_get(&key).map(|raw| (parse_record(&raw, article_id), raw)) {
        Some((Ok(theirs), _)) => crate::annotations::merge(ours, &theirs),
        Some((Err(why), raw)) => {
            // Unreadable data appeared under our key: keep a copy before writing over it.
            let backup = format!("{BACKUP_PREFIX}{}-{}", article_id, crate::clock::now() as u64);
            raw_set(&backup, &raw).map_err(|e| format!("{e} (stored data was unreadable: {why})"))?;
            ours.to_vec()
        }
        None => ours.to_vec(),
    };
    let record = AnnotationRecord { version: ANNOTATIONS_VERSION, article: article_id.into(), annotations: merged };
    let json = serde_json::to_string(&record).map_err(|e| e.to_string())?;
    raw_set(&key, &json)?;
    Ok(record.annotations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_records_migrate_with_quotes_from_the_text() {
        let text = "Officials say the move is driven by concerns. Critics warned it could backfire.";
        let v1 = r#"{"version":1,"tags":[{"start":46,"end":79,"label":"criticism","note":"strong"},
                     {"start":0,"end":9,"label":null,"note":"who?"},{"start":70,"end":999,"label":"official"}]}"#;
        let r = migrate_v1(v1, "art", text).unwrap();
        assert_eq!(r.version, 2);
        assert_eq!(r.annotations.len(), 2, "the out-of-range tag is dropped from the migrated copy");
        assert_eq!(r.annotations[0].quote.exact, "Critics warned it could backfire.");
        assert_eq!(r.annotations[0].tag, Some(Label::Criticism));
        assert_eq!(r.annotations[1].note, "who?");
        assert!(migrate_v1(r#"{"version":3,"tags":[]}"#, "art", text).is_err());
        assert!(migrate_v1("[]", "art", text).is_err());
    }

    #[test]
    fn records_of_other_articles_or_versions_are_refused() {
        let rec = |v: u32, a: &str| format!(r#"{{"version":{v},"article":"{a}","annotations":[]}}"#);
        assert_eq!(parse_record(&rec(2, "x"), "x"), Ok(vec![]));
        assert!(parse_record(&rec(2, "y"), "x").unwrap_err().contains("another article"));
        assert!(parse_record(&rec(9, "x"), "x").unwrap_err().contains("version 9"));
        assert!(parse_record("{garbage", "x").is_err());
    }

    fn check(json: &str, expected: Result<usize, &str>) {
        match (parse_manifest(json), expected) {
            (Ok(m), Ok(n)) => assert_eq!(m.articles.len(), n, "{json}"),
            (Err(e), Err(fragment)) => assert!(e.contains(fragment), "{e:?} lacks {fragment:?}"),
            (got, want) => panic!("{json}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn manifests() {
        check(r#"{"version":1,"articles":[]}"#, Ok(0));
        check(
            r#"{"version":1,"articles":[{"id":"a","file":"a.txt","title":"A","words":3}]}"#,
            Ok(1),
        );
        check("not json", Err("not valid"));
        check(r#"{"version":2,"articles":[]}"#, Err("version 2"));
        check(
            r#"{"version":1,"articles":[{"id":"a","file":"../x.txt","title":"A"}]}"#,
            Err("outside the site"),
        );
        check(
            r#"{"version":1,"articles":[{"id":"a","file":"a.txt","title":"A"},{"id":"a","file":"b.txt","title":"B"}]}"#,
            Err("twice"),
        );
        let with_key = r#"{"version":1,"articles":[{"id":"a","file":"a.txt","title":"A","key":"a.key.json"}]}"#;
        check(with_key, Ok(1));
        assert_eq!(parse_manifest(with_key).unwrap().articles[0].key.as_deref(), Some("a.key.json"));
        check(
            r#"{"version":1,"articles":[{"id":"a","file":"a.txt","title":"A","key":"https://evil.example/k.json"}]}"#,
            Err("answer key outside the site"),
        );
        check(r#"{"version":1,"articles":[{"id":"a","file":"a.txt","title":"A","key":"../k.json"}]}"#, Err("outside"));
        // Without a key the entry writes no "key" field, so manifests without keys are unchanged.
        let m = parse_manifest(r#"{"version":1,"articles":[{"id":"a","file":"a.txt","title":"A"}]}"#).unwrap();
        assert_eq!(m.articles[0].key, None);
        assert!(!serde_json::to_string(&m).unwrap().contains("key"));
    }
}
