//! Structure: normalising the file text, splitting it into blocks (title, headings, paragraphs,
//! furniture) and sentences.
//!
//! Everything here works in **byte** offsets (cheap to slice, no counting); [`crate::analyze`]
//! converts to code points once at the end. Sentences come from the Unicode sentence-boundary
//! algorithm (UAX #29, via `unicode-segmentation`), which handles quotes, closing brackets and
//! lowercase continuations; we then undo the breaks it makes after abbreviations and initials
//! ("U.S. Department", "Mr. Smith", "Jan. 5", "J. Doe"), which UAX #29 cannot know about.

use unicode_segmentation::UnicodeSegmentation;

use crate::lexicon;
use crate::text::{char_at, find_byte3};
use crate::BlockKind;

/// A block in byte offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawBlock {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
}

/// A sentence in byte offsets, with the index of its block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawSentence {
    pub start: usize,
    pub end: usize,
    pub block: usize,
}

/// The text as the app displays it: a leading BOM dropped and `\r\n` / `\r` turned into `\n`.
/// Everything else is kept, so offsets stay meaningful against the file.
pub fn normalize(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if !raw.contains('\r') {
        return raw.to_owned();
    }
    raw.replace("\r\n", "\n").replace('\r', "\n")
}

/// Lines that are page furniture rather than article text: comment forms, navigation, captcha
/// notices, share buttons. Compared case-insensitively against the whole trimmed line, or against
/// its start for entries ending in `*`.
const FURNITURE: &[&str] = &[
    "advertisement",
    "all rights reserved*",
    "back to top",
    "back to top button",
    "cancel reply",
    "click here to*",
    "click to share*",
    "comments",
    "copyright ©*",
    "filed under*",
    "follow us*",
    "how to",
    "image credit*",
    "image source*",
    "leave a comment",
    "leave a reply",
    "loading...",
    "please reload the page*",
    "post navigation",
    "print",
    "read more",
    "recommended",
    "related",
    "related articles",
    "related posts",
    "related stories",
    "required fields are marked*",
    "save my name, email*",
    "share",
    "share this article",
    "share this:",
    "share on*",
    "sign up for our newsletter*",
    "skip to content",
    "subscribe to our newsletter*",
    "tags:*",
    "the recaptcha verification period has expired*",
    "this site uses akismet*",
    "you may also like",
    "your email address will not be published*",
];

/// Furniture lines are short; longer lines are never compared (nor lowercased).
const MAX_FURNITURE_BYTES: usize = 160;

pub fn is_furniture(line: &str) -> bool {
    if line.len() > MAX_FURNITURE_BYTES {
        return false;
    }
    let l = line.trim().to_lowercase();
    let l = l.trim_end_matches([' ', '*']);
    FURNITURE.iter().any(|f| match f.strip_suffix('*') {
        Some(prefix) => l.starts_with(prefix),
        None => l == *f,
    })
}

/// Longest line, in words, that can be a heading or title.
const MAX_HEADING_WORDS: usize = 16;

/// A short line without sentence-final punctuation reads as a heading.
fn looks_like_heading(line: &str) -> bool {
    let t = line.trim();
    if t.len() > 200 || t.ends_with(['.', '!', '?', ':', ';', ',', '"', '”']) {
        return false;
    }
    let words = crate::text::word_count(t);
    (1..=MAX_HEADING_WORDS).contains(&words)
        && !t.ends_with(['.', '!', '?', ':', ';', ',', '"', '”'])
}

/// "Title: …" repeating the headline (as saved by some scrapers).
fn title_prefix(line: &str) -> Option<&str> {
    let b = line.as_bytes();
    if b.len() > 6 && b[..6].eq_ignore_ascii_case(b"title:") {
        Some(line[6..].trim())
    } else {
        None
    }
}

/// Split the text into non-empty lines, each one block, classified.
#[inline(never)]
pub fn blocks(text: &str) -> Vec<RawBlock> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    let mut seen_title = false;
    let mut seen_paragraph = false;
    for line in text.split('\n') {
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let (start, end) = (pos + lead, pos + lead + trimmed.len());
            let kind = if is_furniture(trimmed) || (seen_title && title_prefix(trimmed).is_some()) {
                BlockKind::Furniture
            } else if looks_like_heading(trimmed) {
                if !seen_title && !seen_paragraph {
                    seen_title = true;
                    BlockKind::Title
                } else {
                    BlockKind::Heading
                }
            } else {
                seen_paragraph = true;
                BlockKind::Paragraph
            };
            out.push(RawBlock { start, end, kind });
        }
        pos += line.len() + 1;
    }
    out
}

/// Longest derived title, in characters.
const MAX_TITLE_CHARS: usize = 90;

/// The article title: its title line (without a "Title:" prefix), else the first sentence of the
/// first paragraph, shortened.
pub fn title(text: &str, blocks: &[RawBlock], sentences: &[RawSentence]) -> String {
    if let Some(b) = blocks.iter().find(|b| b.kind == BlockKind::Title) {
        let t = &text[b.start..b.end];
        return shorten(title_prefix(t).unwrap_or(t), 200);
    }
    let first = blocks
        .iter()
        .position(|b| b.kind == BlockKind::Paragraph)
        .and_then(|bi| sentences.iter().find(|s| s.block == bi));
    match first {
        Some(s) => shorten(
            text[s.start..s.end].trim_end_matches(['.', '!', '?']),
            MAX_TITLE_CHARS,
        ),
        None => String::from("Untitled article"),
    }
}

fn shorten(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        None => s.to_owned(),
        Some((cut, _)) => {
            let head = &s[..cut];
            let head = head.rsplit_once(' ').map_or(head, |(a, _)| a);
            format!("{}…", head.trim_end_matches([',', ';', ':', ' ']))
        }
    }
}

/// Abbreviations that never end a sentence in news text: the next word continues it.
const ALWAYS_CONTINUE: &[&str] = &[
    "adm", "capt", "cf", "col", "dr", "e.g", "gen", "gov", "hon", "i.e", "lt", "messrs", "mr",
    "mrs", "ms", "mt", "no", "prof", "rep", "rev", "sen", "sgt", "sr", "st", "vs",
];

/// Abbreviations that end a sentence only before an obvious sentence opener ("in the U.S. The
/// company said") and otherwise continue it ("U.S. Department", "Acme Inc. shares").
const USUALLY_CONTINUE: &[&str] = &[
    "apr", "aug", "co", "corp", "dec", "dept", "est", "etc", "feb", "inc", "jan", "jr", "jul",
    "jun", "ltd", "mar", "nov", "oct", "sep", "sept",
];

/// Should the sentence break between `prev` (ending with '.') and `next` be undone?
#[inline(never)]
fn continues_after(prev: &str, next: &str) -> bool {
    let p = prev.trim_end();
    let Some(body) = p.strip_suffix('.') else {
        return false;
    };
    // The word before the final period, e.g. "U.S", "Mr", "J".
    let word_start = body
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &body[word_start..];
    if word.is_empty() {
        return false;
    }
    let next_word: &str = next
        .trim_start()
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .next()
        .unwrap_or("");
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    // A single capital letter: an initial ("J. Doe").
    if first.is_uppercase() && chars.next().is_none() {
        return true;
    }
    if lexicon::contains_lower(ALWAYS_CONTINUE, word) {
        return true;
    }
    let opener = next_word.is_empty() || lexicon::is_common(next_word);
    // Dotted acronyms ("U.S", "U.K", "a.m") and usual abbreviations continue unless the next
    // word is a common sentence opener ("The", "It", "Officials").
    (word.contains('.') || lexicon::contains_lower(USUALLY_CONTINUE, word)) && !opener
}

/// Non-ASCII characters that are neither sentence terminators nor separators in UAX #29, so text
/// made of ASCII, alphanumerics and these can use [`uax29_breaks`]' windowed fast path.
const INERT: &[char] = &[
    '\u{a0}', '£', '©', '®', '°', '·', '€', '–', '—', '‘', '’', '‚', '“', '”', '„', '•', '…',
];

fn fast_path_ok(body: &str) -> bool {
    // Alphanumerics are never terminators; combining marks are not alphanumeric, so they (like
    // any other punctuation) take the full algorithm. ASCII bytes are skipped without decoding.
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Eight ASCII bytes at a time (no high bit set).
        if let Some(w) = b.get(i..i + 8) {
            if crate::text::le_prefix8(w) & 0x8080_8080_8080_8080 == 0 {
                i += 8;
                continue;
            }
        }
        if b[i] < 0x80 {
            i += 1;
            continue;
        }
        let (c, cl) = char_at(body, i);
        if !(c.is_alphanumeric() || INERT.contains(&c)) {
            return false;
        }
        i += cl;
    }
    true
}

/// Byte offsets inside `body` (excluding 0) where UAX #29 starts a new sentence.
///
/// In text whose only terminators are '.', '!' and '?', and without paragraph separators, the
/// rules (SB6–SB11) decide a break from the character before a terminator run through the first
/// letter after it. So the segmenter runs on those small windows only — about a tenth of the
/// text — and gives exactly the full algorithm's answer (a property test checks this). Other text
/// (CJK full stops, Arabic question marks, combining marks, …) takes the full algorithm.
#[inline(never)]
pub fn uax29_breaks(body: &str, out: &mut Vec<usize>) {
    out.clear();
    if !fast_path_ok(body) {
        // A loop, not `extend`: unicode-segmentation 1.13's `size_hint` underflows on empty
        // text (a panic in debug builds, a capacity overflow in release).
        for (i, _) in body.split_sentence_bound_indices().skip(1) {
            out.push(i);
        }
        return;
    }
    let b = body.as_bytes();
    let mut i = 0;
    while let Some(t) = find_byte3(b, i, [b'.', b'!', b'?']) {
        // The common windows, answered without the segmenter. One terminator, spaces and an
        // ASCII letter ("fell. The", "it. and", "Why? Nobody"): SB11 breaks before the letter,
        // except SB8 after a full stop before a lower-case one; the char before the terminator
        // matters only without the spaces. One terminator, a line feed and a letter: SB4 breaks
        // after the line feed. A full stop between two ASCII letters ("U.S"): SB7 or SB8 joins.
        let mut j = t + 1;
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        let lf = j == t + 1 && b.get(j) == Some(&b'\n');
        if lf {
            j += 1;
        }
        if j > t + 1 && j < b.len() && b[j].is_ascii_alphabetic() {
            if (lf || b[t] != b'.' || b[j].is_ascii_uppercase()) && out.last().is_none_or(|&l| l < j) {
                out.push(j);
            }
            i = j + 1;
            continue;
        }
        if b[t] == b'.' && t > 0 && b[t - 1].is_ascii_alphabetic() && b.get(t + 1).is_some_and(u8::is_ascii_alphabetic) {
            i = t + 2;
            continue;
        }
        // The char before the terminator: back over UTF-8 continuation bytes.
        let mut start = t.saturating_sub(1);
        while start > 0 && b[start] & 0xC0 == 0x80 {
            start -= 1;
        }
        // Through the first letter after it (bytes for ASCII).
        let mut end = b.len();
        let mut j = t;
        while j < b.len() {
            if b[j] < 0x80 {
                if b[j].is_ascii_alphabetic() {
                    end = j + 1;
                    break;
                }
                j += 1;
            } else {
                let (c, cl) = char_at(body, j);
                if c.is_alphabetic() {
                    end = j + cl;
                    break;
                }
                j += cl;
            }
        }
        for (j, _) in body[start..end].split_sentence_bound_indices().skip(1) {
            if out.last().is_none_or(|&l| l < start + j) {
                out.push(start + j);
            }
        }
        if end >= b.len() {
            break;
        }
        i = end;
    }
}

/// Sentences of every block, by Unicode sentence bounds with abbreviation repair.
#[inline(never)]
pub fn sentences(text: &str, blocks: &[RawBlock]) -> Vec<RawSentence> {
    let mut out = Vec::with_capacity(text.len() / 128);
    let mut breaks = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        block_sentences(text, b, bi, &mut breaks, &mut out);
    }
    out
}

/// The sentences of one block (out of line: see `stance::rules::sentence` on WebAssembly tiering).
#[inline(never)]
fn block_sentences(
    text: &str,
    b: &RawBlock,
    bi: usize,
    breaks: &mut Vec<usize>,
    out: &mut Vec<RawSentence>,
) {
    let body = &text[b.start..b.end];
    uax29_breaks(body, breaks);
    let mut cur: Option<(usize, usize)> = None; // byte range within body
    let mut seg_start = 0;
    for k in 0..=breaks.len() {
        let seg_end_raw = breaks.get(k).copied().unwrap_or(body.len());
        let (i, seg) = (seg_start, &body[seg_start..seg_end_raw]);
        seg_start = seg_end_raw;
        let seg_end = i + seg.trim_end().len();
        if seg_end == i {
            continue;
        }
        cur = match cur {
            Some((s, e)) if continues_after(&body[s..e], seg) => Some((s, seg_end)),
            Some((s, e)) => {
                out.push(RawSentence {
                    start: b.start + s,
                    end: b.start + e,
                    block: bi,
                });
                Some((i, seg_end))
            }
            None => Some((i, seg_end)),
        };
    }
    if let Some((s, e)) = cur {
        out.push(RawSentence {
            start: b.start + s,
            end: b.start + e,
            block: bi,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines() {
        for l in [
            "Leave a Reply",
            "Back to top button",
            "how to",
            "Related Articles",
            "Your email address will not be published. Required fields are marked *",
        ] {
            assert!(is_furniture(l), "{l}");
        }
        assert!(!is_furniture(
            "How to regulate cloud providers is a hard question."
        ));
    }

    #[test]
    fn crlf_and_bom() {
        assert_eq!(normalize("\u{feff}a\r\nb\rc"), "a\nb\nc");
    }

    /// Split one paragraph and compare the sentence texts.
    fn check(input: &str, expected: &[&str]) {
        let bs = blocks(input);
        let got: Vec<&str> = sentences(input, &bs)
            .iter()
            .map(|s| &input[s.start..s.end])
            .collect();
        assert_eq!(got, expected, "input: {input}");
    }

    #[test]
    fn sentence_splitting() {
        check(
            "A spokesperson from the U.S. Department of Commerce criticized it. Mr. Smith agreed.",
            &[
                "A spokesperson from the U.S. Department of Commerce criticized it.",
                "Mr. Smith agreed.",
            ],
        );
        check(
            "It opened in the U.S. The firm said so.",
            &["It opened in the U.S.", "The firm said so."],
        );
        check(
            "It closed on Jan. 5 after J. Doe left. Then it reopened.",
            &[
                "It closed on Jan. 5 after J. Doe left.",
                "Then it reopened.",
            ],
        );
        check(
            "“We will appeal,” she said. “Nobody’s happy.” Then silence.",
            &[
                "“We will appeal,” she said.",
                "“Nobody’s happy.”",
                "Then silence.",
            ],
        );
        check(
            "Acme Inc. shares fell. Why? Nobody knows!",
            &["Acme Inc. shares fell.", "Why?", "Nobody knows!"],
        );
    }

    #[test]
    fn windowed_breaks_match_full_algorithm() {
        for t in [
            "It ended. Then “Why?” he asked! Mr. Smith left... 5. Done",
            "a… B. c",
            "U.S. Department. The end.",
            "“Quoted.” Next one.) (Paren.) ok? Yes.",
            "Zürich ist schön. Équipe gagne! ¿Qué? Sí.",
            "x.  \t y. Z",
            ".",
            "..",
            "A. B",
            "A.  b. c! d? E.\u{a0}F.\tG. H!I ?J .K",
            "x. y.\u{2019} Z. ’s ok. 3. Four.",
            "a.\nB. c.\nd! E?\nf G.\n\nH. I.\n J.\r\nK. 3.\nL x.\u{2029}M",
            "U.S. U.S.A. a.b 3.A 3.b A.3 E.g. i.e. e.G. x.y.z. Ph.D.s. U.S.-based. A.”B. A.)c",
        ] {
            check_windowed(t);
        }
        // Every gold article, whole and by its blocks.
        let gold = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gold");
        let mut n = 0;
        for e in std::fs::read_dir(gold).expect("the gold set").flatten() {
            if e.path().extension().is_some_and(|x| x == "txt") {
                let t = std::fs::read_to_string(e.path()).expect("a gold article");
                for b in blocks(&t) {
                    check_windowed(&t[b.start..b.end]);
                }
                n += 1;
            }
        }
        assert!(n > 100, "the gold articles are read");
    }

    fn check_windowed(t: &str) {
        let mut fast = Vec::new();
        uax29_breaks(t, &mut fast);
        let full: Vec<usize> = t
            .split_sentence_bound_indices()
            .skip(1)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(fast, full, "{t:?}");
    }

    #[test]
    fn blocks_and_title() {
        let t = "how to\n\nBig Headline Here\n\nTitle: Big Headline\n\nFirst paragraph. It goes on.\nA Heading\nMore text here.";
        let bs = blocks(t);
        let kinds: Vec<BlockKind> = bs.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            [Furniture, Title, Furniture, Paragraph, Heading, Paragraph]
        );
        assert_eq!(title(t, &bs, &sentences(t, &bs)), "Big Headline Here");
        let t2 = "The Biden administration is taking steps to limit access to cloud computing services, according to a report.";
        let bs = blocks(t2);
        assert_eq!(title(t2, &bs, &sentences(t2, &bs)), "The Biden administration is taking steps to limit access to cloud computing services,…".replace(",…", "…"));
    }
}
