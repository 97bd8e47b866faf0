//! The reader's annotations of the open article: where each sits in its text, an index by range,
//! and undo history. Changes go through the reducer (`state`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use crate::annotations::{absorb, apply_change, change_between, merge, place_all, stamp, Absorbed, Annotation, Change, Placement};
use crate::article::Article;
use crate::clock;

/// Ranges hashed with a multiply and a rotate (FxHash's step) instead of SipHash: the keys are
/// offsets into the article, which nobody outside chooses, and a key press looks up the range of
/// every statement it redraws and counts.
#[derive(Clone, Copy, Default)]
pub struct RangeHasher(u64);

impl Hasher for RangeHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.add(u64::from(b));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl RangeHasher {
    fn add(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// A map by range (code points), hashed with `RangeHasher`.
pub type RangeMap<V> = HashMap<(usize, usize), V, BuildHasherDefault<RangeHasher>>;

/// The reader's annotations of the open article, where they sit in its text, and undo history.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    pub article_id: String,
    /// Each record shared: a change replaces one pointer, so the list it makes shares every
    /// other record with the list before it (which the previous state, undo and the save still
    /// hold) instead of copying thousands of them.
    pub annotations: Rc<Vec<Rc<Annotation>>>,
    /// Parallel to `annotations`: where each sits now (`None`: detached).
    pub placements: Rc<Vec<Placement>>,
    /// Live annotation covering exactly a range (a statement's own tag), by range.
    pub by_range: Rc<RangeMap<usize>>,
    /// Undoable changes, oldest first, each as the records it touched were before it. Shared,
    /// so the state's copy on every action copies pointers, not records.
    pub undo: Vec<Rc<Change>>,
    pub redo: Vec<Rc<Change>>,
    /// Bumped by every local change; the app saves when it moves.
    pub revision: u64,
    /// Stored by a newer version of the annotator: shown, not changed or saved, until the reader
    /// chooses to edit (the stored original is backed up first).
    pub read_only: bool,
}

/// Undo steps kept; older ones are forgotten (each holds only the records it touched).
pub const UNDO_LIMIT: usize = 1_000;

impl Doc {
    pub fn new(article: &Article, annotations: Vec<Annotation>) -> Self {
        let placements = place_all(&article.analysis.text, &annotations);
        let mut doc = Self {
            article_id: article.id.clone(),
            annotations: Rc::new(annotations.into_iter().map(Rc::new).collect()),
            placements: Rc::new(placements),
            by_range: Rc::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            read_only: false,
        };
        doc.index();
        doc
    }

    /// Build `by_range` from scratch.
    pub(crate) fn index(&mut self) {
        let mut by_range = RangeMap::default();
        for (i, (a, p)) in self.annotations.iter().zip(self.placements.iter()).enumerate() {
            if let (false, Some(range)) = (a.deleted, p) {
                by_range.insert(*range, i);
            }
        }
        self.by_range = Rc::new(by_range);
    }

    /// Bring `by_range` up to date after record `i` alone changed (not its placement): what
    /// `index` would build, without hashing every record again. The last live record on a
    /// range is the one indexed, as in `index`.
    fn index_one(&mut self, i: usize) {
        let Some(range) = self.placements[i] else { return };
        let indexed = self.by_range.get(&range).copied();
        if self.annotations[i].deleted {
            // Another live record on the same range may take its place: found by `index`.
            if indexed == Some(i) {
                self.index();
            }
        } else if indexed.is_none_or(|j| j < i) {
            Rc::make_mut(&mut self.by_range).insert(range, i);
        }
    }

    /// The live annotation exactly on `range`, if any.
    pub fn at(&self, range: (usize, usize)) -> Option<&Annotation> {
        self.by_range.get(&range).map(|&i| &*self.annotations[i]).filter(|a| !a.deleted)
    }

    /// A copy of every record, for what takes the list whole (an export, a whole-record save).
    pub fn records(&self) -> Vec<Annotation> {
        self.annotations.iter().map(|a| (**a).clone()).collect()
    }

    /// Merge in a copy stored elsewhere (another tab, storage): per id the newer record wins.
    /// Whether anything changed.
    pub(crate) fn merge_in(&mut self, article: &Article, theirs: &[Annotation]) -> bool {
        let merged = merge(&self.annotations, theirs);
        let same = merged.len() == self.annotations.len() && merged.iter().zip(self.annotations.iter()).all(|(a, b)| Rc::ptr_eq(a, b));
        if !same {
            self.replace(article, merged);
        }
        !same
    }

    /// The names the reader sees: the analysis' entities with the reader's corrections.
    pub fn names(&self, article: &Article) -> Vec<annotator_core::Entity> {
        let fixes = crate::names::corrections(&self.annotations, &self.placements);
        crate::names::apply(&article.analysis.entities, &fixes, |s, e| article.slice(s, e))
    }

    /// Live annotations with their placements, in document order, detached ones last.
    pub fn live(&self) -> Vec<(&Rc<Annotation>, Placement)> {
        let mut v: Vec<_> = self
            .annotations
            .iter()
            .zip(self.placements.iter())
            .filter(|(a, _)| a.is_live())
            .map(|(a, p)| (a, *p))
            .collect();
        v.sort_by_key(|(_, p)| p.map_or((usize::MAX, 0), |r| r));
        v
    }

    /// How many live annotations there are (`live().len()`, without sorting them).
    pub fn live_count(&self) -> usize {
        self.annotations.iter().filter(|a| a.is_live()).count()
    }

    /// Replace all annotations (after a merge, undo or redo) and re-attach them: a record whose
    /// selectors did not change keeps its place, so only what changed is anchored again.
    pub(crate) fn replace(&mut self, article: &Article, annotations: Vec<Rc<Annotation>>) {
        let old: HashMap<&str, (&Rc<Annotation>, Placement)> = self
            .annotations
            .iter()
            .zip(self.placements.iter())
            .map(|(a, p)| (a.id.as_str(), (a, *p)))
            .collect();
        let mut placements: Vec<Placement> = Vec::with_capacity(annotations.len());
        let mut todo: Vec<usize> = Vec::new();
        for (i, a) in annotations.iter().enumerate() {
            match old.get(a.id.as_str()) {
                Some((o, p)) if Rc::ptr_eq(o, a) || (o.quote == a.quote && o.position == a.position) => placements.push(*p),
                _ => {
                    placements.push(None);
                    todo.push(i);
                }
            }
        }
        if !todo.is_empty() {
            let fresh: Vec<&Annotation> = todo.iter().map(|&i| &*annotations[i]).collect();
            for (&i, p) in todo.iter().zip(place_all(&article.analysis.text, &fresh)) {
                placements[i] = p;
            }
        }
        self.placements = Rc::new(placements);
        self.annotations = Rc::new(annotations);
        self.index();
    }

    fn record_undo(&mut self, change: Change) {
        if self.undo.len() == UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.undo.push(Rc::new(change));
        self.redo.clear();
    }

    /// Undo (`true`) or redo the last change, if there is one; whether something changed.
    pub(crate) fn step(&mut self, article: &Article, undo: bool) -> bool {
        let Some(change) = (if undo { self.undo.pop() } else { self.redo.pop() }) else { return false };
        let mut list = (*self.annotations).clone();
        let inverse = Rc::new(apply_change(&mut list, &change, clock::now()));
        if undo { self.redo.push(inverse) } else { self.undo.push(inverse) }
        self.replace(article, list);
        self.revision += 1;
        true
    }

    /// Take in annotations from elsewhere (an import, a shared link) as one undoable change.
    /// `incoming_at` is where each sits in the article's text, if the caller anchored them
    /// already (an import does, a few at a time, so a large file never blocks the page).
    pub(crate) fn absorb(&mut self, article: &Article, incoming: &[Annotation], incoming_at: Option<&[Placement]>) -> Absorbed {
        let placed;
        let incoming_at = match incoming_at {
            Some(at) if at.len() == incoming.len() => at,
            _ => {
                placed = place_all(&article.analysis.text, incoming);
                &placed
            }
        };
        let (merged, placements, report) = absorb(&self.annotations, &self.placements, incoming, incoming_at, clock::now());
        if report.taken() > 0 {
            let change = change_between(&self.annotations, &merged);
            self.record_undo(change);
            self.annotations = Rc::new(merged);
            self.placements = Rc::new(placements);
            self.index();
            self.revision += 1;
        }
        report
    }

    /// Apply a local change to the annotation on `range` (created if missing), recording undo.
    pub(crate) fn change_at(&mut self, article: &Article, range: (usize, usize), f: impl FnOnce(&mut Annotation)) {
        let now = clock::now();
        let i = match self.by_range.get(&range) {
            Some(&i) if !self.annotations[i].deleted => i,
            _ => {
                if let Some(i) = self.tombstone_at(range) {
                    // The reader cleared this text earlier: its record comes back, rather than a
                    // new one beside it, so clearing and tagging again and again does not grow
                    // the list (and what is stored) without end. It is described afresh from the
                    // text, keeps its id, creation time and what this version does not know, and
                    // is stamped past the tombstone, so the change wins every merge as any does.
                    let before = self.annotations[i].clone();
                    self.record_undo(vec![(before.id.clone(), Some(before.clone()))]);
                    let mut fresh = article.annotation(before.id.clone(), range.0, range.1, before.created);
                    fresh.modified = before.modified;
                    fresh.unknown = before.unknown.clone();
                    Rc::make_mut(&mut self.annotations)[i] = Rc::new(fresh);
                    return self.commit(i, now, f);
                }
                let a = article.annotation(clock::new_id(), range.0, range.1, now);
                Rc::make_mut(&mut self.annotations).push(Rc::new(a));
                Rc::make_mut(&mut self.placements).push(Some(range));
                self.record_undo(vec![(self.annotations[self.annotations.len() - 1].id.clone(), None)]);
                let i = self.annotations.len() - 1;
                return self.commit(i, now, f);
            }
        };
        self.record_undo(vec![(self.annotations[i].id.clone(), Some(self.annotations[i].clone()))]);
        self.commit(i, now, f);
    }

    /// A deleted record placed on exactly `range`.
    fn tombstone_at(&self, range: (usize, usize)) -> Option<usize> {
        self.annotations.iter().zip(self.placements.iter()).position(|(a, p)| a.deleted && *p == Some(range))
    }

    pub(crate) fn change_by_id(&mut self, article: &Article, id: &str, f: impl FnOnce(&mut Annotation)) {
        let Some(i) = self.annotations.iter().position(|a| a.id == id) else { return };
        match self.placements.get(i).copied().flatten() {
            Some(range) if self.by_range.get(&range) == Some(&i) => self.change_at(article, range, f),
            _ => {
                // Detached or shadowed: change it in place.
                let before = self.annotations[i].clone();
                // A note-only record starts as a tombstone (see `EditCurrentNote`); writing
                // its note brings it to life.
                self.record_undo(vec![(before.id.clone(), Some(before))]);
                self.commit(i, clock::now(), |x| {
                    x.deleted = false;
                    f(x);
                });
            }
        }
    }

    /// The common end of a local change (undo already recorded): apply `f` to record `i`, stamp
    /// it, turn a record left with nothing in it into a deletion, and ask for a save.
    fn commit(&mut self, i: usize, now: f64, f: impl FnOnce(&mut Annotation)) {
        // One record copied; the list's other records are shared (see `annotations`).
        let list = Rc::make_mut(&mut self.annotations);
        let x = Rc::make_mut(&mut list[i]);
        let previous = x.modified;
        f(x);
        x.modified = stamp(previous, now);
        if !x.is_live() {
            x.deleted = true;
        }
        self.index_one(i);
        self.revision += 1;
    }

    /// Add a note-only record (a tombstone until its note is written, see `EditCurrentNote`).
    pub(crate) fn add_note_only(&mut self, record: Annotation, range: (usize, usize)) {
        Rc::make_mut(&mut self.annotations).push(Rc::new(Annotation { deleted: true, ..record }));
        Rc::make_mut(&mut self.placements).push(Some(range));
    }
}
