//! The class pack a teacher downloads from the app: one zip holding `articles/` exactly as the
//! site reads it — `manifest.json`, the article texts and their answer keys
//! (`<id>.key.json`, Web Annotation JSON-LD) — to unpack beside the published site. It is the
//! same folder `./dev pack` writes, made without any build tool.
//!
//! The entries are stored, not compressed: articles are small and the teacher's upload does not
//! care. Writing stored entries is a header, the bytes and a CRC-32 per file, then a directory
//! ([`zip_stored`]); the `zip` crate did the same with ~30 KB of wasm (a 16 KB CRC table among
//! it) for a button most readers never press, so it only checks the result in the tests.

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
    let files: Vec<(String, &[u8])> =
        files.into_iter().map(|(name, bytes)| (format!("{ARTICLES_DIR}/{name}"), bytes)).collect();
    zip_stored(&files)
}

/// A zip archive (PKWARE APPNOTE 6.3) of `files`, stored uncompressed, dated at the format's
/// earliest date (1980-01-01: no clock here; what matters is their content). Refuses what the
/// format without its 64-bit extension cannot hold.
fn zip_stored(files: &[(String, &[u8])]) -> Result<Vec<u8>, String> {
    const DATE_1980_01_01: u16 = 1 << 5 | 1;
    let too_big = || "The pack could not be written (too large for a zip file).".to_owned();
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, bytes) in files {
        let offset = u32::try_from(out.len()).map_err(|_| too_big())?;
        let size = u32::try_from(bytes.len()).map_err(|_| too_big())?;
        let name_len = u16::try_from(name.len()).map_err(|_| too_big())?;
        // Version needed 2.0, flags: bit 11 (names are UTF-8), method 0 (stored), time 0, date,
        // CRC-32, compressed and uncompressed size, name length, no extra field.
        let mut common = Vec::with_capacity(26);
        for v in [20u16, 1 << 11, 0, 0, DATE_1980_01_01] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc32(bytes), size, size] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        common.extend_from_slice(&name_len.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(bytes);
        // The central directory's entry: made by version 2.0, then the same fields, no comment
        // (2 bytes), disk 0 (2), no internal (2) or external (4) attributes, the local header's
        // offset.
        directory.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        directory.extend_from_slice(&20u16.to_le_bytes());
        directory.extend_from_slice(&common);
        directory.extend_from_slice(&[0; 10]);
        directory.extend_from_slice(&offset.to_le_bytes());
        directory.extend_from_slice(name.as_bytes());
    }
    let count = u16::try_from(files.len()).map_err(|_| too_big())?;
    let dir_offset = u32::try_from(out.len()).map_err(|_| too_big())?;
    let dir_size = directory.len() as u32;
    out.extend_from_slice(&directory);
    // End of central directory: disk numbers 0, the entry counts, its size and offset, no comment.
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&dir_size.to_le_bytes());
    out.extend_from_slice(&dir_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    Ok(out)
}

/// CRC-32 (IEEE 802.3, reflected, as zip uses it), a bit at a time: a pack is a few hundred
/// kilobytes written once, so no table is worth its bytes.
fn crc32(bytes: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = (c >> 1) ^ (0xEDB8_8320 & (c & 1).wrapping_neg());
        }
    }
    !c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::manifest::parse_manifest;
    use std::io::{Cursor, Read};

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
    fn crc32_is_the_zip_one() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926, "the standard check value");
    }

    #[test]
    fn the_zip_crate_reads_every_entry_back_with_its_crc_checked() {
        let text = "Ünïcode — “quoted”\n".repeat(500);
        let files = [("articles/ü.txt".to_owned(), text.as_bytes()), ("articles/empty".to_owned(), &b""[..])];
        let mut zip = zip::ZipArchive::new(Cursor::new(zip_stored(&files).unwrap())).unwrap();
        for (name, bytes) in &files {
            let mut back = Vec::new();
            // Reading to the end checks the entry's CRC-32.
            zip.by_name(name).unwrap().read_to_end(&mut back).unwrap();
            assert_eq!(&back, bytes);
        }
        assert_eq!(zip.len(), 2);
    }

    #[test]
    fn bad_names_and_empty_packs_are_refused() {
        assert!(pack(&[]).is_err());
        assert!(pack(&[article("a", "../a.txt", None)]).unwrap_err().contains("file name"));
        assert!(pack(&[article("a", "a.txt", None), article("b", "a.txt", None)]).unwrap_err().contains("a.txt"));
    }
}
