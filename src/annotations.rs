//! A reader's annotations of one article: the data, how they are attached to the text, how two
//! copies (two tabs, an import) merge, and how undo is expressed. Pure: no storage, no DOM.
//!
//! Deletion leaves a tombstone (`deleted: true`) rather than removing the record, and every change
//! moves `modified` past its previous value (`stamp`, a per-record hybrid logical clock). Merging
//! two copies then needs no history: per id, the newer record wins, so an annotation made in
//! either of two tabs is never lost, a deletion in one reaches the other, and a record stamped by
//! a clock that runs ahead can still be changed.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::rc::Rc;

use annotator_core::anchor::Anchorer;
pub use annotator_core::formats::record::{stamp, Annotation, EntityMark};

/// A list element that holds an annotation: the record itself (storage, imports) or a shared
/// one (the open article's list, `Doc`), where a change replaces one pointer and the rest of
/// the list is shared with the state before it rather than copied.
pub trait Record: Borrow<Annotation> + Clone + From<Annotation> {
    /// The record as a shared pointer (free for a shared one).
    fn shared(&self) -> Rc<Annotation>;
}

impl Record for Annotation {
    fn shared(&self) -> Rc<Annotation> {
        Rc::new(self.clone())
    }
}

impl Record for Rc<Annotation> {
    fn shared(&self) -> Rc<Annotation> {
        self.clone()
    }
}

/// Where an annotation sits in the current text, or `None` when its text cannot be found
/// (detached: kept and listed, never dropped).
pub type Placement = Option<(usize, usize)>;

/// Attach every annotation to `text`, building the text index once.
pub fn place_all<A: Borrow<Annotation>>(text: &str, annotations: &[A]) -> Vec<Placement> {
    let anchorer = Anchorer::new(text);
    annotations
        .iter()
        .map(|a| {
            let a = a.borrow();
            anchorer.anchor(&a.quote, Some(&a.position)).map(|x| (x.start, x.end))
        })
        .collect()
}

/// Merge two copies of one article's annotations: per id the most recently modified record wins
/// (ties go to `ours`). Order: ours first, then records only they have, by creation time.
pub fn merge<A: Record>(ours: &[A], theirs: &[Annotation]) -> Vec<A> {
    merge_into(ours.to_vec(), theirs)
}

/// [`merge`] into `ours` itself: a large list is not copied (folding a journal into a record of
/// thousands of annotations would hold both copies at once).
pub fn merge_into<A: Record>(ours: Vec<A>, theirs: &[Annotation]) -> Vec<A> {
    let mut out = ours;
    // Found first, applied after: the index borrows `out`.
    let mut newer: HashMap<usize, &Annotation> = HashMap::new();
    let mut extra: Vec<Annotation> = Vec::new();
    {
        let by_id: HashMap<&str, usize> = out.iter().enumerate().map(|(i, a)| (a.borrow().id.as_str(), i)).collect();
        for t in theirs {
            match by_id.get(t.id.as_str()) {
                Some(&i) if t.modified > newer.get(&i).map_or(out[i].borrow().modified, |n| n.modified) => {
                    newer.insert(i, t);
                }
                Some(_) => {}
                None => extra.push(t.clone()),
            }
        }
    }
    for (i, t) in newer {
        out[i] = t.clone().into();
    }
    extra.sort_by(|a, b| a.created.total_cmp(&b.created));
    out.extend(extra.into_iter().map(A::from));
    out
}

/// Whether `ours` holds a record that `theirs` lacks or has in an older version — then `theirs`
/// (say, what another tab just stored) needs our copy merged into it.
pub fn has_news_for<A: Borrow<Annotation>>(ours: &[A], theirs: &[Annotation]) -> bool {
    let known: HashMap<&str, f64> = theirs.iter().map(|a| (a.id.as_str(), a.modified)).collect();
    ours.iter().map(Borrow::borrow).any(|a: &Annotation| known.get(a.id.as_str()).is_none_or(|&m| m < a.modified))
}

/// One undoable change, as the records it touched were before it: per id, the record to put
/// back, or `None` for a record the change added (undoing it leaves a tombstone). Undo keeps
/// these, not copies of the whole list, so its memory grows with what changed; the records are
/// shared with the lists that held them.
pub type Change = Vec<(String, Option<Rc<Annotation>>)>;

/// The change that takes `after` back to `before` (two versions of one list): the records that
/// differ or are new in `after`.
pub fn change_between<A: Record>(before: &[A], after: &[A]) -> Change {
    let old: HashMap<&str, &A> = before.iter().map(|a| (a.borrow().id.as_str(), a)).collect();
    after
        .iter()
        .filter_map(|x| {
            let a: &Annotation = x.borrow();
            match old.get(a.id.as_str()) {
                Some(b) if (*b).borrow() == a => None,
                Some(b) => Some((a.id.clone(), Some(b.shared()))),
                None => Some((a.id.clone(), None)),
            }
        })
        .collect()
}

/// Apply `change` to `list` at wall time `now`: each record is put back (or tombstoned), stamped
/// past its current stamp so the undo also wins any merge. Returns the inverse change (for redo).
pub fn apply_change<A: Record>(list: &mut Vec<A>, change: &Change, now: f64) -> Change {
    let index: HashMap<String, usize> = list.iter().enumerate().map(|(i, a)| (a.borrow().id.clone(), i)).collect();
    let mut inverse = Vec::with_capacity(change.len());
    for (id, to) in change {
        let at = index.get(id).copied();
        inverse.push((id.clone(), at.map(|i| list[i].shared())));
        match (at, to) {
            (Some(i), Some(t)) => {
                let modified = stamp(list[i].borrow().modified, now);
                list[i] = Annotation { modified, ..(**t).clone() }.into();
            }
            (Some(i), None) if !list[i].borrow().deleted => {
                let was: &Annotation = list[i].borrow();
                list[i] = Annotation { deleted: true, modified: stamp(was.modified, now), ..was.clone() }.into();
            }
            (Some(_), None) => {}
            (None, Some(t)) => list.push(Annotation { modified: stamp(t.modified, now), ..(**t).clone() }.into()),
            (None, None) => {}
        }
    }
    inverse
}

/// What taking in another copy's annotations (an import, a shared link) did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Absorbed {
    /// Records new to this copy.
    pub added: usize,
    /// Records this copy had in an older version.
    pub updated: usize,
    /// Records this copy already had as they are (or newer).
    pub unchanged: usize,
    /// Records left out because the reader has another annotation on exactly that text: theirs
    /// never silently replaces the reader's own.
    pub kept_yours: usize,
    /// Of the records taken in, those whose text cannot be found (kept, listed as detached).
    pub detached: usize,
}

impl Absorbed {
    pub fn add(&mut self, o: &Absorbed) {
        self.added += o.added;
        self.updated += o.updated;
        self.unchanged += o.unchanged;
        self.kept_yours += o.kept_yours;
        self.detached += o.detached;
    }

    pub fn taken(&self) -> usize {
        self.added + self.updated
    }

    /// One sentence for the reader.
    pub fn describe(&self, what: &str) -> String {
        let mut parts = vec![format!("{} new", self.added)];
        if self.updated > 0 {
            parts.push(format!("{} updated", self.updated));
        }
        if self.unchanged > 0 {
            parts.push(format!("{} already there", self.unchanged));
        }
        let mut out = format!("{what}: {}.", parts.join(", "));
        if self.detached > 0 {
            out.push_str(&format!(
                " {} {} detached: {} text was not found in the article; {} listed under “Detached”.",
                self.detached,
                if self.detached == 1 { "is" } else { "are" },
                if self.detached == 1 { "its" } else { "their" },
                if self.detached == 1 { "it is" } else { "they are" },
            ));
        }
        if self.kept_yours > 0 {
            out.push_str(&format!(
                " {} left out because you had already annotated the same text.",
                self.kept_yours
            ));
        }
        out
    }
}

/// Take `incoming` annotations (placed at `incoming_at` in the same text as `ours`) into `ours`:
/// by id the newer record wins, as between two tabs; a record with a new id is added unless the
/// reader already has a live annotation on exactly the same text. Deleted incoming records are
/// ignored: an import never deletes. Returns the merged list with where each record sits (from
/// the placements given, so nothing is anchored twice) and what was taken in.
pub fn absorb<A: Record>(
    ours: &[A],
    ours_at: &[Placement],
    incoming: &[Annotation],
    incoming_at: &[Placement],
    now: f64,
) -> (Vec<A>, Vec<Placement>, Absorbed) {
    let mut out = ours.to_vec();
    let mut out_at = ours_at.to_vec();
    let by_id: HashMap<String, usize> = ours.iter().enumerate().map(|(i, a)| (a.borrow().id.clone(), i)).collect();
    let mut taken: std::collections::HashSet<(usize, usize)> = ours
        .iter()
        .zip(ours_at)
        .filter(|(a, _)| (*a).borrow().is_live())
        .filter_map(|(_, p)| *p)
        .collect();
    let mut report = Absorbed::default();
    for (a, at) in incoming.iter().zip(incoming_at) {
        if !a.is_live() {
            continue;
        }
        match by_id.get(&a.id) {
            Some(&i) if a.modified > out[i].borrow().modified => {
                out[i] = a.clone().into();
                out_at[i] = *at;
                report.updated += 1;
            }
            Some(_) => {
                report.unchanged += 1;
                continue;
            }
            None => {
                if at.is_some_and(|r| !taken.insert(r)) {
                    report.kept_yours += 1;
                    continue;
                }
                // Stamped now, so the record also wins over a tombstone another tab may hold.
                out.push(Annotation { modified: now.max(a.modified), ..a.clone() }.into());
                out_at.push(*at);
                report.added += 1;
            }
        }
        if at.is_none() {
            report.detached += 1;
        }
    }
    (out, out_at, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use annotator_core::Label;

    const TEXT: &str = "Officials say the move is driven by concerns. Critics warned it could backfire.";

    fn ann(id: &str, start: usize, end: usize, tag: Option<Label>, t: f64) -> Annotation {
        Annotation { tag, ..Annotation::new(id.into(), TEXT, start, end, t) }
    }

    #[test]
    fn newer_record_wins_and_nothing_is_lost() {
        let a1 = ann("a", 0, 45, Some(Label::Official), 1.0);
        let a2 = Annotation { tag: Some(Label::Criticism), modified: 5.0, ..a1.clone() };
        let b = ann("b", 46, 79, Some(Label::Speculation), 2.0);
        let c = ann("c", 46, 53, Some(Label::Criticism), 3.0);
        let merged = merge(&[a1.clone(), b.clone()], &[a2.clone(), c.clone()]);
        assert_eq!(merged, vec![a2.clone(), b.clone(), c.clone()]);
        // Symmetric in content.
        let other = merge(&[a2.clone(), c.clone()], &[a1, b.clone()]);
        assert_eq!(other, vec![a2, c, b]);
    }

    #[test]
    fn news_for_another_copy() {
        let a = ann("a", 0, 45, Some(Label::Official), 1.0);
        let b = ann("b", 46, 79, Some(Label::Criticism), 2.0);
        assert!(has_news_for(&[a.clone(), b.clone()], &[a.clone()]));
        assert!(!has_news_for(&[a.clone()], &[a.clone(), b.clone()]));
        let newer = Annotation { modified: 9.0, ..a.clone() };
        assert!(has_news_for(&[newer], &[a]));
    }

    #[test]
    fn a_deletion_reaches_the_other_copy() {
        let a = ann("a", 0, 45, Some(Label::Official), 1.0);
        let gone = Annotation { deleted: true, modified: 2.0, ..a.clone() };
        let merged = merge(&[a], &[gone.clone()]);
        assert_eq!(merged, vec![gone]);
        assert!(!merged[0].is_live());
    }

    #[test]
    fn changes_undo_and_redo_as_inverses() {
        let a = ann("a", 0, 45, Some(Label::Official), 1.0);
        let a_changed = Annotation { tag: Some(Label::Criticism), modified: 2.0, ..a.clone() };
        let b = ann("b", 46, 79, Some(Label::Speculation), 3.0);
        let before = vec![a.clone()];
        let after = vec![a_changed.clone(), b.clone()];
        let change = change_between(&before, &after);
        assert_eq!(change, vec![("a".to_owned(), Some(Rc::new(a.clone()))), ("b".to_owned(), None)]);
        let mut list = after.clone();
        let redo = apply_change(&mut list, &change, 10.0);
        assert_eq!((list[0].tag, list[0].modified), (Some(Label::Official), 10.0));
        assert!(list[1].deleted && list[1].modified == 10.0);
        apply_change(&mut list, &redo, 11.0);
        assert_eq!((list[0].tag, list[1].deleted), (Some(Label::Criticism), false));
    }

    #[test]
    fn a_record_from_a_clock_that_runs_ahead_can_still_be_changed() {
        let future = 4_102_444_800_000.0; // 2100
        let theirs = Annotation { modified: future, ..ann("a", 0, 45, Some(Label::Official), 1.0) };
        let mut mine = vec![theirs.clone()];
        // The reader undoes it, or changes it: stamped past the future stamp, so it wins a merge.
        apply_change(&mut mine, &vec![("a".to_owned(), None)], 1_000.0);
        assert!(mine[0].modified > future);
        assert_eq!(merge(&[theirs.clone()], &mine), mine);
        assert!(has_news_for(&mine, &[theirs]));
    }

    #[test]
    fn absorb_adds_updates_and_never_replaces_the_readers_own() {
        let mine = ann("m", 0, 45, Some(Label::Official), 1.0);
        let shared = ann("s", 46, 79, Some(Label::Criticism), 1.0);
        let older_copy_of_shared = Annotation { modified: 0.5, ..shared.clone() };
        let theirs_on_my_text = ann("t", 0, 45, Some(Label::Criticism), 2.0);
        let lost = ann("gone", 0, 9, Some(Label::Speculation), 2.0);
        let ours = [mine.clone(), older_copy_of_shared];
        let incoming = [shared.clone(), theirs_on_my_text, lost.clone(), Annotation { deleted: true, ..ann("d", 0, 3, None, 1.0) }];
        let (out, out_at, report) = absorb(&ours, &[Some((0, 45)), Some((46, 79))], &incoming, &[Some((46, 79)), Some((0, 45)), None, Some((0, 3))], 10.0);
        assert_eq!(report, Absorbed { added: 1, updated: 1, unchanged: 0, kept_yours: 1, detached: 1 });
        assert_eq!(out.len(), 3);
        assert_eq!(out_at, vec![Some((0, 45)), Some((46, 79)), None], "placed as given, not anchored again");
        assert_eq!(out[0], mine, "the reader's own annotation is untouched");
        assert_eq!(out[1], shared);
        assert_eq!((out[2].id.as_str(), out[2].modified), ("gone", 10.0));
        // Taking the same in again changes nothing.
        let placed = [Some((0, 45)), Some((46, 79)), None];
        let (again, _, report) = absorb(&out, &placed, &[shared, lost], &[Some((46, 79)), None], 11.0);
        assert_eq!(again, out);
        assert_eq!((report.taken(), report.unchanged), (0, 2));
        assert!(report.describe("Imported").contains("2 already there"));
    }

    #[test]
    fn placements_follow_edited_text() {
        let a = ann("a", 46, 79, Some(Label::Criticism), 1.0);
        let edited = format!("New first sentence. {TEXT}");
        let placed = place_all(&edited, &[a]);
        assert_eq!(placed, vec![Some((66, 99))]);
        assert_eq!(place_all("Something else entirely.", &[ann("b", 0, 45, None, 1.0)]), vec![None]);
    }
}
