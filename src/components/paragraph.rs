//! One paragraph or heading of the article, drawn as statements (sentences) holding text
//! segments: entities, the reader's span annotations, cue words of suggestions.
//!
//! Memoised by its props: tagging one statement re-renders one paragraph, not the article.
//! Every text leaf is an element carrying `data-o`, its code-point offset, so a mouse selection
//! can be turned back into offsets (see `article_text.rs`). Text is only ever a text node.

use std::rc::Rc;

use annotator_core::{BlockKind, EntityKind, Label};
use yew::prelude::*;

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

#[derive(Properties, PartialEq)]
pub struct ParagraphProps {
    pub article: Rc<Article>,
    pub block: usize,
    pub statements: Vec<StatementMark>,
    pub spans: Vec<SpanMark>,
    /// The reader's corrections of names here (see `names`).
    pub names: Vec<crate::names::Correction>,
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

#[component]
pub fn Paragraph(props: &ParagraphProps) -> Html {
    let a = &props.article;
    let block = &a.analysis.blocks[props.block];
    let range = a.block_sentences[props.block].clone();
    let statements = range.clone().map(|i| {
        let s = &a.analysis.sentences[i];
        let mark = props.statements.iter().find(|m| m.index == i);
        let found = a.entities_in(s.start, s.end);
        let corrected;
        let entities = if props.names.is_empty() {
            found
        } else {
            let here: Vec<_> = props.names.iter().filter(|c| c.0 < s.end && s.start < c.1).copied().collect();
            corrected = crate::names::apply(found, &here, |x, y| a.slice(x, y));
            &corrected[..]
        };
        let spans: Vec<&SpanMark> =
            props.spans.iter().filter(|m| m.start < s.end && m.end > s.start).collect();
        let cues = match (mark.and_then(|m| m.suggestion), &s.suggestion) {
            (Some(_), Some(sug)) => cue_ranges(a, s.start, s.end, &crate::reasons::shown_cues(sug)),
            _ => Vec::new(),
        };
        // Segment boundaries: every start and end of anything drawn inside the sentence.
        let mut cuts = vec![s.start, s.end];
        for e in entities {
            cuts.extend([e.start, e.end]);
        }
        for m in &spans {
            cuts.extend([m.start.max(s.start), m.end.min(s.end)]);
        }
        for c in &cues {
            cuts.extend([c.0, c.1]);
        }
        cuts.retain(|&c| c >= s.start && c <= s.end);
        cuts.sort_unstable();
        cuts.dedup();
        let leaves = cuts.windows(2).map(|w| {
            let (lo, hi) = (w[0], w[1]);
            let text = a.slice(lo, hi).to_owned();
            let entity = entities.iter().find(|e| e.start <= lo && hi <= e.end);
            let mut class = Classes::new();
            for m in spans.iter().filter(|m| m.start <= lo && hi <= m.end) {
                class.push(if m.pending { "pending" } else { "span" });
                if let Some(t) = m.tag {
                    class.push(format!("span-{}", label_class(t)));
                }
                if m.note {
                    class.push("has-note");
                }
            }
            if cues.iter().any(|c| c.0 <= lo && hi <= c.1) {
                class.push("cue");
            }
            match entity {
                Some(e) => {
                    class.push(format!("ent ent-{}", kind_name(e.kind)));
                    // Nationalities are off by default in the Highlights menu.
                    if e.kind == EntityKind::Group && annotator_core::lexicon::demonym(a.slice(e.start, e.end)).is_some() {
                        class.push("demonym");
                    }
                    let title = format!("{}: {}", kind_name(e.kind), e.canonical);
                    html! { <mark {class} data-o={lo.to_string()} {title} data-canonical={e.canonical.clone()}>{ text }</mark> }
                }
                None => html! { <span {class} data-o={lo.to_string()}>{ text }</span> },
            }
        });
        let mut class = classes!("stmt");
        let mut label = String::new();
        if let Some(m) = mark {
            if let Some(t) = m.tag {
                class.push(format!("tag tag-{}", label_class(t)));
                label = short_name(t).to_owned();
                if m.accepted {
                    class.push("accepted");
                }
            } else if let Some(t) = m.suggestion {
                class.push(format!("sugg sugg-{}", label_class(t)));
                label = format!("{}?", short_name(t));
            }
            if m.note {
                class.push("has-note");
            }
            if m.current {
                class.push("current");
            }
            if m.dimmed {
                class.push("dimmed");
            }
        }
        if s.claim {
            class.push("claim");
            if s.claim_kind == Some(annotator_core::ClaimKind::Attributed) {
                class.push("said");
            }
        }
        if !s.content {
            class.push("furniture");
        }
        let current = mark.is_some_and(|m| m.current);
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
        html! {
            <span id={format!("s-{i}")} {class} data-s={i.to_string()}
                  data-label={(!label.is_empty()).then(|| label.clone())}
                  data-other={mark.and_then(|m| m.other.clone())}
                  data-mark={(!badge.is_empty()).then_some(badge)}
                  tabindex={current.then_some("-1")}
                  aria-current={current.then_some("true")}>
                { for leaves }
            </span>
        }
    });
    // Sentences are separated by the text between them (spaces), kept as text.
    let mut out: Vec<Html> = Vec::with_capacity(range.len() * 2);
    let mut pos = block.start;
    for (i, h) in range.clone().zip(statements) {
        let s = &a.analysis.sentences[i];
        if s.start > pos {
            out.push(html! { <span data-o={pos.to_string()}>{ a.slice(pos, s.start).to_owned() }</span> });
        }
        out.push(h);
        pos = s.end;
    }
    if block.end > pos {
        out.push(html! { <span data-o={pos.to_string()}>{ a.slice(pos, block.end).to_owned() }</span> });
    }
    match block.kind {
        BlockKind::Heading => html! { <h2>{ for out }</h2> },
        _ => html! { <p>{ for out }</p> },
    }
}
