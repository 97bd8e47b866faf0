//! The class view's state and its reducer, beside the reader's (`state`): the class's collected
//! work, the articles it is about (analysed, with their answer keys), each article's summary,
//! and what the teacher is looking at. Effects (`effects::class`) read files and links, fetch
//! articles and save; they report here as `ClassAction`s. Pure; tested natively.

use std::collections::BTreeMap;
use std::rc::Rc;

use annotator_core::formats::class::{Incoming, Work};
use yew::Reducible;

use crate::annotations::Annotation;
use crate::article::Article;
use crate::class::{collect, summarise_article, Collected, Summary};
use crate::state::{Load, State};
use crate::storage::ManifestEntry;

/// Every article the teacher can choose: the site's and their own.
pub fn entries(state: &State) -> Vec<ManifestEntry> {
    let site = match &state.articles {
        Load::Ready(list) => list.to_vec(),
        _ => Vec::new(),
    };
    site.into_iter().chain(state.own.iter().cloned()).collect()
}

/// Which answer key goes into the class pack with an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyChoice {
    None,
    /// The key the site already has for it.
    Site,
    /// The teacher's own annotations of it.
    Mine,
}

/// An article of the class's work, ready to summarise: analysed, with its answer key if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    pub article: Rc<Article>,
    pub key: Option<Rc<Vec<Annotation>>>,
}

/// Work without a student's name, waiting for the teacher to name it: (where it came from, the
/// work), one name per source.
pub type Unnamed = Vec<(String, Vec<Incoming>)>;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClassState {
    pub open: bool,
    /// Large type for a projector.
    pub projector: bool,
    pub work: Rc<Vec<Work>>,
    /// The stored work has been read (nothing is saved before, so nothing is written over it).
    pub loaded: bool,
    /// Bumped on every change of `work` that must be saved.
    pub changes: u64,
    /// Per article id of the work.
    pub prepared: Rc<BTreeMap<String, Load<Prepared>>>,
    pub summaries: Rc<BTreeMap<String, Rc<Summary>>>,
    /// The article shown.
    pub chosen: Option<String>,
    pub unnamed: Unnamed,
    /// What the batch waiting for names already found (problems, counts).
    pub held: Collected,
    pub info: Option<String>,
    pub problem: Option<String>,
    /// A statement (index into the summary's statements) to scroll to; the counter makes a
    /// second click on the same one scroll again.
    pub jump: Option<(u64, usize)>,
}

pub enum ClassAction {
    Open(bool),
    Projector(bool),
    Choose(String),
    Jump(usize),
    /// The stored work was read; with a notice if it was unreadable and set aside.
    Stored(Vec<Work>),
    /// Work read from links or files, with what could not be read (one phrase each) and the
    /// articles of the collection to check it against.
    Incoming { items: Vec<Incoming>, problems: Vec<String>, entries: Vec<ManifestEntry> },
    /// Names for the unnamed sources, in order (an empty name leaves that source out).
    Names { names: Vec<String>, entries: Vec<ManifestEntry> },
    /// An article of the work fetched and analysed (or why not).
    Prepared { id: String, result: Result<Prepared, String> },
    /// Fetching started for these articles.
    Preparing(Vec<String>),
    /// The teacher confirmed removing all of the class's work.
    RemoveAll,
    Info(Option<String>),
    Problem(Option<String>),
}

impl ClassState {
    /// Article ids of the work, in first-collected order.
    pub fn articles(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for w in self.work.iter() {
            if !ids.contains(&w.article) {
                ids.push(w.article.clone());
            }
        }
        ids
    }

    /// Articles of the work neither prepared nor being prepared.
    pub fn to_prepare(&self) -> Vec<String> {
        self.articles().into_iter().filter(|id| !self.prepared.contains_key(id)).collect()
    }

    fn summarise(&mut self, id: &str) {
        let mut summaries = (*self.summaries).clone();
        match self.prepared.get(id) {
            Some(Load::Ready(p)) => {
                let work: Vec<&Work> = self.work.iter().filter(|w| w.article == id).collect();
                summaries.insert(id.to_owned(), Rc::new(summarise_article(&p.article, p.key.as_deref().map(Vec::as_slice), &work)));
            }
            _ => {
                summaries.remove(id);
            }
        }
        self.summaries = Rc::new(summaries);
    }

    fn take(&mut self, items: &[Incoming], entries: &[ManifestEntry], report: Collected) {
        let before: Vec<Work> = (*self.work).clone();
        let (work, report) = collect(&before, items, entries, report);
        let (done, problem) = report.message();
        self.info = Some(done);
        self.problem = problem;
        if work != before {
            let mut touched: Vec<String> =
                work.iter().filter(|w| !before.contains(w)).map(|w| w.article.clone()).collect();
            touched.sort();
            touched.dedup();
            self.work = Rc::new(work);
            self.changes += 1;
            for id in touched {
                self.summarise(&id);
            }
        }
        if self.chosen.is_none() {
            self.chosen = self.articles().into_iter().next();
        }
    }

    pub fn reduce(mut self, action: ClassAction) -> Self {
        match action {
            ClassAction::Open(open) => self.open = open,
            ClassAction::Projector(on) => self.projector = on,
            ClassAction::Choose(id) => {
                self.chosen = Some(id);
                self.jump = None;
            }
            ClassAction::Jump(i) => self.jump = Some((self.jump.map_or(0, |(n, _)| n + 1), i)),
            ClassAction::Stored(work) => {
                self.work = Rc::new(work);
                self.loaded = true;
                self.chosen = self.chosen.clone().or_else(|| self.articles().into_iter().next());
            }
            ClassAction::Incoming { items, problems, entries } => {
                let (named, unnamed): (Vec<Incoming>, Vec<Incoming>) = items.into_iter().partition(|i| !i.student.trim().is_empty());
                if unnamed.is_empty() && self.unnamed.is_empty() {
                    self.take(&named, &entries, Collected { problems, ..Collected::default() });
                } else {
                    // Ask once for every unnamed source; the named work waits with them (in the
                    // first group, without a source), so the teacher gets one message for the
                    // whole batch. A batch arriving while the question is open joins it.
                    if self.unnamed.is_empty() {
                        self.unnamed.push((String::new(), Vec::new()));
                    }
                    self.unnamed[0].1.extend(named);
                    for i in unnamed {
                        match self.unnamed.iter_mut().skip(1).find(|(from, _)| *from == i.from) {
                            Some((_, list)) => list.push(i),
                            None => self.unnamed.push((i.from.clone(), vec![i])),
                        }
                    }
                    self.held.problems.extend(problems);
                }
            }
            ClassAction::Names { names, entries } => {
                let groups = std::mem::take(&mut self.unnamed);
                let mut items: Vec<Incoming> = Vec::new();
                let mut report = std::mem::take(&mut self.held);
                let mut names = names.into_iter();
                for (from, list) in groups {
                    if from.is_empty() {
                        // The named work of the batch.
                        items.extend(list);
                        continue;
                    }
                    let name = names.next().unwrap_or_default();
                    if name.trim().is_empty() {
                        report.problems.push(format!("{from} (no student's name given)"));
                        continue;
                    }
                    items.extend(list.into_iter().map(|i| Incoming { student: name.trim().to_owned(), ..i }));
                }
                self.take(&items, &entries, report);
            }
            ClassAction::Preparing(ids) => {
                let mut prepared = (*self.prepared).clone();
                for id in ids {
                    prepared.entry(id).or_insert(Load::Loading);
                }
                self.prepared = Rc::new(prepared);
            }
            ClassAction::Prepared { id, result } => {
                let mut prepared = (*self.prepared).clone();
                prepared.insert(id.clone(), result.map_or_else(Load::Failed, Load::Ready));
                self.prepared = Rc::new(prepared);
                self.summarise(&id);
            }
            ClassAction::RemoveAll => {
                self.work = Rc::new(Vec::new());
                self.summaries = Rc::default();
                self.chosen = None;
                self.jump = None;
                self.unnamed.clear();
                self.changes += 1;
                self.info = Some("The class's work was removed from this browser.".into());
                self.problem = None;
            }
            ClassAction::Info(m) => self.info = m,
            ClassAction::Problem(m) => self.problem = m,
        }
        self
    }
}

impl Reducible for ClassState {
    type Action = ClassAction;

    fn reduce(self: Rc<Self>, action: ClassAction) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).reduce(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use annotator_core::Label;

    const TEXT: &str = "Title\n\nOfficials said the plan is final. Critics condemned it. Costs could rise.";

    fn entries() -> Vec<ManifestEntry> {
        vec![ManifestEntry { id: "a".into(), file: "a.txt".into(), title: "Title".into(), ..ManifestEntry::default() }]
    }

    fn incoming(student: &str, from: &str, sentence: &str, tag: Label) -> Incoming {
        let start = TEXT.find(sentence).unwrap();
        let mut a = Annotation::new(format!("{student}-{start}"), TEXT, start, start + sentence.len(), 1.0);
        a.tag = Some(tag);
        Incoming { student: student.into(), article: "a".into(), from: from.into(), annotations: vec![a] }
    }

    fn prepared() -> Prepared {
        Prepared { article: Rc::new(Article::new("a".into(), annotator_core::analyze(TEXT))), key: None }
    }

    #[test]
    fn unnamed_work_waits_for_one_question_then_joins_the_batch() {
        let s = ClassState::default()
            .reduce(ClassAction::Stored(vec![]))
            .reduce(ClassAction::Prepared { id: "a".into(), result: Ok(prepared()) });
        let items = vec![
            incoming("Ana", "link", "Critics condemned it.", Label::Criticism),
            incoming("", "bo.csv", "Critics condemned it.", Label::Official),
            incoming("", "cy.csv", "Costs could rise.", Label::Speculation),
        ];
        let s = s.reduce(ClassAction::Incoming { items, problems: vec!["line 2 (not a share link)".into()], entries: entries() });
        assert_eq!(s.work.len(), 0, "nothing is taken before the names");
        assert_eq!(s.unnamed.iter().filter(|(f, _)| !f.is_empty()).count(), 2);
        let s = s.reduce(ClassAction::Names { names: vec!["Bo".into(), " ".into()], entries: entries() });
        assert_eq!(s.work.iter().map(|w| w.student.as_str()).collect::<Vec<_>>(), ["Ana", "Bo"]);
        assert_eq!(s.changes, 1);
        let problem = s.problem.clone().unwrap();
        assert!(problem.contains("line 2") && problem.contains("cy.csv (no student's name given)"), "{problem}");
        let summary = &s.summaries["a"];
        assert_eq!(summary.students.len(), 2);
        assert_eq!(summary.contested.len(), 1, "criticism vs official on one statement: {summary:?}");
        assert_eq!(s.chosen.as_deref(), Some("a"));
    }

    #[test]
    fn bad_input_changes_nothing_and_removal_clears_all() {
        let s = ClassState::default()
            .reduce(ClassAction::Stored(vec![]))
            .reduce(ClassAction::Incoming { items: vec![incoming("Ana", "link", "Costs could rise.", Label::Speculation)], problems: vec![], entries: entries() });
        let before = s.work.clone();
        let s = s.reduce(ClassAction::Incoming { items: vec![], problems: vec!["“x.txt” (not annotations)".into()], entries: entries() });
        assert_eq!(s.work, before);
        assert_eq!(s.changes, 1, "nothing to save");
        assert!(s.problem.as_deref().unwrap().contains("x.txt"));
        let s = s.reduce(ClassAction::RemoveAll);
        assert!(s.work.is_empty() && s.summaries.is_empty() && s.chosen.is_none());
        assert_eq!(s.changes, 2);
    }

    #[test]
    fn a_second_batch_joins_the_open_question() {
        let s = ClassState::default()
            .reduce(ClassAction::Stored(vec![]))
            .reduce(ClassAction::Incoming { items: vec![incoming("", "a.csv", "Costs could rise.", Label::Speculation)], problems: vec![], entries: entries() })
            .reduce(ClassAction::Incoming {
                items: vec![incoming("Ana", "link", "Costs could rise.", Label::Official), incoming("", "b.csv", "Costs could rise.", Label::Criticism)],
                problems: vec!["“x.txt” (not annotations)".into()],
                entries: entries(),
            });
        assert_eq!(s.unnamed.iter().map(|(f, l)| (f.as_str(), l.len())).collect::<Vec<_>>(), [("", 1), ("a.csv", 1), ("b.csv", 1)]);
        let s = s.reduce(ClassAction::Names { names: vec!["Bo".into(), "Cy".into()], entries: entries() });
        assert_eq!(s.work.iter().map(|w| w.student.as_str()).collect::<Vec<_>>(), ["Ana", "Bo", "Cy"]);
        assert!(s.problem.as_deref().unwrap().contains("x.txt"));
        assert!(s.unnamed.is_empty());
    }
}
