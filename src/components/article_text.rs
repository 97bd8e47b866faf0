//! The article body: every paragraph with its statements and marks. Works out, per piece (a
//! paragraph, or part of a long one), what each statement shows (from the reader's annotations
//! and the suggestions); `paragraph::Body` draws it and redraws only what changed.
//!
//! Clicks and text selections are handled once here (event delegation), not per sentence.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use annotator_core::Label;

use super::paragraph::{label_name, Body, PieceMarks, SpanMark, StatementMark};
use crate::annotations::{Annotation, Placement};
use crate::state::{Action, Article, Filter, Other, State};

#[derive(Properties, PartialEq)]
pub struct ArticleTextProps {
    pub article: Rc<Article>,
    pub state: super::state_ref::StateRef,
    pub dispatch: Callback<Action>,
}

/// Pieces (paragraphs) drawn in the first frame: more than a tall screen holds (a 1,200-pixel
/// window shows about eight paragraphs of news text)...
const FIRST_SLICE: usize = 14;
/// ...or fewer once they hold this many sentences (a screen shows a few dozen).
const FIRST_SENTENCES: usize = 300;
/// Pieces added per animation frame after that: paragraphs off screen cost little to draw
/// (their text is built with the DOM API and their layout skipped, `content-visibility`)...
const NEXT_SLICE: usize = 400;
/// ...or fewer once they hold this many sentences: a one-line text of megabytes is hundreds of
/// pieces of `article::PIECE` sentences each, which 400 at once would block for long.
const NEXT_SENTENCES: usize = 800;

/// Where a frame that starts drawing at piece `from` stops: at least one more piece, at most
/// `pieces`, or fewer once they hold `sentences` sentences.
fn next_limit(a: &Article, from: usize, pieces: usize, sentences: usize) -> usize {
    let mut held = 0;
    let mut k = from;
    while k < a.pieces.len() && k - from < pieces && (k == from || held < sentences) {
        held += a.pieces[k].sentences.len();
        k += 1;
    }
    k
}

/// Code points of text inside `root` before `node` (in document order).
fn chars_before(root: &web_sys::Node, node: &web_sys::Node) -> usize {
    let mut total = 0;
    let mut cur = node.clone();
    while !cur.is_same_node(Some(root)) {
        let mut sib = cur.previous_sibling();
        while let Some(s) = sib {
            total += s.text_content().map_or(0, |t| t.chars().count());
            sib = s.previous_sibling();
        }
        match cur.parent_node() {
            Some(p) => cur = p,
            None => break,
        }
    }
    total
}

/// Code-point offset of a DOM position inside the article body. Blocks and statements carry
/// `data-o`, the offset where their text starts; inside them, text and marks are counted.
fn offset_of(node: &web_sys::Node, utf16_offset: u32) -> Option<usize> {
    let text = node.node_type() == web_sys::Node::TEXT_NODE;
    let el = if text { node.parent_element()? } else { node.clone().dyn_into().ok()? };
    let start = |e: &web_sys::Element| e.get_attribute("data-o")?.parse::<usize>().ok();
    if let Some(anchor) = el.closest("[data-o]").ok()? {
        let base = start(&anchor)?;
        let root: &web_sys::Node = &anchor;
        let within = if text {
            let t = node.text_content().unwrap_or_default();
            chars_before(root, node) + char::decode_utf16(t.encode_utf16().take(utf16_offset as usize)).count()
        } else {
            match node.child_nodes().item(utf16_offset) {
                Some(child) => chars_before(root, &child),
                None => chars_before(root, node) + node.text_content().map_or(0, |t| t.chars().count()),
            }
        };
        return Some(base + within);
    }
    // Between blocks (a triple click ends at the start of the next paragraph): the start of
    // the first block at or after the position, else the end of the last one before it. Between
    // sections (`paragraph::Body`), a section's first or last block.
    let kids = el.child_nodes();
    let block = |k: u32, first: bool| {
        let e = kids.item(k)?.dyn_into::<web_sys::Element>().ok()?;
        let e = if e.class_name() == "sect" {
            if first { e.first_element_child()? } else { e.last_element_child()? }
        } else {
            e
        };
        e.has_attribute("data-o").then_some(e)
    };
    if let Some(next) = (utf16_offset..kids.length()).find_map(|k| block(k, true)) {
        return start(&next);
    }
    let last = (0..utf16_offset.min(kids.length())).rev().find_map(|k| block(k, false))?;
    Some(start(&last)? + last.text_content().map_or(0, |t| t.chars().count()))
}

/// The reader's current text selection inside `root`, as code points, trimmed of whitespace.
fn selection_in(root: &web_sys::Element, article: &Article) -> Option<(usize, usize)> {
    let sel = web_sys::window()?.get_selection().ok()??;
    if sel.is_collapsed() {
        return None;
    }
    let (a, f) = (sel.anchor_node()?, sel.focus_node()?);
    if !root.contains(Some(&a)) || !root.contains(Some(&f)) {
        return None;
    }
    let x = offset_of(&a, sel.anchor_offset())?;
    let y = offset_of(&f, sel.focus_offset())?;
    let (mut s, mut e) = (x.min(y), x.max(y));
    let text = article.slice(s, e);
    s += text.chars().take_while(|c| c.is_whitespace()).count();
    e -= text.chars().rev().take_while(|c| c.is_whitespace()).count();
    (s < e).then_some((s, e))
}

/// What the drawn marks were worked out from. Comparing it with the state says which pieces can
/// show something else, so a key press works out the marks of a piece or two, not of the whole
/// article (a change replaces one shared record in the list: the others are the same pointers).
#[derive(Default)]
struct Basis {
    annotations: Option<Rc<Vec<Rc<Annotation>>>>,
    placements: Option<Rc<Vec<Placement>>>,
    cursor: Option<usize>,
    span: Option<(usize, usize)>,
    filter: Filter,
    other: Option<Other>,
}

impl Basis {
    fn of(state: &State) -> Self {
        Self {
            annotations: state.doc.as_ref().map(|d| d.annotations.clone()),
            placements: state.doc.as_ref().map(|d| d.placements.clone()),
            cursor: state.cursor,
            span: state.span,
            filter: state.filter,
            other: state.other.clone(),
        }
    }
}

/// Pieces whose marks may differ between `was` and `now` (`None`: any of them). A statement's
/// marks depend on the records placed on or in it, the cursor, the pending selection, the
/// filter and another annotator's work; all but the last two are local to a piece or two.
fn changed_pieces(a: &Article, was: &Basis, now: &Basis) -> Option<std::collections::BTreeSet<usize>> {
    let same_other = match (&was.other, &now.other) {
        (None, None) => true,
        (Some(x), Some(y)) => Rc::ptr_eq(&x.annotations, &y.annotations) && Rc::ptr_eq(&x.placements, &y.placements) && x.source == y.source,
        _ => false,
    };
    if was.filter != now.filter || !same_other || was.annotations.is_none() != now.annotations.is_none() {
        return None;
    }
    let mut out = std::collections::BTreeSet::new();
    let mut range = |r: (usize, usize)| {
        let first = a.pieces.partition_point(|p| p.end <= r.0);
        out.extend((first..a.pieces.len()).take_while(|&k| a.pieces[k].start < r.1.max(r.0 + 1)));
    };
    if was.cursor != now.cursor || was.span != now.span {
        for c in [was.cursor, now.cursor].into_iter().flatten() {
            if let Some(s) = a.sentence(c) {
                range((s.start, s.end));
            }
        }
        for r in [was.span, now.span].into_iter().flatten() {
            range(r);
        }
    }
    if let (Some(old), Some(new), Some(old_at), Some(new_at)) = (&was.annotations, &now.annotations, &was.placements, &now.placements) {
        if !Rc::ptr_eq(old, new) || !Rc::ptr_eq(old_at, new_at) {
            for k in 0..old.len().max(new.len()) {
                let same = match (old.get(k), new.get(k)) {
                    (Some(x), Some(y)) => Rc::ptr_eq(x, y) && old_at.get(k) == new_at.get(k),
                    _ => false,
                };
                if !same {
                    for r in [old_at.get(k), new_at.get(k)].into_iter().flatten().flatten() {
                        range(*r);
                    }
                }
            }
        }
    }
    Some(out)
}

#[component]
pub fn ArticleText(props: &ArticleTextProps) -> Html {
    let a = &props.article;
    let state = &props.state;
    let root = use_node_ref();
    let total = a.pieces.len();
    // Long articles are drawn in slices, a frame at a time: the first screenfuls appear at once
    // and the page stays responsive while the rest follows.
    let drawn = use_state(|| next_limit(a, 0, FIRST_SLICE, FIRST_SENTENCES));
    let cursor_piece = state.cursor.and_then(|i| a.piece_of(i)).map_or(0, |p| p + 1);
    let span_piece = state.span.and_then(|(s, _)| a.sentence_at(s)).and_then(|i| a.piece_of(i)).map_or(0, |p| p + 1);
    let limit = (*drawn).max(cursor_piece).max(span_piece).min(total);
    {
        let (drawn, a) = (drawn.clone(), a.clone());
        use_effect_with(limit, move |&limit| {
            let next = (limit < total).then(|| {
                gloo::render::request_animation_frame(move |_| drawn.set(next_limit(&a, limit, NEXT_SLICE, NEXT_SENTENCES)))
            });
            move || drop(next)
        });
    }

    // The pieces to work out: those drawn whose marks may have changed, and those drawn anew.
    let body = use_mut_ref(Body::default);
    let basis = use_mut_ref(Basis::default);
    let now = Basis::of(state);
    let drawn_before = body.borrow().drawn(a);
    let changed = changed_pieces(a, &basis.borrow(), &now).filter(|_| drawn_before > 0);
    *basis.borrow_mut() = now;
    let mut todo: Vec<usize> = match changed {
        None => (0..limit.max(drawn_before)).collect(),
        Some(set) => set.into_iter().filter(|&k| k < drawn_before).chain(drawn_before..limit).collect(),
    };
    // Pieces drawn from the outline, once the analysis is here: drawn again a frame's worth at
    // a time, the current statement's piece first, then in text order.
    let stale = body.borrow().stale_in(a);
    if !stale.is_empty() {
        let mut held = 0;
        let cursor_at = cursor_piece.checked_sub(1);
        let batch = cursor_at.filter(|k| stale.binary_search(k).is_ok()).into_iter()
            .chain(stale.iter().copied().take_while(|&k| {
                let go = held < NEXT_SENTENCES;
                held += a.pieces[k].sentences.len();
                go
            }).take(NEXT_SLICE));
        todo.extend(batch);
        todo.sort_unstable();
        todo.dedup();
    }
    let stale_left = stale.iter().filter(|k| todo.binary_search(k).is_err()).count();
    {
        // Another frame for the rest of them.
        let tick = use_state(|| 0u32);
        let next = use_mut_ref(|| None);
        use_effect(move || {
            *next.borrow_mut() = (stale_left > 0).then(|| {
                let tick = tick.clone();
                gloo::render::request_animation_frame(move |_| tick.set(tick.wrapping_add(1)))
            });
        });
    }
    let wanted = |k: usize| todo.binary_search(&k).is_ok();

    let doc = state.doc.as_ref();
    // The text the pieces to work out span: a record outside it marks none of them, so it is
    // passed over before anything is looked up for it (a key press works out a piece or two).
    let bounds = todo.iter().map(|&k| a.pieces[k].start).min().zip(todo.iter().map(|&k| a.pieces[k].end).max());
    let near = |(s, e): (usize, usize)| bounds.is_some_and(|(lo, hi)| s < hi && e > lo);
    // Span annotations: live ones not exactly on a statement, plus the pending selection.
    let mut spans: Vec<SpanMark> = Vec::new();
    if let Some(doc) = doc.filter(|_| !todo.is_empty()) {
        for (x, p) in doc.annotations.iter().zip(doc.placements.iter()) {
            let Some((start, end)) = *p else { continue };
            if !near((start, end)) {
                continue;
            }
            // A correction of a name alone is drawn as the name (see `names`), not as a span.
            let name_only = x.tag.is_none() && x.note.trim().is_empty() && x.entity.is_some();
            if !x.is_live() || x.rejected || name_only {
                continue;
            }
            let on_statement = a.sentence_at(start).and_then(|i| a.sentence(i))
                .is_some_and(|s| (s.start, s.end) == (start, end));
            if !on_statement {
                spans.push(SpanMark { start, end, tag: x.tag, note: !x.note.is_empty(), pending: false });
            }
        }
    }
    if let Some((start, end)) = state.span {
        spans.push(SpanMark { start, end, tag: None, note: false, pending: true });
    }

    let fixes = doc.filter(|_| !todo.is_empty()).map(|d| crate::names::corrections(&d.annotations, &d.placements)).unwrap_or_default();

    // Each span to the pieces it overlaps (pieces are in text order), so a piece gets its
    // spans without every piece scanning every span.
    let pieces = &a.pieces;
    let mut spans_of: std::collections::HashMap<usize, Vec<SpanMark>> = std::collections::HashMap::new();
    for m in spans {
        let first = pieces.partition_point(|p| p.end <= m.start);
        for (k, piece) in pieces.iter().enumerate().skip(first) {
            if piece.start >= m.end {
                break;
            }
            if wanted(k) {
                spans_of.entry(k).or_default().push(m.clone());
            }
        }
    }

    // Another annotator's work: their tag on each statement where it differs from the reader's.
    let differs: Option<(String, Vec<Option<Option<Label>>>)> = state.other.as_ref().zip(doc).filter(|_| !todo.is_empty()).map(|(other, doc)| {
        let (ours, theirs) = other.statement_tags(a, doc);
        (other.source.name(), ours.into_iter().zip(theirs).map(|(o, t)| (o != t).then_some(t)).collect())
    });
    let other_on = |i: usize| -> Option<String> {
        let (who, diff) = differs.as_ref()?;
        let theirs = (*diff.get(a.statements.binary_search(&i).ok()?)?)?;
        Some(format!("{who}: {}", theirs.map_or("no tag", label_name)))
    };

    let marks: Vec<PieceMarks> = todo.iter().map(|&k| {
        let piece = &pieces[k];
        let statements: Vec<StatementMark> = piece.sentences.clone().map(|i| {
            let s = &a.analysis.sentences[i];
            let own = doc.and_then(|d| d.at((s.start, s.end)));
            let reviewed = own.is_some_and(Annotation::reviews_suggestion);
            StatementMark {
                index: i,
                tag: own.and_then(|x| x.tag),
                accepted: own.is_some_and(|x| x.from_suggestion),
                suggestion: if reviewed { None } else { s.suggestion.as_ref().map(|x| x.label) },
                note: own.is_some_and(|x| !x.note.is_empty()),
                current: state.cursor == Some(i) && state.span.is_none(),
                dimmed: !state.shows(a, i),
                other: other_on(i),
            }
        }).collect();
        let names = fixes.iter().filter(|c| c.0 < piece.end && piece.start < c.1).copied().collect();
        PieceMarks { piece: k, statements, spans: spans_of.remove(&k).unwrap_or_default(), names }
    }).collect();

    // The body's contents are drawn here, after each render (before the effects below, which
    // look for the current statement in them).
    {
        let (root, body, article) = (root.clone(), body.clone(), a.clone());
        use_effect(move || {
            if let Some(el) = root.cast::<web_sys::Element>() {
                body.borrow_mut().update(&el, &article, &marks);
            }
        });
    }

    // For the browser benchmark's timeline: the article's first slice is in the DOM.
    use_effect_with((), |_| crate::timing::mark("annotator:article-rendered"));

    // Keep the current statement in view and focused, so screen readers follow j/k.
    {
        let root = root.clone();
        use_effect_with(state.cursor, move |cursor| {
            if let (Some(i), Some(root)) = (cursor, root.cast::<web_sys::Element>()) {
                if let Ok(Some(el)) = root.query_selector(&format!("[data-s=\"{i}\"]")) {
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        let active = gloo::utils::document().active_element();
                        // Do not steal focus from a text field the reader is typing in.
                        let typing = active.is_some_and(|e| matches!(e.tag_name().as_str(), "TEXTAREA" | "INPUT"));
                        if !typing {
                            // Scroll only as far as needed (opening an article must not jump
                            // the page), then focus without a second scroll.
                            let top = el.get_bounding_client_rect().top();
                            let height = gloo::utils::window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
                            // The toolbar covers the top of the window (pinned over the text),
                            // or on phones its foot.
                            let bar = gloo::utils::document().query_selector(".tag-bar").ok().flatten()
                                .map(|b| b.get_bounding_client_rect());
                            let seen = match bar {
                                Some(b) if b.top() > height / 2.0 => 0.0..b.top() - 40.0,
                                Some(b) => b.bottom().max(0.0)..height - 40.0,
                                None => 0.0..height - 40.0,
                            };
                            if !seen.contains(&top) {
                                let opts = web_sys::ScrollIntoViewOptions::new();
                                opts.set_block(web_sys::ScrollLogicalPosition::Center);
                                el.scroll_into_view_with_scroll_into_view_options(&opts);
                            }
                            let focus = web_sys::FocusOptions::new();
                            focus.set_prevent_scroll(true);
                            let _ = el.focus_with_options(&focus);
                        }
                    }
                }
            }
        });
    }

    // A mouse selection becomes the pending span when the button is released. The browser then
    // sends a click (on the element holding both ends of the drag, or the word of a double
    // click): that click made the selection, so it must not also move the cursor and drop it.
    // The listeners are made once (the article they read is the latest render's), so a key
    // press does not register them again.
    let article_now = use_mut_ref(|| a.clone());
    *article_now.borrow_mut() = a.clone();
    let (onmouseup, onmousedown, onclick) = (*use_memo((), {
        let (root, dispatch) = (root.clone(), props.dispatch.clone());
        move |_| {
            let selected = Rc::new(std::cell::RefCell::new(false));
            let onmouseup = {
                let (root, dispatch, selected) = (root.clone(), dispatch.clone(), selected.clone());
                Callback::from(move |_: MouseEvent| {
                    let Some(el) = root.cast::<web_sys::Element>() else { return };
                    let article = article_now.borrow().clone();
                    if let Some(span) = selection_in(&el, &article) {
                        *selected.borrow_mut() = true;
                        // The pending mark shows the selection from here on; the browser's own
                        // highlight would hide the tag once it is applied, and its ranges point
                        // into text nodes that the re-render is about to split.
                        if let Some(sel) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
                            let _ = sel.remove_all_ranges();
                        }
                        dispatch.emit(Action::Span(Some(span)));
                    }
                })
            };
            let onmousedown = {
                let selected = selected.clone();
                Callback::from(move |_: MouseEvent| *selected.borrow_mut() = false)
            };
            let onclick = Callback::from(move |e: MouseEvent| {
                if std::mem::take(&mut *selected.borrow_mut()) {
                    return;
                }
                let collapsed = web_sys::window()
                    .and_then(|w| w.get_selection().ok().flatten())
                    .is_none_or(|s| s.is_collapsed());
                if !collapsed {
                    return;
                }
                let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                let stmt = target.and_then(|t| t.closest("[data-s]").ok().flatten());
                if let Some(i) = stmt.and_then(|s| s.get_attribute("data-s")?.parse().ok()) {
                    dispatch.emit(Action::Focus(i));
                }
            });
            (onmouseup, onmousedown, onclick)
        }
    }))
    .clone();

    html! {
        <>
            <div class="article-body" ref={root} {onmousedown} {onmouseup} {onclick}></div>
            if limit < total {
                <p class="status drawing" role="status">
                    { format!("Showing the article… {}%", limit * 100 / total.max(1)) }
                </p>
            } else if a.pending || stale_left > 0 {
                <p class="status drawing" role="status">{ "Finding names, claims and suggestions…" }</p>
            }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_draws_pieces_up_to_the_sentence_budget_and_always_one() {
        // One line of 5,000 sentences: pieces of `PIECE` sentences each.
        let line: Vec<String> = (0..5_000).map(|i| format!("The council met on day {i} and said little.")).collect();
        let a = Article::new("t".into(), annotator_core::analyze(&format!("A title\n\n{}", line.join(" "))));
        let per = crate::article::PIECE;
        let held = |from: usize, to: usize| a.pieces[from..to].iter().map(|p| p.sentences.len()).sum::<usize>();
        let first = next_limit(&a, 0, FIRST_SLICE, FIRST_SENTENCES);
        assert!(held(0, first) >= FIRST_SENTENCES && held(0, first) < FIRST_SENTENCES + per, "{} sentences first", held(0, first));
        let next = next_limit(&a, first, NEXT_SLICE, NEXT_SENTENCES);
        assert!(held(first, next) >= NEXT_SENTENCES && held(first, next) < NEXT_SENTENCES + per, "{} sentences in one frame", held(first, next));
        assert_eq!(next_limit(&a, a.pieces.len() - 1, NEXT_SLICE, NEXT_SENTENCES), a.pieces.len());
        assert_eq!(next_limit(&a, a.pieces.len(), NEXT_SLICE, NEXT_SENTENCES), a.pieces.len());
        // Paragraphs of one sentence: the piece counts, as before.
        let paras: Vec<String> = (0..1_000).map(|i| format!("Paragraph {i} has one sentence.")).collect();
        let b = Article::new("u".into(), annotator_core::analyze(&format!("A title\n\n{}", paras.join("\n\n"))));
        assert_eq!(next_limit(&b, 0, FIRST_SLICE, FIRST_SENTENCES), FIRST_SLICE);
        assert_eq!(next_limit(&b, 0, NEXT_SLICE, NEXT_SENTENCES), NEXT_SLICE);
    }
}
