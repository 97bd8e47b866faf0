//! Saved web pages in an article folder. `annotate manifest DIR` (and so `./dev pack DIR`) turns
//! each `NAME.html` / `NAME.htm` into `NAME.txt` beside it — the article the students will see,
//! extracted by `annotator-extract`, the same code the browser runs when a reader adds a page —
//! and keeps the page's byline and date for the manifest entry. A teacher can read (and correct)
//! the `.txt`: one that is newer than its page is left as it is.

use std::collections::BTreeMap;
use std::path::Path;

use annotator_extract::{charset, extract};

/// What the manifest keeps from a saved page beside the text.
pub struct PageMeta {
    pub byline: Option<String>,
    pub date: Option<String>,
    /// The saved page's file name.
    pub page: String,
}

fn newer(a: &Path, b: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(a), modified(b)), (Some(x), Some(y)) if x > y)
}

/// Extract every saved page in `dir` to a `.txt` beside it. Returns each page's metadata by the
/// article id (the file name before the extension); failures are pushed to `errors`.
pub fn extract_pages(dir: &Path, errors: &mut Vec<String>) -> BTreeMap<String, PageMeta> {
    let mut pages = BTreeMap::new();
    let Ok(files) = super::article_files(dir, &["html", "htm"]) else { return pages };
    for path in files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        if pages.contains_key(&stem) {
            errors.push(format!("{}: another saved page has the same name before the extension; rename one", path.display()));
            continue;
        }
        let txt = path.with_extension("txt");
        let result = std::fs::read(&path)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|bytes| charset::decode(&bytes))
            .and_then(|html| extract(&html).map_err(|p| p.to_string()));
        let page = match result {
            Ok(p) => p,
            Err(e) => {
                errors.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        if txt.is_file() && newer(&txt, &path) {
            eprintln!("note: {stem}.txt is newer than {name}, so it was kept as it is (delete it to extract again)");
        } else {
            if let Err(e) = std::fs::write(&txt, page.to_text() + "\n") {
                errors.push(format!("{}: cannot write: {e}", txt.display()));
                continue;
            }
            if page.is_article {
                eprintln!("extracted {name} → {stem}.txt ({} words; check it before class)", page.words());
            } else {
                eprintln!(
                    "warning: {name}: no article found (a home page or an index?); its plain text, {} words, is in {stem}.txt",
                    page.words()
                );
            }
        }
        pages.insert(stem, PageMeta { byline: page.byline, date: page.date, page: name });
    }
    pages
}
