//! The article's title, byline and date from the page's metadata (`<meta>` tags and JSON-LD, as
//! Readability reads them), else from the page itself (`<title>`, its `h1`).

use crate::readability::inner_text;
use crate::tree::Tree;

#[derive(Default)]
pub struct Meta {
    pub title: String,
    pub byline: Option<String>,
    pub date: Option<String>,
}

const TITLE_KEYS: &[&str] = &["dc:title", "dcterm:title", "og:title", "twitter:title", "parsely-title", "title"];
const BYLINE_KEYS: &[&str] = &["dc:creator", "dcterm:creator", "author", "parsely-author", "article:author"];
const DATE_KEYS: &[&str] = &["article:published_time", "parsely-pub-date", "dc:date", "dcterm:created", "date", "pubdate"];
const SEPARATORS: &[char] = &['|', '-', '–', '—', '\\', '/', '>', '»'];

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page's `<meta>` values by name or property, lower-cased keys.
fn metas(t: &Tree) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for m in t.find(Tree::ROOT, &["meta"]) {
        let Some(content) = t.attr(m, "content").map(collapse).filter(|c| !c.is_empty()) else { continue };
        for key in ["property", "name", "itemprop"] {
            if let Some(k) = t.attr(m, key) {
                for k in k.split_whitespace() {
                    out.push((k.to_lowercase().replace(['.', ' '], ":"), content.clone()));
                }
            }
        }
    }
    out
}

fn first_of(metas: &[(String, String)], keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| metas.iter().find(|(mk, _)| mk == k).map(|(_, v)| v.clone()))
}

/// The string value of `"key": "…"` after `from` in JSON text (JSON-LD is read by its keys only:
/// a JSON library would be most of the worker's size for three values).
fn json_string(json: &str, key: &str) -> Option<String> {
    let pat = format!("\"{key}\"");
    let at = json.find(&pat)? + pat.len();
    let rest = json[at..].trim_start().strip_prefix(':')?.trim_start();
    if let Some(s) = rest.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => return Some(collapse(&out)).filter(|v| !v.is_empty()),
                '\\' => match chars.next() {
                    Some('n' | 't' | 'r') => out.push(' '),
                    Some('u') => {
                        let hex: String = chars.by_ref().take(4).collect();
                        out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                    }
                    Some(c) => out.push(c),
                    None => return None,
                },
                c => out.push(c),
            }
        }
        return None;
    }
    // An object or a list: its first "name".
    json_string(&rest[..rest.len().min(600)], "name")
}

fn json_ld(t: &Tree) -> Vec<String> {
    t.find(Tree::ROOT, &["script"]).into_iter().map(|s| t.text(s)).filter(|j| j.contains("schema.org")).collect()
}

/// Readability's `_getArticleTitle`: the `<title>` without the site's name.
fn page_title(t: &Tree) -> String {
    let orig = t.first("title").map(|n| inner_text(t, n)).unwrap_or_default();
    let words = |s: &str| s.split_whitespace().count();
    let has_sep = orig.split_whitespace().any(|w| w.chars().count() == 1 && w.starts_with(SEPARATORS));
    // Readability's "hierarchical" separators: a title cut at one of these may be short.
    let hierarchical = orig.split_whitespace().any(|w| matches!(w, "\\" | "/" | ">" | "»"));
    let mut cur = orig.clone();
    if has_sep {
        let seps: Vec<usize> = orig.match_indices(|c| SEPARATORS.contains(&c)).map(|(i, _)| i).filter(|&i| orig[..i].ends_with(' ')).collect();
        if let (Some(&first), Some(&last)) = (seps.first(), seps.last()) {
            cur = orig[..last].trim().to_owned();
            if words(&cur) < 3 {
                cur = orig[first..].chars().skip(1).collect::<String>().trim().to_owned();
            }
        }
    } else if orig.contains(": ") {
        let headings: Vec<String> = t.find(Tree::ROOT, &["h1", "h2"]).into_iter().map(|h| inner_text(t, h)).collect();
        if !headings.contains(&orig) {
            let last = orig.rsplit(':').next().unwrap_or("").trim().to_owned();
            cur = if words(&last) < 3 { orig.split_once(':').map_or("", |(_, r)| r).trim().to_owned() } else { last };
            if words(orig.split(':').next().unwrap_or("")) > 5 {
                cur = orig.clone();
            }
        }
    } else if orig.chars().count() > 150 || orig.chars().count() < 15 {
        let h1s = t.find(Tree::ROOT, &["h1"]);
        if h1s.len() == 1 {
            cur = inner_text(t, h1s[0]);
        }
    }
    let plain_words = orig.split_whitespace().filter(|w| !(w.chars().count() == 1 && w.starts_with(SEPARATORS))).count();
    if words(&cur) <= 4 && (!hierarchical || words(&cur) != plain_words.saturating_sub(1)) {
        cur = orig;
    }
    collapse(&cur)
}

pub fn read(t: &Tree) -> Meta {
    let metas = metas(t);
    let ld = json_ld(t);
    let from_ld = |key: &str| ld.iter().find_map(|j| json_string(j, key));
    let title = from_ld("headline").or_else(|| first_of(&metas, TITLE_KEYS)).unwrap_or_else(|| page_title(t));
    let byline = from_ld("author")
        .or_else(|| first_of(&metas, BYLINE_KEYS))
        .filter(|b| !b.starts_with("http") && b.chars().count() < 100);
    let date = from_ld("datePublished").or_else(|| first_of(&metas, DATE_KEYS));
    Meta { title, byline, date }
}
