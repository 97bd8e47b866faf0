//! From a parsed tree to the article's lines, leaving out furniture by structure.
//!
//! Readability finds the container that holds the article, but news pages put furniture inside it:
//! photo galleries with their captions and credits, share bars, "related" lists, newsletter
//! boxes, the byline and the time stamp, comment forms. A careful reader skips these by how they
//! look, not by what they say, and so does this module:
//! - an element whose `class`/`id` words or ARIA role name a furniture role (see
//!   [`FURNITURE_WORDS`]) is skipped with everything in it, unless it holds most of the text
//!   (a site may call its whole article "post-meta");
//! - figures, forms, navigation, buttons, embedded media are never text;
//! - a block that is mostly link text is a list of links (related stories, tags, menus);
//! - a short block that is mostly numbers (a time stamp), that repeats the title or the byline,
//!   or that repeats an earlier block, is not body text;
//! - a few words without a sentence's end ("Caption", "Image 1 of 8") are labels, not paragraphs.

use crate::tree::{Data, Id, Tree};
use crate::{Block, BlockKind};

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "math", "nav",
    "form", "button", "select", "input", "textarea", "label", "figure", "figcaption", "picture", "img", "video",
    "audio", "source", "map", "dialog", "menu", "head", "title", "meta", "link",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "li", "ul", "ol", "dl",
    "dt", "dd", "table", "thead", "tbody", "tr", "caption", "pre", "address", "details", "summary",
    "center", "hr", "br", "body", "h1", "h2", "h3", "h4", "h5", "h6",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// Words in `class`, `id` or `role` that name a role only furniture plays. Whole words only (split
/// at `-`, `_`, spaces and case changes), so "ad" matches `ad-slot` but not `header` or `read`.
const FURNITURE_WORDS: &[&str] = &[
    "ad", "ads", "advert", "adverts", "advertisement", "sponsored", "promo", "banner", "byline", "author", "authors",
    "dateline", "timestamp", "date", "time", "meta", "caption", "credit", "credits", "share", "sharing", "social",
    "related", "recommended", "newsletter", "subscribe", "subscription", "signup", "gallery", "slideshow",
    "carousel", "tags", "tag", "breadcrumb", "breadcrumbs", "comment", "comments", "respond", "reply", "disqus",
    "cookie", "cookies", "consent", "gdpr", "popup", "modal", "toolbar", "nav", "navigation", "menu", "footer",
    "sidebar", "widget", "outbrain", "taboola", "paywall", "print", "complementary", "contentinfo", "search",
    "skip", "captcha", "recaptcha", "rating", "pagination", "pager",
];

/// A share of link characters above which a block is a list of links, not prose.
const MAX_LINK_SHARE: f64 = 0.5;
/// Blocks of at most this many words are checked for being only a label, a date or a byline.
const SHORT_WORDS: usize = 12;
/// Labels ("Caption", "Close", "Image 1 of 8") have at most this many words and no sentence end.
const LABEL_WORDS: usize = 4;

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of a class, id or role value, lower-cased: `postMeta share-bar` → post, meta, share, bar.
fn attr_words(value: &str, out: &mut Vec<String>) {
    let mut word = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_lowercase();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        out.push(word);
    }
}

fn is_furniture(t: &Tree, node: Id) -> bool {
    let mut words = Vec::new();
    for name in ["class", "id", "role"] {
        if let Some(v) = t.attr(node, name) {
            attr_words(v, &mut words);
        }
    }
    if t.attr(node, "aria-hidden") == Some("true") || t.attr(node, "hidden").is_some() {
        return true;
    }
    words.iter().any(|w| FURNITURE_WORDS.contains(&w.as_str()))
}

#[derive(Default)]
struct Line {
    text: String,
    link_chars: usize,
    heading: bool,
    has_time: bool,
    /// A table cell or row: figures and short labels are its content, not furniture.
    in_table: bool,
}

struct Walker {
    lines: Vec<Line>,
    cur: Line,
    /// Judge class/id words (the article container); off for a page's plain text.
    filter: bool,
    /// Never skip an element holding more than this many characters of text.
    keep_above: usize,
}

impl Walker {
    fn new(filter: bool, keep_above: usize) -> Self {
        Walker { lines: Vec::new(), cur: Line::default(), filter, keep_above }
    }

    fn end_line(&mut self) {
        let in_table = self.cur.in_table;
        let mut line = std::mem::take(&mut self.cur);
        self.cur.in_table = in_table;
        line.in_table |= in_table;
        if !line.text.trim().is_empty() {
            self.lines.push(line);
        }
    }

    fn push_text(&mut self, t: &str, in_link: bool) {
        for c in t.chars() {
            let c = if c.is_whitespace() { ' ' } else { c };
            if c == ' ' && (self.cur.text.is_empty() || self.cur.text.ends_with(' ')) {
                continue;
            }
            self.cur.text.push(c);
            if in_link && c != ' ' {
                self.cur.link_chars += c.len_utf8();
            }
        }
    }

    fn walk(&mut self, t: &Tree, node: Id, in_link: bool) {
        for &child in t.children(node) {
            if let Data::Text(s) = &t.nodes[child].data {
                self.push_text(s, in_link);
                continue;
            }
            let name = t.name(child);
            if name == "time" {
                self.cur.has_time = true;
            }
            if SKIP.contains(&name) {
                continue;
            }
            if self.filter && is_furniture(t, child) && t.text(child).len() <= self.keep_above {
                continue;
            }
            let block = BLOCKS.contains(&name);
            if matches!(name, "td" | "th") {
                // A table row is one line, its cells apart.
                self.push_text(" ", false);
            }
            if block {
                self.end_line();
            }
            if HEADINGS.contains(&name) {
                self.cur.heading = true;
            }
            let was_table = self.cur.in_table;
            if name == "table" {
                self.cur.in_table = true;
            }
            self.walk(t, child, in_link || name == "a");
            if block {
                self.end_line();
            }
            self.cur.in_table = was_table;
        }
    }
}

fn is_numeric_word(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
}

fn ends_sentence(t: &str) -> bool {
    t.trim_end().ends_with(['.', '!', '?', '"', '”', '’', '»', '。', '！', '？', ':', ')'])
}

/// Keep the lines that are body text.
fn body_lines(lines: Vec<Line>, title: &str, byline: Option<&str>) -> Vec<Block> {
    let mut seen = std::collections::HashSet::new();
    let title = title.to_lowercase();
    let byline = byline.map(str::to_lowercase);
    // Bylines, time stamps and labels ("Caption", "Image 1 of 8") sit around the prose, before
    // its first paragraph or after its last; inside it, short lines are list items and data.
    let is_prose = |l: &Line| l.text.split_whitespace().count() > SHORT_WORDS && l.link_chars * 2 < l.text.len();
    let first = lines.iter().position(is_prose).unwrap_or(0);
    let last = lines.iter().rposition(is_prose).unwrap_or(lines.len());
    let mut out = Vec::new();
    for (i, line) in lines.into_iter().enumerate() {
        let edge = (i < first || i > last) && !line.in_table;
        let text = line.text.trim().to_owned();
        let chars = text.chars().filter(|c| !c.is_whitespace()).count().max(1);
        let words: Vec<&str> = text.split_whitespace().collect();
        let lower = text.to_lowercase();
        let short = words.len() <= SHORT_WORDS;
        let link_share = line.link_chars as f64 / chars as f64;
        let numeric = words.iter().filter(|w| is_numeric_word(w)).count();
        let furniture = link_share > MAX_LINK_SHARE
            || (short && line.has_time && !line.in_table)
            || (edge && short && !ends_sentence(&text) && numeric * 4 >= words.len())
            || (edge && !line.heading && words.len() <= LABEL_WORDS && !ends_sentence(&text))
            || lower == title
            || byline.as_deref().is_some_and(|b| short && lower.contains(b))
            || (!seen.insert(lower) && !line.in_table);
        if furniture {
            continue;
        }
        let kind = if line.heading { BlockKind::Heading } else { BlockKind::Paragraph };
        out.push(Block { kind, text });
    }
    out
}

/// The article's blocks from Readability's container.
pub fn article_blocks(t: &Tree, container: Id, title: &str, byline: Option<&str>) -> Vec<Block> {
    let total = t.text(container).len();
    let mut w = Walker::new(true, total / 2);
    w.walk(t, container, false);
    w.end_line();
    body_lines(w.lines, title, byline)
}

/// Every visible block of a page's body, for a page without an article.
pub fn page_blocks(t: &Tree) -> Vec<Block> {
    let mut w = Walker::new(false, usize::MAX);
    if let Some(body) = t.first("body") {
        w.walk(t, body, false);
    }
    w.end_line();
    let mut seen = std::collections::HashSet::new();
    w.lines
        .into_iter()
        .map(|l| l.text.trim().to_owned())
        .filter(|t| seen.insert(t.clone()))
        .map(|text| Block { kind: BlockKind::Paragraph, text })
        .collect()
}
