//! The whole UI state and the one reducer that changes it. Components render `State` and emit
//! `Action`s; side effects (fetching, saving, listening to other tabs) live in `app.rs` and report
//! back as actions, so everything here is pure and tested natively.

use std::collections::HashMap;
use std::rc::Rc;

use annotator_core::{Analysis, Label, Sentence};
use yew::Reducible;

use crate::annotations::{absorb, has_news_for, merge, place_all, revert, Absorbed, Annotation, Placement};
use crate::clock;
use crate::storage::{Manifest, ManifestEntry};

/// Something fetched: still on its way, there, or failed with a message for the reader.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(String),
}

/// An analysed article plus what the view needs to slice it quickly. Compared by identity:
/// an article is analysed once, and comparing its whole text on every render would be waste.
#[derive(Debug)]
pub struct Article {
    pub id: String,
    pub analysis: Analysis,
    /// Byte offset of every code point of `analysis.text`, plus the text length at the end:
    /// turns the core's code-point offsets into string slices in O(1).
    byte_at: Vec<usize>,
    /// Indices of the statements a reader moves through with j/k: sentences of paragraphs.
    pub statements: Vec<usize>,
    /// Per block: the range of sentence indices inside it.
    pub block_sentences: Vec<std::ops::Range<usize>>,
}

impl PartialEq for Article {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Article {
    pub fn new(id: String, analysis: Analysis) -> Self {
        let text = &analysis.text;
        let byte_at = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        // Statements are the sentences of paragraphs: not the title, headings or furniture.
        let statements = analysis
            .sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.content && analysis.blocks[s.block].kind == annotator_core::BlockKind::Paragraph)
            .map(|(i, _)| i)
            .collect();
        let sentences = &analysis.sentences;
        let block_sentences = (0..analysis.blocks.len())
            .map(|b| {
                let lo = sentences.partition_point(|s| s.block < b);
                lo..lo + sentences[lo..].partition_point(|s| s.block <= b)
            })
            .collect();
        Self { id, analysis, byte_at, statements, block_sentences }
    }

    /// The text between two code-point offsets, clamped to the text.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let last = self.byte_at.len() - 1;
        let (s, e) = (start.min(last), end.min(last).max(start.min(last)));
        &self.analysis.text[self.byte_at[s]..self.byte_at[e]]
    }

    /// Whether there is any article text at all (not only furniture or whitespace).
    pub fn is_empty(&self) -> bool {
        !self.analysis.sentences.iter().any(|s| s.content)
    }

    /// Entities whose start lies in [start, end).
    pub fn entities_in(&self, start: usize, end: usize) -> &[annotator_core::Entity] {
        let e = &self.analysis.entities;
        let lo = e.partition_point(|x| x.start < start);
        &e[lo..lo + e[lo..].partition_point(|x| x.start < end)]
    }

    /// The sentence containing code point `at`.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let s = &self.analysis.sentences;
        let i = s.partition_point(|x| x.end <= at);
        (i < s.len() && s[i].start <= at).then_some(i)
    }

    pub fn sentence(&self, i: usize) -> Option<&Sentence> {
        self.analysis.sentences.get(i)
    }
}

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

    /// The names the reader sees: the analysis' entities with the reader's corrections.
    pub fn names(&self, article: &Article) -> Vec<annotator_core::Entity> {
        let fixes = crate::names::corrections(&self.annotations, &self.placements);
        crate::names::apply(&article.analysis.entities, &fixes, |s, e| article.slice(s, e))
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
    fn replace(&mut self, article: &Article, annotations: Vec<Annotation>) {
        self.placements = Rc::new(place_all(&article.analysis.text, &annotations));
        self.annotations = Rc::new(annotations);
        self.index();
    }

    /// Take in annotations from elsewhere (an import, a shared link) as one undoable change.
    fn absorb(&mut self, article: &Article, incoming: &[Annotation]) -> Absorbed {
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
    fn change_at(&mut self, article: &Article, range: (usize, usize), f: impl FnOnce(&mut Annotation)) {
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

    fn change_by_id(&mut self, article: &Article, id: &str, f: impl FnOnce(&mut Annotation)) {
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

/// Whose annotations are shown beside the reader's own.
#[derive(Clone, Debug, PartialEq)]
pub enum OtherSource {
    /// The teacher's answer key for the article (named in the manifest).
    Key,
    /// A classmate's or student's work, opened from a share link.
    Shared { name: String },
}

impl OtherSource {
    /// How the comparison names the other side.
    pub fn name(&self) -> String {
        match self {
            OtherSource::Key => "Answer key".into(),
            OtherSource::Shared { name } if name.trim().is_empty() => "Shared work".into(),
            OtherSource::Shared { name } => name.trim().to_owned(),
        }
    }
}

/// Another annotator's work on the open article, attached to its text, shown for comparison
/// and never mixed into the reader's own unless the reader merges it.
#[derive(Clone, Debug, PartialEq)]
pub struct Other {
    pub source: OtherSource,
    pub annotations: Rc<Vec<Annotation>>,
    pub placements: Rc<Vec<Placement>>,
}

impl Other {
    /// Per statement of `article` (in `article.statements` order): the reader's tag and theirs.
    pub fn statement_tags(&self, article: &Article, doc: &Doc) -> (Vec<Option<Label>>, Vec<Option<Label>>) {
        let ranges: Vec<(usize, usize)> = article
            .statements
            .iter()
            .map(|&i| (article.analysis.sentences[i].start, article.analysis.sentences[i].end))
            .collect();
        (
            crate::compare::statement_tags(&ranges, &doc.annotations, &doc.placements),
            crate::compare::statement_tags(&ranges, &self.annotations, &self.placements),
        )
    }

    fn new(source: OtherSource, article: &Article, annotations: Vec<Annotation>) -> Self {
        let mut annotations: Vec<Annotation> = annotations.into_iter().filter(Annotation::is_live).collect();
        if matches!(source, OtherSource::Shared { .. }) {
            // Links carry no quote context; take it from this copy of the article.
            crate::storage::share::restore_context(&article.analysis.text, &mut annotations);
        }
        let placements = place_all(&article.analysis.text, &annotations);
        Self { source, annotations: Rc::new(annotations), placements: Rc::new(placements) }
    }
}

/// What the annotation panel and the text show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Filter {
    #[default]
    All,
    Tag(Label),
    /// Only unreviewed suggestions.
    Suggestions,
    /// Only claims the reader has not tagged.
    UntaggedClaims,
}

/// Reading text sizes offered, as a share of the default (100 %).
pub const TEXT_SIZES: [u32; 6] = [85, 100, 115, 130, 150, 175];
pub const DEFAULT_TEXT_SIZE: usize = 1;

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub articles: Load<Rc<Vec<ManifestEntry>>>,
    /// The reader's own articles (pasted or opened), kept in this browser.
    pub own: Rc<Vec<ManifestEntry>>,
    /// Id of the chosen article; restored from storage at start.
    pub selected: Option<String>,
    pub article: Load<Rc<Article>>,
    pub doc: Option<Doc>,
    /// The statement the reader is on: an index into `analysis.sentences`.
    pub cursor: Option<usize>,
    /// Text the reader selected with the mouse, waiting for a tag (code points).
    pub span: Option<(usize, usize)>,
    /// The annotation whose note is being edited.
    pub editing: Option<String>,
    pub filter: Filter,
    /// A message about storage or loading that the reader should see, dismissible.
    pub notice: Option<String>,
    /// What an export, import or merge did: news, not a problem; dismissible.
    pub info: Option<String>,
    /// Reading text size, a step of `TEXT_SIZES`; remembered.
    pub text_size: usize,
    /// What the text highlights; remembered.
    pub highlights: crate::highlights::Highlights,
    /// Unreadable stored data that was set aside: (backup key, raw text) for download.
    pub recovered: Option<(String, String)>,
    /// The last thing that happened, for the screen-reader live region.
    pub announcement: String,
    /// The remembered article's text, fetched at start together with the manifest:
    /// (id, file, text). Used once, by the effect that loads the article.
    pub prefetched: Option<(String, String, Rc<String>)>,
    /// A statement to put the cursor on once its article has loaded: (article id, sentence).
    pub pending_focus: Option<(String, usize)>,
    /// Another annotator's work on the open article, for comparison.
    pub other: Option<Other>,
    /// Another annotator's work waiting for its article to load: (article id, source, records).
    pub pending_other: Option<(String, OtherSource, Rc<Vec<Annotation>>)>,
}

pub enum Action {
    ManifestLoaded(Result<Manifest, String>),
    /// An own article was stored (and is opened).
    OwnAdded(ManifestEntry),
    /// An own article was removed; the list that remains.
    OwnRemoved { id: String, remaining: Vec<ManifestEntry> },
    Select(String),
    /// Open an article at a statement (from the pack-wide who-says-what).
    OpenAt { id: String, sentence: usize },
    /// Back to the article list (on narrow screens the list and the reader take turns).
    Close,
    /// The article analysed and its annotations attached (done by the effect, off the reducer).
    ArticleLoaded { id: String, result: Result<(Rc<Article>, Doc), String> },
    Prefetched { id: String, file: String, text: Rc<String> },
    Notice(Option<String>),
    Info(Option<String>),
    /// Stored data could not be read and was backed up: (backup key, raw).
    Recovered(String, String),
    /// Move to the next (+1) or previous (-1) statement.
    Move(i32),
    /// Put the cursor on a sentence (a click).
    Focus(usize),
    /// The reader selected text (code points), or cleared the selection.
    Span(Option<(usize, usize)>),
    /// Tag (or with `None`, clear) the pending span or else the statement under the cursor.
    Tag(Option<Label>),
    Accept,
    Reject,
    EditNote(Option<String>),
    /// `n`: edit the note of the annotation on the current statement (tagging it first is not
    /// needed: an untagged statement gets an annotation that holds just the note).
    EditCurrentNote,
    SetNote { id: String, note: String },
    Delete(String),
    /// Jump to an annotation from the panel.
    Reveal(String),
    Undo,
    Redo,
    SetFilter(Filter),
    /// Make the reading text one step larger (+1) or smaller (-1).
    TextSize(i32),
    /// The selected text names a person, organisation, place or group (`Some`), or nothing:
    /// the reader's correction of the analysis' names.
    MarkName(Option<annotator_core::EntityKind>),
    /// Show (true) or hide one kind of highlight.
    Highlight(crate::highlights::Highlight, bool),
    /// Another tab saved this article's annotations.
    Merge { article_id: String, annotations: Vec<Annotation> },
    /// Show another annotator's work beside the reader's (opening its article if needed).
    ShowOther { article_id: String, source: OtherSource, annotations: Vec<Annotation> },
    /// Stop showing it.
    CloseOther,
    /// Take the shown work into the reader's own (one undoable change; the reader's own
    /// annotations are never replaced).
    MergeOther,
    /// An import finished: the open article's share of it (id, records) is taken in like
    /// `MergeOther`; `elsewhere` reports what went into other articles' stored records and
    /// `skipped` counts records for articles not in the collection.
    Import { open: Option<(String, Vec<Annotation>)>, what: String, elsewhere: Absorbed, skipped: usize },
}

fn tag_name(tag: Option<Label>) -> &'static str {
    match tag {
        Some(Label::Official) => "Official position",
        Some(Label::Criticism) => "Criticism",
        Some(Label::Speculation) => "Speculation",
        None => "No tag",
    }
}

impl State {
    pub fn new(selected: Option<String>) -> Self {
        Self {
            articles: Load::Loading,
            own: Rc::default(),
            selected,
            article: Load::Loading,
            doc: None,
            cursor: None,
            span: None,
            editing: None,
            filter: Filter::All,
            notice: None,
            info: None,
            recovered: None,
            announcement: String::new(),
            prefetched: None,
            pending_focus: None,
            other: None,
            pending_other: None,
            text_size: DEFAULT_TEXT_SIZE,
            highlights: Default::default(),
        }
    }

    /// The chosen article's entry, from the site's list or the reader's own. Site articles
    /// need the list to have loaded; own ones are known from the start.
    pub fn selected_entry(&self) -> Option<&ManifestEntry> {
        let id = self.selected.as_deref()?;
        if let Some(own) = self.own.iter().find(|a| a.id == id) {
            return Some(own);
        }
        let Load::Ready(list) = &self.articles else { return None };
        list.iter().find(|a| a.id == id)
    }

    pub fn ready_article(&self) -> Option<&Rc<Article>> {
        match &self.article {
            Load::Ready(a) => Some(a),
            _ => None,
        }
    }

    /// The range a tag key acts on: the pending mouse selection, else the current statement.
    fn target(&self, article: &Article) -> Option<(usize, usize)> {
        self.span.or_else(|| {
            let s = article.sentence(self.cursor?)?;
            Some((s.start, s.end))
        })
    }

    pub fn reduce(mut self, action: Action) -> Self {
        let article = self.ready_article().cloned();
        match action {
            Action::ManifestLoaded(Ok(m)) => {
                // A remembered article that is no longer in the list is forgotten quietly:
                // the teacher may have removed it.
                let listed = |id: &str| m.articles.iter().chain(self.own.iter()).any(|a| a.id == id);
                if let Some((id, source, _)) = &self.pending_other {
                    if !listed(id) {
                        self.notice = Some(format!(
                            "{} is for an article that is not in this collection ({id:?}); perhaps the sender added it themselves.",
                            if *source == OtherSource::Key { "The answer key".to_owned() } else { format!("The shared work of “{}”", source.name()) }
                        ));
                        self.pending_other = None;
                    }
                }
                if self.selected.as_deref().is_some_and(|id| !listed(id)) {
                    self.selected = None;
                }
                self.articles = Load::Ready(Rc::new(m.articles));
            }
            Action::ManifestLoaded(Err(e)) => self.articles = Load::Failed(e),
            Action::OwnAdded(entry) => {
                let id = entry.id.clone();
                if !self.own.iter().any(|a| a.id == id) {
                    let mut own = (*self.own).clone();
                    own.push(entry);
                    self.own = Rc::new(own);
                }
                if self.selected.as_ref() != Some(&id) {
                    self.selected = Some(id);
                    self.close_article();
                }
            }
            Action::OwnRemoved { id, remaining } => {
                self.own = Rc::new(remaining);
                if self.selected.as_ref() == Some(&id) {
                    self.selected = None;
                    self.close_article();
                }
            }
            Action::Select(id) => {
                if self.selected.as_ref() != Some(&id) {
                    self.selected = Some(id);
                    self.close_article();
                }
            }
            Action::OpenAt { id, sentence } => {
                if self.selected.as_ref() == Some(&id) {
                    self.cursor = Some(sentence);
                    self.span = None;
                } else {
                    self.selected = Some(id.clone());
                    self.close_article();
                    self.pending_focus = Some((id, sentence));
                }
            }
            Action::Close => {
                self.selected = None;
                self.close_article();
            }
            Action::Prefetched { id, file, text } => self.prefetched = Some((id, file, text)),
            Action::ArticleLoaded { id, result } => {
                self.prefetched = None;
                // A late answer for an article the reader already left is dropped.
                if self.selected.as_ref() == Some(&id) {
                    match result {
                        Ok((a, doc)) => {
                            self.doc = Some(doc);
                            self.cursor = match self.pending_focus.take() {
                                Some((pid, i)) if pid == id && a.sentence(i).is_some() => Some(i),
                                _ => a.statements.first().copied(),
                            };
                            if let Some((_, source, records)) = self.pending_other.take_if(|(pid, ..)| *pid == id) {
                                self.other = Some(Other::new(source, &a, (*records).clone()));
                            }
                            self.article = Load::Ready(a);
                            let detached = self.doc.as_ref().map_or(0, |d| {
                                d.live().iter().filter(|(_, p)| p.is_none()).count()
                            });
                            if detached > 0 {
                                self.notice = Some(format!(
                                    "{detached} annotation(s) could not be found in the current text; \
                                     they are kept and listed as detached."
                                ));
                            }
                        }
                        Err(e) => self.article = Load::Failed(e),
                    }
                }
            }
            Action::Notice(n) => self.notice = n,
            Action::Info(n) => self.info = n,
            Action::Recovered(key, raw) => self.recovered = Some((key, raw)),
            Action::Move(step) => {
                let Some(a) = article else { return self };
                let visible: Vec<usize> =
                    a.statements.iter().copied().filter(|&i| self.shows(&a, i)).collect();
                if visible.is_empty() {
                    return self;
                }
                let pos = self.cursor.and_then(|c| visible.iter().position(|&i| i >= c));
                let next = match (pos, step > 0) {
                    (None, true) => 0,
                    (None, false) => visible.len() - 1,
                    (Some(p), true) if Some(visible[p]) == self.cursor => (p + 1).min(visible.len() - 1),
                    (Some(p), true) => p,
                    (Some(p), false) => p.saturating_sub(1),
                };
                self.cursor = Some(visible[next]);
                self.span = None;
            }
            Action::Focus(i) => {
                self.cursor = Some(i);
                self.span = None;
            }
            Action::Span(span) => self.span = span.filter(|(s, e)| s < e),
            Action::Tag(tag) => {
                let (Some(a), Some(range)) = (article, self.target(self.article_ref())) else {
                    return self;
                };
                if let Some(doc) = self.doc.as_mut() {
                    doc.change_at(&a, range, |x| {
                        x.tag = tag;
                        x.rejected = false;
                        x.from_suggestion = false;
                    });
                    self.announcement = format!("Tagged: {}", tag_name(tag));
                }
                self.span = None;
            }
            Action::MarkName(kind) => {
                let (Some(a), Some(span)) = (article, self.span) else { return self };
                if let Some(doc) = self.doc.as_mut() {
                    let range = crate::names::target(span, &doc.names(&a), |s, e| a.slice(s, e));
                    let mark = kind.map_or(crate::annotations::EntityMark::NotAName, crate::annotations::EntityMark::Named);
                    doc.change_at(&a, range, |x| x.entity = Some(mark));
                    self.announcement = match kind {
                        Some(k) => format!("Marked as a name: {}", k.as_str()),
                        None => "Marked as not a name".into(),
                    };
                }
                self.span = None;
            }
            Action::Accept | Action::Reject => {
                let accept = matches!(action, Action::Accept);
                let Some(a) = article else { return self };
                let Some(s) = self.cursor.and_then(|c| a.sentence(c)) else { return self };
                let Some(suggestion) = s.suggestion.clone() else { return self };
                if let Some(doc) = self.doc.as_mut() {
                    doc.change_at(&a, (s.start, s.end), |x| {
                        x.tag = accept.then_some(suggestion.label);
                        x.from_suggestion = accept;
                        x.rejected = !accept;
                    });
                    self.announcement = if accept {
                        format!("Accepted suggestion: {}", tag_name(Some(suggestion.label)))
                    } else {
                        "Rejected suggestion".into()
                    };
                }
            }
            Action::EditNote(id) => self.editing = id,
            Action::EditCurrentNote => {
                let (Some(a), Some(range)) = (article, self.target(self.article_ref())) else {
                    return self;
                };
                let Some(doc) = self.doc.as_mut() else { return self };
                if let Some(x) = doc.at(range) {
                    self.editing = Some(x.id.clone());
                } else {
                    // A note-only annotation; it disappears again if the note stays empty.
                    let now = clock::now();
                    let x = Annotation::new(clock::new_id(), &a.analysis.text, range.0, range.1, now);
                    self.editing = Some(x.id.clone());
                    let mut list = (*doc.annotations).clone();
                    let mut placements = (*doc.placements).clone();
                    list.push(Annotation { deleted: true, ..x });
                    placements.push(Some(range));
                    doc.annotations = Rc::new(list);
                    doc.placements = Rc::new(placements);
                }
                self.span = None;
            }
            Action::SetNote { id, note } => {
                if let (Some(a), Some(doc)) = (article, self.doc.as_mut()) {
                    doc.change_by_id(&a, &id, |x| x.note = note);
                    self.announcement = "Note saved".into();
                }
                self.editing = None;
            }
            Action::Delete(id) => {
                if let (Some(a), Some(doc)) = (article, self.doc.as_mut()) {
                    doc.change_by_id(&a, &id, |x| x.deleted = true);
                    self.announcement = "Annotation deleted".into();
                }
                if self.editing.as_deref() == Some(id.as_str()) {
                    self.editing = None;
                }
            }
            Action::Reveal(id) => {
                let (Some(a), Some(doc)) = (article, self.doc.as_ref()) else { return self };
                let Some(i) = doc.annotations.iter().position(|x| x.id == id) else { return self };
                if let Some((start, end)) = doc.placements[i] {
                    // The statement that holds the annotation's start.
                    self.cursor = a.sentence_at(start).or(self.cursor);
                    let is_statement = a.sentence(self.cursor.unwrap_or(usize::MAX))
                        .is_some_and(|s| (s.start, s.end) == (start, end));
                    self.span = (!is_statement).then_some((start, end));
                }
            }
            Action::Undo | Action::Redo => {
                let undo = matches!(action, Action::Undo);
                let (Some(a), Some(doc)) = (article, self.doc.as_mut()) else { return self };
                let target = if undo { doc.undo.pop() } else { doc.redo.pop() };
                let Some(target) = target else { return self };
                let current = doc.annotations.clone();
                let next = revert(&current, &target, clock::now());
                if undo { doc.redo.push(current) } else { doc.undo.push(current) }
                doc.replace(&a, next);
                doc.revision += 1;
                self.announcement = if undo { "Undone".into() } else { "Redone".into() };
            }
            Action::SetFilter(f) => self.filter = f,
            Action::TextSize(step) => {
                let next = self.text_size as i32 + step;
                self.text_size = next.clamp(0, TEXT_SIZES.len() as i32 - 1) as usize;
            }
            Action::Highlight(h, on) => self.highlights = self.highlights.with(h, on),
            Action::ShowOther { article_id, source, annotations } => {
                match article.filter(|a| a.id == article_id) {
                    Some(a) => self.other = Some(Other::new(source, &a, annotations)),
                    None => {
                        if self.selected.as_ref() != Some(&article_id) {
                            self.selected = Some(article_id.clone());
                            self.close_article();
                        }
                        self.pending_other = Some((article_id, source, Rc::new(annotations)));
                    }
                }
            }
            Action::CloseOther => {
                self.other = None;
                self.pending_other = None;
            }
            Action::MergeOther => {
                let (Some(a), Some(doc), Some(other)) = (article, self.doc.as_mut(), self.other.take()) else { return self };
                let report = doc.absorb(&a, &other.annotations);
                self.info = Some(report.describe(&format!("Merged “{}” into your annotations", other.source.name())));
                self.announcement = "Merged".into();
            }
            Action::Import { open, what, mut elsewhere, skipped } => {
                if let (Some(a), Some(doc), Some((id, annotations))) = (article, self.doc.as_mut(), open) {
                    if doc.article_id == id {
                        elsewhere.add(&doc.absorb(&a, &annotations));
                    }
                }
                let mut message = elsewhere.describe(&what);
                if skipped > 0 {
                    message.push_str(&format!(" {skipped} annotation(s) for articles not in this collection were left out."));
                }
                self.info = Some(message);
            }
            Action::Merge { article_id, annotations } => {
                let (Some(a), Some(doc)) = (article, self.doc.as_mut()) else { return self };
                if doc.article_id == article_id {
                    let merged = merge(&doc.annotations, &annotations);
                    // Two tabs can save at the same moment, one overwriting the other's record;
                    // the tab whose work is missing from what was stored saves again.
                    if has_news_for(&merged, &annotations) {
                        doc.revision += 1;
                    }
                    if merged != *doc.annotations {
                        doc.replace(&a, merged);
                    }
                }
            }
        }
        self
    }

    fn article_ref(&self) -> &Article {
        self.ready_article().expect("checked by caller")
    }

    fn close_article(&mut self) {
        self.article = Load::Loading;
        self.other = None;
        self.doc = None;
        self.cursor = None;
        self.span = None;
        self.editing = None;
        // A filter greys statements for a reason on screen in one article; another article
        // starts with everything shown.
        self.filter = Filter::All;
    }

    /// Whether the current filter shows statement `i`.
    pub fn shows(&self, a: &Article, i: usize) -> bool {
        let Some(s) = a.sentence(i) else { return false };
        let own = self.doc.as_ref().and_then(|d| d.at((s.start, s.end)));
        match self.filter {
            Filter::All => true,
            Filter::Tag(t) => own.is_some_and(|x| x.tag == Some(t)),
            Filter::Suggestions => s.suggestion.is_some() && own.is_none(),
            Filter::UntaggedClaims => s.claim && own.is_none_or(|x| x.tag.is_none()),
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new((*self).clone().reduce(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The ministry said it will ban the imports. Critics condemned the decision. \
                        The rule could take effect next year.";

    fn manifest(ids: &[&str]) -> Manifest {
        Manifest {
            version: 1,
            articles: ids
                .iter()
                .map(|id| ManifestEntry {
                    id: id.to_string(),
                    file: format!("{id}.txt"),
                    title: id.to_uppercase(),
                    source: String::new(),
                    words: 1,
                    ..Default::default()
                })
                .collect(),
        }
    }

    fn article(id: &str, text: &str) -> Rc<Article> {
        Rc::new(Article::new(id.into(), annotator_core::analyze(text)))
    }

    fn loaded(id: &str, text: &str) -> (Rc<Article>, Doc) {
        let a = article(id, text);
        let doc = Doc::new(&a, vec![]);
        (a, doc)
    }

    fn open(text: &str) -> State {
        State::new(None)
            .reduce(Action::ManifestLoaded(Ok(manifest(&["a"]))))
            .reduce(Action::Select("a".into()))
            .reduce(Action::ArticleLoaded { id: "a".into(), result: Ok(loaded("a", text)) })
    }

    fn tags(s: &State) -> Vec<(String, Option<Label>)> {
        let a = s.ready_article().unwrap();
        s.doc.as_ref().unwrap().live().iter()
            .map(|(x, p)| (a.slice(p.unwrap().0, p.unwrap().1).to_owned(), x.tag))
            .collect()
    }

    #[test]
    fn remembered_article_kept_when_listed_and_dropped_when_not() {
        let s = State::new(Some("b".into())).reduce(Action::ManifestLoaded(Ok(manifest(&["a", "b"]))));
        assert_eq!(s.selected.as_deref(), Some("b"));
        assert_eq!(s.selected_entry().map(|e| e.title.as_str()), Some("B"));
        let s = State::new(Some("gone".into())).reduce(Action::ManifestLoaded(Ok(manifest(&["a"]))));
        assert_eq!(s.selected, None);
    }

    #[test]
    fn own_articles_open_without_the_list_and_leave_when_removed() {
        let own = ManifestEntry { id: "own-1".into(), title: "Mine".into(), own: true, ..Default::default() };
        let s = State::new(None).reduce(Action::OwnAdded(own.clone()));
        assert_eq!(s.selected_entry().map(|e| e.title.as_str()), Some("Mine"), "before the site list loads");
        let s = s.reduce(Action::ManifestLoaded(Ok(manifest(&["a"]))));
        assert_eq!(s.selected.as_deref(), Some("own-1"), "kept though not in the site list");
        let s = s.reduce(Action::OwnAdded(own));
        assert_eq!(s.own.len(), 1, "adding the same article again adds no copy");
        let s = s.reduce(Action::OwnRemoved { id: "own-1".into(), remaining: vec![] });
        assert!(s.selected.is_none() && s.own.is_empty());
    }

    #[test]
    fn shared_work_waits_for_its_article_and_merges_without_replacing_mine() {
        let a = article("b", TEXT);
        let mut theirs = Annotation::new("t1".into(), &a.analysis.text, 43, 74, 1.0);
        theirs.tag = Some(Label::Criticism);
        let mut clash = Annotation::new("t2".into(), &a.analysis.text, 0, 42, 1.0);
        clash.tag = Some(Label::Speculation);
        let shared = OtherSource::Shared { name: "Ana".into() };
        let s = State::new(None)
            .reduce(Action::ManifestLoaded(Ok(manifest(&["a", "b"]))))
            .reduce(Action::ShowOther { article_id: "b".into(), source: shared.clone(), annotations: vec![theirs, clash] });
        assert_eq!(s.selected.as_deref(), Some("b"), "the link opens its article");
        let s = s.reduce(Action::ArticleLoaded { id: "b".into(), result: Ok((a.clone(), Doc::new(&a, vec![]))) });
        let other = s.other.clone().expect("shown once the article is there");
        assert_eq!((other.source.name(), other.annotations.len()), ("Ana".to_owned(), 2));
        assert!(tags(&s).is_empty(), "shown beside mine, not mixed in");
        let (ours, theirs) = other.statement_tags(&a, s.doc.as_ref().unwrap());
        assert_eq!(ours, vec![None, None, None]);
        assert_eq!(theirs, vec![Some(Label::Speculation), Some(Label::Criticism), None]);
        let s = s.reduce(Action::Focus(0)).reduce(Action::Tag(Some(Label::Official)));
        let s = s.reduce(Action::MergeOther);
        assert_eq!(
            tags(&s),
            vec![
                ("The ministry said it will ban the imports.".into(), Some(Label::Official)),
                ("Critics condemned the decision.".into(), Some(Label::Criticism)),
            ],
            "their tag on my tagged statement is left out"
        );
        assert!(s.other.is_none());
        assert!(s.info.as_deref().unwrap().contains("left out"));
        let s = s.reduce(Action::Undo);
        assert_eq!(tags(&s).len(), 1, "a merge is one undoable change");
    }

    #[test]
    fn late_article_for_another_selection_is_ignored() {
        let s = State::new(None)
            .reduce(Action::ManifestLoaded(Ok(manifest(&["a", "b"]))))
            .reduce(Action::Select("a".into()))
            .reduce(Action::Select("b".into()))
            .reduce(Action::ArticleLoaded { id: "a".into(), result: Ok(loaded("a", "Text.")) });
        assert_eq!(s.article, Load::Loading);
        let s = s.reduce(Action::ArticleLoaded { id: "b".into(), result: Err("404".into()) });
        assert_eq!(s.article, Load::Failed("404".into()));
    }

    #[test]
    fn slices_by_code_points() {
        let a = article("x", "China’s régulateur — 中文 text.");
        assert_eq!(a.slice(0, 7), "China’s");
        assert_eq!(a.slice(21, 23), "中文");
        assert_eq!(a.slice(26, 1000), "xt.");
        assert_eq!(a.slice(50, 10), "");
    }

    #[test]
    fn move_tag_clear_and_undo_redo() {
        let s = open(TEXT);
        assert_eq!(s.cursor, Some(0));
        let s = s.reduce(Action::Move(1)).reduce(Action::Tag(Some(Label::Criticism)));
        assert_eq!(tags(&s), vec![("Critics condemned the decision.".into(), Some(Label::Criticism))]);
        let s = s.reduce(Action::Move(1)).reduce(Action::Tag(Some(Label::Speculation)));
        assert_eq!(tags(&s).len(), 2);
        let s = s.reduce(Action::Tag(None));
        assert_eq!(tags(&s).len(), 1, "clearing the tag removes the annotation");
        let s = s.reduce(Action::Undo);
        assert_eq!(tags(&s).len(), 2);
        let s = s.reduce(Action::Undo).reduce(Action::Undo);
        assert_eq!(tags(&s).len(), 0);
        let s = s.reduce(Action::Redo);
        assert_eq!(tags(&s), vec![("Critics condemned the decision.".into(), Some(Label::Criticism))]);
        assert!(s.doc.as_ref().unwrap().revision >= 6, "every change asks for a save");
    }

    #[test]
    fn span_tag_note_and_delete() {
        let s = open(TEXT).reduce(Action::Span(Some((4, 12)))).reduce(Action::Tag(Some(Label::Official)));
        assert_eq!(tags(&s), vec![("ministry".into(), Some(Label::Official))]);
        assert_eq!(s.span, None);
        let id = s.doc.as_ref().unwrap().live()[0].0.id.clone();
        let s = s.reduce(Action::SetNote { id: id.clone(), note: "<b>who?</b>".into() });
        assert_eq!(s.doc.as_ref().unwrap().live()[0].0.note, "<b>who?</b>");
        let s = s.reduce(Action::Delete(id));
        assert!(tags(&s).is_empty());
    }

    #[test]
    fn accept_and_reject_suggestions() {
        let s = open(TEXT);
        let a = s.ready_article().unwrap().clone();
        let Some(i) = a.analysis.sentences.iter().position(|x| x.suggestion.is_some()) else {
            panic!("the analysis suggests nothing for {TEXT:?}");
        };
        let label = a.analysis.sentences[i].suggestion.as_ref().unwrap().label;
        let s = s.reduce(Action::Focus(i)).reduce(Action::Accept);
        let live = s.doc.as_ref().unwrap().live();
        assert_eq!(live[0].0.tag, Some(label));
        assert!(live[0].0.from_suggestion);
        let s = s.reduce(Action::Reject);
        let live = s.doc.as_ref().unwrap().live();
        assert_eq!((live[0].0.tag, live[0].0.rejected), (None, true));
    }

    #[test]
    fn open_at_puts_the_cursor_on_the_statement_once_loaded() {
        let s = State::new(None)
            .reduce(Action::ManifestLoaded(Ok(manifest(&["a", "b"]))))
            .reduce(Action::OpenAt { id: "b".into(), sentence: 2 })
            .reduce(Action::ArticleLoaded { id: "b".into(), result: Ok(loaded("b", TEXT)) });
        assert_eq!(s.cursor, Some(2));
        let s = s.reduce(Action::OpenAt { id: "b".into(), sentence: 1 });
        assert_eq!(s.cursor, Some(1));
    }

    #[test]
    fn text_size_steps_stay_in_range() {
        let mut s = State::new(None);
        for _ in 0..10 {
            s = s.reduce(Action::TextSize(1));
        }
        assert_eq!(s.text_size, TEXT_SIZES.len() - 1);
        for _ in 0..10 {
            s = s.reduce(Action::TextSize(-1));
        }
        assert_eq!(s.text_size, 0);
    }

    #[test]
    fn filter_limits_movement() {
        let s = open(TEXT).reduce(Action::Focus(2)).reduce(Action::Tag(Some(Label::Speculation)));
        let s = s.reduce(Action::SetFilter(Filter::Tag(Label::Speculation))).reduce(Action::Focus(0));
        let s = s.reduce(Action::Move(1));
        assert_eq!(s.cursor, Some(2));
    }

    #[test]
    fn merge_from_another_tab_keeps_both() {
        let s = open(TEXT).reduce(Action::Tag(Some(Label::Official)));
        let a = s.ready_article().unwrap().clone();
        let mut theirs = Annotation::new("other".into(), &a.analysis.text, 43, 74, 1.0);
        theirs.tag = Some(Label::Criticism);
        let revision = s.doc.as_ref().unwrap().revision;
        let s = s.reduce(Action::Merge { article_id: "a".into(), annotations: vec![theirs.clone()] });
        assert_eq!(tags(&s).len(), 2);
        assert_eq!(s.doc.as_ref().unwrap().revision, revision + 1, "their copy lacks ours: save again");
        let all = (*s.doc.as_ref().unwrap().annotations).clone();
        let s = s.reduce(Action::Merge { article_id: "a".into(), annotations: all });
        assert_eq!(s.doc.as_ref().unwrap().revision, revision + 1, "nothing new for them: no save");
    }
}
