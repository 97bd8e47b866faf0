//! The class pack a teacher downloads from the app: one zip holding `articles/` exactly as the
//! site reads it — `manifest.json`, the article texts and their answer keys
//! (`<id>.key.json`, Web Annotation JSON-LD) — to unpack beside the published site. It is the
//! same folder `./dev pack` writes, made without any build tool.
//!
//! The entries are stored, not compressed: articles are small, the teacher's upload does not
//! care, and it keeps the `zip` crate's compression back-ends out of the wasm bundle.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::answer_key::KEY_SUFFIX;
use super::manifest::{is_site_file, Manifest, ManifestEntry, ARTICLES_DIR, MANIFEST_VERSION};

/// One article for the pack: its list entry (its `file` is the name the text gets), its text,
/// and its answer key's JSON if it has one.
#[derive(Clone, Debug, PartialEq)]
pub struct PackArticle {
    pub entry: ManifestEntry,
    pub text: String,
    pub key: Option<String>,
}

/// The manifest the pack carries: the entries as given, as site articles (not the reader's
/// own), each naming its key file when it has one.
pub fn manifest(articles: &[PackArticle]) -> Manifest {
    let entries = articles
        .iter()
        .map(|a| ManifestEntry {
            own: false,
            key: a.key.as_ref().map(|_| format!("{}{KEY_SUFFIX}", a.entry.id)),
            ..a.entry.clone()
        })
        .collect();
    Manifest { version: MANIFEST_VERSION, articles: entries }
}

/// The zip's bytes. Refuses (with the reason) a file name the site would not fetch, or the
/// same name twice.
pub fn pack(articles: &[PackArticle]) -> Result<Vec<u8>, String> {
    if articles.is_empty() {
        return Err("Choose at least one article for the pack.".into());
    }
    let manifest = manifest(articles);
    let mut files: Vec<(String, &[u8])> = Vec::new();
    let manifest_json = serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n";
    files.push(("manifest.json".into(), manifest_json.as_bytes()));
    for (a, e) in articles.iter().zip(&manifest.articles) {
        if e.file.is_empty() || !is_site_file(&e.file) || e.file.contains('/') {
            return Err(format!("“{}” has no file name the site could fetch ({:?}).", e.title, e.file));
        }
        files.push((e.file.clone(), a.text.as_bytes()));
        if let (Some(name), Some(json)) = (&e.key, &a.key) {
            files.push((name.clone(), json.as_bytes()));
        }
    }
    for (i, (name, _)) in files.iter().enumerate() {
        if files[..i].iter().any(|(n, _)| n == name) {
            return Err(format!("Two files of the pack would both be called {name}."));
        }
    }
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // Without a clock feature the entries carry the zip format's earliest date (1980); what matters
    // is their content.
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let fail = |e: &dyn std::fmt::Display| format!("The pack could not be written ({e}).");
    for (name, bytes) in files {
        zip.start_file(format!("{ARTICLES_DIR}/{name}"), options).map_err(|e| fail(&e))?;
        zip.write_all(bytes).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::manifest::parse_manifest;
    use std::io::Read;

    fn article(id: &str, file: &str, key: Option<&str>) -> PackArticle {
        let entry = ManifestEntry { id: id.into(), file: file.into(), title: format!("Title {id}"), own: true, ..ManifestEntry::default() };
        PackArticle { entry, text: format!("Title {id}\nText of {id}."), key: key.map(str::to_owned) }
    }

    #[test]
    fn the_zip_holds_articles_with_manifest_and_keys() {
        let bytes = pack(&[article("a", "a.txt", Some("[]")), article("own-1", "own-1.txt", None)]).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut names: Vec<String> = zip.file_names().map(str::to_owned).collect();
        names.sort();
        assert_eq!(names, ["articles/a.key.json", "articles/a.txt", "articles/manifest.json", "articles/own-1.txt"]);
        let mut json = String::new();
        zip.by_name("articles/manifest.json").unwrap().read_to_string(&mut json).unwrap();
        let m = parse_manifest(&json).unwrap();
        assert_eq!(m.articles[0].key.as_deref(), Some("a.key.json"));
        assert_eq!((m.articles[1].key.as_deref(), m.articles[1].own), (None, false), "own articles become site articles");
        let mut text = String::new();
        zip.by_name("articles/own-1.txt").unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "Title own-1\nText of own-1.");
    }

    #[test]
    fn bad_names_and_empty_packs_are_refused() {
        assert!(pack(&[]).is_err());
        assert!(pack(&[article("a", "../a.txt", None)]).unwrap_err().contains("file name"));
        assert!(pack(&[article("a", "a.txt", None), article("b", "a.txt", None)]).unwrap_err().contains("a.txt"));
    }
}
