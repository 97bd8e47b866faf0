//! Finding the article's container: Mozilla's Readability (`Readability.js`, `_grabArticle` and
//! `_prepArticle`) over the extraction's own [`Tree`].
//!
//! Ported rather than taken from a crate: the Rust ports (dom_smoothie, readability crates) run on
//! their own html5ever DOM, and html5ever alone is larger than the browser's whole budget for
//! extraction; over this tree the browser's `DOMParser` does the parsing (docs/extraction.md).
//! The steps and constants are Readability's; what differs is said where it does.
//!
//! Readability.js: Copyright (c) 2010 Arc90 Inc, Mozilla; Apache License 2.0
//! (<https://github.com/mozilla/readability>). The refinements marked as dom_smoothie's follow
//! dom_smoothie 0.19 (MIT), measured in docs/extraction.md.

use std::collections::HashMap;

use crate::tree::{Data, Id, Tree};

/// Readability's `charThreshold`: a shorter result is retried with fewer rules.
const CHAR_THRESHOLD: usize = 350;
const TOP_CANDIDATES: usize = 5;
const MIN_TOP_CANDIDATES: usize = 3;
/// dom_smoothie's refinement of Readability: a candidate's link density counts above this score.
const MIN_SCORE_TO_ADJUST: f64 = 5.0;
/// Siblings appended to the article keep these names; others become `div`.
const ALTER_TO_DIV_EXCEPTIONS: &[&str] = &["article", "section", "p", "ol", "ul"];

const UNLIKELY: &[&str] = &[
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap", "disqus", "extra", "footer",
    "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social",
    "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote",
];
const MAYBE: &[&str] = &["and", "article", "body", "column", "content", "main", "mathjax", "shadow"];
const POSITIVE: &[&str] =
    &["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text", "blog", "story"];
const NEGATIVE: &[&str] = &[
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead", "media", "meta", "outbrain",
    "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget",
];
const BYLINE: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];
const UNLIKELY_ROLES: &[&str] = &["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"];
const TAGS_TO_SCORE: &[&str] = &["section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"];
const DIV_TO_P: &[&str] = &["blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"];
const PHRASING: &[&str] = &[
    "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn", "em", "embed", "i", "img", "input",
    "kbd", "label", "mark", "math", "meter", "noscript", "object", "output", "progress", "q", "ruby", "samp", "script", "select",
    "small", "span", "strong", "sub", "sup", "textarea", "time", "var", "wbr",
];
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
const COMMAS: &[char] = &[',', '\u{060C}', '\u{FE50}', '\u{FE10}', '\u{FE11}', '\u{2E41}', '\u{2E34}', '\u{2E32}', '\u{FF0C}'];
const AD_WORDS: &[&str] = &["ad", "advertising", "advertisement", "pub", "publicité", "werb", "werbung", "广告", "реклама", "anuncio"];
const LOADING_WORDS: &[&str] = &["loading", "正在加载", "загрузка", "chargement", "cargando"];

#[derive(Clone, Copy)]
struct Flags {
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
}

/// Readability's result: the tree with the article's container (a new `div` outside the
/// document).
pub struct Found {
    pub tree: Tree,
    pub container: Id,
}

/// Text with runs of whitespace made one space, trimmed (Readability's `getInnerText`).
pub fn inner_text(t: &Tree, id: Id) -> String {
    t.text(id).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn len(s: &str) -> usize {
    s.chars().count()
}

fn match_string(t: &Tree, id: Id) -> String {
    format!("{} {}", t.attr(id, "class").unwrap_or(""), t.attr(id, "id").unwrap_or("")).to_lowercase()
}

fn any_in(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

/// Readability's negative pattern also has `hid` as a whole class word.
fn negative(s: &str) -> bool {
    any_in(s, NEGATIVE) || s.split_whitespace().any(|w| w == "hid")
}

fn class_weight(t: &Tree, id: Id, flags: Flags) -> f64 {
    if !flags.weight_classes {
        return 0.0;
    }
    let mut w = 0.0;
    for key in ["class", "id"] {
        if let Some(v) = t.attr(id, key).map(str::to_lowercase).filter(|v| !v.is_empty()) {
            if negative(&v) {
                w -= 25.0;
            }
            if any_in(&v, POSITIVE) {
                w += 25.0;
            }
        }
    }
    w
}

fn link_density(t: &Tree, id: Id) -> f64 {
    let total = len(&inner_text(t, id));
    if total == 0 {
        return 0.0;
    }
    let links: f64 = t
        .find(id, &["a"])
        .into_iter()
        .map(|a| {
            let hash = t.attr(a, "href").is_some_and(|h| h.len() > 1 && h.starts_with('#'));
            len(&inner_text(t, a)) as f64 * if hash { 0.3 } else { 1.0 }
        })
        .sum();
    links / total as f64
}

fn is_visible(t: &Tree, id: Id) -> bool {
    let style = t.attr(id, "style").unwrap_or("").to_lowercase().replace(' ', "");
    !style.contains("display:none")
        && !style.contains("visibility:hidden")
        && t.attr(id, "hidden").is_none()
        && (t.attr(id, "aria-hidden") != Some("true") || t.attr(id, "class").is_some_and(|c| c.contains("fallback-image")))
}

fn is_whitespace(t: &Tree, id: Id) -> bool {
    match &t.nodes[id].data {
        Data::Text(s) => s.trim().is_empty(),
        Data::Element { name, .. } => name == "br",
    }
}

fn is_phrasing(t: &Tree, id: Id) -> bool {
    match &t.nodes[id].data {
        Data::Text(_) => true,
        Data::Element { name, .. } => {
            PHRASING.contains(&name.as_str())
                || (matches!(name.as_str(), "a" | "del" | "ins") && t.children(id).iter().all(|&c| is_phrasing(t, c)))
        }
    }
}

fn has_child_block(t: &Tree, id: Id) -> bool {
    t.element_children(id).any(|c| DIV_TO_P.contains(&t.name(c)) || has_child_block(t, c))
}

fn single_child_named(t: &Tree, id: Id, name: &str) -> bool {
    let kids: Vec<Id> = t.element_children(id).collect();
    kids.len() == 1
        && t.name(kids[0]) == name
        && !t.children(id).iter().any(|&c| matches!(&t.nodes[c].data, Data::Text(s) if !s.trim().is_empty()))
}

fn without_content(t: &Tree, id: Id) -> bool {
    t.text(id).trim().is_empty() && {
        let kids = t.element_children(id).count();
        kids == 0 || kids == t.find(id, &["br", "hr"]).len()
    }
}

/// Readability's `_textSimilarity`: the share of `b`'s words (by length) also in `a`.
fn similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| s.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(String::from).collect::<Vec<_>>();
    let (ta, tb) = (words(a), words(b));
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let uniq: Vec<&String> = tb.iter().filter(|w| !ta.contains(w)).collect();
    let joined = |v: Vec<&String>| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ");
    let all = joined(tb.iter().collect());
    1.0 - len(&joined(uniq)) as f64 / len(&all) as f64
}

struct Grab<'a> {
    t: Tree,
    flags: Flags,
    title: &'a str,
    scores: HashMap<Id, f64>,
}

impl Grab<'_> {
    fn initialize(&mut self, id: Id) {
        let base = match self.t.name(id) {
            "div" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        self.scores.insert(id, base + class_weight(&self.t, id, self.flags));
    }

    /// Readability's first pass: drop hidden and unlikely elements, turn divs of phrasing content
    /// into paragraphs, and collect the elements to score.
    fn prepare(&mut self) -> Vec<Id> {
        let mut to_score = Vec::new();
        let mut title_header_removed = false;
        let body = self.t.first("body").unwrap_or(Tree::ROOT);
        let mut node = self.t.next_element(body, false).filter(|&n| self.t.ancestors(n).any(|a| a == body));
        while let Some(n) = node {
            let name = self.t.name(n).to_owned();
            let ms = match_string(&self.t, n);
            let remove = !is_visible(&self.t, n)
                || (self.t.attr(n, "aria-modal") == Some("true") && self.t.attr(n, "role") == Some("dialog"))
                || (!title_header_removed && matches!(name.as_str(), "h1" | "h2") && similarity(self.title, &inner_text(&self.t, n)) > 0.75 && {
                    title_header_removed = true;
                    true
                })
                || (self.flags.strip_unlikely
                    && ((any_in(&ms, UNLIKELY)
                        && !any_in(&ms, MAYBE)
                        && !self.t.has_ancestor(n, "table")
                        && !self.t.has_ancestor(n, "code")
                        && name != "body"
                        && name != "a")
                        || self.t.attr(n, "role").is_some_and(|r| UNLIKELY_ROLES.contains(&r))))
                || (matches!(name.as_str(), "div" | "section" | "header" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
                    && without_content(&self.t, n));
            if remove {
                let next = self.t.next_element(n, true);
                self.t.detach(n);
                node = next.filter(|&x| self.t.ancestors(x).any(|a| a == body));
                continue;
            }
            if TAGS_TO_SCORE.contains(&name.as_str()) {
                to_score.push(n);
            }
            let mut n = n;
            if name == "div" {
                self.wrap_phrasing(n);
                if single_child_named(&self.t, n, "p") && link_density(&self.t, n) < 0.25 {
                    let p = self.t.element_children(n).next().unwrap_or(n);
                    self.t.replace(n, p);
                    n = p;
                    to_score.push(n);
                } else if !has_child_block(&self.t, n) {
                    self.t.rename(n, "p");
                    to_score.push(n);
                }
            }
            node = self.t.next_element(n, false).filter(|&x| self.t.ancestors(x).any(|a| a == body));
        }
        to_score
    }

    /// Consecutive phrasing children of a div become one paragraph.
    fn wrap_phrasing(&mut self, div: Id) {
        let kids: Vec<Id> = self.t.children(div).to_vec();
        let mut p: Option<Id> = None;
        for c in kids {
            if is_phrasing(&self.t, c) {
                match p {
                    Some(p) => self.t.move_to(c, p),
                    None if !is_whitespace(&self.t, c) => {
                        let new = self.t.create("p");
                        self.t.replace(c, new);
                        self.t.move_to(c, new);
                        p = Some(new);
                    }
                    None => {}
                }
            } else if let Some(q) = p.take() {
                while let Some(&last) = self.t.children(q).last() {
                    if !is_whitespace(&self.t, last) {
                        break;
                    }
                    self.t.detach(last);
                }
            }
        }
    }

    fn score(&mut self, to_score: Vec<Id>) -> Vec<Id> {
        let mut candidates = Vec::new();
        for e in to_score {
            if self.t.parent(e).is_none() || !self.attached(e) {
                continue;
            }
            let text = inner_text(&self.t, e);
            if len(&text) < 25 {
                continue;
            }
            let ancestors: Vec<Id> = self.t.ancestors(e).filter(|&a| a != Tree::ROOT).take(5).collect();
            if ancestors.is_empty() {
                continue;
            }
            let score = 1.0 + (text.matches(COMMAS).count() + 1) as f64 + (len(&text) / 100).min(3) as f64;
            for (level, a) in ancestors.into_iter().enumerate() {
                if self.t.parent(a).is_none() {
                    continue;
                }
                if !self.scores.contains_key(&a) {
                    self.initialize(a);
                    candidates.push(a);
                }
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f64 * 3.0,
                };
                *self.scores.entry(a).or_default() += score / divider;
                if self.t.name(a) == "body" {
                    break;
                }
            }
        }
        candidates
    }

    fn attached(&self, id: Id) -> bool {
        self.t.ancestors(id).last() == Some(Tree::ROOT)
    }

    fn grab(mut self) -> Option<Found> {
        let to_score = self.prepare();
        let candidates = self.score(to_score);
        let mut top: Vec<(Id, f64)> = Vec::new();
        for c in candidates {
            let mut s = self.scores[&c];
            if s <= 0.0 {
                continue;
            }
            // Links weigh against a candidate once it has some content of its own.
            if s > MIN_SCORE_TO_ADJUST {
                s *= 1.0 - link_density(&self.t, c);
            }
            self.scores.insert(c, s);
            let at = top.iter().position(|&(_, ts)| s > ts).unwrap_or(top.len());
            if at < TOP_CANDIDATES {
                top.insert(at, (c, s));
                top.truncate(TOP_CANDIDATES);
            }
        }
        let body = self.t.first("body")?;
        let mut top_candidate = match top.first() {
            Some(&(c, _)) if self.t.name(c) != "body" => c,
            _ => {
                let div = self.t.create("div");
                for c in self.t.children(body).to_vec() {
                    self.t.move_to(c, div);
                }
                self.t.move_to(div, body);
                self.initialize(div);
                div
            }
        };
        if top.first().is_some_and(|&(c, _)| c == top_candidate) {
            let top_score = top[0].1;
            let alternatives: Vec<Vec<Id>> = top[1..]
                .iter()
                .filter(|&&(_, s)| s / top_score >= 0.75)
                .map(|&(c, _)| self.t.ancestors(c).collect())
                .collect();
            if alternatives.len() > MIN_TOP_CANDIDATES {
                let mut p = self.t.parent(top_candidate);
                while let Some(pp) = p.filter(|&pp| self.t.name(pp) != "body" && pp != Tree::ROOT) {
                    if alternatives.iter().filter(|a| a.contains(&pp)).count() >= MIN_TOP_CANDIDATES {
                        top_candidate = pp;
                        break;
                    }
                    p = self.t.parent(pp);
                }
            }
            if !self.scores.contains_key(&top_candidate) {
                self.initialize(top_candidate);
            }
            // A parent scoring higher than its best child holds more of the article.
            let mut last = self.scores[&top_candidate];
            let threshold = last / 3.0;
            let mut p = self.t.parent(top_candidate);
            while let Some(pp) = p.filter(|&pp| self.t.name(pp) != "body" && pp != Tree::ROOT) {
                let Some(&ps) = self.scores.get(&pp) else {
                    p = self.t.parent(pp);
                    continue;
                };
                if ps < threshold {
                    break;
                }
                if ps > last {
                    top_candidate = pp;
                    break;
                }
                last = ps;
                p = self.t.parent(pp);
            }
            // An only child's parent is the same content with more of its context.
            while let Some(pp) = self.t.parent(top_candidate).filter(|&pp| self.t.name(pp) != "body" && pp != Tree::ROOT) {
                if self.t.element_children(pp).count() != 1 {
                    break;
                }
                top_candidate = pp;
            }
            if !self.scores.contains_key(&top_candidate) {
                self.initialize(top_candidate);
            }
        }
        let container = self.siblings(top_candidate);
        self.prep_article(container);
        Some(Found { tree: self.t, container })
    }

    /// The top candidate and those of its siblings that look like more of the article.
    fn siblings(&mut self, top: Id) -> Id {
        let container = self.t.create("div");
        let top_score = self.scores.get(&top).copied().unwrap_or(0.0);
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = self.t.attr(top, "class").unwrap_or("").to_owned();
        let Some(parent) = self.t.parent(top) else {
            self.t.move_to(top, container);
            return container;
        };
        for s in self.t.element_children(parent).collect::<Vec<_>>() {
            let mut append = s == top;
            if !append {
                let bonus = if !top_class.is_empty() && self.t.attr(s, "class") == Some(top_class.as_str()) { top_score * 0.2 } else { 0.0 };
                let score = self.scores.get(&s).copied().unwrap_or(0.0);
                if score > 0.0 {
                    append = score + bonus >= threshold;
                } else if self.t.name(s) == "p" {
                    let ld = link_density(&self.t, s);
                    let text = inner_text(&self.t, s);
                    let n = len(&text);
                    append = (n > 80 && ld < 0.25) || (n < 80 && n > 0 && ld == 0.0 && (text.contains(". ") || text.ends_with('.')));
                }
            }
            if append {
                if !ALTER_TO_DIV_EXCEPTIONS.contains(&self.t.name(s)) {
                    self.t.rename(s, "div");
                }
                self.t.move_to(s, container);
            }
        }
        container
    }

    /// Readability's `_prepArticle`, for what the block walk does not already leave out.
    fn prep_article(&mut self, c: Id) {
        let data_tables: Vec<Id> = self.t.find(c, &["table"]).into_iter().filter(|&tb| self.is_data_table(tb)).collect();
        for tag in ["form", "fieldset"] {
            self.clean_conditionally(c, tag, &data_tables);
        }
        for n in self.t.find(c, &["object", "embed", "footer", "link", "aside", "iframe", "input", "textarea", "select", "button"]) {
            self.t.detach(n);
        }
        for top in self.t.element_children(c).collect::<Vec<_>>() {
            for n in self.t.descendants(top) {
                let ms = match_string(&self.t, n);
                let share = ms.split(|ch: char| !ch.is_alphanumeric()).any(|w| w == "share" || w == "sharedaddy");
                if share && self.t.is_element(n) && len(&self.t.text(n)) < 500 {
                    self.t.detach(n);
                }
            }
        }
        for h in self.t.find(c, &["h1", "h2"]) {
            if class_weight(&self.t, h, self.flags) < 0.0 {
                self.t.detach(h);
            }
        }
        for tag in ["table", "ul", "div"] {
            self.clean_conditionally(c, tag, &data_tables);
        }
    }

    fn is_data_table(&self, tb: Id) -> bool {
        if self.t.attr(tb, "role") == Some("presentation") {
            return false;
        }
        if !self.t.find(tb, &["caption", "col", "colgroup", "tfoot", "thead", "th"]).is_empty() {
            return true;
        }
        if !self.t.find(tb, &["table"]).is_empty() {
            return false;
        }
        let rows = self.t.find(tb, &["tr"]);
        let cols = rows.iter().map(|&r| self.t.find(r, &["td"]).len()).max().unwrap_or(0);
        rows.len() >= 10 || cols > 4 || rows.len() * cols > 10
    }

    fn text_density(&self, id: Id, tags: &[&str]) -> f64 {
        let total = len(&inner_text(&self.t, id));
        if total == 0 {
            return 0.0;
        }
        let children: usize = self.t.find(id, tags).into_iter().map(|c| len(&inner_text(&self.t, c))).sum();
        children as f64 / total as f64
    }

    fn clean_conditionally(&mut self, c: Id, tag: &str, data_tables: &[Id]) {
        if !self.flags.clean_conditionally {
            return;
        }
        for n in self.t.find(c, &[tag]).into_iter().rev() {
            if !self.t.ancestors(n).any(|a| a == c) {
                continue; // already taken out with an ancestor
            }
            if self.should_remove(n, tag, data_tables) {
                self.t.detach(n);
            }
        }
    }

    fn should_remove(&self, n: Id, tag: &str, data_tables: &[Id]) -> bool {
        let t = &self.t;
        if data_tables.contains(&n) || t.ancestors(n).any(|a| data_tables.contains(&a)) || t.has_ancestor(n, "code") {
            return false;
        }
        if t.find(n, &["table"]).iter().any(|tb| data_tables.contains(tb)) {
            return false;
        }
        let text = inner_text(t, n);
        let content_len = len(&text);
        let is_list = matches!(tag, "ul" | "ol") || {
            let list: usize = t.find(n, &["ul", "ol"]).into_iter().map(|l| len(&inner_text(t, l))).sum();
            content_len > 0 && list as f64 / content_len as f64 > 0.9
        };
        let weight = class_weight(t, n, self.flags);
        if weight < 0.0 {
            return true;
        }
        if text.matches(COMMAS).count() >= 10 {
            return false;
        }
        let count = |names: &[&str]| t.find(n, names).len();
        let p = count(&["p"]) as f64;
        let img = count(&["img"]) as f64;
        let li = count(&["li"]) as f64 - 100.0;
        let input = count(&["input"]) as f64;
        let embeds = count(&["object", "embed", "iframe"]);
        let heading_density = self.text_density(n, HEADINGS);
        let lower = text.to_lowercase();
        let trimmed = lower.trim_end_matches(['.', '…']);
        if AD_WORDS.contains(&trimmed) || LOADING_WORDS.contains(&trimmed) {
            return true;
        }
        let ld = link_density(t, n);
        let textish: Vec<&str> = ["span", "li", "td"].into_iter().chain(DIV_TO_P.iter().copied()).collect();
        let text_density = self.text_density(n, &textish);
        let in_figure = t.has_ancestor(n, "figure");
        let remove = (!in_figure && img > 1.0 && p / img < 0.5)
            || (!is_list && li > p)
            || (input > (p / 3.0).floor())
            || (!is_list && !in_figure && heading_density < 0.9 && content_len < 25 && (img == 0.0 || img > 2.0) && ld > 0.0)
            || (!is_list && weight < 25.0 && ld > 0.2)
            || (weight >= 25.0 && ld > 0.5)
            || ((embeds == 1 && content_len < 75) || embeds > 1)
            || (img == 0.0 && text_density == 0.0);
        if is_list && remove {
            // A list of images, one to an item, is a gallery Readability keeps.
            let kids: Vec<Id> = t.element_children(n).collect();
            if kids.iter().any(|&k| t.element_children(k).count() > 1) {
                return remove;
            }
            return img as usize != count(&["li"]);
        }
        remove
    }
}

/// The first element in the body that is a byline (`rel=author`, `itemprop=author`, a class or
/// id such as `byline`), taken out of the page; for pages whose metadata names no author.
pub fn take_byline(t: &mut Tree) -> Option<String> {
    let body = t.first("body")?;
    for n in t.descendants(body) {
        if !t.is_element(n) {
            continue;
        }
        let is = t.attr(n, "rel") == Some("author")
            || t.attr(n, "itemprop").is_some_and(|v| v.contains("author"))
            || any_in(&match_string(t, n), BYLINE);
        let text = inner_text(t, n);
        if is && !text.is_empty() && len(&text) < 100 {
            let named = t.descendants(n).into_iter().find(|&d| t.attr(d, "itemprop") == Some("name"));
            let byline = named.map_or(text, |d| inner_text(t, d));
            t.detach(n);
            return Some(byline);
        }
    }
    None
}

fn next_significant(t: &Tree, parent: Id, from: usize) -> Option<(usize, Id)> {
    t.children(parent).iter().copied().enumerate().skip(from).find(|&(_, c)| !matches!(&t.nodes[c].data, Data::Text(s) if s.trim().is_empty()))
}

/// Readability's `_replaceBrs`: two or more `<br>` in a row end a paragraph; the phrasing content
/// after them becomes a `p`.
pub fn replace_brs(t: &mut Tree) {
    for br in t.find(Tree::ROOT, &["br"]) {
        let Some(parent) = t.parent(br) else { continue };
        let at = t.children(parent).iter().position(|&c| c == br).unwrap_or(0);
        let mut replaced = false;
        while let Some((_, next)) = next_significant(t, parent, at + 1) {
            if t.name(next) != "br" {
                break;
            }
            replaced = true;
            t.detach(next);
        }
        if !replaced {
            continue;
        }
        let p = t.create("p");
        t.replace(br, p);
        loop {
            let kids = t.children(parent);
            let Some(pos) = kids.iter().position(|&c| c == p) else { break };
            let Some(&next) = kids.get(pos + 1) else { break };
            if t.name(next) == "br" {
                if let Some((_, after)) = next_significant(t, parent, pos + 2) {
                    if t.name(after) == "br" {
                        break;
                    }
                }
            }
            if !is_phrasing(t, next) {
                break;
            }
            t.move_to(next, p);
        }
        while let Some(&last) = t.children(p).last() {
            if !is_whitespace(t, last) {
                break;
            }
            t.detach(last);
        }
    }
}

/// The article's container, by Readability's rules, retried with fewer rules while the result is
/// shorter than Readability's threshold; `None` when the page has no body.
pub fn grab_article(page: &Tree, title: &str) -> Option<Found> {
    let mut flags = Flags { strip_unlikely: true, weight_classes: true, clean_conditionally: true };
    let mut attempts: Vec<(usize, Found)> = Vec::new();
    loop {
        let g = Grab { t: page.clone(), flags, title, scores: HashMap::new() };
        let found = g.grab()?;
        let n = len(&inner_text(&found.tree, found.container));
        if n >= CHAR_THRESHOLD {
            return Some(found);
        }
        attempts.push((n, found));
        if flags.strip_unlikely {
            flags.strip_unlikely = false;
        } else if flags.weight_classes {
            flags.weight_classes = false;
        } else if flags.clean_conditionally {
            flags.clean_conditionally = false;
        } else {
            break;
        }
    }
    attempts.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    attempts.into_iter().next().filter(|(n, _)| *n > 0).map(|(_, f)| f)
}
