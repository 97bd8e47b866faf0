//! Export and import of annotations as W3C Web Annotations (JSON-LD).
//!
//! Why: it is the standard other annotation tools (Hypothesis, Recogito, Annotorious, …) read
//! and write, and it already matches how the app stores an annotation (a `TextQuoteSelector` plus
//! a `TextPositionSelector`), so a file exported here can be re-imported without loss.
//!
//! Sources: Web Annotation Data Model, W3C Recommendation 2017
//! (<https://www.w3.org/TR/annotation-model/>), and its vocabulary
//! (<https://www.w3.org/TR/annotation-vocab/>) for `AnnotationCollection` / `AnnotationPage`.
//!
//! What is written ([`export`]): one `AnnotationCollection` with every live annotation in
//! `first.items`. Each annotation has
//! - `id` `urn:annotator:annotation:<id>`; `created` / `modified` as ISO 8601 UTC with milliseconds;
//! - `body`: a `TextualBody` per thing the reader said: `purpose: "tagging"` with the tag's JSON
//!   name (`official`, `criticism`, `speculation`), `purpose: "commenting"` with the note, and
//!   `purpose: "assessing"` with the value `rejected-suggestion` when the reader rejected the
//!   analysis' suggestion there;
//!   A reader's correction of a name adds Recogito's two bodies: `purpose: "identifying"` with
//!   the name as written and `purpose: "classifying"` with its kind (`person`, `organization`,
//!   `place`, `group`), or only `classifying` with `not-a-name` where the reader removed one;
//! - `target`: `source` `urn:annotator:article:<percent-encoded article id>` and both selectors;
//! - two terms of our own, outside the W3C vocabulary: `annotator:fromSuggestion: true` (only when
//!   true) and `annotator:articleTitle` (so a person opening the file sees which article it is).
//!
//! What is read ([`import`]): the same, plus what other tools commonly write: a collection
//! (`first` a page, an array of pages, or items directly on the collection), a page, a bare array
//! of annotations, or one annotation; `body` as an object, an array or a string (taken as a note);
//! `bodyValue`; `selector` as an object or an array; `target` as an object or an array (the first
//! one is used). Missing `prefix` / `suffix` are empty. Errors that matter (not JSON, no
//! annotation in it, an annotation without a quote, an unknown tag, a backwards range, too big)
//! are one sentence for the reader, naming the annotation by its 1-based place in the file.

use crate::anchor::{TextPositionSelector, TextQuoteSelector};
use crate::{EntityKind, Label};
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::record::{Annotation, EntityMark};

/// The JSON-LD context of the Web Annotation model.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// Prefix of exported annotation ids; stripped again on import.
pub const ANNOTATION_URN: &str = "urn:annotator:annotation:";
/// Prefix of the article a target points to; the rest is the percent-encoded article id.
pub const ARTICLE_URN: &str = "urn:annotator:article:";
/// The `assessing` body value that marks a rejected suggestion.
pub const REJECTED_VALUE: &str = "rejected-suggestion";
/// The `classifying` body value of a span the reader says names nothing.
pub const NOT_A_NAME: &str = "not-a-name";
/// Files larger than this are refused before parsing (a browser tab parsing a huge JSON file
/// freezes; real exports are a few hundred KB at most).
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// Which article a list of annotations belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArticleRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
}

// ---------------------------------------------------------------------------------------------
// Export

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'a str,
    total: usize,
    first: Page<'a>,
}

#[derive(Serialize)]
struct Page<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    created: String,
    modified: String,
    body: Vec<Body<'a>>,
    target: Target<'a>,
    #[serde(rename = "annotator:fromSuggestion", skip_serializing_if = "std::ops::Not::not")]
    from_suggestion: bool,
    #[serde(rename = "annotator:articleTitle", skip_serializing_if = "str::is_empty")]
    article_title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Creator<'a>>,
}

/// Who made the annotations (the W3C model's `creator`, an Agent with a `name`): the name a
/// student gave, so a teacher collecting the class's files knows whose work each is.
#[derive(Serialize)]
struct Creator<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
}

#[derive(Serialize)]
struct Target<'a> {
    source: String,
    selector: (QuoteOut<'a>, PositionOut),
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
}

#[derive(Serialize)]
struct PositionOut {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

fn item<'a>(article: &ArticleRef<'a>, a: &'a Annotation, creator: &'a str) -> Item<'a> {
    let mut body = Vec::new();
    if let Some(tag) = a.tag {
        body.push(Body { kind: "TextualBody", purpose: "tagging", value: tag.as_str(), format: None });
    }
    if !a.note.is_empty() {
        body.push(Body { kind: "TextualBody", purpose: "commenting", value: &a.note, format: Some("text/plain") });
    }
    if a.rejected {
        body.push(Body { kind: "TextualBody", purpose: "assessing", value: REJECTED_VALUE, format: None });
    }
    match a.entity {
        Some(EntityMark::Named(kind)) => {
            body.push(Body { kind: "TextualBody", purpose: "identifying", value: &a.quote.exact, format: None });
            body.push(Body { kind: "TextualBody", purpose: "classifying", value: kind.as_str(), format: None });
        }
        Some(EntityMark::NotAName) => {
            body.push(Body { kind: "TextualBody", purpose: "classifying", value: NOT_A_NAME, format: None });
        }
        None => {}
    }
    Item {
        context: CONTEXT,
        id: format!("{ANNOTATION_URN}{}", a.id),
        kind: "Annotation",
        created: ms_to_iso(a.created),
        modified: ms_to_iso(a.modified),
        body,
        target: Target {
            source: format!("{ARTICLE_URN}{}", percent_encode(article.id)),
            selector: (
                QuoteOut { kind: "TextQuoteSelector", exact: &a.quote.exact, prefix: &a.quote.prefix, suffix: &a.quote.suffix },
                PositionOut { kind: "TextPositionSelector", start: a.position.start, end: a.position.end },
            ),
        },
        from_suggestion: a.from_suggestion,
        article_title: article.title,
        creator: (!creator.trim().is_empty()).then(|| Creator { kind: "Person", name: creator.trim() }),
    }
}

/// The live annotations of `articles` as one pretty-printed `AnnotationCollection` named `label`.
pub fn export(articles: &[(ArticleRef, &[Annotation])], label: &str) -> String {
    export_by(articles, label, "")
}

/// As [`export`], every annotation with `creator` as its `creator` (left out when empty).
pub fn export_by(articles: &[(ArticleRef, &[Annotation])], label: &str, creator: &str) -> String {
    let items: Vec<Item> = articles
        .iter()
        .flat_map(|(article, list)| list.iter().filter(|a| a.is_live()).map(move |a| item(article, a, creator)))
        .collect();
    let collection = Collection {
        context: CONTEXT,
        kind: "AnnotationCollection",
        label,
        total: items.len(),
        first: Page { kind: "AnnotationPage", items },
    };
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&collection).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Import

/// Read a Web Annotation file: (article id, annotation) pairs, in file order.
///
/// - The article id is `target.source` without the `urn:annotator:article:` prefix
///   (percent-decoded), or the whole source string for annotations made elsewhere.
/// - The id loses its `urn:annotator:annotation:` prefix; other ids are kept as they are; an
///   annotation without an id gets `imported-<hash of its source, selectors and note>`, so
///   importing the same file twice merges rather than duplicates.
/// - Without a `TextPositionSelector` the position is `0..(quote length)`: a hint only; the
///   anchorer finds the quote by its text and context (the first occurrence wins ties).
/// - Missing `created` is 0 (the epoch); missing `modified` is `created`.
/// - Annotations with neither tag, note nor rejection carry nothing for this app and are skipped.
/// - `deleted` is always false: tombstones are never exported.
pub fn import(json: &str) -> Result<Vec<(String, Annotation)>, String> {
    let items = split(json)?;
    let (out, any) = read_items(json, &items, 0)?;
    if !any {
        return Err(NOT_WEB_ANNOTATIONS.into());
    }
    Ok(out)
}

/// What [`import`] says of a JSON file none of whose items is an annotation.
pub const NOT_WEB_ANNOTATIONS: &str = "This file is JSON but not Web Annotations: no item has \"type\": \"Annotation\".";

/// The first step of [`import`]: a file's candidate annotations, each still its raw JSON text.
/// One pass over the file checks all of its syntax and finds the items (in whatever container
/// the file uses) without building them, so a caller can read them a slice at a time with
/// [`read_items`] and let other work run between (the app does, so a large file never blocks
/// the page).
pub fn split(json: &str) -> Result<Vec<&RawValue>, String> {
    if json.len() > MAX_IMPORT_BYTES {
        return Err(format!(
            "This file is {:.1} MB; files over {:.0} MB are not imported.",
            json.len() as f64 / 1_048_576.0,
            MAX_IMPORT_BYTES as f64 / 1_048_576.0
        ));
    }
    let json = json.trim_start_matches('\u{feff}');
    let not_json = |e: serde_json::Error| format!("This file is not JSON (line {}, column {}).", e.line(), e.column());
    let root: &RawValue = serde_json::from_str(json).map_err(not_json)?;
    // Building a value limits how deep it may nest (serde_json: 128 levels); checking the syntax
    // does not. A file nested near that deep is built whole once, to be refused as reading it in
    // one go refuses it.
    if deepest(json) >= NEAR_DEPTH_LIMIT {
        serde_json::from_str::<Value>(json).map_err(not_json)?;
    }
    raw_items_of(root)
}

/// Nesting past which [`split`] checks a file as a whole value (below serde_json's limit).
const NEAR_DEPTH_LIMIT: usize = 100;

/// How deep arrays and objects nest in `json` (valid JSON).
fn deepest(json: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &b in json.as_bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// The second step of [`import`]: the annotations among `items` (a slice of what [`split`]
/// found in `json`, starting at 0-based place `first` in the file, for the messages), and whether
/// any item was an annotation at all (a file with none is not Web Annotations).
pub fn read_items(json: &str, items: &[&RawValue], first: usize) -> Result<(Vec<(String, Annotation)>, bool), String> {
    let mut out = Vec::new();
    let mut any = false;
    for (i, raw) in items.iter().enumerate() {
        // `split` checked the syntax, but not the depth of nesting, which building a value limits.
        let v: Value = serde_json::from_str(raw.get()).map_err(|e| not_json(json, raw, &e))?;
        if is_annotation(&v) {
            any = true;
            if let Some(pair) = read_annotation(&v, first + i + 1)? {
                out.push(pair);
            }
        }
    }
    Ok((out, any))
}

type RawObject<'a> = std::collections::BTreeMap<String, &'a RawValue>;

fn raw_starts(raw: &RawValue, c: u8) -> bool {
    raw.get().trim_start().as_bytes().first() == Some(&c)
}

fn raw_array(raw: &RawValue) -> Vec<&RawValue> {
    serde_json::from_str(raw.get()).unwrap_or_default()
}

fn raw_object(raw: &RawValue) -> Option<RawObject<'_>> {
    if raw_starts(raw, b'{') { serde_json::from_str(raw.get()).ok() } else { None }
}

fn raw_has_type(o: &RawObject, name: &str) -> bool {
    let t = o.get("type").or_else(|| o.get("@type")).and_then(|t| serde_json::from_str::<Value>(t.get()).ok());
    type_is(t.as_ref(), name)
}

fn raw_page_items(page: &RawValue) -> Vec<&RawValue> {
    match raw_object(page).and_then(|o| o.get("items").copied()) {
        Some(items) if raw_starts(items, b'[') => raw_array(items),
        _ => Vec::new(),
    }
}

/// The message for a file that is not JSON, where `e` (an error reading the item `raw`) is in
/// the file.
fn not_json(json: &str, raw: &RawValue, e: &serde_json::Error) -> String {
    let json = json.trim_start_matches('\u{feff}');
    let start = (raw.get().as_ptr() as usize).saturating_sub(json.as_ptr() as usize);
    let before = json.get(..start).unwrap_or("");
    let line = before.matches('\n').count() + e.line();
    let column = if e.line() == 1 { before.len() - before.rfind('\n').map_or(0, |i| i + 1) + e.column() } else { e.column() };
    format!("This file is not JSON (line {line}, column {column}).")
}

/// [`items_of`] on raw JSON: the same containers, found without building the items.
fn raw_items_of(root: &RawValue) -> Result<Vec<&RawValue>, String> {
    if raw_starts(root, b'[') {
        return Ok(raw_array(root));
    }
    let Some(o) = raw_object(root) else { return Ok(vec![root]) };
    Ok(if raw_has_type(&o, "AnnotationCollection") {
        match o.get("first").copied() {
            Some(first) if raw_starts(first, b'"') => {
                let url: String = serde_json::from_str(first.get()).unwrap_or_default();
                return Err(format!(
                    "This collection only links to its annotations ({url}) instead of containing them; \
                     download that page and import it."
                ));
            }
            Some(first) if raw_starts(first, b'[') => raw_array(first).into_iter().flat_map(raw_page_items).collect(),
            Some(first) => raw_page_items(first),
            None => raw_page_items(root),
        }
    } else if raw_has_type(&o, "AnnotationPage") {
        raw_page_items(root)
    } else {
        vec![root]
    })
}

/// The name of whoever made a Web Annotation file: the `creator` of its first annotation that
/// has one (an Agent's `name`, or a plain string), else of the collection. `None` for a file
/// that is not JSON or names no one.
pub fn creator(json: &str) -> Option<String> {
    let root: Value = serde_json::from_str(json.trim_start_matches('\u{feff}')).ok()?;
    let name = |v: &Value| match v.get("creator") {
        Some(Value::String(s)) => Some(s.trim().to_owned()),
        Some(c) => many(Some(c)).iter().find_map(|c| text(c, "name").or_else(|| text(c, "nickname"))).map(|s| s.trim().to_owned()),
        None => None,
    }
    .filter(|s| !s.is_empty());
    items_of(&root).ok()?.iter().find_map(|v| name(v)).or_else(|| name(&root))
}

fn has_type(v: &Value, name: &str) -> bool {
    type_is(v.get("type").or_else(|| v.get("@type")), name)
}

/// Whether a `type` value is `name` (or `oa:name`), alone or in an array.
fn type_is(t: Option<&Value>, name: &str) -> bool {
    match t {
        Some(Value::String(s)) => s == name || s.strip_prefix("oa:") == Some(name),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(|s| s == name || s.strip_prefix("oa:") == Some(name))),
        _ => false,
    }
}

fn is_annotation(v: &Value) -> bool {
    has_type(v, "Annotation")
}

/// The list of candidate annotations in whatever container the file uses.
fn items_of(root: &Value) -> Result<Vec<&Value>, String> {
    fn page_items(page: &Value) -> Vec<&Value> {
        match page.get("items") {
            Some(Value::Array(a)) => a.iter().collect(),
            _ => Vec::new(),
        }
    }
    Ok(match root {
        Value::Array(a) => a.iter().collect(),
        v if has_type(v, "AnnotationCollection") => match v.get("first") {
            Some(Value::String(url)) => {
                return Err(format!(
                    "This collection only links to its annotations ({url}) instead of containing them; \
                     download that page and import it."
                ))
            }
            Some(Value::Array(pages)) => pages.iter().flat_map(page_items).collect(),
            Some(page) => page_items(page),
            None => page_items(v),
        },
        v if has_type(v, "AnnotationPage") => page_items(v),
        v => vec![v],
    })
}

/// One or many: `x` or `[x, …]` as a list.
fn many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v) => vec![v],
    }
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// A non-negative whole number (JSON writers sometimes print `12.0`).
fn offset(v: &Value, key: &str, n: usize) -> Result<Option<usize>, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(x) => match (x.as_u64(), x.as_f64()) {
            // Offsets are code points of an article; anything past u32 (where the browser's
            // usize would wrap) cannot be one.
            (Some(u), _) if u <= u64::from(u32::MAX) => Ok(Some(u as usize)),
            (None, Some(f)) if f >= 0.0 && f.fract() == 0.0 && f <= f64::from(u32::MAX) => Ok(Some(f as usize)),
            _ => Err(format!("Annotation {n} has a {key} of {x}, which is not a character offset.")),
        },
    }
}

fn label_named(s: &str) -> Option<Label> {
    match s.trim().to_lowercase().as_str() {
        "official" | "official position" => Some(Label::Official),
        "criticism" => Some(Label::Criticism),
        "speculation" => Some(Label::Speculation),
        _ => None,
    }
}

/// An entity kind as we write it, or as Recogito and NER tools commonly do.
fn entity_kind_named(s: &str) -> Option<EntityKind> {
    match s.trim().to_lowercase().as_str() {
        "person" | "per" => Some(EntityKind::Person),
        "organization" | "organisation" | "org" => Some(EntityKind::Organization),
        "place" | "location" | "loc" | "gpe" => Some(EntityKind::Place),
        "group" | "norp" => Some(EntityKind::Group),
        _ => None,
    }
}

fn read_annotation(v: &Value, n: usize) -> Result<Option<(String, Annotation)>, String> {
    // The target: the first one, as an object (a bare string is a whole-document target).
    let target = many(v.get("target")).into_iter().next();
    let source = match target {
        Some(Value::String(s)) => s.as_str(),
        Some(t) => text(t, "source").or_else(|| text(t, "id")).unwrap_or(""),
        None => "",
    };
    let selectors = target.map(|t| many(t.get("selector"))).unwrap_or_default();
    let quote = selectors
        .iter()
        .find(|s| has_type(s, "TextQuoteSelector"))
        .and_then(|s| {
            Some(TextQuoteSelector {
                exact: text(s, "exact")?.to_string(),
                prefix: text(s, "prefix").unwrap_or("").to_string(),
                suffix: text(s, "suffix").unwrap_or("").to_string(),
            })
        })
        .ok_or_else(|| format!("Annotation {n} has no TextQuoteSelector, so it cannot be placed."))?;
    let position = match selectors.iter().find(|s| has_type(s, "TextPositionSelector")) {
        Some(s) => {
            let start = offset(s, "start", n)?;
            let end = offset(s, "end", n)?;
            match (start, end) {
                (Some(start), Some(end)) if start > end => {
                    return Err(format!("Annotation {n} has start {start} after end {end}."))
                }
                (Some(start), Some(end)) => TextPositionSelector { start, end },
                _ => return Err(format!("Annotation {n} has a TextPositionSelector without a start and an end.")),
            }
        }
        None => TextPositionSelector { start: 0, end: quote.exact.chars().count() },
    };

    // Bodies: a purpose on the body, else the annotation's motivation, says what the value is.
    let motivation = many(v.get("motivation")).first().and_then(|m| m.as_str()).unwrap_or("");
    let mut tag: Option<Label> = None;
    let mut notes: Vec<&str> = Vec::new();
    let mut rejected = false;
    let mut entity: Option<EntityMark> = None;
    if let Some(s) = text(v, "bodyValue") {
        notes.push(s);
    }
    for body in many(v.get("body")) {
        let (purpose, value) = match body {
            Value::String(s) => ("commenting", s.as_str()),
            b => (
                text(b, "purpose").unwrap_or(motivation),
                text(b, "value").or_else(|| text(b, "chars")).unwrap_or(""),
            ),
        };
        let purpose = purpose.strip_prefix("oa:").unwrap_or(purpose);
        match purpose {
            // The name itself is the quote; its kind comes in the classifying body.
            "identifying" => {}
            "classifying" if value == NOT_A_NAME => entity = Some(EntityMark::NotAName),
            "classifying" if entity_kind_named(value).is_some() => {
                entity = entity_kind_named(value).map(EntityMark::Named);
            }
            "tagging" | "classifying" => {
                let found = label_named(value).ok_or_else(|| {
                    format!(
                        "Annotation {n} has the tag {value:?}, which this annotator does not know \
                         (it knows official, criticism and speculation)."
                    )
                })?;
                if tag.is_some_and(|t| t != found) {
                    return Err(format!("Annotation {n} has two different tags; this annotator keeps one per span."));
                }
                tag = Some(found);
            }
            "assessing" if value == REJECTED_VALUE => rejected = true,
            _ if !value.is_empty() => notes.push(value),
            _ => {}
        }
    }
    let note = notes.join("\n\n");
    if tag.is_none() && note.trim().is_empty() && !rejected && entity.is_none() {
        return Ok(None);
    }

    let date = |key: &str| -> Result<Option<f64>, String> {
        match text(v, key) {
            None => Ok(None),
            Some(s) => iso_to_ms(s)
                .map(Some)
                .ok_or_else(|| format!("Annotation {n} has a {key} date {s:?} that is not an ISO 8601 date.")),
        }
    };
    let created = date("created")?.unwrap_or(0.0);
    let modified = date("modified")?.unwrap_or(created);

    let article = match source.strip_prefix(ARTICLE_URN) {
        Some(rest) => percent_decode(rest),
        None => source.to_string(),
    };
    let id = match text(v, "id").or_else(|| text(v, "@id")) {
        Some(id) => id.strip_prefix(ANNOTATION_URN).unwrap_or(id).to_string(),
        None => format!(
            "imported-{:016x}",
            fnv1a(&[source, &quote.exact, &quote.prefix, &quote.suffix, &position.start.to_string(), &note])
        ),
    };
    let from_suggestion = v.get("annotator:fromSuggestion").and_then(Value::as_bool).unwrap_or(false);
    super::record::check_sizes(&quote.exact, &note).map_err(|e| format!("Annotation {n} {e}"))?;
    Ok(Some((
        article,
        Annotation { id, quote, position, tag, note, from_suggestion, rejected, deleted: false, entity, created, modified, unknown: None },
    )))
}

/// FNV-1a (64 bit) over the parts, separated, for stable generated ids.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in p.as_bytes().iter().chain(&[0xff]) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

// ---------------------------------------------------------------------------------------------
// Percent-encoding (RFC 3986): everything but the unreserved characters.

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Inverse of [`percent_encode`]; a malformed escape is kept literally, invalid UTF-8 replaced.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

// ---------------------------------------------------------------------------------------------
// Dates: milliseconds since the epoch <-> ISO 8601, by Howard Hinnant's civil-date algorithms
// (<https://howardhinnant.github.io/date_algorithms.html>), valid for the proleptic Gregorian
// calendar far beyond any date an annotation can have.

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let mp = (m as i64 + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + d as i64 - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The date of a day number from [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `2024-03-01T12:00:00.250Z`. Sub-millisecond parts are rounded away.
pub fn ms_to_iso(ms: f64) -> String {
    let ms = if ms.is_finite() { ms.round() as i64 } else { 0 };
    let (days, rest) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let (y, m, d) = civil_from_days(days);
    let (h, min, s, milli) = (rest / 3_600_000, rest / 60_000 % 60, rest / 1000 % 60, rest % 1000);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{milli:03}Z")
}

/// Parse `YYYY-MM-DD`, optionally followed by `THH:MM[:SS[.fraction]]` and `Z` or `±HH[:MM]`
/// (no zone = UTC). `None` if it is not such a date.
pub fn iso_to_ms(s: &str) -> Option<f64> {
    let s = s.trim();
    let num = |t: &str| -> Option<i64> { (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok())? };
    let (date, time) = match s.find(['T', 't', ' ']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    let mut parts = date.splitn(3, '-');
    let (y, m, d) = (num(parts.next()?)?, num(parts.next()?)?, num(parts.next()?)?);
    // Years past what a JS Date holds (±275,760) are no date: they would overflow the sum below.
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || y > 275_759 {
        return None;
    }
    // Split off the zone.
    let (clock, offset_min) = if let Some(c) = time.strip_suffix(['Z', 'z']) {
        (c, 0)
    } else if let Some(i) = time.rfind(['+', '-']) {
        let (c, z) = (&time[..i], &time[i + 1..]);
        let sign = if time.as_bytes()[i] == b'-' { -1 } else { 1 };
        let (zh, zm) = match z.split_once(':') {
            Some((h, m)) => (num(h)?, num(m)?),
            None if z.len() == 4 => (num(&z[..2])?, num(&z[2..])?),
            None => (num(z)?, 0),
        };
        if zh > 23 || zm > 59 {
            return None;
        }
        (c, sign * (zh * 60 + zm))
    } else {
        (time, 0)
    };
    let mut ms = 0i64;
    if !clock.is_empty() {
        let (hms, frac) = match clock.split_once(['.', ',']) {
            Some((a, f)) => (a, f),
            None => (clock, ""),
        };
        let mut f = hms.split(':');
        let h = num(f.next()?)?;
        let mi = num(f.next()?)?;
        let sec = f.next().map(num).unwrap_or(Some(0))?;
        if f.next().is_some() || h > 24 || mi > 59 || sec > 60 {
            return None;
        }
        let milli = if frac.is_empty() {
            0
        } else {
            let digits: String = frac.chars().chain("000".chars()).take(3).collect();
            if !frac.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            digits.parse::<i64>().ok()?
        };
        ms = ((h * 60 + mi) * 60 + sec) * 1000 + milli;
    }
    let days = days_from_civil(y, m as u32, d as u32);
    Some((days * 86_400_000 + ms - offset_min * 60_000) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann(id: &str, exact: &str, start: usize, tag: Option<Label>, note: &str) -> Annotation {
        super::super::record::sample(id, exact, start, tag, note)
    }

    #[test]
    fn dates_convert_both_ways() {
        let cases = [
            (0.0, "1970-01-01T00:00:00.000Z"),
            (951_782_400_000.0, "2000-02-29T00:00:00.000Z"),
            (1_732_530_000_123.0, "2024-11-25T10:20:00.123Z"),
            (-1.0, "1969-12-31T23:59:59.999Z"),
            (4_107_542_399_999.0, "2100-02-28T23:59:59.999Z"),
        ];
        for (ms, iso) in cases {
            assert_eq!(ms_to_iso(ms), iso);
            assert_eq!(iso_to_ms(iso), Some(ms), "{iso}");
        }
        // Every day of a few centuries survives the round trip.
        for day in (-200_000i64..200_000).step_by(37) {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        // Other writers' spellings.
        assert_eq!(iso_to_ms("2024-11-25T10:20:00Z"), Some(1_732_530_000_000.0));
        assert_eq!(iso_to_ms("2024-11-25T11:20:00.123456+01:00"), Some(1_732_530_000_123.0));
        assert_eq!(iso_to_ms("2024-11-25T05:20:00-0500"), Some(1_732_530_000_000.0));
        assert_eq!(iso_to_ms("2024-11-25"), Some(1_732_492_800_000.0));
        assert_eq!(iso_to_ms("2024-11-25T10:20"), Some(1_732_530_000_000.0));
        // The last three overflowed the millisecond sum (a fuzzer's find in a class's CSV file).
        for bad in [
            "",
            "yesterday",
            "2024-13-01",
            "2024-11-25T10",
            "2024-11-25T10:20:00.1x2Z",
            "1732530000",
            "1971-01-01T00:00-1111111111111111111",
            "1971-01-01T00:00+24:00",
            "9999999999999999999-01-01",
        ] {
            assert_eq!(iso_to_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn percent_coding_round_trips() {
        for s in ["plain-id_1.txt", "a b/c?d#e%f", "ünïcödé 🦀", "%zz", "%4"] {
            assert_eq!(percent_decode(&percent_encode(s)), s);
        }
        assert_eq!(percent_encode("a b/ü"), "a%20b%2F%C3%BC");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
    }

    #[test]
    fn name_corrections_are_identifying_and_classifying_bodies() {
        let mut named = ann("n", "Micron Technology", 4, None, "");
        named.entity = Some(EntityMark::Named(EntityKind::Organization));
        let mut none = ann("x", "Chinese", 30, Some(Label::Criticism), "");
        none.entity = Some(EntityMark::NotAName);
        let list = [named.clone(), none.clone()];
        let json = export(&[(ArticleRef { id: "a", title: "" }, &list)], "");
        let v: Value = serde_json::from_str(&json).unwrap();
        let items = v["first"]["items"].as_array().unwrap();
        assert_eq!(items[0]["body"], serde_json::json!([
            {"type": "TextualBody", "purpose": "identifying", "value": "Micron Technology"},
            {"type": "TextualBody", "purpose": "classifying", "value": "organization"},
        ]));
        assert_eq!(items[1]["body"][1], serde_json::json!({"type": "TextualBody", "purpose": "classifying", "value": "not-a-name"}));
        assert_eq!(import(&json).unwrap(), vec![("a".to_string(), named), ("a".to_string(), none)]);
        // Recogito's way of writing a place is read too.
        let recogito = r#"{"type":"Annotation","body":[{"type":"TextualBody","purpose":"classifying","value":"LOCATION"}],
            "target":{"selector":{"type":"TextQuoteSelector","exact":"Beijing"}}}"#;
        assert_eq!(import(recogito).unwrap()[0].1.entity, Some(EntityMark::Named(EntityKind::Place)));
    }

    #[test]
    fn hostile_text_round_trips_exactly() {
        let hostile = "<script>alert(\"x\")</script> 'quotes' \\ back\nnew line\t🦀👩‍👩‍👧 שלום עולם \u{202e}RTL";
        let mut a = ann("a1", hostile, 10, Some(Label::Criticism), hostile);
        a.quote.prefix = "\"}]\u{0}".into();
        a.from_suggestion = true;
        let mut b = ann("b 2/ü", "plain", 0, None, "only a note");
        b.created = 0.0;
        b.modified = 0.0;
        let mut c = ann("c", "rejected span", 3, None, "");
        c.rejected = true;
        let dead = Annotation { deleted: true, ..ann("d", "gone", 1, Some(Label::Official), "") };
        // Kept exactly: a blank note beside a tag, and an empty quote.
        let blank = ann("f", "", 7, Some(Label::Speculation), " \n ");
        let empty = ann("e", "nothing", 1, None, "   ");
        let first = [a.clone(), dead, b.clone()];
        let second = [c.clone(), empty, blank.clone()];
        let json = export(
            &[
                (ArticleRef { id: "art/1 ü", title: "First <b>article</b>" }, &first),
                (ArticleRef { id: "two", title: "" }, &second),
            ],
            "My \"annotations\"",
        );
        let back = import(&json).unwrap();
        let want = vec![("art/1 ü".to_string(), a), ("art/1 ü".to_string(), b), ("two".to_string(), c), ("two".to_string(), blank)];
        assert_eq!(back, want);
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["total"], 4);
        assert_eq!(v["label"], "My \"annotations\"");
        let first_item = &v["first"]["items"][0];
        assert_eq!(first_item["id"], "urn:annotator:annotation:a1");
        assert_eq!(first_item["created"], "2024-11-25T10:20:00.123Z");
        assert_eq!(first_item["target"]["source"], "urn:annotator:article:art%2F1%20%C3%BC");
        assert_eq!(first_item["body"][0]["purpose"], "tagging");
        assert_eq!(first_item["body"][0]["value"], "criticism");
        assert_eq!(first_item["annotator:fromSuggestion"], true);
        assert!(v["first"]["items"][1].get("annotator:fromSuggestion").is_none());
        assert_eq!(v["first"]["items"][2]["body"][0]["value"], REJECTED_VALUE);
    }

    #[test]
    fn other_tools_shapes_are_read() {
        // A Hypothesis-like annotation: selectors as an array with a range selector we ignore, no
        // position, body as one object with a motivation instead of a purpose, no id.
        let one = r#"{"@context":"http://www.w3.org/ns/anno.jsonld","type":"Annotation",
            "motivation":"commenting","created":"2024-11-25T10:20:00Z",
            "body":{"type":"TextualBody","value":"Who says so?"},
            "target":{"source":"https://example.org/news/1","selector":[
              {"type":"RangeSelector"},{"type":"TextQuoteSelector","exact":"the move"}]}}"#;
        let got = import(one).unwrap();
        assert_eq!(got.len(), 1);
        let (article, a) = &got[0];
        assert_eq!(article, "https://example.org/news/1");
        assert_eq!(a.note, "Who says so?");
        assert_eq!(a.quote.prefix, "");
        assert_eq!(a.position, TextPositionSelector { start: 0, end: 8 });
        assert_eq!((a.created, a.modified), (1_732_530_000_000.0, 1_732_530_000_000.0));
        assert!(a.id.starts_with("imported-"));
        assert_eq!(import(one).unwrap()[0].1.id, a.id, "generated ids are stable");

        // A bare array, a string body, a tag body as an array element, selector as an object.
        let arr = r#"[{"type":"Annotation","id":"x1","body":["plain string note",
              {"purpose":"tagging","value":"Speculation"}],
              "target":{"source":"urn:annotator:article:a%20b","selector":{"type":"TextQuoteSelector","exact":"q"}}},
            {"type":"Annotation","id":"skipped","body":[],"target":{"selector":{"type":"TextQuoteSelector","exact":"q"}}}]"#;
        let got = import(arr).unwrap();
        assert_eq!(got.len(), 1, "the empty annotation is skipped");
        assert_eq!(got[0].0, "a b");
        assert_eq!(got[0].1.tag, Some(Label::Speculation));
        assert_eq!(got[0].1.note, "plain string note");

        // A page, and a collection whose `first` is an array of pages.
        let page = r#"{"type":"AnnotationPage","items":[{"type":"Annotation","id":"p",
            "body":{"purpose":"tagging","value":"official"},
            "target":{"source":"s","selector":[{"type":"TextQuoteSelector","exact":"q"},
              {"type":"TextPositionSelector","start":4.0,"end":5}]}}]}"#;
        let got = import(page).unwrap();
        assert_eq!(got[0].1.position, TextPositionSelector { start: 4, end: 5 });
        let pages = format!(r#"{{"type":"AnnotationCollection","first":[{page},{page}]}}"#);
        assert_eq!(import(&pages).unwrap().len(), 2);
    }

    #[test]
    fn read_a_slice_at_a_time_as_in_one_go() {
        let quote = r#"{"type":"TextQuoteSelector","exact":"q"}"#;
        let ok = |i: usize| format!(r#"{{"type":"Annotation","id":"a{i}","bodyValue":"n{i}","target":{{"source":"s","selector":{quote}}}}}"#);
        let list: Vec<String> = (0..7).map(ok).collect();
        let files = [
            format!("[{}]", list.join(",")),
            format!(r#"{{"type":"AnnotationCollection","first":{{"items":[{}]}}}}"#, list.join(",")),
            format!(r#"{{"type":["AnnotationPage"],"items":[{}, 5, "x"]}}"#, list.join(",")),
        ];
        for file in &files {
            let items = split(file).unwrap();
            let mut got = Vec::new();
            for (k, chunk) in items.chunks(3).enumerate() {
                got.extend(read_items(file, chunk, k * 3).unwrap().0);
            }
            assert_eq!(got, import(file).unwrap());
            assert_eq!(got.len(), 7);
        }
        // A message names the annotation by its place in the whole file, not in its slice.
        let bad = r#"{"type":"Annotation","bodyValue":"n","target":{"selector":{"type":"TextPositionSelector","start":1,"end":2}}}"#;
        let file = format!("[{},{bad}]", list.join(","));
        let items = split(&file).unwrap();
        let e = items.chunks(3).enumerate().find_map(|(k, c)| read_items(&file, c, k * 3).err()).unwrap();
        assert!(e.starts_with("Annotation 8 has no TextQuoteSelector"), "{e}");
    }

    #[test]
    fn errors_are_sentences_for_the_reader() {
        let check = |json: &str, want: &str| {
            let e = import(json).unwrap_err();
            assert!(e.contains(want), "{e:?} lacks {want:?}");
        };
        check("{\"a\": ", "This file is not JSON (line 1, column 6).");
        check("<html>", "not JSON (line 1, column 1)");
        check(r#"{"version":2,"articles":[]}"#, "not Web Annotations: no item has \"type\": \"Annotation\"");
        check("[]", "not Web Annotations");
        let quote = r#"{"type":"TextQuoteSelector","exact":"q"}"#;
        let ok = format!(r#"{{"type":"Annotation","bodyValue":"n","target":{{"selector":{quote}}}}}"#);
        let no_quote = r#"{"type":"Annotation","bodyValue":"n","target":{"selector":{"type":"TextPositionSelector","start":1,"end":2}}}"#;
        check(&format!("[{ok},{ok},{no_quote}]"), "Annotation 3 has no TextQuoteSelector, so it cannot be placed.");
        let backwards = format!(
            r#"{{"type":"Annotation","bodyValue":"n","target":{{"selector":[{quote},{{"type":"TextPositionSelector","start":90,"end":10}}]}}}}"#
        );
        check(&format!("[{ok},{ok},{ok},{ok},{backwards}]"), "Annotation 5 has start 90 after end 10.");
        let negative = format!(
            r#"{{"type":"Annotation","bodyValue":"n","target":{{"selector":[{quote},{{"type":"TextPositionSelector","start":-1,"end":10}}]}}}}"#
        );
        check(&negative, "Annotation 1 has a start of -1");
        let opinion = format!(
            r#"{{"type":"Annotation","body":{{"purpose":"tagging","value":"opinion"}},"target":{{"selector":{quote}}}}}"#
        );
        check(&opinion, "Annotation 1 has the tag \"opinion\", which this annotator does not know");
        let bad_date = format!(r#"{{"type":"Annotation","bodyValue":"n","created":"last week","target":{{"selector":{quote}}}}}"#);
        check(&bad_date, "Annotation 1 has a created date \"last week\"");
        check(r#"{"type":"AnnotationCollection","first":"https://x.org/page1"}"#, "only links to its annotations");
        // Nesting deeper than a value may be built is not JSON this reads, wherever it is.
        check(&format!("{}{}", "[".repeat(5000), "]".repeat(5000)), "This file is not JSON (line 1, column 128).");
        check(&format!("[1,\n {}{}]", "[".repeat(5000), "]".repeat(5000)), "This file is not JSON (line 2, column 128).");
        let deep_elsewhere = format!(r#"{{"type":"AnnotationCollection","junk":{}{},"first":{{"items":[]}}}}"#, "[".repeat(200), "]".repeat(200));
        check(&deep_elsewhere, "This file is not JSON (line 1, column 165).");
        let big = format!("[{}]", " ".repeat(MAX_IMPORT_BYTES));
        check(&big, "This file is 5.0 MB; files over 5 MB are not imported.");
        // Past 2^32 a browser's usize wraps to a small offset: refused, not wrapped.
        let wraps = format!(
            r#"{{"type":"Annotation","bodyValue":"n","target":{{"selector":[{quote},{{"type":"TextPositionSelector","start":4294967297,"end":4294967300}}]}}}}"#
        );
        check(&wraps, "Annotation 1 has a start of 4294967297, which is not a character offset.");
        let long_quote = format!(
            r#"{{"type":"Annotation","bodyValue":"n","target":{{"selector":{{"type":"TextQuoteSelector","exact":"{}"}}}}}}"#,
            "a".repeat(super::super::record::MAX_QUOTE_CHARS + 1)
        );
        check(&long_quote, "Annotation 1 quotes 20001 characters; quotes of up to 20000 characters are taken in.");
        let long_note = format!(r#"{{"type":"Annotation","bodyValue":"{}","target":{{"selector":{quote}}}}}"#, "n".repeat(20_001));
        check(&long_note, "Annotation 1 has a note of 20001 characters");
    }
}
