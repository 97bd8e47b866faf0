//! Structure: normalising the file text, splitting it into blocks (title, headings, paragraphs,
//! furniture) and sentences, all as code-point offsets.

use unicode_segmentation::UnicodeSegmentation;

use crate::{Block, BlockKind, Sentence};

/// The text as the app displays it: a leading BOM dropped and `\r\n` / `\r` turned into `\n`.
/// Everything else is kept, so offsets stay meaningful against the file.
pub fn normalize(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if !raw.contains('\r') {
        return raw.to_owned();
    }
    raw.replace("\r\n", "\n").replace('\r', "\n")
}

/// Slice by code-point offsets, clamped to the text.
pub fn char_slice(text: &str, start: usize, end: usize) -> &str {
    let b = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    let (s, e) = (b(start), b(end.max(start)));
    &text[s..e]
}

pub fn word_count(text: &str) -> usize {
    text.unicode_words().count()
}

/// Lines that are page furniture rather than article text: comment forms, navigation, captcha
/// notices. Compared case-insensitively against the whole trimmed line (or its start, for `*`).
const FURNITURE: &[&str] = &[
    "how to",
    "related articles",
    "related posts",
    "related",
    "leave a reply",
    "leave a comment",
    "back to top button",
    "back to top",
    "share this article",
    "share this:",
    "advertisement",
    "cancel reply",
    "your email address will not be published*",
    "the recaptcha verification period has expired*",
    "please reload the page*",
    "required fields are marked*",
    "click to share*",
    "sign up for our newsletter*",
    "subscribe to our newsletter*",
    "post navigation",
    "you may also like",
    "read more",
    "tags:*",
    "filed under*",
];

pub fn is_furniture(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    FURNITURE.iter().any(|f| match f.strip_suffix('*') {
        Some(prefix) => l.starts_with(prefix),
        None => l == *f,
    })
}

/// A short line without sentence-final punctuation reads as a heading.
fn looks_like_heading(line: &str) -> bool {
    let t = line.trim();
    let words = word_count(t);
    (1..=14).contains(&words) && !t.ends_with(['.', '!', '?', ':', ';', ',', '"', '”'])
}

/// Split the text into non-empty lines, each one block, classified.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut pos = 0usize; // code points
    let mut seen_title = false;
    let mut seen_paragraph = false;
    for line in text.split('\n') {
        let len = line.chars().count();
        let lead = line.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let tlen = trimmed.chars().count();
            let (start, end) = (pos + lead, pos + lead + tlen);
            let kind = if is_furniture(trimmed) || is_alternate_title(trimmed, seen_title) {
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
            out.push(Block { start, end, kind });
        }
        pos += len + 1;
    }
    out
}

/// "Title: …" after a title was already seen repeats the headline; not article text.
fn is_alternate_title(line: &str, seen_title: bool) -> bool {
    seen_title && line.to_lowercase().starts_with("title:")
}

/// The article title: its title line, else the first sentence of the first paragraph, shortened.
pub fn title(text: &str, blocks: &[Block]) -> String {
    if let Some(b) = blocks.iter().find(|b| b.kind == BlockKind::Title) {
        return char_slice(text, b.start, b.end).to_owned();
    }
    let Some(b) = blocks.iter().find(|b| b.kind == BlockKind::Paragraph) else {
        return String::from("Untitled article");
    };
    let para = char_slice(text, b.start, b.end);
    let first = para.split_sentence_bounds().next().unwrap_or(para).trim();
    shorten(first, 90)
}

fn shorten(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

/// Sentences of every block, by Unicode sentence bounds.
pub fn sentences(text: &str, blocks: &[Block]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        let body = char_slice(text, b.start, b.end);
        let mut pos = b.start;
        for s in body.split_sentence_bounds() {
            let len = s.chars().count();
            let trimmed_len = s.trim_end().chars().count();
            if trimmed_len > 0 {
                out.push(Sentence {
                    start: pos,
                    end: pos + trimmed_len,
                    block: bi,
                    content: b.kind != BlockKind::Furniture,
                    claim: false,
                    speaker: None,
                    suggestion: None,
                });
            }
            pos += len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines() {
        for l in ["Leave a Reply", "Back to top button", "how to", "Related Articles"] {
            assert!(is_furniture(l), "{l}");
        }
        assert!(!is_furniture("How to regulate cloud providers is a hard question."));
    }

    #[test]
    fn crlf_and_bom() {
        assert_eq!(normalize("\u{feff}a\r\nb\rc"), "a\nb\nc");
    }
}
