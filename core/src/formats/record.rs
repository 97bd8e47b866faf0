//! The stored annotation record: one per article under `annotator/v2/annotations/<article id>`
//! in the browser, `version` 2, with the reading of version 1 records (which kept only
//! positions and a label) migrated on read.
//!
//! What this version does not know is kept, not dropped: fields a newer version wrote (on the
//! record or on any annotation, at any depth of objects) are read into `unknown` and written back
//! as they were on every save ([`read_record`], [`write_record`]). A record of a newer version is
//! read by [`read_newer`] for showing only; the app keeps it read-only until the reader chooses.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::anchor::{describe, TextPositionSelector, TextQuoteSelector};
use crate::{EntityKind, Label};

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
    /// The reader's correction of the names found in this span: it names a person,
    /// organisation, place or group (`Named`), or nothing (`NotAName`); absent when the reader
    /// did not correct the analysis here. Stored records without it read as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityMark>,
    /// Milliseconds since the epoch.
    pub created: f64,
    /// A hybrid logical clock in milliseconds: the wall time of the last change, but always
    /// past the record's previous stamp ([`stamp`]), so a change the reader makes wins over a
    /// copy stamped by a clock that runs ahead.
    pub modified: f64,
    /// Fields a newer version stored with this annotation, kept to be written back unchanged.
    #[serde(skip)]
    pub unknown: Option<Value>,
}

/// What the reader says a span names (see `Annotation::entity`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityMark {
    Named(EntityKind),
    NotAName,
}

/// The stamp of a change made at wall time `now` to a record stamped `previous`: `now`, unless
/// the previous stamp is not behind it (another device's clock ran ahead), then just past it.
/// Per record this is a hybrid logical clock: "newer" is decided by the order of changes, and
/// by wall time only between changes that did not see each other.
pub fn stamp(previous: f64, now: f64) -> f64 {
    if now > previous {
        now
    } else {
        previous + 1.0
    }
}

impl Annotation {
    pub fn new(id: String, text: &str, start: usize, end: usize, now: f64) -> Self {
        Self::described(id, describe(text, start, end), now)
    }

    /// A new annotation with selectors already made (by [`describe`] or its kin).
    pub fn described(id: String, (quote, position): (TextQuoteSelector, TextPositionSelector), now: f64) -> Self {
        Self {
            id,
            quote,
            position,
            tag: None,
            note: String::new(),
            from_suggestion: false,
            rejected: false,
            deleted: false,
            entity: None,
            created: now,
            modified: now,
            unknown: None,
        }
    }

    /// The reader has decided about the analysis' suggestion here: tagged it or rejected it.
    pub fn reviews_suggestion(&self) -> bool {
        self.tag.is_some() || self.rejected
    }

    /// Still worth keeping: deleted records and empty ones (no tag, no note, not a rejection)
    /// are not shown.
    pub fn is_live(&self) -> bool {
        !self.deleted && (self.tag.is_some() || !self.note.trim().is_empty() || self.rejected || self.entity.is_some())
    }
}

/// Longest quote taken in from a file or link: a long passage of an article. Anchoring a quote
/// costs time in proportion to its length, so a file cannot freeze the page with one.
pub const MAX_QUOTE_CHARS: usize = 20_000;
/// Longest note taken in from a file or link.
pub const MAX_NOTE_CHARS: usize = 20_000;

/// Whether an incoming annotation's quote and note are within the limits; the error completes
/// a sentence that begins with the annotation's name ("Annotation 3 …").
pub fn check_sizes(quote: &str, note: &str) -> Result<(), String> {
    let (q, n) = (quote.chars().count(), note.chars().count());
    if q > MAX_QUOTE_CHARS {
        return Err(format!("quotes {q} characters; quotes of up to {MAX_QUOTE_CHARS} characters are taken in."));
    }
    if n > MAX_NOTE_CHARS {
        return Err(format!("has a note of {n} characters; notes of up to {MAX_NOTE_CHARS} characters are taken in."));
    }
    Ok(())
}

/// The schema version written today. Older records are migrated on read (see [`migrate_v1`]).
pub const ANNOTATIONS_VERSION: u32 = 2;

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AnnotationRecord {
    pub version: u32,
    pub article: String,
    pub annotations: Vec<Annotation>,
    /// Fields a newer version stored on the record, kept to be written back unchanged.
    #[serde(skip)]
    pub unknown: Option<Value>,
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
    Ok(AnnotationRecord { version: ANNOTATIONS_VERSION, article: article_id.into(), annotations, unknown: None })
}

/// Parse a stored v2 record, refusing records of another article or version.
pub fn parse_record(json: &str, article_id: &str) -> Result<Vec<Annotation>, String> {
    read_record(json, article_id).map(|r| r.annotations)
}

/// Parse a stored v2 record with everything this version does not know kept in `unknown`,
/// refusing records of another article or version.
pub fn read_record(json: &str, article_id: &str) -> Result<AnnotationRecord, String> {
    let r = read_any(json)?;
    if r.version != ANNOTATIONS_VERSION {
        return Err(format!("unknown version {}", r.version));
    }
    if r.article != article_id {
        return Err(format!("record of another article ({:?})", r.article));
    }
    Ok(r)
}

/// A record of a version newer than this one, read as far as it has the fields of version 2,
/// for showing it (read-only). `None` if it is not newer or not readable so.
pub fn read_newer(json: &str, article_id: &str) -> Option<AnnotationRecord> {
    let r = read_any(json).ok()?;
    (r.version > ANNOTATIONS_VERSION && r.article == article_id).then_some(r)
}

/// The version a stored record says it has, if it says one.
pub fn version_of(json: &str) -> Option<u64> {
    #[derive(Deserialize)]
    struct Versioned {
        version: u64,
    }
    serde_json::from_str::<Versioned>(json).ok().map(|v| v.version)
}

// Reading and writing go one annotation at a time (each through a `Value` only to find or put
// back its unknown fields, if it has any), never through a `Value` of the whole record: a record of thousands
// of annotations would otherwise take several times its own size in memory at once, and the
// wasm heap never gives memory back.
fn read_any(json: &str) -> Result<AnnotationRecord, String> {
    let fields: std::collections::BTreeMap<String, &RawValue> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let field = |name: &str| fields.get(name).ok_or_else(|| format!("missing field `{name}`"));
    let version: u32 = serde_json::from_str(field("version")?.get()).map_err(|e| format!("version: {e}"))?;
    let article: String = serde_json::from_str(field("article")?.get()).map_err(|e| format!("article: {e}"))?;
    let raw: Vec<&RawValue> = serde_json::from_str(field("annotations")?.get()).map_err(|e| format!("annotations: {e}"))?;
    let mut annotations = Vec::with_capacity(raw.len());
    for (i, r) in raw.iter().enumerate() {
        let at = |e: serde_json::Error| format!("annotation {}: {e}", i + 1);
        // An annotation with no field this version does not know, at any depth, reads in one
        // pass with no `Value` (every annotation this version wrote).
        if let Ok(Strict(a)) = serde_json::from_str::<Strict>(r.get()) {
            annotations.push(a);
            continue;
        }
        let v: Value = serde_json::from_str(r.get()).map_err(at)?;
        let mut a = Annotation::deserialize(&v).map_err(at)?;
        let known = serde_json::to_value(&a).map_err(|e| e.to_string())?;
        a.unknown = unknown_of(&v, &known);
        annotations.push(a);
    }
    // The record's own unknown fields: every field but the three this version knows.
    let mut unknown = Map::new();
    for (key, value) in &fields {
        if !matches!(key.as_str(), "version" | "article" | "annotations") {
            unknown.insert(key.clone(), serde_json::from_str(value.get()).map_err(|e| e.to_string())?);
        }
    }
    let unknown = (!unknown.is_empty()).then_some(Value::Object(unknown));
    Ok(AnnotationRecord { version, article, annotations, unknown })
}

/// An annotation read only if every field in it, at every depth, is one this version knows
/// (serde's `deny_unknown_fields`); `read_any` falls back to finding the unknown ones. The
/// definitions below mirror `Annotation` and its selectors through serde's `remote`, whose
/// generated code names every field of the real types: a field added to them and not here
/// does not compile.
struct Strict(Annotation);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        StrictAnnotation::deserialize(d).map(Strict)
    }
}

#[derive(Deserialize)]
#[serde(remote = "Annotation", deny_unknown_fields)]
struct StrictAnnotation {
    id: String,
    #[serde(with = "StrictQuote")]
    quote: TextQuoteSelector,
    #[serde(with = "StrictPosition")]
    position: TextPositionSelector,
    #[serde(default)]
    tag: Option<Label>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    from_suggestion: bool,
    #[serde(default)]
    rejected: bool,
    #[serde(default)]
    deleted: bool,
    #[serde(default)]
    entity: Option<EntityMark>,
    created: f64,
    modified: f64,
    #[serde(skip)]
    unknown: Option<Value>,
}

#[derive(Deserialize)]
#[serde(remote = "TextQuoteSelector", deny_unknown_fields)]
struct StrictQuote {
    exact: String,
    prefix: String,
    suffix: String,
}

#[derive(Deserialize)]
#[serde(remote = "TextPositionSelector", deny_unknown_fields)]
struct StrictPosition {
    start: usize,
    end: usize,
}

/// The record as stored: what this version knows, with every unknown field put back.
pub fn write_record(record: &AnnotationRecord) -> Result<String, String> {
    let err = |e: serde_json::Error| e.to_string();
    let mut out = String::with_capacity(64 + record.annotations.len() * 320);
    out.push_str(&format!("{{\"version\":{},\"article\":{}", record.version, serde_json::to_string(&record.article).map_err(err)?));
    if let Some(Value::Object(u)) = &record.unknown {
        for (key, value) in u {
            out.push_str(&format!(",{}:{}", serde_json::to_string(key).map_err(err)?, serde_json::to_string(value).map_err(err)?));
        }
    }
    out.push_str(",\"annotations\":[");
    for (i, a) in record.annotations.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match &a.unknown {
            None => out.push_str(&serde_json::to_string(a).map_err(err)?),
            Some(u) => {
                let mut v = serde_json::to_value(a).map_err(err)?;
                put_back(&mut v, u);
                out.push_str(&serde_json::to_string(&v).map_err(err)?);
            }
        }
    }
    out.push_str("]}");
    Ok(out)
}

/// The parts of `raw` that `known` lacks: keys it does not have, and within objects both have,
/// their unknown keys (arrays are compared whole). `None` when there are none.
fn unknown_of(raw: &Value, known: &Value) -> Option<Value> {
    let (Value::Object(r), Value::Object(k)) = (raw, known) else { return None };
    let mut out = Map::new();
    for (key, value) in r {
        match k.get(key) {
            None => {
                out.insert(key.clone(), value.clone());
            }
            Some(kv) => {
                if let Some(u) = unknown_of(value, kv) {
                    out.insert(key.clone(), u);
                }
            }
        }
    }
    (!out.is_empty()).then_some(Value::Object(out))
}

/// Insert into `target` what `unknown` holds and `target` lacks, at every depth.
fn put_back(target: &mut Value, unknown: &Value) {
    let (Value::Object(t), Value::Object(u)) = (target, unknown) else { return };
    for (key, value) in u {
        match t.get_mut(key) {
            None => {
                t.insert(key.clone(), value.clone());
            }
            Some(tv) => put_back(tv, value),
        }
    }
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
        entity: None,
        created: 1_732_530_000_123.0,
        modified: 1_732_530_456_789.0,
        unknown: None,
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

    #[test]
    fn unknown_fields_at_any_depth_survive_a_round_trip() {
        let stored = r#"{"version":2,"article":"a","sync":{"peer":"p1"},"annotations":[
            {"id":"x","quote":{"exact":"Costs","prefix":"","suffix":" could","lang":"en"},
             "position":{"start":57,"end":62,"unit":"cp"},"tag":"speculation","note":"","created":1,"modified":2,
             "colour":"red","links":[1,2,{"a":null}]},
            {"id":"y","quote":{"exact":"b","prefix":"","suffix":""},"position":{"start":0,"end":1},"created":1,"modified":2}]}"#;
        let mut r = read_record(stored, "a").unwrap();
        assert!(r.annotations[1].unknown.is_none());
        // A change by this version keeps them too.
        r.annotations[0].tag = Some(Label::Official);
        r.annotations[0].modified = 3.0;
        let written: Value = serde_json::from_str(&write_record(&r).unwrap()).unwrap();
        let a = &written["annotations"][0];
        assert_eq!(written["sync"], serde_json::json!({"peer": "p1"}));
        assert_eq!((a["colour"].as_str(), a["quote"]["lang"].as_str(), a["position"]["unit"].as_str()), (Some("red"), Some("en"), Some("cp")));
        assert_eq!(a["links"], serde_json::json!([1, 2, {"a": null}]));
        assert_eq!((a["tag"].as_str(), a["modified"].as_f64()), (Some("official"), Some(3.0)));
        // Unchanged, a record reads back to what it was.
        let again = read_record(&write_record(&r).unwrap(), "a").unwrap();
        assert_eq!(again, r);
        // A field unknown only inside a selector is found too.
        let nested = r#"{"version":2,"article":"a","annotations":[{"id":"z","quote":{"exact":"b","prefix":"","suffix":""},"position":{"start":0,"end":1,"unit":"cp"},"created":1,"modified":2}]}"#;
        let r = read_record(nested, "a").unwrap();
        let written: Value = serde_json::from_str(&write_record(&r).unwrap()).unwrap();
        assert_eq!(written["annotations"][0]["position"]["unit"].as_str(), Some("cp"));
    }

    #[test]
    fn annotations_read_in_one_pass_are_those_with_nothing_unknown() {
        // Known fields only, however written (spacing, order, integer stamps, a null): read
        // strictly, and the same as through a `Value`.
        let known = [
            r#"{"id":"x","quote":{"exact":"b","prefix":"","suffix":""},"position":{"start":0,"end":1},"created":1,"modified":2}"#,
            r#"{ "modified": 2.0, "created": 1, "position": {"end": 1, "start": 0}, "quote": {"suffix": "", "prefix": "", "exact": "b"}, "id": "x", "entity": null, "tag": "official" }"#,
            r#"{"id":"x","quote":{"exact":"b","prefix":"","suffix":""},"position":{"start":0,"end":1},"entity":{"named":"person"},"rejected":true,"created":1,"modified":2}"#,
        ];
        for json in known {
            let Strict(a) = serde_json::from_str(json).unwrap();
            let v: Value = serde_json::from_str(json).unwrap();
            assert_eq!(a, Annotation::deserialize(&v).unwrap(), "{json}");
        }
        // Anything unknown, at any depth, or a field twice: left to the reading that finds it.
        let other = [
            r#"{"id":"x","quote":{"exact":"b","prefix":"","suffix":""},"position":{"start":0,"end":1},"created":1,"modified":2,"colour":"red"}"#,
            r#"{"id":"x","quote":{"exact":"b","prefix":"","suffix":"","lang":"en"},"position":{"start":0,"end":1},"created":1,"modified":2}"#,
            r#"{"id":"x","quote":{"exact":"b","prefix":"","suffix":""},"position":{"start":0,"end":1,"unit":"cp"},"created":1,"modified":2}"#,
            r#"{"id":"x","quote":{"exact":"b","prefix":"","suffix":""},"position":{"start":0,"end":1},"created":1,"modified":2,"unknown":1}"#,
            r#"{"id":"x","id":"y","quote":{"exact":"b","prefix":"","suffix":""},"position":{"start":0,"end":1},"created":1,"modified":2}"#,
        ];
        for json in other {
            assert!(serde_json::from_str::<Strict>(json).is_err(), "{json}");
        }
    }

    #[test]
    fn stamps_not_in_shortest_form_are_written_back_unchanged() {
        // Found by the `stored_record` fuzz target: 23 significant digits, which serde_json's
        // default float parser may round one unit off.
        let json = r#"{"version":2,"article":"a","annotations":[{"id":"x","quote":{"exact":"b","prefix":"","suffix":""},"position":{"start":0,"end":1},"created":1,"modified":1111111122222222.1111110e+4}]}"#;
        let read = read_record(json, "a").unwrap();
        let again = read_record(&write_record(&read).unwrap(), "a").unwrap();
        assert_eq!(again, read);
    }

    #[test]
    fn newer_records_are_read_for_showing_only() {
        let v3 = r#"{"version":3,"article":"a","annotations":[{"id":"x","quote":{"exact":"b","prefix":"","suffix":""},"position":{"start":0,"end":1},"created":1,"modified":2,"kind":"entity"}]}"#;
        assert!(read_record(v3, "a").is_err());
        let r = read_newer(v3, "a").unwrap();
        assert_eq!((r.version, r.annotations.len()), (3, 1));
        assert!(read_newer(v3, "b").is_none());
        assert_eq!(version_of(v3), Some(3));
    }

    #[test]
    fn stamps_move_past_a_clock_that_ran_ahead() {
        assert_eq!(stamp(5.0, 10.0), 10.0);
        assert_eq!(stamp(1e15, 10.0), 1e15 + 1.0);
        assert_eq!(stamp(10.0, 10.0), 11.0);
    }
}
