//! The stored annotation record: one per article under `annotator/v2/annotations/<article id>`
//! in the browser, `version` 2, with the reading of version 1 records (which kept only
//! positions and a label) migrated on read.

use serde::{Deserialize, Serialize};

use crate::anchor::{describe, TextPositionSelector, TextQuoteSelector};
use crate::Label;

/// One annotation: a span of the article with a tag and/or a note. Selectors follow the W3C Web
/// Annotation model so the record can be re-attached if the article text changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    pub id: String,
    pub quote: TextQuoteSelector,
    pub position: TextPositionSelector,
    #[serde(default)]
    pub tag: Option<Label>,
    #[serde(default)]
    pub note: String,
    /// Made by accepting the analysis' suggestion (kept so exports can say so).
    #[serde(default)]
    pub from_suggestion: bool,
    /// The reader rejected the suggestion on this span: no tag, and the suggestion is hidden.
    #[serde(default)]
    pub rejected: bool,
    #[serde(default)]
    pub deleted: bool,
    /// Milliseconds since the epoch.
    pub created: f64,
    pub modified: f64,
}

impl Annotation {
    pub fn new(id: String, text: &str, start: usize, end: usize, now: f64) -> Self {
        let (quote, position) = describe(text, start, end);
        Self {
            id,
            quote,
            position,
            tag: None,
            note: String::new(),
            from_suggestion: false,
            rejected: false,
            deleted: false,
            created: now,
            modified: now,
        }
    }

    /// The reader has decided about the analysis' suggestion here: tagged it or rejected it.
    pub fn reviews_suggestion(&self) -> bool {
        self.tag.is_some() || self.rejected
    }

    /// Still worth keeping: deleted records and empty ones (no tag, no note, not a rejection)
    /// are not shown.
    pub fn is_live(&self) -> bool {
        !self.deleted && (self.tag.is_some() || !self.note.trim().is_empty() || self.rejected)
    }
}

/// The schema version written today. Older records are migrated on read (see [`migrate_v1`]).
pub const ANNOTATIONS_VERSION: u32 = 2;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct AnnotationRecord {
    pub version: u32,
    pub article: String,
    pub annotations: Vec<Annotation>,
}

/// Version 1 kept only positions (code points) and a label: no quote to re-attach by.
#[derive(Debug, Deserialize)]
struct RecordV1 {
    version: u32,
    tags: Vec<TagV1>,
}

#[derive(Debug, Deserialize)]
struct TagV1 {
    start: usize,
    end: usize,
    label: Option<Label>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    created: f64,
}

/// v1 → v2: the quote and its context are taken from the article text as it is now, which is the
/// text v1 positions referred to (v1 had no way to follow edits).
pub fn migrate_v1(json: &str, article_id: &str, text: &str) -> Result<AnnotationRecord, String> {
    let old: RecordV1 = serde_json::from_str(json).map_err(|e| format!("not a version 1 record: {e}"))?;
    if old.version != 1 {
        return Err(format!("expected version 1, found {}", old.version));
    }
    let len = text.chars().count();
    let annotations = old
        .tags
        .into_iter()
        .enumerate()
        .filter(|(_, t)| t.start < t.end && t.end <= len)
        .map(|(i, t)| {
            let mut a = Annotation::new(format!("v1-{i}"), text, t.start, t.end, t.created);
            a.tag = t.label;
            a.note = t.note;
            a
        })
        .collect();
    Ok(AnnotationRecord { version: ANNOTATIONS_VERSION, article: article_id.into(), annotations })
}

/// Parse a stored v2 record, refusing records of another article or version.
pub fn parse_record(json: &str, article_id: &str) -> Result<Vec<Annotation>, String> {
    let r: AnnotationRecord = serde_json::from_str(json).map_err(|e| e.to_string())?;
    if r.version != ANNOTATIONS_VERSION {
        return Err(format!("unknown version {}", r.version));
    }
    if r.article != article_id {
        return Err(format!("record of another article ({:?})", r.article));
    }
    Ok(r.annotations)
}

/// A record for format tests: `exact` at `start`, one-word context either side.
#[cfg(test)]
pub(crate) fn sample(id: &str, exact: &str, start: usize, tag: Option<Label>, note: &str) -> Annotation {
    Annotation {
        id: id.into(),
        quote: TextQuoteSelector { exact: exact.into(), prefix: "before ".into(), suffix: " after".into() },
        position: TextPositionSelector { start, end: start + exact.chars().count() },
        tag,
        note: note.into(),
        from_suggestion: false,
        rejected: false,
        deleted: false,
        created: 1_732_530_000_123.0,
        modified: 1_732_530_456_789.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_records_migrate_with_quotes_from_the_text() {
        let text = "Officials say the move is driven by concerns. Critics warned it could backfire.";
        let v1 = r#"{"version":1,"tags":[{"start":46,"end":79,"label":"criticism","note":"strong"},
                     {"start":0,"end":9,"label":null,"note":"who?"},{"start":70,"end":999,"label":"official"}]}"#;
        let r = migrate_v1(v1, "art", text).unwrap();
        assert_eq!(r.version, 2);
        assert_eq!(r.annotations.len(), 2, "the out-of-range tag is dropped from the migrated copy");
        assert_eq!(r.annotations[0].quote.exact, "Critics warned it could backfire.");
        assert_eq!(r.annotations[0].tag, Some(Label::Criticism));
        assert_eq!(r.annotations[1].note, "who?");
        assert!(migrate_v1(r#"{"version":3,"tags":[]}"#, "art", text).is_err());
        assert!(migrate_v1("[]", "art", text).is_err());
    }

    #[test]
    fn records_of_other_articles_or_versions_are_refused() {
        let rec = |v: u32, a: &str| format!(r#"{{"version":{v},"article":"{a}","annotations":[]}}"#);
        assert_eq!(parse_record(&rec(2, "x"), "x"), Ok(vec![]));
        assert!(parse_record(&rec(2, "y"), "x").unwrap_err().contains("another article"));
        assert!(parse_record(&rec(9, "x"), "x").unwrap_err().contains("version 9"));
        assert!(parse_record("{garbage", "x").is_err());
    }
}
