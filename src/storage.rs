//! The edge of the app: every persisted or fetched format and every local-storage key lives here.
//!
//! Serialized types are a compatibility promise, so each carries a `version` and is parsed with
//! a clear error rather than a panic. Nothing outside this module touches `localStorage` or knows
//! a key name.

use gloo::storage::{errors::StorageError, LocalStorage, Storage};
use serde::{Deserialize, Serialize};

/// Where the built site keeps its articles, relative to the page (so any sub-path works).
pub const ARTICLES_DIR: &str = "articles";

/// Every key the app owns starts with this; other apps on the same origin are left alone.
pub const KEY_PREFIX: &str = "annotator/";
const SELECTED_KEY: &str = "annotator/v1/selected";

/// `articles/manifest.json`, written by `annotate manifest DIR`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub articles: Vec<ManifestEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub id: String,
    pub file: String,
    pub title: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub words: usize,
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
        // Article files are fetched relative to the site; a path that climbs out or names
        // another host is refused rather than followed.
        if a.file.contains("..") || a.file.contains("://") || a.file.starts_with('/') {
            return Err(format!("The article list names a file outside the site: {:?}.", a.file));
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
    LocalStorage::get::<String>(SELECTED_KEY).ok()
}

pub fn save_selected(id: Option<&str>) -> Result<(), String> {
    match id {
        Some(id) => LocalStorage::set(SELECTED_KEY, id).map_err(|e| describe(&e)),
        None => {
            LocalStorage::delete(SELECTED_KEY);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
