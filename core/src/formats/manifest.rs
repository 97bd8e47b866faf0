//! The site's article list, `articles/manifest.json`: written by `annotate manifest DIR`, read
//! by the app (`parse_manifest`).

use serde::{Deserialize, Serialize};

/// Where the built site keeps its articles, relative to the page (so any sub-path works).
pub const ARTICLES_DIR: &str = "articles";

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
    /// From a saved page (annotator-extract): its byline and its date as the page states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The saved page the text was extracted from (`annotate manifest`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
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
pub fn is_site_file(file: &str) -> bool {
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
