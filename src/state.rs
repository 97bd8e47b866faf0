//! The whole UI state and the one reducer that changes it. Components render `State` and emit
//! `Action`s; side effects (fetching, saving) live in `app.rs` and report back as actions, so
//! everything here is pure and tested natively.

use std::rc::Rc;

use annotator_core::Analysis;
use yew::Reducible;

use crate::storage::{Manifest, ManifestEntry};

/// Something fetched: still on its way, there, or failed with a message for the reader.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(String),
}

/// An analysed article plus what the view needs to slice it quickly.
#[derive(Debug, PartialEq)]
pub struct Article {
    pub id: String,
    pub analysis: Analysis,
    /// Byte offset of every code point of `analysis.text`, plus the text length at the end:
    /// turns the core's code-point offsets into string slices in O(1).
    byte_at: Vec<usize>,
}

impl Article {
    pub fn new(id: String, analysis: Analysis) -> Self {
        let text = &analysis.text;
        let byte_at = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        Self { id, analysis, byte_at }
    }

    /// The text between two code-point offsets, clamped to the text.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let last = self.byte_at.len() - 1;
        let (s, e) = (start.min(last), end.min(last).max(start.min(last)));
        &self.analysis.text[self.byte_at[s]..self.byte_at[e]]
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub articles: Load<Rc<Vec<ManifestEntry>>>,
    /// Id of the chosen article; restored from storage at start.
    pub selected: Option<String>,
    pub article: Load<Rc<Article>>,
    /// A message about storage or loading that the reader should see, dismissible.
    pub notice: Option<String>,
}

pub enum Action {
    ManifestLoaded(Result<Manifest, String>),
    Select(String),
    /// Back to the article list (on narrow screens the list and the reader take turns).
    Close,
    ArticleLoaded { id: String, result: Result<Rc<Article>, String> },
    Notice(Option<String>),
}

impl State {
    pub fn new(selected: Option<String>) -> Self {
        Self { articles: Load::Loading, selected, article: Load::Loading, notice: None }
    }

    pub fn selected_entry(&self) -> Option<&ManifestEntry> {
        let Load::Ready(list) = &self.articles else { return None };
        let id = self.selected.as_deref()?;
        list.iter().find(|a| a.id == id)
    }

    pub fn reduce(mut self, action: Action) -> Self {
        match action {
            Action::ManifestLoaded(Ok(m)) => {
                // A remembered article that is no longer in the list is forgotten quietly:
                // the teacher may have removed it.
                if let Some(id) = &self.selected {
                    if !m.articles.iter().any(|a| &a.id == id) {
                        self.selected = None;
                    }
                }
                self.articles = Load::Ready(Rc::new(m.articles));
            }
            Action::ManifestLoaded(Err(e)) => self.articles = Load::Failed(e),
            Action::Select(id) => {
                if self.selected.as_ref() != Some(&id) {
                    self.selected = Some(id);
                    self.article = Load::Loading;
                }
            }
            Action::Close => {
                self.selected = None;
                self.article = Load::Loading;
            }
            Action::ArticleLoaded { id, result } => {
                // A late answer for an article the reader already left is dropped.
                if self.selected.as_ref() == Some(&id) {
                    self.article = match result {
                        Ok(a) => Load::Ready(a),
                        Err(e) => Load::Failed(e),
                    };
                }
            }
            Action::Notice(n) => self.notice = n,
        }
        self
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
                })
                .collect(),
        }
    }

    fn article(id: &str, text: &str) -> Rc<Article> {
        Rc::new(Article::new(id.into(), annotator_core::analyze(text)))
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
    fn late_article_for_another_selection_is_ignored() {
        let s = State::new(None)
            .reduce(Action::ManifestLoaded(Ok(manifest(&["a", "b"]))))
            .reduce(Action::Select("a".into()))
            .reduce(Action::Select("b".into()))
            .reduce(Action::ArticleLoaded { id: "a".into(), result: Ok(article("a", "Text.")) });
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
}
