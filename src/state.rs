//! The whole UI state and the one reducer that changes it. Components render `State` and emit
//! `Action`s; side effects (fetching, saving, listening to other tabs) live in `effects/` and
//! report back as actions. What only an effect can do (a download, a file, the network, the
//! address bar) the reducer asks for as a `Request`, queued in `State::requests` for
//! `effects::requests` to carry out; so everything here is pure and tested natively.

use std::rc::Rc;

use annotator_core::Label;
use yew::Reducible;

use crate::annotations::{has_news_for, place_all, Absorbed, Annotation, Placement};
pub use crate::article::Article;
use crate::clock;
pub use crate::doc::Doc;
use crate::speakers::CollectionSpeaker;
use crate::storage::{Manifest, ManifestEntry};

/// Which annotations to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Article,
    All,
    /// The open article's annotations, named as its answer key (`<file>.key.json`).
    AnswerKey,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    WebAnnotation,
    Csv,
}

/// Work for the effects (`effects::requests`), asked for by the reducer; each reports back as
/// actions.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// Build an export of the current state and hand it to the browser as a download.
    Export { scope: Scope, format: Format, name: String },
    /// Read a file the reader picked and take in its annotations.
    Import(web_sys::File),
    /// Make a share link for the open article's annotations, signed `name`.
    ShareLink { name: String },
    /// Put a text on the clipboard.
    Copy(String),
    /// Fetch the answer key of the article and show it beside the reader's work.
    AnswerKey(ManifestEntry),
    /// Drop `#share=` from the address, so a reload does not show the shared work again.
    ClearShareFragment,
    /// Read every article of the collection for the pack-wide who-says-what.
    CollectionSpeakers(Vec<ManifestEntry>),
    /// Offer the data set aside under this backup key as a file, byte for byte.
    DownloadBackup(String),
}

/// Something fetched: still on its way, there, or failed with a message for the reader.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(String),
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
    /// How far a long piece of work (an import) has got, while it runs.
    pub progress: Option<String>,
    /// Reading text size, a step of `TEXT_SIZES`; remembered.
    pub text_size: usize,
    /// What the text highlights; remembered.
    pub highlights: crate::highlights::Highlights,
    /// The backup key stored data was set aside under, offered for download.
    pub recovered: Option<String>,
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
    /// The share link made for the reader (or why there is none), until they change their name.
    pub share_link: Option<Result<String, String>>,
    /// Who says what across the collection, once asked for.
    pub collection_speakers: Load<Rc<Vec<CollectionSpeaker>>>,
    /// Requests not yet taken by the effects, numbered; `next_request` numbers the next one.
    pub requests: Vec<(u64, Request)>,
    pub next_request: u64,
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
    /// The analysis of the open article, which was shown from its outline (`Article::pending`)
    /// until it came: the same text with its names, claims and suggestions.
    Analysed { id: String, article: Rc<Article> },
    Notice(Option<String>),
    Info(Option<String>),
    /// How far an import has got (`None`: it is over).
    Progress(Option<String>),
    /// Stored data was set aside under this backup key.
    Recovered(String),
    /// The reader asked to download the data set aside under this key.
    DownloadBackup(String),
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
    /// `open`: the open article's id, its incoming annotations and where each sits in its text.
    Import { open: Option<(String, Vec<Annotation>, Vec<Placement>)>, what: String, elsewhere: Absorbed, skipped: usize },
    /// The reader asked for an export.
    Export { scope: Scope, format: Format, name: String },
    /// The reader picked a file to import.
    ImportFile(web_sys::File),
    /// The reader asked for a share link signed with this name.
    MakeShareLink(String),
    /// The share link made (or why not); `None` forgets it.
    ShareLink(Option<Result<String, String>>),
    /// Copy the share link.
    CopyShareLink,
    /// The reader asked to compare with the open article's answer key.
    CompareKey,
    /// The reader asked for who says what across the collection.
    LoadCollectionSpeakers,
    CollectionSpeakersLoaded(Result<Vec<CollectionSpeaker>, String>),
    /// The effects took every request numbered up to this one.
    RequestsTaken(u64),
    /// The reader chose to edit annotations a newer version stored (shown read-only until then;
    /// the original was backed up when they were read).
    EditAnyway,
}

/// What the reader is told when a change is refused on annotations a newer version stored.
pub const READ_ONLY: &str = "These annotations were saved by a newer version of the annotator, so they are shown read-only and nothing was changed. A copy was set aside; choose “Edit anyway” to change them with this version (what it does not know is kept).";

impl Action {
    /// Whether the action acts on the open article (and so does nothing while none is ready).
    /// No wildcard: a new action has to be placed here.
    pub fn needs_article(&self) -> bool {
        match self {
            Action::Move(_)
            | Action::Focus(_)
            | Action::Span(_)
            | Action::Tag(_)
            | Action::Accept
            | Action::Reject
            | Action::EditNote(_)
            | Action::EditCurrentNote
            | Action::SetNote { .. }
            | Action::Delete(_)
            | Action::Reveal(_)
            | Action::Undo
            | Action::Redo
            | Action::Merge { .. }
            | Action::MergeOther
            | Action::MakeShareLink(_)
            | Action::CopyShareLink
            | Action::CompareKey
            | Action::MarkName(_)
            | Action::EditAnyway => true,
            Action::ManifestLoaded(_)
            | Action::OwnAdded(_)
            | Action::OwnRemoved { .. }
            | Action::Select(_)
            | Action::OpenAt { .. }
            | Action::Close
            | Action::ArticleLoaded { .. }
            | Action::Prefetched { .. }
            | Action::Analysed { .. }
            | Action::Notice(_)
            | Action::Info(_)
            | Action::Progress(_)
            | Action::Recovered(_)
            | Action::DownloadBackup(_)
            | Action::SetFilter(_)
            | Action::TextSize(_)
            | Action::Highlight(..)
            | Action::ShowOther { .. }
            | Action::CloseOther
            | Action::Import { .. }
            | Action::Export { .. }
            | Action::ImportFile(_)
            | Action::ShareLink(_)
            | Action::LoadCollectionSpeakers
            | Action::CollectionSpeakersLoaded(_)
            | Action::RequestsTaken(_) => false,
        }
    }
}

impl Action {
    /// Whether the action changes the open article's annotations (refused while they are
    /// read-only). No wildcard: a new action has to be placed here.
    pub fn changes_annotations(&self) -> bool {
        match self {
            Action::Tag(_)
            | Action::Accept
            | Action::Reject
            | Action::EditCurrentNote
            | Action::SetNote { .. }
            | Action::Delete(_)
            | Action::Undo
            | Action::Redo
            | Action::MarkName(_)
            | Action::MergeOther => true,
            Action::ManifestLoaded(_)
            | Action::OwnAdded(_)
            | Action::OwnRemoved { .. }
            | Action::Select(_)
            | Action::OpenAt { .. }
            | Action::Close
            | Action::ArticleLoaded { .. }
            | Action::Prefetched { .. }
            | Action::Analysed { .. }
            | Action::Notice(_)
            | Action::Info(_)
            | Action::Progress(_)
            | Action::Recovered(_)
            | Action::DownloadBackup(_)
            | Action::Move(_)
            | Action::Focus(_)
            | Action::Span(_)
            | Action::EditNote(_)
            | Action::Reveal(_)
            | Action::SetFilter(_)
            | Action::TextSize(_)
            | Action::Highlight(..)
            | Action::Merge { .. }
            | Action::ShowOther { .. }
            | Action::CloseOther
            | Action::Import { .. }
            | Action::Export { .. }
            | Action::ImportFile(_)
            | Action::MakeShareLink(_)
            | Action::ShareLink(_)
            | Action::CopyShareLink
            | Action::CompareKey
            | Action::LoadCollectionSpeakers
            | Action::CollectionSpeakersLoaded(_)
            | Action::RequestsTaken(_)
            | Action::EditAnyway => false,
        }
    }
}

/// The notice for another annotator's work on an article this collection does not have.
fn not_in_collection(source: &OtherSource, id: &str) -> String {
    format!(
        "{} is for an article that is not in this collection ({id:?}); perhaps the sender added it themselves. Nothing was changed.",
        if *source == OtherSource::Key { "The answer key".to_owned() } else { format!("The shared work of “{}”", source.name()) }
    )
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
            progress: None,
            recovered: None,
            announcement: String::new(),
            prefetched: None,
            pending_focus: None,
            other: None,
            pending_other: None,
            text_size: DEFAULT_TEXT_SIZE,
            highlights: Default::default(),
            share_link: None,
            collection_speakers: Load::Loading,
            requests: Vec::new(),
            next_request: 0,
        }
    }

    /// Ask the effects for `request`.
    fn request(&mut self, request: Request) {
        self.requests.push((self.next_request, request));
        self.next_request += 1;
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
        // Keys, clicks and late effects can arrive while no article is ready; what acts on one
        // then does nothing (each arm below also binds what it needs without unwrapping).
        if article.is_none() && action.needs_article() {
            return self;
        }
        if action.changes_annotations() && self.doc.as_ref().is_some_and(|d| d.read_only) {
            self.notice = Some(READ_ONLY.into());
            return self;
        }
        match action {
            Action::EditAnyway => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.read_only = false;
                }
                self.notice = None;
            }
            Action::ManifestLoaded(Ok(m)) => {
                // A remembered article that is no longer in the list is forgotten quietly:
                // the teacher may have removed it.
                let listed = |id: &str| m.articles.iter().chain(self.own.iter()).any(|a| a.id == id);
                if let Some((id, source, _)) = &self.pending_other {
                    if !listed(id) {
                        self.notice = Some(not_in_collection(source, id));
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
                        // A second answer for the article already open (the effect ran again):
                        // its stored annotations are merged in, the reader's newer work kept.
                        Ok((_, loaded)) if self.doc.as_ref().is_some_and(|d| d.article_id == id) => {
                            if let (Some(a), Some(doc)) = (article, self.doc.as_mut()) {
                                doc.merge_in(&a, &loaded.records());
                            }
                        }
                        // A late failure for the article already open changes nothing.
                        Err(_) if self.doc.as_ref().is_some_and(|d| d.article_id == id) => {}
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
                                let news = format!(
                                    "{detached} annotation(s) could not be found in the current text; \
                                     they are kept and listed as detached."
                                );
                                // Said after, not instead of, what reading the record found.
                                self.notice = Some(match self.notice.take() {
                                    Some(n) => format!("{n} {news}"),
                                    None => news,
                                });
                            }
                        }
                        Err(e) => self.article = Load::Failed(e),
                    }
                }
            }
            Action::Analysed { id, article: new } => {
                // Only onto the outline of the same text: a late answer for an article the
                // reader left, or one whose text changed since, is dropped.
                if let Some(old) = article.filter(|a| a.pending && a.id == id && self.selected.as_ref() == Some(&id)) {
                    if old.analysis.text == new.analysis.text && old.analysis.sentences.len() == new.analysis.sentences.len() {
                        self.article = Load::Ready(new);
                    }
                }
            }
            Action::Notice(n) => self.notice = n,
            Action::Info(n) => self.info = n,
            Action::Progress(p) => self.progress = p,
            Action::Recovered(key) => self.recovered = Some(key),
            Action::DownloadBackup(key) => self.request(Request::DownloadBackup(key)),
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
                let Some(a) = article else { return self };
                let Some(range) = self.target(&a) else { return self };
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
                let Some(a) = article else { return self };
                let Some(range) = self.target(&a) else { return self };
                let Some(doc) = self.doc.as_mut() else { return self };
                if let Some(x) = doc.at(range) {
                    self.editing = Some(x.id.clone());
                } else {
                    // A note-only annotation; it disappears again if the note stays empty.
                    let now = clock::now();
                    let x = a.annotation(clock::new_id(), range.0, range.1, now);
                    self.editing = Some(x.id.clone());
                    doc.add_note_only(x, range);
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
                if doc.step(&a, undo) {
                    self.announcement = if undo { "Undone".into() } else { "Redone".into() };
                }
            }
            Action::SetFilter(f) => self.filter = f,
            Action::Highlight(h, on) => self.highlights = self.highlights.with(h, on),
            Action::TextSize(step) => {
                let next = self.text_size as i32 + step;
                self.text_size = next.clamp(0, TEXT_SIZES.len() as i32 - 1) as usize;
            }
            Action::ShowOther { article_id, source, annotations } => {
                let unknown = matches!(&self.articles, Load::Ready(list) if !list.iter().chain(self.own.iter()).any(|e| e.id == article_id));
                match article.filter(|a| a.id == article_id) {
                    Some(a) => self.other = Some(Other::new(source, &a, annotations)),
                    // The list is known and lacks it: say so, and leave the open article open.
                    None if unknown => {
                        self.notice = Some(not_in_collection(&source, &article_id));
                        self.request(Request::ClearShareFragment);
                    }
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
                self.request(Request::ClearShareFragment);
            }
            Action::MergeOther => {
                self.request(Request::ClearShareFragment);
                let (Some(a), Some(doc)) = (article, self.doc.as_mut()) else { return self };
                let Some(other) = self.other.take() else { return self };
                let report = doc.absorb(&a, &other.annotations, None);
                self.info = Some(report.describe(&format!("Merged “{}” into your annotations", other.source.name())));
                self.announcement = "Merged".into();
            }
            Action::Import { open, what, mut elsewhere, skipped } => {
                let mut refused = false;
                if let (Some(a), Some(doc), Some((id, annotations, placed))) = (article, self.doc.as_mut(), open) {
                    if doc.article_id == id && doc.read_only {
                        refused = true;
                    } else if doc.article_id == id {
                        elsewhere.add(&doc.absorb(&a, &annotations, Some(&placed)));
                    }
                }
                let mut message = elsewhere.describe(&what);
                if refused {
                    message.push_str(" Nothing was taken into the open article: its annotations were saved by a newer version and are read-only.");
                }
                if skipped > 0 {
                    message.push_str(&format!(" {skipped} annotation(s) for articles not in this collection were left out."));
                }
                self.info = Some(message);
            }
            Action::Export { scope, format, name } => self.request(Request::Export { scope, format, name }),
            Action::ImportFile(file) => self.request(Request::Import(file)),
            Action::MakeShareLink(name) => self.request(Request::ShareLink { name }),
            Action::ShareLink(link) => self.share_link = link,
            Action::CopyShareLink => {
                if let Some(Ok(link)) = self.share_link.clone() {
                    self.request(Request::Copy(link));
                }
            }
            Action::CompareKey => {
                if let Some(entry) = self.selected_entry().filter(|e| e.key.is_some()).cloned() {
                    self.request(Request::AnswerKey(entry));
                }
            }
            Action::LoadCollectionSpeakers => {
                if let Load::Ready(list) = &self.articles {
                    let entries = (**list).clone();
                    self.collection_speakers = Load::Loading;
                    self.request(Request::CollectionSpeakers(entries));
                }
            }
            Action::CollectionSpeakersLoaded(result) => {
                self.collection_speakers = match result {
                    Ok(list) => Load::Ready(Rc::new(list)),
                    Err(e) => Load::Failed(e),
                }
            }
            Action::RequestsTaken(up_to) => self.requests.retain(|(n, _)| *n > up_to),
            Action::Merge { article_id, annotations } => {
                let (Some(a), Some(doc)) = (article, self.doc.as_mut()) else { return self };
                if doc.article_id == article_id {
                    doc.merge_in(&a, &annotations);
                    // Two tabs can save at the same moment, one overwriting the other's record;
                    // the tab whose work is missing from what was stored saves again.
                    if has_news_for(&doc.annotations, &annotations) {
                        doc.revision += 1;
                    }
                }
            }
        }
        self
    }

    fn close_article(&mut self) {
        self.article = Load::Loading;
        self.share_link = None;
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
    fn the_analysis_replaces_the_outline_of_the_same_text_and_keeps_the_readers_place() {
        let text = "A title\n\nThe mayor said the bridge will close. Critics fear the cost.";
        let mut outline = Article::new("a".into(), annotator_core::outline(text));
        outline.pending = true;
        let outline = Rc::new(outline);
        let s = State::new(None)
            .reduce(Action::ManifestLoaded(Ok(manifest(&["a", "b"]))))
            .reduce(Action::Select("a".into()))
            .reduce(Action::ArticleLoaded { id: "a".into(), result: Ok((outline.clone(), Doc::new(&outline, vec![]))) })
            .reduce(Action::Move(1))
            .reduce(Action::Tag(Some(Label::Criticism)));
        let cursor = s.cursor;
        let analysed = article("a", text);
        let s = s.reduce(Action::Analysed { id: "a".into(), article: analysed.clone() });
        assert!(Rc::ptr_eq(s.ready_article().unwrap(), &analysed));
        assert_eq!(s.cursor, cursor);
        assert_eq!(tags(&s).len(), 1, "the tag made on the outline stays");
        // Once analysed, a second answer changes nothing; nor does one for another article
        // or another text.
        let again = s.clone().reduce(Action::Analysed { id: "a".into(), article: article("a", text) });
        assert!(Rc::ptr_eq(again.ready_article().unwrap(), &analysed));
        let pending = State::new(None)
            .reduce(Action::ManifestLoaded(Ok(manifest(&["a", "b"]))))
            .reduce(Action::Select("a".into()))
            .reduce(Action::ArticleLoaded { id: "a".into(), result: Ok((outline.clone(), Doc::new(&outline, vec![]))) });
        let wrong = pending.reduce(Action::Analysed { id: "a".into(), article: article("a", "Another text. Quite other.") });
        assert!(Rc::ptr_eq(wrong.ready_article().unwrap(), &outline));
        let left = s.reduce(Action::Select("b".into())).reduce(Action::Analysed { id: "a".into(), article: analysed });
        assert!(left.ready_article().is_none());
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
    fn a_link_for_an_unknown_article_leaves_the_open_one_open() {
        let s = open(TEXT).reduce(Action::ShowOther {
            article_id: "elsewhere".into(),
            source: OtherSource::Shared { name: "Ana".into() },
            annotations: vec![record("t")],
        });
        assert_eq!(s.selected.as_deref(), Some("a"));
        assert!(s.ready_article().is_some() && s.pending_other.is_none());
        assert!(s.notice.as_deref().unwrap().contains("not in this collection"));
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
    fn a_change_copies_one_record_and_shares_the_rest() {
        let s = open(TEXT).reduce(Action::Focus(0)).reduce(Action::Tag(Some(Label::Official)));
        let s = s.reduce(Action::Focus(2)).reduce(Action::Tag(Some(Label::Criticism)));
        let before = s.doc.as_ref().unwrap().annotations.clone();
        let after = s.clone().reduce(Action::Tag(Some(Label::Speculation)));
        let after = &after.doc.as_ref().unwrap().annotations;
        let shared: Vec<bool> = before.iter().zip(after.iter()).map(|(a, b)| Rc::ptr_eq(a, b)).collect();
        assert_eq!(shared, [true, false], "the other record is the same one, not a copy");
        assert_eq!(after[1].tag, Some(Label::Speculation));
        assert_eq!(before[1].tag, Some(Label::Criticism), "the earlier state is unchanged");
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
    fn tagging_cleared_text_again_brings_its_record_back() {
        let s = open(TEXT).reduce(Action::Move(1)).reduce(Action::Tag(Some(Label::Criticism)));
        let id = s.doc.as_ref().unwrap().annotations[0].id.clone();
        let mut s = s;
        for round in 0..50 {
            s = s.reduce(Action::Tag(None)).reduce(Action::Tag(Some(if round % 2 == 0 { Label::Official } else { Label::Speculation })));
        }
        let doc = s.doc.as_ref().unwrap();
        assert_eq!(doc.annotations.len(), 1, "one record however often the text is cleared and tagged");
        assert_eq!(doc.annotations[0].id, id);
        assert_eq!(tags(&s), vec![("Critics condemned the decision.".into(), Some(Label::Speculation))]);
        let cleared_at = {
            let s = s.clone().reduce(Action::Tag(None));
            s.doc.as_ref().unwrap().annotations[0].modified
        };
        let s = s.reduce(Action::Tag(None)).reduce(Action::Tag(Some(Label::Official)));
        assert!(s.doc.as_ref().unwrap().annotations[0].modified > cleared_at, "stamped past the tombstone");
        let s = s.reduce(Action::Undo);
        assert_eq!(tags(&s), vec![], "undo puts the tombstone back");
        let s = s.reduce(Action::Undo);
        assert_eq!(tags(&s), vec![("Critics condemned the decision.".into(), Some(Label::Speculation))]);
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

    /// States in which no article is ready: nothing chosen, one on its way, one that failed.
    fn without_article() -> Vec<(&'static str, State)> {
        let listed = State::new(None).reduce(Action::ManifestLoaded(Ok(manifest(&["a"]))));
        let loading = listed.clone().reduce(Action::Select("a".into()));
        let failed = loading.clone().reduce(Action::ArticleLoaded { id: "a".into(), result: Err("404".into()) });
        vec![("fresh", State::new(Some("a".into()))), ("listed", listed), ("loading", loading), ("failed", failed)]
    }

    /// Runs `action()` on every state without a ready article: it must not panic, and an action
    /// that acts on the article must leave the state exactly as it was.
    fn check_without_article(action: impl Fn() -> Action) {
        for (name, state) in without_article() {
            let a = action();
            let no_op = a.needs_article();
            let after = state.clone().reduce(a);
            if no_op {
                assert_eq!(after, state, "a no-op on the {name} state");
            }
        }
    }

    fn record(id: &str) -> Annotation {
        Annotation::new(id.into(), TEXT, 0, 42, 1.0)
    }

    macro_rules! without_article {
        ($($test:ident: $action:expr;)*) => {$(
            #[test]
            fn $test() {
                check_without_article(|| $action);
            }
        )*};
    }

    without_article! {
        move_without_article: Action::Move(1);
        move_back_without_article: Action::Move(-1);
        focus_without_article: Action::Focus(3);
        span_without_article: Action::Span(Some((0, 5)));
        tag_without_article: Action::Tag(Some(Label::Official));
        clear_tag_without_article: Action::Tag(None);
        accept_without_article: Action::Accept;
        reject_without_article: Action::Reject;
        edit_note_without_article: Action::EditNote(Some("x".into()));
        edit_current_note_without_article: Action::EditCurrentNote;
        set_note_without_article: Action::SetNote { id: "x".into(), note: "n".into() };
        delete_without_article: Action::Delete("x".into());
        reveal_without_article: Action::Reveal("x".into());
        undo_without_article: Action::Undo;
        redo_without_article: Action::Redo;
        merge_without_article: Action::Merge { article_id: "a".into(), annotations: vec![record("t")] };
        merge_other_without_article: Action::MergeOther;
        manifest_without_article: Action::ManifestLoaded(Ok(manifest(&["a", "b"])));
        manifest_error_without_article: Action::ManifestLoaded(Err("bad".into()));
        own_added_without_article: Action::OwnAdded(ManifestEntry { id: "own-1".into(), own: true, ..Default::default() });
        own_removed_without_article: Action::OwnRemoved { id: "a".into(), remaining: vec![] };
        select_without_article: Action::Select("a".into());
        open_at_without_article: Action::OpenAt { id: "a".into(), sentence: 99 };
        close_without_article: Action::Close;
        article_loaded_without_article: Action::ArticleLoaded { id: "a".into(), result: Err("404".into()) };
        prefetched_without_article: Action::Prefetched { id: "a".into(), file: "a.txt".into(), text: Rc::new(TEXT.into()) };
        analysed_without_article: Action::Analysed { id: "a".into(), article: article("a", TEXT) };
        notice_without_article: Action::Notice(Some("n".into()));
        info_without_article: Action::Info(None);
        recovered_without_article: Action::Recovered("k".into());
        download_backup_without_article: Action::DownloadBackup("k".into());
        edit_anyway_without_article: Action::EditAnyway;
        set_filter_without_article: Action::SetFilter(Filter::Suggestions);
        text_size_without_article: Action::TextSize(1);
        highlight_without_article: Action::Highlight(crate::highlights::Highlight::Cues, false);
        mark_name_without_article: Action::MarkName(None);
        show_other_without_article: Action::ShowOther { article_id: "a".into(), source: OtherSource::Key, annotations: vec![record("k")] };
        close_other_without_article: Action::CloseOther;
        export_without_article: Action::Export { scope: Scope::All, format: Format::Csv, name: String::new() };
        make_share_link_without_article: Action::MakeShareLink("Ana".into());
        share_link_without_article: Action::ShareLink(None);
        copy_share_link_without_article: Action::CopyShareLink;
        compare_key_without_article: Action::CompareKey;
        load_collection_speakers_without_article: Action::LoadCollectionSpeakers;
        collection_speakers_loaded_without_article: Action::CollectionSpeakersLoaded(Err("404".into()));
        requests_taken_without_article: Action::RequestsTaken(3);
        import_file_without_article: Action::ImportFile(wasm_bindgen::JsCast::unchecked_into(wasm_bindgen::JsValue::NULL));
        import_without_article: Action::Import { open: Some(("a".into(), vec![record("i")], Vec::new())), what: "Imported".into(), elsewhere: Absorbed::default(), skipped: 1 };
    }

    #[test]
    fn effects_are_requested_in_order_and_forgotten_once_taken() {
        let s = open(TEXT)
            .reduce(Action::Export { scope: Scope::Article, format: Format::WebAnnotation, name: "Ana".into() })
            .reduce(Action::MakeShareLink("Ana".into()))
            .reduce(Action::CopyShareLink);
        let asked: Vec<_> = s.requests.iter().map(|(n, r)| (*n, r.clone())).collect();
        assert_eq!(
            asked,
            vec![
                (0, Request::Export { scope: Scope::Article, format: Format::WebAnnotation, name: "Ana".into() }),
                (1, Request::ShareLink { name: "Ana".into() }),
            ],
            "no link to copy yet"
        );
        let s = s.reduce(Action::ShareLink(Some(Ok("https://x/#share=1".into())))).reduce(Action::CopyShareLink);
        assert_eq!(s.requests.last().map(|(_, r)| r.clone()), Some(Request::Copy("https://x/#share=1".into())));
        let s = s.reduce(Action::RequestsTaken(1));
        assert_eq!(s.requests.iter().map(|(n, _)| *n).collect::<Vec<_>>(), vec![2], "taken up to 1");
        let s = s.reduce(Action::CompareKey);
        assert_eq!(s.requests.len(), 1, "this article has no answer key");
        let s = s.reduce(Action::CloseOther);
        assert_eq!(s.requests.last().map(|(_, r)| r.clone()), Some(Request::ClearShareFragment));
        let s = s.reduce(Action::Select("b".into()));
        assert_eq!(s.share_link, None, "a link is for the article it was made for");
    }

    #[test]
    fn collection_speakers_are_asked_for_once_the_list_is_there() {
        let s = State::new(None).reduce(Action::LoadCollectionSpeakers);
        assert!(s.requests.is_empty());
        let s = s.reduce(Action::ManifestLoaded(Ok(manifest(&["a", "b"])))).reduce(Action::LoadCollectionSpeakers);
        let Some((_, Request::CollectionSpeakers(entries))) = s.requests.last() else { panic!("{:?}", s.requests) };
        assert_eq!(entries.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        let s = s.reduce(Action::CollectionSpeakersLoaded(Err("gone".into())));
        assert_eq!(s.collection_speakers, Load::Failed("gone".into()));
    }

    #[test]
    fn actions_on_a_missing_statement_change_nothing() {
        let s = open(TEXT).reduce(Action::Focus(99));
        for a in [Action::Tag(Some(Label::Official)), Action::EditCurrentNote, Action::Accept, Action::Reject] {
            assert!(tags(&s.clone().reduce(a)).is_empty());
        }
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
        let all = s.doc.as_ref().unwrap().records();
        let s = s.reduce(Action::Merge { article_id: "a".into(), annotations: all });
        assert_eq!(s.doc.as_ref().unwrap().revision, revision + 1, "nothing new for them: no save");
    }

    mod random_sequences {
        //! Random sequences of actions, in any order and at any time — keys while an article is
        //! switched, answers for an article the reader already left, loads that fail late, other
        //! tabs' saves, imports — never panic, keep every record (nothing stored is dropped) and
        //! leave the state consistent.
        use super::*;
        use proptest::prelude::*;

        const TEXTS: [&str; 2] = [TEXT, "Officials said the plan is final. Critics warned it could fail. Costs may rise."];

        fn action(n: u8, m: u8, k: u16) -> Action {
            let id = ["a", "b", "gone"][m as usize % 3].to_owned();
            let text = TEXTS[m as usize % 2];
            let label = [None, Some(Label::Official), Some(Label::Criticism), Some(Label::Speculation)][k as usize % 4];
            let record = || {
                let start = k as usize % 20;
                let mut r = Annotation::new(format!("r{}", k % 7), text, start, start + 1 + m as usize % 9, f64::from(k));
                r.tag = label;
                // Some records come from a clock far ahead.
                if k % 5 == 0 {
                    r.modified = 4.1e12;
                }
                r
            };
            match n % 24 {
                0 => Action::Select(id),
                1 => Action::ArticleLoaded { id: id.clone(), result: Ok(loaded(&id, text)) },
                2 => Action::ArticleLoaded { id, result: Err("late failure".into()) },
                3 => Action::Move(if k % 2 == 0 { 1 } else { -1 }),
                4 => Action::Focus(k as usize % 6),
                5 => Action::Span(Some((k as usize % 30, k as usize % 30 + m as usize % 12))),
                6 | 7 => Action::Tag(label),
                8 => Action::Accept,
                9 => Action::Reject,
                10 => Action::EditCurrentNote,
                11 => Action::SetNote { id: format!("r{}", k % 7), note: "n".repeat(m as usize % 3) },
                12 => Action::Delete(format!("r{}", k % 7)),
                13 => Action::Undo,
                14 => Action::Redo,
                15 => Action::Merge { article_id: id, annotations: vec![record()] },
                16 => Action::ShowOther { article_id: id, source: OtherSource::Shared { name: "x".into() }, annotations: vec![record()] },
                17 => Action::MergeOther,
                18 => Action::Import { open: Some((id, vec![record()], Vec::new())), what: "Imported".into(), elsewhere: Absorbed::default(), skipped: 0 },
                19 => Action::Close,
                20 => Action::OpenAt { id, sentence: k as usize % 5 },
                21 => Action::ManifestLoaded(Ok(manifest(&["a", "b"]))),
                22 => Action::EditAnyway,
                _ => Action::SetFilter([Filter::All, Filter::Suggestions, Filter::UntaggedClaims, Filter::Tag(Label::Criticism)][k as usize % 4]),
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]
            #[test]
            fn any_sequence_of_actions(steps in proptest::collection::vec((any::<u8>(), any::<u8>(), any::<u16>()), 1..60)) {
                let mut s = State::new(Some("a".into()));
                let mut seen: std::collections::HashMap<String, std::collections::HashSet<String>> = Default::default();
                for (n, m, k) in steps {
                    s = s.reduce(action(n, m, k));
                    if let (Some(doc), Some(a)) = (&s.doc, s.ready_article()) {
                        prop_assert_eq!(&doc.article_id, &a.id);
                        prop_assert_eq!(doc.annotations.len(), doc.placements.len());
                        let mut indexed = doc.clone();
                        indexed.index();
                        prop_assert_eq!(&indexed.by_range, &doc.by_range, "kept in step with the records");
                        let ids: std::collections::HashSet<String> = doc.annotations.iter().map(|x| x.id.clone()).collect();
                        prop_assert_eq!(ids.len(), doc.annotations.len(), "one record per id");
                        let known = seen.entry(doc.article_id.clone()).or_default();
                        // While the article stays open, no record ever disappears (tombstones stay).
                        prop_assert!(known.is_subset(&ids), "a record was dropped");
                        *known = ids;
                        for (x, p) in doc.annotations.iter().zip(doc.placements.iter()) {
                            if let Some((st, en)) = p {
                                prop_assert!(st < en && *en <= a.analysis.text.chars().count(), "{x:?} at {p:?}");
                            }
                        }
                    } else {
                        seen.clear();
                    }
                }
            }
        }
    }
}
