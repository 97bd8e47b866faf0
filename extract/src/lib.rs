//! A saved web page → the article a careful reader would see: title, byline, date and the body's
//! headings and paragraphs in order, without menus, cookie notices, share buttons, related links,
//! comments, captions and footers.
//!
//! The page is a [`tree::Tree`], filled by html5ever natively ([`parse`], feature `html`) or by the
//! browser's `DOMParser` (`src/extract_dom.js`); the same code reads it in both. Two stages:
//! [`readability`] (Mozilla's Readability, ported to the tree) finds the article's container and
//! [`meta`] its title, byline and date; then [`blocks`] walks that container and leaves out what
//! is furniture by its structure — the element's role in the page (`class`/`id` words such as
//! "share" or "comments", figures, forms, navigation), how much of a block is link text, repeats,
//! lines that are only a date or only the byline — never by a list of a site's phrases.
//! docs/extraction.md has the measurements behind that choice.
//!
//! Pure: no browser, no file system. The `annotate` CLI calls [`extract`] (parse, then
//! [`extract_tree`]); the browser's extraction worker (`extract-worker/`) calls [`check`] on the
//! decoded page and [`extract_tree`] on the tree the page's `DOMParser` built. Bytes become text
//! in [`charset`].

mod blocks;
pub mod charset;
mod meta;
#[cfg(feature = "html")]
pub mod parse;
mod readability;
pub mod tree;

use tree::Tree;

/// Larger files are not saved articles (a saved news page is a few hundred KB to ~2 MB of HTML);
/// refusing them keeps a worker from parsing for seconds and keeps memory bounded.
pub const MAX_HTML_BYTES: usize = 8 * 1024 * 1024;

/// Fewer words than this in the article body means the page had no article (a home page, an
/// index, an error page): the reader is offered the page's plain text instead.
const MIN_ARTICLE_WORDS: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading,
    Paragraph,
}

/// One line of the article: a heading or a paragraph, whitespace collapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extracted {
    pub title: String,
    pub byline: Option<String>,
    /// As the page states it (ISO 8601 when it comes from the page's metadata).
    pub date: Option<String>,
    pub blocks: Vec<Block>,
    /// False when no article was found: `blocks` are then the page's plain text.
    pub is_article: bool,
}

impl Extracted {
    /// The body, one block per line.
    pub fn body(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&b.text);
        }
        out
    }

    /// The text the annotator reads: the title on the first line, then one block per line.
    pub fn to_text(&self) -> String {
        let body = self.body();
        match self.title.trim() {
            "" => body,
            t => format!("{t}\n{body}"),
        }
    }

    pub fn words(&self) -> usize {
        self.blocks.iter().map(|b| b.text.split_whitespace().count()).sum()
    }
}

/// Why a file could not be read as a web page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    TooLarge { bytes: usize },
    NotHtml,
    Empty,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::TooLarge { bytes } => write!(
                f,
                "This page is {:.1} MB of HTML; a saved article is rarely over 2 MB, and pages over {} MB are not read. Save the page as \"HTML only\", or copy the article's text and paste it.",
                *bytes as f64 / 1_048_576.0,
                MAX_HTML_BYTES / 1_048_576
            ),
            Problem::NotHtml => write!(f, "This file is not a web page or text (it contains binary data)."),
            Problem::Empty => write!(f, "This page has no text."),
        }
    }
}

impl std::error::Error for Problem {}

/// Control characters other than whitespace do not occur in real HTML; a file with many of them
/// (or with many U+FFFD, the mark of bytes that were not text) is binary. Only the first 64 K
/// characters are counted, so the browser passes just those (and looks for NUL itself).
pub fn looks_binary(html: &str) -> bool {
    let sample: String = html.chars().take(65_536).collect();
    let bad = sample
        .chars()
        .filter(|&c| c == '\u{fffd}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')))
        .count();
    html.contains('\0') || bad > 10.max(sample.chars().count() / 100)
}

/// Refuse what is not a page to read: too large, binary, empty.
pub fn check(html: &str) -> Result<(), Problem> {
    if html.len() > MAX_HTML_BYTES {
        return Err(Problem::TooLarge { bytes: html.len() });
    }
    if looks_binary(html) {
        return Err(Problem::NotHtml);
    }
    if html.trim().is_empty() {
        return Err(Problem::Empty);
    }
    Ok(())
}

/// Extract the article from a page's HTML (already decoded: see [`charset`]). Nothing from the
/// page runs or is fetched: the HTML is only parsed into a tree and read.
#[cfg(feature = "html")]
pub fn extract(html: &str) -> Result<Extracted, Problem> {
    check(html)?;
    extract_tree(&parse::parse(html))
}

/// Extract the article from a parsed page.
pub fn extract_tree(page: &Tree) -> Result<Extracted, Problem> {
    let meta = meta::read(page);
    let title = blocks::collapse(&meta.title);
    let mut prepared = page.clone();
    let page_byline = if meta.byline.is_none() { readability::take_byline(&mut prepared) } else { None };
    readability::replace_brs(&mut prepared);
    if let Some(found) = readability::grab_article(&prepared, &title) {
        let byline = meta.byline.or(page_byline).map(|b| blocks::collapse(&b)).filter(|b| !b.is_empty() && b.len() < 200);
        let date = meta.date.map(|d| blocks::collapse(&d)).filter(|d| !d.is_empty());
        let body = blocks::article_blocks(&found.tree, found.container, &title, byline.as_deref());
        let found = Extracted { title, byline, date, blocks: body, is_article: true };
        if found.words() >= MIN_ARTICLE_WORDS {
            return Ok(found);
        }
        return plain(page, found.title);
    }
    plain(page, title)
}

/// The page's plain text (every visible block, no furniture filter), for a page with no article.
fn plain(page: &Tree, title: String) -> Result<Extracted, Problem> {
    let mut body = blocks::page_blocks(page);
    // The title line is written once, above the body.
    body.retain(|b| b.text != title);
    if body.is_empty() {
        return Err(Problem::Empty);
    }
    Ok(Extracted { title, byline: None, date: None, blocks: body, is_article: false })
}

#[cfg(test)]
mod tests;
