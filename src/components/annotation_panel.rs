//! The side panel: the article's annotations grouped by tag with counts and a small chart,
//! filters, and per annotation a jump link, note editing and delete. Detached annotations (text
//! no longer found) are listed, never dropped.

use std::rc::Rc;

use annotator_core::Label;
use yew::prelude::*;

use super::paragraph::{label_class, label_name};
use super::tag_bar::excerpt;
use crate::annotations::{Annotation, EntityMark, Placement};
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

/// The filters the panel's chips choose.
const CHIPS: [Filter; 5] = [
    Filter::Tag(Label::Official),
    Filter::Tag(Label::Criticism),
    Filter::Tag(Label::Speculation),
    Filter::Suggestions,
    Filter::UntaggedClaims,
];

/// The groups after the three tags' (`group_of`'s numbers 3, 4 and 5).
const NOTES: usize = 3;
const NAMES: usize = 4;
const DETACHED: usize = 5;

/// The group a record is listed in, if any: a tag's (0–2, `LABELS` order), notes, names the
/// reader corrected, or detached. Rejected suggestions are not listed unless detached.
fn group_of(x: &Annotation, p: Placement) -> Option<usize> {
    if !x.is_live() {
        return None;
    }
    if p.is_none() {
        return Some(DETACHED);
    }
    if x.rejected {
        return None;
    }
    match x.tag {
        Some(t) => LABELS.iter().position(|&l| l == t),
        None if !x.note.trim().is_empty() => Some(NOTES),
        None if x.entity.is_some() => Some(NAMES),
        None => None,
    }
}

/// Whether statement `i` counts as an unreviewed suggestion and as an untagged claim.
fn statement_counts(a: &Article, doc: &Doc, i: usize) -> (usize, usize) {
    let s = &a.analysis.sentences[i];
    let own = doc.at((s.start, s.end));
    (usize::from(s.suggestion.is_some() && own.is_none()), usize::from(s.claim && own.is_none_or(|x| x.tag.is_none())))
}

/// The statement exactly on `range`, if there is one.
fn statement_on(a: &Article, range: (usize, usize)) -> Option<usize> {
    let i = a.sentence_at(range.0)?;
    let s = &a.analysis.sentences[i];
    ((s.start, s.end) == range && a.statements.binary_search(&i).is_ok()).then_some(i)
}

/// A group's records with their index among the records and their place, compared by identity.
#[derive(Clone, Default)]
struct Members(Rc<Vec<(usize, Rc<Annotation>, Placement)>>);

impl PartialEq for Members {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}

/// More records changed than this at once (an undo of an import, a merge): all is counted
/// again rather than folded in.
const FOLD_LIMIT: usize = 256;

/// The panel's counts and groups, kept from one render to the next: a change is folded in by
/// the records it replaced (found by pointer), so a tag key counts and lists again what one
/// record touches (its statement, its old and new group), not thousands of records and a
/// hashed look-up per statement.
#[derive(Default)]
struct Tally {
    /// What the figures below are of.
    of: Option<(Rc<Article>, Doc)>,
    live: usize,
    labels: [usize; 3],
    suggestions: usize,
    untagged: usize,
    groups: [Members; 6],
}

impl Tally {
    fn update(&mut self, a: &Rc<Article>, doc: &Doc) {
        let changed = match &self.of {
            Some((was_a, was)) if Rc::ptr_eq(was_a, a) => changed_records(was, doc),
            _ => None,
        };
        match changed {
            Some(changed) => self.fold(a, doc, &changed),
            None => self.count(a, doc),
        }
        self.of = Some((a.clone(), doc.clone()));
    }

    /// Everything counted and listed from scratch.
    fn count(&mut self, a: &Article, doc: &Doc) {
        let (mut live, mut labels) = (0, [0; 3]);
        let mut groups: [Vec<(usize, Rc<Annotation>, Placement)>; 6] = Default::default();
        for (i, (x, p)) in doc.annotations.iter().zip(doc.placements.iter()).enumerate() {
            if x.is_live() {
                live += 1;
                if let Some(l) = x.tag.and_then(|t| LABELS.iter().position(|&l| l == t)) {
                    labels[l] += 1;
                }
            }
            if let Some(g) = group_of(x, *p) {
                groups[g].push((i, x.clone(), *p));
            }
        }
        let (mut suggestions, mut untagged) = (0, 0);
        for &i in &a.statements {
            let (s, u) = statement_counts(a, doc, i);
            suggestions += s;
            untagged += u;
        }
        *self = Tally { of: None, live, labels, suggestions, untagged, groups: groups.map(|g| Members(Rc::new(g))) };
    }

    /// Records `changed` (indices) replaced since the figures' doc: their old versions taken
    /// out, their new ones put in, and the groups either touches listed again.
    fn fold(&mut self, a: &Article, doc: &Doc, changed: &[usize]) {
        let Some((_, was)) = self.of.take() else { return };
        let mut touched = [false; 6];
        let mut statements = Vec::new();
        for &k in changed {
            for (d, new) in [(&was, false), (doc, true)] {
                let Some(x) = d.annotations.get(k) else { continue };
                let p = d.placements.get(k).copied().flatten();
                if x.is_live() {
                    let label = x.tag.and_then(|t| LABELS.iter().position(|&l| l == t));
                    if new {
                        self.live += 1;
                        if let Some(l) = label { self.labels[l] += 1 }
                    } else {
                        self.live -= 1;
                        if let Some(l) = label { self.labels[l] -= 1 }
                    }
                }
                if let Some(g) = group_of(x, p) {
                    touched[g] = true;
                }
                statements.extend(p.and_then(|r| statement_on(a, r)));
            }
        }
        statements.sort_unstable();
        statements.dedup();
        for i in statements {
            let (s0, u0) = statement_counts(a, &was, i);
            let (s1, u1) = statement_counts(a, doc, i);
            self.suggestions = self.suggestions + s1 - s0;
            self.untagged = self.untagged + u1 - u0;
        }
        // A touched group is its old members less the changed records, plus those of them now
        // in it (members stay in the records' order): the group's length, not all the records.
        for (g, _) in touched.iter().enumerate().filter(|(_, t)| **t) {
            let mut members: Vec<_> = self.groups[g].0.iter().filter(|(i, _, _)| changed.binary_search(i).is_err()).cloned().collect();
            for &k in changed {
                let Some(x) = doc.annotations.get(k) else { continue };
                let p = doc.placements.get(k).copied().flatten();
                if group_of(x, p) == Some(g) {
                    let at = members.partition_point(|(i, _, _)| *i < k);
                    members.insert(at, (k, x.clone(), p));
                }
            }
            self.groups[g] = Members(Rc::new(members));
        }
    }
}

/// The indices of the records that differ (by pointer or place) between `was` and `now`, in
/// increasing order; `None` when there are too many to fold in.
fn changed_records(was: &Doc, now: &Doc) -> Option<Vec<usize>> {
    if Rc::ptr_eq(&was.annotations, &now.annotations) && Rc::ptr_eq(&was.placements, &now.placements) {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    for k in 0..was.annotations.len().max(now.annotations.len()) {
        let same = match (was.annotations.get(k), now.annotations.get(k)) {
            (Some(x), Some(y)) => Rc::ptr_eq(x, y) && was.placements.get(k) == now.placements.get(k),
            _ => false,
        };
        if !same {
            out.push(k);
            if out.len() > FOLD_LIMIT {
                return None;
            }
        }
    }
    Some(out)
}

/// The groups opened whole ("Show all"), by class: a reducer, so the callback that opens one
/// is made once and the groups' props stay equal.
#[derive(Default, PartialEq)]
struct Expanded(Vec<&'static str>);

impl Reducible for Expanded {
    type Action = &'static str;

    fn reduce(self: Rc<Self>, class: &'static str) -> Rc<Self> {
        let mut v = self.0.clone();
        if !v.contains(&class) {
            v.push(class);
        }
        Rc::new(Expanded(v))
    }
}

#[component]
pub fn AnnotationPanel(props: &AnnotationPanelProps) -> Html {
    let (d, filter) = (&props.dispatch, props.filter);
    let expanded = use_reducer(Expanded::default);
    let onmore: Callback<&'static str> = (*use_memo((), {
        let e = expanded.dispatcher();
        move |_| Callback::from(move |c| e.dispatch(c))
    }))
    .clone();
    // The filter chips' listeners, made again only when the filter changes (a chip pressed
    // again shows all).
    let chip_clicks = use_memo(filter, {
        let d = d.clone();
        move |&filter| CHIPS.map(|f| {
            let pressed = filter == f;
            d.reform(move |_: MouseEvent| Action::SetFilter(if pressed { Filter::All } else { f }))
        })
    });
    let tally = use_mut_ref(Tally::default);
    let Some(DocRef(doc)) = props.doc.as_ref() else { return html! {} };
    tally.borrow_mut().update(&props.article, doc);
    let t = tally.borrow();
    let counts: Vec<(Label, usize)> = LABELS.iter().zip(t.labels).map(|(&l, n)| (l, n)).collect();
    let count = |l: Label| counts.iter().find(|c| c.0 == l).map_or(0, |c| c.1);
    let max = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1);
    let (suggestions, untagged_claims) = (t.suggestions, t.untagged);

    let filter_button = |f: Filter, text: String| {
        let pressed = filter == f;
        let onclick = CHIPS.iter().position(|&c| c == f).map(|k| chip_clicks[k].clone());
        html! { <button class="chip" aria-pressed={pressed.to_string()} {onclick}>{ text }</button> }
    };

    let group = |g: usize, title: &'static str, class: &'static str| html! {
        <Group {title} {class} members={t.groups[g].clone()} open={expanded.0.contains(&class)}
               editing={props.editing.clone()} dispatch={d.clone()} onmore={onmore.clone()} />
    };

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
            if t.live == 0 {
                <p class="hint">{ "No annotations yet. Select a statement and press 1, 2 or 3, or select any text with the mouse." }</p>
            }
            { for LABELS.iter().enumerate().filter(|&(_, &l)| matches!(filter, Filter::All | Filter::Tag(_)) && (filter == Filter::All || filter == Filter::Tag(l))).map(|(g, &l)| {
                group(g, label_name(l), label_class(l))
            }) }
            if filter == Filter::All {
                { group(NOTES, "Notes", "notes") }
                { group(NAMES, "Names you corrected", "names") }
                { group(DETACHED, "Detached", "detached") }
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct GroupProps {
    title: &'static str,
    class: &'static str,
    members: Members,
    /// Opened whole ("Show all").
    open: bool,
    /// The annotation whose note is being edited.
    editing: Option<String>,
    dispatch: Callback<Action>,
    onmore: Callback<&'static str>,
}

/// One group of the panel: a component of its own, so a change draws only the groups whose
/// records it touched.
#[component]
fn Group(props: &GroupProps) -> Html {
    let members = &props.members.0;
    if members.is_empty() {
        return html! {};
    }
    // Long lists are cut, so thousands of annotations do not weigh on every keypress.
    let total = members.len();
    let items = first_sorted(members.iter().collect(), (!props.open).then_some(GROUP_LIMIT), |(i, _, p)| text_order(*i, *p));
    let shown = items.len();
    let more = { let (onmore, class) = (props.onmore.clone(), props.class); Callback::from(move |_: MouseEvent| onmore.emit(class)) };
    let item = |x: &Rc<Annotation>, placed: bool| {
        let editing = props.editing.as_deref() == Some(x.id.as_str());
        html! { <Item key={x.id.clone()} record={Record(x.clone())} {placed} {editing} dispatch={props.dispatch.clone()} /> }
    };
    html! {
        <section class={classes!("group", props.class)}>
            <h3>{ props.title }<span class="count">{ total }</span></h3>
            <ul>{ for items.iter().map(|(_, x, p)| item(x, p.is_some())) }</ul>
            if shown < total {
                <button class="link" onclick={more}>{ format!("Show all {total}") }</button>
            }
        </section>
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
    use super::{first_sorted, text_order, Tally};
    use crate::state::{Article, Doc};
    use annotator_core::Label;
    use std::rc::Rc;

    /// The figures folded in change by change are those counted from scratch, through tags,
    /// clearings, rejections, notes, undo and redo on an article with claims and suggestions.
    #[test]
    fn folded_figures_match_a_fresh_count() {
        let text = "Deal news\n\nThe ministry said it will ban the imports. Critics condemned the decision. \
                    The rule could take effect next year. Officials announced new rules on Monday.\n\n\
                    The opposition said the plan would fail. Prices might rise, analysts warned.";
        let a = Rc::new(Article::new("t".into(), annotator_core::analyze(text)));
        let mut doc = Doc::new(&a, Vec::new());
        let mut tally = Tally::default();
        let mut seed = 11u64;
        let mut next = move |m: u64| { seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); (seed >> 33) % m };
        let n = a.statements.len() as u64;
        assert!(n >= 4 && a.statements.iter().any(|&i| a.analysis.sentences[i].suggestion.is_some()));
        for step in 0..300 {
            let s = &a.analysis.sentences[a.statements[next(n) as usize]];
            let range = match next(4) { 0 => (s.start, s.start + 3), _ => (s.start, s.end) };
            match next(7) {
                0 => { doc.step(&a, true); }
                1 => { doc.step(&a, false); }
                2 => doc.change_at(&a, range, |x| { x.tag = None; x.rejected = true; }),
                3 => doc.change_at(&a, range, |x| x.note = if x.note.is_empty() { "why".into() } else { String::new() }),
                4 => doc.change_at(&a, range, |x| x.tag = None),
                k => doc.change_at(&a, range, |x| x.tag = Some([Label::Official, Label::Criticism, Label::Speculation][k as usize % 3])),
            }
            tally.update(&a, &doc);
            let mut fresh = Tally::default();
            fresh.update(&a, &doc);
            assert_eq!((tally.live, tally.labels, tally.suggestions, tally.untagged), (fresh.live, fresh.labels, fresh.suggestions, fresh.untagged), "step {step}");
            for (g, (x, y)) in tally.groups.iter().zip(fresh.groups.iter()).enumerate() {
                let key = |m: &super::Members| { let mut v: Vec<_> = m.0.iter().map(|(i, x, p)| (*i, x.id.clone(), *p)).collect(); v.sort(); v };
                assert_eq!(key(x), key(y), "step {step}, group {g}");
            }
        }
    }

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
