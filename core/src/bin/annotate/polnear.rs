//! Reading the PolNeAR corpus (Newell, Margolin & Ruths, LREC 2018): article texts and their
//! brat standoff attributions (`T` spans typed Source / Cue / Content, `E` events tying them).
//!
//! **One layer per article.** Most articles have one annotator's file; the sixteen that all
//! annotators did for agreement checks have five or six. We read the file of the annotator
//! whose id sorts first (`4b22` where present), the same rule everywhere.
//!
//! **Held-out part.** Every fifth article by a hash of its file name (FNV-1a, remainder 0)
//! is held out: never trained on, never used to choose a setting — only scored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One attribution: byte ranges into the article's normalised text.
#[derive(Clone, Debug, Default)]
pub struct Attr {
    pub source: Vec<(usize, usize)>,
    pub cue: Vec<(usize, usize)>,
    pub content: Vec<(usize, usize)>,
}

pub struct Article {
    pub name: String,
    pub text: String,
    pub attrs: Vec<Attr>,
}

/// The folder holding `text/` and `attributions/`: DIR itself, or DIR/data/train.
fn train_dir(dir: &Path) -> Result<PathBuf, String> {
    for d in [dir.to_path_buf(), dir.join("data").join("train")] {
        if d.join("text").is_dir() && d.join("attributions").is_dir() {
            return Ok(d);
        }
    }
    Err(format!(
        "{}: not the PolNeAR corpus (expected text/ and attributions/, or data/train/ holding \
         them). It is not part of the repository; on the project machine it is \
         ../shared/corpora/polnear (github.com/networkdynamics/PolNeAR).",
        dir.display()
    ))
}

/// FNV-1a of the name, for the fixed held-out split.
pub fn held_out(name: &str) -> bool {
    fnv(name) % 5 == 0
}

/// A development part of the training articles (`train-attribution --dev`): about one in five
/// of those not held out, by the same hash.
/// `ATTRIB_DEV_FOLD=k` (0–4) takes the k-th such fifth instead, for cross-validation.
pub fn development(name: &str) -> bool {
    let fold = std::env::var("ATTRIB_DEV_FOLD").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    !held_out(name) && (fnv(name) / 5) % 5 == fold
}

fn fnv(name: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in name.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h
}

/// Every article with its attributions (byte offsets into the normalised text).
pub fn load(dir: &Path) -> Result<Vec<Article>, String> {
    let d = train_dir(dir)?;
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    let rd = std::fs::read_dir(d.join("attributions")).map_err(|e| format!("{}: {e}", d.display()))?;
    let mut names: Vec<String> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ann"))
        .collect();
    names.sort();
    for n in names {
        let stem = n.trim_end_matches(".ann");
        let Some((article, annotator)) = stem.rsplit_once('_') else { continue };
        // The annotator id sorting first wins (files are sorted, so keep the first seen).
        let _ = annotator;
        files.entry(article.to_owned()).or_insert(n);
    }
    let mut out = Vec::new();
    for (article, ann) in files {
        let raw = std::fs::read_to_string(d.join("text").join(format!("{article}.txt")))
            .map_err(|e| format!("{article}.txt: {e}"))?;
        let text = annotator_core::structure::normalize(&raw);
        if text != raw {
            // Offsets are code points into the raw file; a BOM or CR would shift them.
            continue;
        }
        let standoff = std::fs::read_to_string(d.join("attributions").join(&ann))
            .map_err(|e| format!("{ann}: {e}"))?;
        let attrs = parse(&text, &standoff);
        out.push(Article {
            name: article,
            text,
            attrs,
        });
    }
    if out.is_empty() {
        return Err(format!("{}: no articles read", d.display()));
    }
    Ok(out)
}

/// Brat standoff → attributions. Offsets in the file count code points.
fn parse(text: &str, standoff: &str) -> Vec<Attr> {
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let at = |c: usize| bytes.get(c).copied().unwrap_or(text.len());
    let mut spans: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    let mut events = Vec::new();
    for line in standoff.lines() {
        let mut f = line.split('\t');
        let (Some(id), Some(body)) = (f.next(), f.next()) else { continue };
        if id.starts_with('T') {
            let Some((_, segs)) = body.split_once(' ') else { continue };
            let v: Vec<(usize, usize)> = segs
                .split(';')
                .filter_map(|seg| {
                    let (a, b) = seg.trim().split_once(' ')?;
                    Some((at(a.parse().ok()?), at(b.parse().ok()?)))
                })
                .collect();
            spans.insert(id, v);
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    let mut out = Vec::new();
    for e in events {
        let mut a = Attr::default();
        for role in e.split(' ') {
            let Some((r, t)) = role.split_once(':') else { continue };
            let v = spans.get(t).cloned().unwrap_or_default();
            match r {
                "Source" => a.source.extend(v),
                "Cue" => a.cue.extend(v),
                "Content" => a.content.extend(v),
                _ => {}
            }
        }
        if !a.cue.is_empty() || !a.content.is_empty() {
            out.push(a);
        }
    }
    out
}

/// Bytes of `segs` inside `a..b` that are alphanumeric (a span touching a sentence only by a
/// space or a quotation mark does not count).
pub fn overlap(text: &str, segs: &[(usize, usize)], a: usize, b: usize) -> usize {
    segs.iter()
        .map(|&(x, y)| {
            let (lo, hi) = (x.max(a), y.min(b));
            if lo < hi {
                text.get(lo..hi)
                    .map_or(0, |s| s.chars().filter(|c| c.is_alphanumeric()).count())
            } else {
                0
            }
        })
        .sum()
}

/// The attribution a sentence belongs to: the one whose cue and content cover most of it.
pub fn sentence_attr<'a>(text: &str, attrs: &'a [Attr], a: usize, b: usize) -> Option<&'a Attr> {
    attrs
        .iter()
        .map(|x| (overlap(text, &x.content, a, b) + overlap(text, &x.cue, a, b), x))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, x)| x)
}

const NOT_NAMES: &[&str] = &[
    "A", "An", "And", "Dr", "He", "Her", "His", "I", "It", "Its", "Mr", "Mrs", "Ms", "Our", "She",
    "That", "The", "Their", "These", "They", "This", "Those", "We",
];

/// A word as compared: apostrophes dropped, a possessive and a plural "s" cut off
/// ("O’Malley’s" → "OMalley", "Democrats" → "Democrat", "Iranians" → "Iranian").
fn key(w: &str) -> String {
    let w = w.trim_end_matches("'s").trim_end_matches("’s");
    let w: String = w.chars().filter(|c| c.is_alphanumeric() || *c == '-').collect();
    match w.strip_suffix('s') {
        Some(stem) if stem.chars().count() >= 3 => stem.to_owned(),
        _ => w,
    }
}

fn split(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '"' | '“' | '”' | '—'))
        .filter(|w| !w.is_empty())
}

/// The first-person and second-person sources (the writer, a quoted speaker's "we", "you"): no
/// name to resolve them to.
pub fn first_person(s: &str) -> bool {
    matches!(
        s.trim().to_lowercase().as_str(),
        "i" | "we" | "you" | "me" | "us" | "my" | "our"
    )
}

/// Capitalised words that are no one's name: numbers, months and days ("Seventy-four percent
/// of …", "a poll released Monday", "A Feb. 1 letter"). Sorted.
const NOT_NAME_WORDS: &[&str] = &[
    "apr", "april", "aug", "august", "dec", "december", "eight", "eighty", "eleven", "feb",
    "february", "fifty", "five", "forty", "four", "friday", "hundred", "hundreds", "jan",
    "january", "jul", "july", "jun", "june", "mar", "march", "may", "monday", "million",
    "millions", "nine", "ninety", "nov", "november", "oct", "october", "one", "saturday", "sep",
    "sept", "september", "seven", "seventy", "six", "sixty", "sunday", "ten", "thirty",
    "thousand", "thousands", "three", "thursday", "tuesday", "twelve", "twenty", "two",
    "wednesday",
];

/// A word that names no one: a number or a date word ("Seventy-four": each part).
fn not_name_word(w: &str) -> bool {
    w.bytes().any(|b| b.is_ascii_digit())
        || w.split('-').all(|p| annotator_core::lexicon::contains_lower(NOT_NAME_WORDS, p))
}

/// The name a source span gives, as comparable words: the head of its noun phrase, which in
/// news is the last run of capitalised words before an appositive (a comma or a dash) or an
/// "of" phrase ("Republican presidential candidate Donald Trump" → Donald, Trump; "Huma Abedin,
/// vice chairwoman for Clinton’s campaign" → Huma, Abedin; "Sen. Lindsey Graham (R-SC)" →
/// Lindsey, Graham; "Joel Pollak of Breitbart California" → Joel, Pollak; "the Clinton
/// campaign" → Clinton); empty for "he" or "officials". A part that gives no name (titles only:
/// "Secretary of State John Kerry"; a quantity: "Half of Vermont Democrats", "54 percent of
/// Democratic voters") gives way to the next part. A role followed by a bare name in apposition
/// names that person ("Carter’s press secretary, Peter Cook" → Peter, Cook). `article` is the
/// whole text: a capitalised word opening the span is a name only if the article never writes it
/// in lower case ("Early results of …", "Federal law" are no names).
pub fn name_words(article: &str, s: &str) -> Vec<String> {
    let mut segs = s
        .split([',', '–', '—'])
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let head = segs.next().unwrap_or(s);
    if let Some(app) = segs.next() {
        let last = split(head).last().unwrap_or("");
        let bare = split(app).all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) || annotator_core::lexicon::is_title(w)
        });
        if last.chars().next().is_some_and(char::is_lowercase) && bare {
            let run = last_run(None, app);
            if !run.is_empty() {
                return run.iter().map(|w| key(w)).collect();
            }
        }
    }
    let mut parts: Vec<&str> = Vec::new();
    let mut rest = head;
    while let Some(k) = [" of ", " at ", " for ", " from ", " with "]
        .iter()
        .filter_map(|p| rest.find(p).map(|k| (k, p.len())))
        .min()
    {
        parts.push(&rest[..k.0]);
        rest = &rest[k.0 + k.1..];
    }
    parts.push(rest);
    for (k, part) in parts.into_iter().enumerate() {
        let run = last_run((k == 0).then_some(article), part);
        if run.iter().any(|w| !annotator_core::lexicon::is_title(w)) {
            return run.iter().map(|w| key(w)).collect();
        }
    }
    Vec::new()
}

/// `w` appears in lower case as a word of `article`.
fn seen_lower(article: &str, w: &str) -> bool {
    let l = w.to_lowercase();
    article.match_indices(l.as_str()).any(|(k, _)| {
        let before = article[..k].chars().next_back();
        let after = article[k + l.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The last run of capitalised words of `s`; `article` when `s` opens the span (its first
/// word may be capitalised only as the sentence's first).
fn last_run<'a>(article: Option<&str>, s: &'a str) -> Vec<&'a str> {
    let mut depth = 0i32;
    let mut runs: Vec<Vec<&str>> = vec![Vec::new()];
    for (k, raw) in split(s).enumerate() {
        let opens = raw.matches('(').count() as i32;
        let closes = raw.matches(')').count() as i32;
        let inside = depth > 0 || opens > 0;
        depth = (depth + opens - closes).max(0);
        if inside {
            continue;
        }
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let cap = w.chars().next().is_some_and(char::is_uppercase);
        // A capitalised first word may only begin the sentence ("Police said", "This document").
        let common = k == 0
            && (annotator_core::lexicon::is_common(w)
                || annotator_core::attribution::features::source_noun(w)
                || article.is_some_and(|a| seen_lower(a, w)));
        let bare = key(w);
        if cap
            && !common
            && bare.chars().count() > 1
            && !NOT_NAMES.contains(&w)
            && !NOT_NAMES.contains(&bare.as_str())
            && !not_name_word(w)
        {
            if let Some(r) = runs.last_mut() {
                r.push(w);
            }
        } else if !runs.last().is_some_and(Vec::is_empty) {
            runs.push(Vec::new());
        }
    }
    runs.into_iter().rev().find(|r| !r.is_empty()).unwrap_or_default()
}

/// The capitalised words of a predicted speaker name, compared as [`name_words`] are.
pub fn predicted_words(s: &str) -> Vec<String> {
    split(s)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(w))
        .map(key)
        .collect()
}
