//! The article body's paragraphs and headings (a very long paragraph in pieces), drawn as
//! statements (sentences) holding text segments: entities, the reader's span annotations, cue
//! words of suggestions.
//!
//! The text is static, so it is not run through the framework's diffing: `Body` builds each
//! piece with the DOM API once per article and then, when marks change, rebuilds only the
//! statements whose marks changed (tagging one statement replaces one element). Plain text is a
//! text node straight inside its statement; only marked segments are elements. Blocks and
//! statements carry `data-o`, the code-point offset where their text starts, so a mouse
//! selection can be turned back into offsets (see `article_text.rs`); marks do not, since a
//! sentence's few segments are counted from its start at a selection's cost, not at every draw. Text is only ever
//! set as text, never as HTML.

use std::rc::Rc;

use annotator_core::{BlockKind, EntityKind, Label};

use super::dom_text::{element, set_class, set_number, set_repeated, Text};
use crate::names::Correction;
use crate::state::Article;

pub fn label_class(l: Label) -> &'static str {
    l.as_str()
}

pub fn label_name(l: Label) -> &'static str {
    match l {
        Label::Official => "Official position",
        Label::Criticism => "Criticism",
        Label::Speculation => "Speculation",
    }
}

/// The badge drawn above a tagged statement: short, so it does not crowd the text.
fn short_name(l: Label) -> &'static str {
    match l {
        Label::Official => "Official",
        Label::Criticism => "Criticism",
        Label::Speculation => "Speculation",
    }
}

pub fn kind_name(k: EntityKind) -> &'static str {
    k.as_str()
}

/// How one statement looks: its own tag, or the unreviewed suggestion, and cursor state.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementMark {
    pub index: usize,
    pub tag: Option<Label>,
    pub accepted: bool,
    /// The analysis' suggestion, shown while the reader has neither tagged nor rejected it.
    pub suggestion: Option<Label>,
    pub note: bool,
    pub current: bool,
    /// Hidden by the panel's filter: drawn faint.
    pub dimmed: bool,
    /// Where another annotator's work is shown and tags this statement differently: what
    /// they say ("Answer key: Criticism").
    pub other: Option<String>,
}

/// A reader's annotation on part of a statement (or across statements).
#[derive(Clone, Debug, PartialEq)]
pub struct SpanMark {
    pub start: usize,
    pub end: usize,
    pub tag: Option<Label>,
    pub note: bool,
    /// The pending mouse selection, not yet tagged.
    pub pending: bool,
}

/// What one piece (a paragraph or part of a long one) shows.
#[derive(Clone, Debug, PartialEq)]
pub struct PieceMarks {
    /// Index into the article's `pieces`.
    pub piece: usize,
    /// Marks of the piece's statements, in sentence order.
    pub statements: Vec<StatementMark>,
    pub spans: Vec<SpanMark>,
    /// The reader's corrections of names here (see `names`).
    pub names: Vec<Correction>,
}

/// Cue words of a suggestion, found in the sentence (code-point ranges).
fn cue_ranges(article: &Article, start: usize, end: usize, cues: &[&str]) -> Vec<(usize, usize)> {
    let text = article.slice(start, end).to_lowercase();
    let mut out = Vec::new();
    for cue in cues {
        let cue = cue.to_lowercase();
        if cue.is_empty() {
            continue;
        }
        if let Some(b) = text.find(&cue) {
            // Lowercasing can change lengths for a few scripts; then skip rather than mis-mark.
            if text.len() == article.slice(start, end).len() {
                let s = start + text[..b].chars().count();
                out.push((s, s + cue.chars().count()));
            }
        }
    }
    out
}

/// Everything one statement is drawn from: when it is unchanged, so is the statement.
#[derive(PartialEq)]
struct Inputs<'a> {
    mark: Option<&'a StatementMark>,
    spans: Vec<&'a SpanMark>,
    names: Vec<Correction>,
}

fn inputs<'a>(a: &Article, props: &'a PieceMarks, i: usize) -> Inputs<'a> {
    let s = &a.analysis.sentences[i];
    Inputs {
        mark: props.statements.iter().find(|m| m.index == i),
        spans: props.spans.iter().filter(|m| m.start < s.end && m.end > s.start).collect(),
        names: props.names.iter().filter(|c| c.0 < s.end && s.start < c.1).copied().collect(),
    }
}

impl Inputs<'_> {
    /// Whether the statement's contents (its text segments) are drawn the same from both: then
    /// only its own element's class and attributes can differ.
    fn same_contents(&self, o: &Inputs) -> bool {
        self.spans == o.spans && self.names == o.names && self.mark.and_then(|m| m.suggestion) == o.mark.and_then(|m| m.suggestion)
    }
}

/// The element of statement `i`, with its text and marks.
fn statement(doc: &web_sys::Document, a: &Article, text: &Text, i: usize, x: &Inputs) -> web_sys::Element {
    let s = &a.analysis.sentences[i];
    let mark = x.mark;
    let found = a.entities_in(s.start, s.end);
    let corrected;
    let entities = if x.names.is_empty() {
        found
    } else {
        corrected = crate::names::apply(found, &x.names, |p, q| a.slice(p, q));
        &corrected[..]
    };
    let cues = match (mark.and_then(|m| m.suggestion), &s.suggestion) {
        (Some(_), Some(sug)) => cue_ranges(a, s.start, s.end, &crate::reasons::shown_cues(sug)),
        _ => Vec::new(),
    };
    // Segment boundaries: every start and end of anything drawn inside the sentence.
    let mut cuts = vec![s.start, s.end];
    for e in entities {
        cuts.extend([e.start, e.end]);
    }
    for m in &x.spans {
        cuts.extend([m.start.max(s.start), m.end.min(s.end)]);
    }
    for c in &cues {
        cuts.extend([c.0, c.1]);
    }
    cuts.retain(|&c| c >= s.start && c <= s.end);
    cuts.sort_unstable();
    cuts.dedup();

    let el = element(doc, "span");
    for w in cuts.windows(2) {
        let (lo, hi) = (w[0], w[1]);
        let entity = entities.iter().find(|e| e.start <= lo && hi <= e.end);
        let mut class: Vec<String> = Vec::new();
        for m in x.spans.iter().filter(|m| m.start <= lo && hi <= m.end) {
            class.push(if m.pending { "pending" } else { "span" }.into());
            if let Some(t) = m.tag {
                class.push(format!("span-{}", label_class(t)));
            }
            if m.note {
                class.push("has-note".into());
            }
        }
        if cues.iter().any(|c| c.0 <= lo && hi <= c.1) {
            class.push("cue".into());
        }
        let leaf = match entity {
            Some(e) => {
                class.push(format!("ent ent-{}", kind_name(e.kind)));
                // Nationalities are off by default in the Highlights menu.
                if e.kind == EntityKind::Group && annotator_core::lexicon::demonym_listed(a.slice(e.start, e.end)).is_some() {
                    class.push("demonym".into());
                }
                let m = element(doc, "mark");
                set_repeated(&m, "title", &format!("{}: {}", kind_name(e.kind), e.canonical));
                set_repeated(&m, "data-canonical", &e.canonical);
                m
            }
            None if class.is_empty() => {
                text.append(&el, lo, hi);
                continue;
            }
            None => element(doc, "span"),
        };
        set_class(&leaf, &class.join(" "));
        text.set(&leaf, lo, hi);
        let _ = el.append_child(&leaf);
    }
    set_number(&el, "data-s", i);
    set_number(&el, "data-o", s.start);
    decorate(&el, a, i, mark, true);
    el
}

/// The statement element's own class and attributes (its tag, suggestion, cursor, badge);
/// `fresh`: a new element, with none to take away.
fn decorate(el: &web_sys::Element, a: &Article, i: usize, mark: Option<&StatementMark>, fresh: bool) {
    let s = &a.analysis.sentences[i];
    let mut class = vec!["stmt".to_owned()];
    let mut label = String::new();
    if let Some(m) = mark {
        if let Some(t) = m.tag {
            class.push(format!("tag tag-{}", label_class(t)));
            label = short_name(t).to_owned();
            if m.accepted {
                class.push("accepted".into());
            }
        } else if let Some(t) = m.suggestion {
            class.push(format!("sugg sugg-{}", label_class(t)));
            label = format!("{}?", short_name(t));
        }
        for (on, name) in [(m.note, "has-note"), (m.current, "current"), (m.dimmed, "dimmed")] {
            if on {
                class.push(name.into());
            }
        }
    }
    if s.claim {
        class.push("claim".into());
        if s.claim_kind == Some(annotator_core::ClaimKind::Attributed) {
            class.push("said".into());
        }
    }
    if !s.content {
        class.push("furniture".into());
    }
    // Every per-statement mark (tag or suggestion, note, another annotator's tag) is one
    // badge drawn above the statement's first word, outside the flow: tagging never moves
    // the text.
    let mut badge = match mark {
        Some(m) if m.accepted && m.tag.is_some() => format!("✓ {label}"),
        _ => label.clone(),
    };
    if mark.is_some_and(|m| m.note) {
        badge.push_str(if badge.is_empty() { "✎" } else { " ✎" });
    }
    if let Some(other) = mark.and_then(|m| m.other.as_deref()) {
        badge = format!("{badge}{}≠ {other}", if badge.is_empty() { "" } else { " " });
    }
    set_class(el, &class.join(" "));
    let current = mark.is_some_and(|m| m.current);
    let attributes = [
        ("data-label", (!label.is_empty()).then_some(label.as_str())),
        ("data-other", mark.and_then(|m| m.other.as_deref())),
        ("data-mark", (!badge.is_empty()).then_some(badge.as_str())),
        ("tabindex", current.then_some("-1")),
        ("aria-current", current.then_some("true")),
    ];
    for (name, value) in attributes {
        match value {
            Some(v) => set_repeated(el, name, v),
            None if !fresh => {
                let _ = el.remove_attribute(name);
            }
            None => {}
        }
    }
}

/// One drawn piece: its element, its text, its statements' elements and the marks they show.
struct PieceView {
    el: web_sys::Element,
    text: Text,
    statements: Vec<web_sys::Element>,
    marks: PieceMarks,
}

impl PieceView {
    /// The piece's element, filled with its text: sentences separated by the text between them.
    fn new(doc: &web_sys::Document, a: &Article, marks: &PieceMarks) -> Self {
        let pieces = &a.pieces;
        let piece = &pieces[marks.piece];
        let heading = a.analysis.blocks[piece.block].kind == BlockKind::Heading;
        let el = element(doc, if heading { "h2" } else { "p" });
        set_number(&el, "data-o", piece.start);
        // A long paragraph's pieces read as one (no gap between them).
        let cont = marks.piece > 0 && pieces[marks.piece - 1].block == piece.block;
        let cut = pieces.get(marks.piece + 1).is_some_and(|p| p.block == piece.block);
        match (cont, cut) {
            (false, false) => {}
            (true, true) => set_class(&el, "cont cut"),
            (true, false) => set_class(&el, "cont"),
            (false, true) => set_class(&el, "cut"),
        }
        let text = Text::new(a.slice(piece.start, piece.end), piece.start);
        let mut statements = Vec::with_capacity(piece.sentences.len());
        let mut pos = piece.start;
        for i in piece.sentences.clone() {
            let s = &a.analysis.sentences[i];
            if s.start > pos {
                text.append(&el, pos, s.start);
            }
            let st = statement(doc, a, &text, i, &inputs(a, marks, i));
            let _ = el.append_child(&st);
            statements.push(st);
            pos = s.end;
        }
        if piece.end > pos {
            text.append(&el, pos, piece.end);
        }
        Self { el, text, statements, marks: marks.clone() }
    }

    /// Show new marks: rebuild only the statements whose marks changed.
    fn update(&mut self, doc: &web_sys::Document, a: &Article, marks: &PieceMarks) {
        if self.marks == *marks {
            return;
        }
        let first = a.pieces[marks.piece].sentences.start;
        for (k, el) in self.statements.iter_mut().enumerate() {
            let now = inputs(a, marks, first + k);
            let was = inputs(a, &self.marks, first + k);
            if was == now {
                continue;
            }
            if was.same_contents(&now) {
                // A tag, the cursor, a badge: the element stays (and keeps focus), its class
                // and attributes change, so the browser restyles one element, not a new subtree.
                decorate(el, a, first + k, now.mark, false);
            } else {
                let new = statement(doc, a, &self.text, first + k, &now);
                let _ = el.replace_with_with_node_1(&new);
                *el = new;
            }
        }
        self.marks = marks.clone();
    }
}

/// The drawn article body: built once per article with the DOM API, then kept in step with
/// the marks. Yew draws the (empty) body element; its contents are this.
///
/// An article shown from its outline (`Article::pending`) and then analysed is the same text:
/// its pieces stay in the page (nothing moves, the reader's place and selection are kept) and
/// are drawn again with their names and suggestions a few at a time, as `stale` pieces.
///
/// The pieces are grouped in sections of [`SECTION`] (`div.sect`), and the sections, not the
/// pieces, skip layout and paint off screen (`content-visibility: auto`): the browser checks
/// every such element's distance from the viewport in each frame, and lays out every child of
/// the body again when anything in it changes, so with a piece per child a tag key paid for
/// ~1,400 of each (docs/performance.md, *keys19*).
#[derive(Default)]
pub struct Body {
    article: Option<Rc<Article>>,
    pieces: Vec<PieceView>,
    /// Per drawn piece: drawn from an earlier article of the same text, to be drawn again.
    stale: Vec<bool>,
    /// The sections drawn, in order; the last one takes the pieces added next.
    sections: Vec<web_sys::Element>,
    /// How many pieces the last section holds.
    in_last: usize,
}

/// Pieces per section of the body (a section may hold more: see [`Body::section_for`]).
pub const SECTION: usize = 32;

/// Whether `b` is `a` analysed: the same article's same text, a new analysis of it.
fn same_text(a: &Article, b: &Article) -> bool {
    a.id == b.id && a.analysis.text == b.analysis.text && a.analysis.sentences.len() == b.analysis.sentences.len()
}

impl Body {
    /// How many pieces of `a` are drawn (none of another article; an earlier analysis of the
    /// same text counts, its pieces being `stale_in`).
    pub fn drawn(&self, a: &Rc<Article>) -> usize {
        match &self.article {
            Some(x) if Rc::ptr_eq(x, a) || same_text(x, a) => self.pieces.len(),
            _ => 0,
        }
    }

    /// The drawn pieces that `update` with `a` draws again in full: all of them when `a` is the
    /// analysis of the text they were drawn from, else those not yet redrawn since.
    pub fn stale_in(&self, a: &Rc<Article>) -> Vec<usize> {
        match &self.article {
            Some(x) if Rc::ptr_eq(x, a) => (0..self.stale.len()).filter(|&k| self.stale[k]).collect(),
            Some(x) if same_text(x, a) => (0..self.pieces.len()).collect(),
            _ => Vec::new(),
        }
    }

    /// The section the next piece goes in: the last one, or a new one once that holds
    /// [`SECTION`] pieces. A heading stays with the section before it: a section's first
    /// child keeps its top margin inside the section (its containment), where between
    /// siblings it would collapse with the paragraph's above.
    fn section_for(&mut self, doc: &web_sys::Document, root: &web_sys::Element, heading: bool) -> Option<&web_sys::Element> {
        if self.sections.is_empty() || (self.in_last >= SECTION && !heading) {
            let section = doc.create_element("div").ok()?;
            section.set_class_name("sect");
            root.append_child(&section).ok()?;
            self.sections.push(section);
            self.in_last = 0;
        }
        self.in_last += 1;
        self.sections.last()
    }

    /// Draw the pieces `marks` describe into `root`: drawn ones are updated (or drawn again, if
    /// stale), the others are added (in order: `marks` are in piece order and go on from the last
    /// piece drawn).
    pub fn update(&mut self, root: &web_sys::Element, a: &Rc<Article>, marks: &[PieceMarks]) {
        let doc = gloo::utils::document();
        match &self.article {
            Some(x) if Rc::ptr_eq(x, a) => {}
            Some(x) if same_text(x, a) => {
                self.stale = vec![true; self.pieces.len()];
                self.article = Some(a.clone());
            }
            _ => {
                root.set_text_content(None);
                self.pieces.clear();
                self.stale.clear();
                self.sections.clear();
                self.in_last = 0;
                self.article = Some(a.clone());
            }
        }
        let active = doc.active_element();
        for m in marks {
            match self.pieces.get_mut(m.piece) {
                Some(view) if self.stale[m.piece] => {
                    let new = PieceView::new(&doc, a, m);
                    let _ = view.el.replace_with_with_node_1(&new.el);
                    // The reader's place: the current statement keeps the focus it had.
                    let had_focus = active.as_ref().is_some_and(|f| view.el.contains(Some(f)));
                    *view = new;
                    self.stale[m.piece] = false;
                    if had_focus {
                        if let Ok(Some(el)) = view.el.query_selector("[aria-current]") {
                            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                                let focus = web_sys::FocusOptions::new();
                                focus.set_prevent_scroll(true);
                                let _ = el.focus_with_options(&focus);
                            }
                        }
                    }
                }
                Some(view) => view.update(&doc, a, m),
                None => {
                    let view = PieceView::new(&doc, a, m);
                    let heading = a.analysis.blocks[a.pieces[m.piece].block].kind == BlockKind::Heading;
                    if let Some(section) = self.section_for(&doc, root, heading) {
                        let _ = section.append_child(&view.el);
                    }
                    self.pieces.push(view);
                    self.stale.push(false);
                }
            }
        }
    }
}
