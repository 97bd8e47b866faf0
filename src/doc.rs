//! The reader's annotations of the open article: where each sits in its text, an index by range,
//! and undo history. Changes go through the reducer (`state`).

use std::collections::HashMap;
use std::rc::Rc;

use crate::annotations::{absorb, place_all, Absorbed, Annotation, Placement};
use crate::article::Article;
use crate::clock;

/// The reader's annotations of the open article, where they sit in its text, and undo history.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    pub article_id: String,
    pub annotations: Rc<Vec<Annotation>>,
    /// Parallel to `annotations`: where each sits now (`None`: detached).
    pub placements: Rc<Vec<Placement>>,
    /// Live annotation covering exactly a range (a statement's own tag), by range.
    pub by_range: Rc<HashMap<(usize, usize), usize>>,
    pub undo: Vec<Rc<Vec<Annotation>>>,
    pub redo: Vec<Rc<Vec<Annotation>>>,
    /// Bumped by every local change; the app saves when it moves.
    pub revision: u64,
}

impl Doc {
    pub fn new(article: &Article, annotations: Vec<Annotation>) -> Self {
        let placements = place_all(&article.analysis.text, &annotations);
        let mut doc = Self {
            article_id: article.id.clone(),
            annotations: Rc::new(annotations),
            placements: Rc::new(placements),
            by_range: Rc::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
        };
        doc.index();
        doc
    }

    fn index(&mut self) {
        let mut by_range = HashMap::new();
        for (i, (a, p)) in self.annotations.iter().zip(self.placements.iter()).enumerate() {
            if let (false, Some(range)) = (a.deleted, p) {
                by_range.insert(*range, i);
            }
        }
        self.by_range = Rc::new(by_range);
    }

    /// The live annotation exactly on `range`, if any.
    pub fn at(&self, range: (usize, usize)) -> Option<&Annotation> {
        self.by_range.get(&range).map(|&i| &self.annotations[i]).filter(|a| !a.deleted)
    }

    /// Live annotations with their placements, in document order, detached ones last.
    pub fn live(&self) -> Vec<(&Annotation, Placement)> {
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

    /// Replace all annotations (after a merge, undo or redo) and re-attach them.
    pub(crate) fn replace(&mut self, article: &Article, annotations: Vec<Annotation>) {
        self.placements = Rc::new(place_all(&article.analysis.text, &annotations));
        self.annotations = Rc::new(annotations);
        self.index();
    }

    /// Take in annotations from elsewhere (an import, a shared link) as one undoable change.
    pub(crate) fn absorb(&mut self, article: &Article, incoming: &[Annotation]) -> Absorbed {
        let incoming_at = place_all(&article.analysis.text, incoming);
        let (merged, report) = absorb(&self.annotations, &self.placements, incoming, &incoming_at, clock::now());
        if report.taken() > 0 {
            self.undo.push(self.annotations.clone());
            self.redo.clear();
            self.replace(article, merged);
            self.revision += 1;
        }
        report
    }

    /// Apply a local change to the annotation on `range` (created if missing), recording undo.
    pub(crate) fn change_at(&mut self, article: &Article, range: (usize, usize), f: impl FnOnce(&mut Annotation)) {
        let now = clock::now();
        let mut list = (*self.annotations).clone();
        let mut placements = (*self.placements).clone();
        let i = match self.by_range.get(&range) {
            Some(&i) if !list[i].deleted => i,
            _ => {
                list.push(Annotation::new(clock::new_id(), &article.analysis.text, range.0, range.1, now));
                placements.push(Some(range));
                list.len() - 1
            }
        };
        self.commit(list, Some(placements), i, now, f);
    }

    pub(crate) fn change_by_id(&mut self, article: &Article, id: &str, f: impl FnOnce(&mut Annotation)) {
        let Some(i) = self.annotations.iter().position(|a| a.id == id) else { return };
        match self.placements[i] {
            Some(range) if self.by_range.get(&range) == Some(&i) => self.change_at(article, range, f),
            _ => {
                // Detached or shadowed: change it in place.
                let mut list = (*self.annotations).clone();
                // A note-only record starts as a tombstone (see `EditCurrentNote`); writing
                // its note brings it to life.
                list[i].deleted = false;
                self.commit(list, None, i, clock::now(), f);
            }
        }
    }

    /// The common end of a local change: record undo, apply `f` to record `i` of `list`, stamp
    /// it, turn a record left with nothing in it into a deletion, and ask for a save.
    fn commit(
        &mut self,
        mut list: Vec<Annotation>,
        placements: Option<Vec<Placement>>,
        i: usize,
        now: f64,
        f: impl FnOnce(&mut Annotation),
    ) {
        self.undo.push(self.annotations.clone());
        self.redo.clear();
        f(&mut list[i]);
        list[i].modified = now;
        if !list[i].is_live() {
            list[i].deleted = true;
        }
        self.annotations = Rc::new(list);
        if let Some(p) = placements {
            self.placements = Rc::new(p);
        }
        self.index();
        self.revision += 1;
    }
}
