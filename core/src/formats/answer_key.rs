//! A teacher's answer key: the annotations of one article, as W3C Web Annotation JSON-LD
//! (`<article>.key.json` beside the article). Read by exactly the reader the app imports with
//! (`webanno::import`); `check` adds what the pack command reports — counts per tag, and the
//! quotes that cannot be found in the article's text (a warning: the article may have been
//! edited after the key was made).

use super::record::Annotation;
use super::webanno;
use crate::anchor::Anchorer;
use crate::Label;

/// Suffix of an answer-key file: `foo.txt` and `foo.md` have the key `foo.key.json`.
pub const KEY_SUFFIX: &str = ".key.json";

/// What an answer key holds.
#[derive(Debug, Default, PartialEq)]
pub struct KeySummary {
    pub annotations: usize,
    /// Tagged annotations per label, in `Label` order (official, criticism, speculation).
    pub tags: [usize; 3],
    /// Annotations with a note.
    pub notes: usize,
    /// Quotes of the annotations the anchoring could not find in the article text.
    pub not_found: Vec<String>,
}

const LABELS: [Label; 3] = [Label::Official, Label::Criticism, Label::Speculation];

/// The key's annotations, whatever article the file names (the manifest ties a key to its
/// article).
pub fn read(json: &str) -> Result<Vec<Annotation>, String> {
    Ok(webanno::import(json)?.into_iter().map(|(_, a)| a).collect())
}

/// Read an answer key and find each of its annotations in `text` (the analysed, normalised
/// article text, as the app does).
pub fn check(json: &str, text: &str) -> Result<KeySummary, String> {
    let annotations = read(json)?;
    let anchorer = Anchorer::new(text);
    let mut sum = KeySummary { annotations: annotations.len(), ..KeySummary::default() };
    for a in annotations {
        if let Some(i) = a.tag.and_then(|t| LABELS.iter().position(|l| *l == t)) {
            sum.tags[i] += 1;
        }
        if !a.note.trim().is_empty() {
            sum.notes += 1;
        }
        if anchorer.anchor(&a.quote, Some(&a.position)).is_none() {
            sum.not_found.push(a.quote.exact);
        }
    }
    Ok(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Officials said the plan is final. Critics condemned it. Costs could rise next year.";

    #[test]
    fn counts_tags_notes_and_quotes_not_found() {
        let key = r#"[
          {"type":"Annotation","body":[{"purpose":"tagging","value":"Official position"},{"purpose":"commenting","value":"the ministry"}],
           "target":{"selector":[{"type":"TextQuoteSelector","exact":"Officials said the plan is final."},{"type":"TextPositionSelector","start":0,"end":33}]}},
          {"type":"Annotation","body":{"purpose":"tagging","value":"criticism"},
           "target":{"selector":{"type":"TextQuoteSelector","exact":"The minister resigned in protest."}}}
        ]"#;
        let k = check(key, TEXT).unwrap();
        assert_eq!(k.annotations, 2);
        assert_eq!(k.tags, [1, 1, 0]);
        assert_eq!(k.notes, 1);
        assert_eq!(k.not_found, vec!["The minister resigned in protest.".to_owned()], "counted, not refused");
    }
}
