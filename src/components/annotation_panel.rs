//! The side panel: the article's annotations grouped by tag with counts and a small chart,
//! filters, and per annotation a jump link, note editing and delete. Detached annotations (text
//! no longer found) are listed, never dropped.

use std::rc::Rc;

use annotator_core::Label;
use yew::prelude::*;

use super::paragraph::{label_class, label_name};
use super::tag_bar::excerpt;
use crate::annotations::{Annotation, EntityMark};
use crate::state::{Action, Article, Doc, Filter};

/// The reader's annotations as the panel compares them: by identity of the lists, so moving
/// the cursor (which changes neither) does not draw the panel again.
#[derive(Clone, Debug)]
pub struct DocRef(pub Doc);

impl PartialEq for DocRef {
    fn eq(&self, o: &Self) -> bool {
        let (a, b) = (&self.0, &o.0);
        Rc::ptr_eq(&a.annotations, &b.annotations) && Rc::ptr_eq(&a.placements, &b.placements) && Rc::ptr_eq(&a.by_range, &b.by_range)
    }
}

/// Only what the panel shows: an action that changes none of it leaves the panel as it is.
#[derive(Properties, PartialEq)]
pub struct AnnotationPanelProps {
    pub article: Rc<Article>,
    pub doc: Option<DocRef>,
    pub filter: Filter,
    /// The annotation whose note is being edited.
    pub editing: Option<String>,
    pub dispatch: Callback<Action>,
}

/// A live annotation and where it sits (`Doc::live`).
type Live<'a> = (&'a Rc<Annotation>, crate::annotations::Placement);

/// Where a listed annotation comes in the text's order: by place, detached last, ties in the
/// records' order (`i`, its index among the records) — the order of `Doc::live`'s stable sort.
fn text_order(i: usize, p: crate::annotations::Placement) -> (usize, usize, usize) {
    let (s, e) = p.unwrap_or((usize::MAX, 0));
    (s, e, i)
}

/// The first `limit` items in the order of `key` (keys unique), sorted; all of them, sorted,
/// when `limit` is `None`. Finds the first ones without sorting the rest: a tag key redraws the
/// panel, and sorting thousands of annotations to show fifty was a large part of its cost.
fn first_sorted<T, K: Ord>(mut items: Vec<T>, limit: Option<usize>, key: impl Fn(&T) -> K) -> Vec<T> {
    if let Some(n) = limit {
        if n == 0 {
            items.clear();
        } else if items.len() > n {
            items.select_nth_unstable_by_key(n - 1, &key);
            items.truncate(n);
        }
    }
    items.sort_unstable_by_key(key);
    items
}

/// Annotations listed per group before "Show all".
const GROUP_LIMIT: usize = 50;

const LABELS: [Label; 3] = [Label::Official, Label::Criticism, Label::Speculation];

#[component]
pub fn AnnotationPanel(props: &AnnotationPanelProps) -> Html {
    let (a, d, filter) = (&props.article, &props.dispatch, props.filter);
    let expanded = use_state(std::collections::HashSet::<&'static str>::new);
    let Some(DocRef(doc)) = props.doc.as_ref() else { return html! {} };
    // Unsorted: the counts need no order, and each group sorts only the items it shows.
    let live: Vec<(usize, Live)> = doc.annotations.iter().zip(doc.placements.iter()).enumerate()
        .filter(|(_, (x, _))| x.is_live()).map(|(i, (x, p))| (i, (x, *p))).collect();
    let count = |l: Label| live.iter().filter(|(_, (x, _))| x.tag == Some(l)).count();
    let counts: Vec<(Label, usize)> = LABELS.iter().map(|&l| (l, count(l))).collect();
    let max = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1);
    let suggestions = a.statements.iter().filter(|&&i| {
        let s = &a.analysis.sentences[i];
        s.suggestion.is_some() && doc.at((s.start, s.end)).is_none()
    }).count();
    let untagged_claims = a.statements.iter().filter(|&&i| {
        let s = &a.analysis.sentences[i];
        s.claim && doc.at((s.start, s.end)).is_none_or(|x| x.tag.is_none())
    }).count();

    let filter_button = |f: Filter, text: String| {
        let pressed = filter == f;
        let onclick = {
            let d = d.clone();
            Callback::from(move |_: MouseEvent| d.emit(Action::SetFilter(if pressed { Filter::All } else { f })))
        };
        html! { <button class="chip" aria-pressed={pressed.to_string()} {onclick}>{ text }</button> }
    };

    let item = |x: &Rc<Annotation>, placed: bool| {
        let editing = props.editing.as_deref() == Some(x.id.as_str());
        html! { <Item key={x.id.clone()} record={Record(x.clone())} {placed} {editing} dispatch={d.clone()} /> }
    };

    let group = |title: String, class: &'static str, items: Vec<&(usize, Live)>| {
        if items.is_empty() {
            return html! {};
        }
        // Long lists are cut, so thousands of annotations do not weigh on every keypress.
        let open = expanded.contains(class);
        let total = items.len();
        let items = first_sorted(items, (!open).then_some(GROUP_LIMIT), |(i, (_, p))| text_order(*i, *p));
        let shown = items.len();
        let more = {
            let expanded = expanded.clone();
            Callback::from(move |_: MouseEvent| {
                let mut set = (*expanded).clone();
                set.insert(class);
                expanded.set(set);
            })
        };
        html! {
            <section class={classes!("group", class)}>
                <h3>{ title }<span class="count">{ total }</span></h3>
                <ul>{ for items.iter().map(|(_, (x, p))| item(x, p.is_some())) }</ul>
                if shown < total {
                    <button class="link" onclick={more}>{ format!("Show all {total}") }</button>
                }
            </section>
        }
    };

    let placed: Vec<_> = live.iter().filter(|(_, (x, p))| p.is_some() && !x.rejected).collect();
    let detached: Vec<_> = live.iter().filter(|(_, (_, p))| p.is_none()).collect();
    html! {
        <div class="annotations">
            <div class="chart" role="img" aria-label={counts.iter().map(|(l, n)| format!("{}: {n}", label_name(*l))).collect::<Vec<_>>().join(", ")}>
                { for counts.iter().map(|(l, n)| html! {
                    <div class="bar-row">
                        <span class="bar-label">{ label_name(*l) }</span>
                        <progress class={classes!("bar", format!("bar-{}", label_class(*l)))} max={max.to_string()} value={n.to_string()}></progress>
                        <span class="bar-n">{ n }</span>
                    </div>
                }) }
            </div>
            <div class="filters" role="group" aria-label="Show only">
                { for LABELS.iter().map(|&l| filter_button(Filter::Tag(l), format!("{} ({})", label_name(l), count(l)))) }
                { filter_button(Filter::Suggestions, format!("Suggestions ({suggestions})")) }
                { filter_button(Filter::UntaggedClaims, format!("Untagged claims ({untagged_claims})")) }
            </div>
            if live.is_empty() {
                <p class="hint">{ "No annotations yet. Select a statement and press 1, 2 or 3, or select any text with the mouse." }</p>
            }
            { for LABELS.iter().filter(|&&l| matches!(filter, Filter::All | Filter::Tag(_)) && (filter == Filter::All || filter == Filter::Tag(l))).map(|&l| {
                group(label_name(l).to_owned(), label_class(l), placed.iter().copied().filter(|(_, (x, _))| x.tag == Some(l)).collect())
            }) }
            if filter == Filter::All {
                { group("Notes".into(), "notes", placed.iter().copied().filter(|(_, (x, _))| x.tag.is_none() && !x.note.trim().is_empty()).collect()) }
                { group("Names you corrected".into(), "names", placed.iter().copied().filter(|(_, (x, _))| x.tag.is_none() && x.note.trim().is_empty() && x.entity.is_some()).collect()) }
                { group("Detached".into(), "detached", detached) }
            }
        </div>
    }
}

/// An annotation's record, compared by identity: a change replaces the record, so an item whose
/// record is the same shows the same.
#[derive(Clone, Debug)]
struct Record(Rc<Annotation>);

impl PartialEq for Record {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    record: Record,
    /// Placed in the text (else detached).
    placed: bool,
    /// Its note is being edited.
    editing: bool,
    dispatch: Callback<Action>,
}

/// One annotation in the panel: a component of its own, so a change draws only the items it
/// touched (tagging once must not rebuild a list of hundreds).
#[component]
fn Item(props: &ItemProps) -> Html {
    let (x, placed, editing, d) = (&props.record.0, props.placed, props.editing, &props.dispatch);
    let reveal = { let d = d.clone(); let id = x.id.clone(); Callback::from(move |_: MouseEvent| d.emit(Action::Reveal(id.clone()))) };
    let edit = { let d = d.clone(); let id = x.id.clone(); Callback::from(move |_: MouseEvent| d.emit(Action::EditNote(Some(id.clone())))) };
    let delete = { let d = d.clone(); let id = x.id.clone(); Callback::from(move |_: MouseEvent| d.emit(Action::Delete(id.clone()))) };
    html! {
            <li class={classes!("ann", x.tag.map(|t| format!("ann-{}", label_class(t))))}>
                <button class="ann-quote" onclick={reveal} disabled={!placed}
                        title={if placed { "Show in the text" } else { "Detached: this text is no longer in the article" }}>
                    // Whole, clamped to three lines on screen: a printed worksheet shows it all.
                    <span class="clamp">{ x.quote.exact.clone() }</span>
                </button>
                if let Some(mark) = x.entity {
                    <p class="ann-name">{ match mark {
                        EntityMark::Named(k) => format!("Names a {}", super::paragraph::kind_name(k)),
                        EntityMark::NotAName => "Not a name".to_owned(),
                    } }</p>
                }
                if !x.note.is_empty() { <p class="ann-note">{ x.note.clone() }</p> }
                <div class="ann-actions">
                    <button class="link" onclick={edit} disabled={editing}>{ if x.note.is_empty() { "Add note" } else { "Edit note" } }</button>
                    <button class="link danger" onclick={delete} aria-label={format!("Delete annotation “{}”", excerpt(&x.quote.exact, 30))}>{ "Delete" }</button>
                </div>
            </li>
    }
}

#[cfg(test)]
mod tests {
    use super::{first_sorted, text_order};

    /// The first n in text order are those a full stable sort by place puts first, for lists
    /// with ties, detached entries and every limit.
    #[test]
    fn first_sorted_matches_a_full_stable_sort() {
        let mut seed = 7u64;
        let mut next = move |m: u64| { seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); (seed >> 33) % m };
        for len in [0usize, 1, 2, 5, 49, 50, 51, 200] {
            let items: Vec<(usize, Option<(usize, usize)>)> = (0..len)
                .map(|i| (i, if next(5) == 0 { None } else { let s = next(20) as usize; Some((s, s + next(3) as usize)) }))
                .collect();
            let mut full = items.clone();
            full.sort_by_key(|(_, p)| p.map_or((usize::MAX, 0), |r| r));
            for limit in [None, Some(0), Some(1), Some(3), Some(50)] {
                let got = first_sorted(items.clone(), limit, |(i, p)| text_order(*i, *p));
                let want: Vec<_> = full.iter().copied().take(limit.unwrap_or(usize::MAX)).collect();
                assert_eq!(got, want, "len {len}, limit {limit:?}");
            }
        }
    }
}
