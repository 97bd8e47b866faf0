//! Who says what: an article's statements grouped by the entity they are attributed to (the
//! analysis' `speaker`, already one canonical name however the article names it), each with the
//! reader's tag or else the suggestion; and the entities that are mentioned but never speak.
//! Pure, so the grouping is tested natively.

use std::collections::HashMap;

use annotator_core::{EntityKind, Label};

use crate::article::Article;
use crate::doc::Doc;

/// One statement of a speaker: the sentence, and its tag — the reader's own, or the suggestion.
#[derive(Clone, Debug, PartialEq)]
pub struct Said {
    pub sentence: usize,
    pub tag: Option<Label>,
    /// True when `tag` is only the analysis' suggestion.
    pub suggested: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    pub name: String,
    pub kind: Option<EntityKind>,
    pub said: Vec<Said>,
}

impl Speaker {
    pub fn count(&self, label: Label) -> usize {
        self.said.iter().filter(|s| s.tag == Some(label)).count()
    }
}

/// Speakers in order of first statement, and the entities that never speak (by first mention).
pub fn who_says_what(article: &Article, doc: Option<&Doc>) -> (Vec<Speaker>, Vec<(String, EntityKind)>) {
    let a = &article.analysis;
    let kinds: HashMap<&str, EntityKind> = a.entities.iter().map(|e| (e.canonical.as_str(), e.kind)).collect();
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for &i in &article.statements {
        let s = &a.sentences[i];
        let Some(name) = s.speaker.as_deref() else { continue };
        let own = doc.and_then(|d| d.at((s.start, s.end))).filter(|x| x.reviews_suggestion());
        let said = match own {
            Some(x) => Said { sentence: i, tag: x.tag, suggested: false },
            None => Said { sentence: i, tag: s.suggestion.as_ref().map(|x| x.label), suggested: s.suggestion.is_some() },
        };
        let at = *index.entry(name).or_insert_with(|| {
            speakers.push(Speaker { name: name.to_owned(), kind: kinds.get(name).copied(), said: Vec::new() });
            speakers.len() - 1
        });
        speakers[at].said.push(said);
    }
    let mut silent: Vec<(String, EntityKind)> = Vec::new();
    for e in &a.entities {
        if !index.contains_key(e.canonical.as_str()) && !silent.iter().any(|(n, _)| n == &e.canonical) {
            silent.push((e.canonical.clone(), e.kind));
        }
    }
    (speakers, silent)
}

/// One statement in the collection-wide view: where it is and what it says, in full (the view
/// shortens it).
#[derive(Clone, Debug, PartialEq)]
pub struct CollectionSaid {
    pub article: String,
    pub title: String,
    pub sentence: usize,
    pub text: String,
    pub tag: Option<Label>,
    pub suggested: bool,
}

/// A speaker across the collection, merged by canonical name.
#[derive(Clone, Debug, PartialEq)]
pub struct CollectionSpeaker {
    pub name: String,
    pub kind: Option<EntityKind>,
    pub said: Vec<CollectionSaid>,
}

/// Add one article's speakers to the collection's, merged by name (canonical names are the
/// same however each article names them).
pub fn add_to_collection(out: &mut Vec<CollectionSpeaker>, title: &str, article: &Article, doc: Option<&Doc>) {
    let (speakers, _) = who_says_what(article, doc);
    for sp in speakers {
        let at = match out.iter().position(|p| p.name == sp.name) {
            Some(at) => at,
            None => {
                out.push(CollectionSpeaker { name: sp.name.clone(), kind: sp.kind, said: Vec::new() });
                out.len() - 1
            }
        };
        for said in sp.said {
            let s = &article.analysis.sentences[said.sentence];
            out[at].said.push(CollectionSaid {
                article: article.id.clone(),
                title: title.to_owned(),
                sentence: said.sentence,
                text: article.slice(s.start, s.end).to_owned(),
                tag: said.tag,
                suggested: said.suggested,
            });
        }
    }
}

/// Who speaks most across the collection first (a stable sort: ties keep their order).
pub fn sort_collection(out: &mut [CollectionSpeaker]) {
    out.sort_by(|a, b| b.said.len().cmp(&a.said.len()));
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_000: &str = include_str!("../seeds/000_0cbb82931a6194e5.txt");

    #[test]
    fn seed_000_groups_the_regulator_and_the_commerce_department() {
        let article = Article::new("000".into(), annotator_core::analyze(SEED_000));
        let (speakers, silent) = who_says_what(&article, None);
        let names: Vec<&str> = speakers.iter().map(|s| s.name.as_str()).collect();
        for wanted in ["Cyberspace Administration of China", "U.S. Department of Commerce", "Micron Technology"] {
            assert!(names.contains(&wanted), "{wanted} speaks: {names:?}");
        }
        let commerce = speakers.iter().find(|s| s.name == "U.S. Department of Commerce").unwrap();
        assert_eq!(commerce.count(Label::Criticism), 1);
        assert!(commerce.said.iter().all(|s| s.suggested));
        // Speakers are not listed again as silent; some entities only are mentioned.
        assert!(silent.iter().all(|(n, _)| !names.contains(&n.as_str())));
        assert!(!silent.is_empty());
    }

    #[test]
    fn the_readers_tag_wins_over_the_suggestion() {
        let article = Article::new("000".into(), annotator_core::analyze(SEED_000));
        let i = article.statements.iter().copied()
            .find(|&i| article.analysis.sentences[i].speaker.as_deref() == Some("U.S. Department of Commerce"))
            .unwrap();
        let s = &article.analysis.sentences[i];
        let mut x = crate::annotations::Annotation::new("x".into(), &article.analysis.text, s.start, s.end, 1.0);
        x.tag = Some(Label::Official);
        let doc = Doc::new(&article, vec![x]);
        let (speakers, _) = who_says_what(&article, Some(&doc));
        let commerce = speakers.iter().find(|s| s.name == "U.S. Department of Commerce").unwrap();
        assert_eq!(commerce.said[0], Said { sentence: i, tag: Some(Label::Official), suggested: false });
    }

    #[test]
    fn the_collection_merges_speakers_across_articles() {
        let a = Article::new("a".into(), annotator_core::analyze(SEED_000));
        let b = Article::new("b".into(), annotator_core::analyze(SEED_000));
        let mut out = Vec::new();
        add_to_collection(&mut out, "A", &a, None);
        let once: usize = out.iter().map(|s| s.said.len()).sum();
        add_to_collection(&mut out, "B", &b, None);
        sort_collection(&mut out);
        let (speakers, _) = who_says_what(&a, None);
        assert_eq!(out.len(), speakers.len(), "the same names merge");
        assert_eq!(out.iter().map(|s| s.said.len()).sum::<usize>(), 2 * once);
        assert!(out.windows(2).all(|w| w[0].said.len() >= w[1].said.len()));
        assert!(out[0].said.iter().any(|s| s.article == "b" && s.title == "B"));
    }
}
