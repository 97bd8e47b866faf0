//! Hostile quotes and notes in the spreadsheet export: never a panic, every field quoted so a
//! comma, quote or line break cannot shift a column, and no cell starts a formula.
#![no_main]
use annotator_core::anchor::{TextPositionSelector, TextQuoteSelector};
use annotator_core::formats::csv::export_csv;
use annotator_core::formats::record::Annotation;
use annotator_core::formats::webanno::ArticleRef;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let mut parts = s.splitn(3, '\u{1}');
    let (exact, note, title) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let a = Annotation {
        id: "x".into(),
        quote: TextQuoteSelector { exact: exact.into(), prefix: String::new(), suffix: String::new() },
        position: TextPositionSelector { start: 0, end: exact.chars().count() },
        tag: None,
        note: note.into(),
        from_suggestion: false,
        // Live whatever the note: a rejected suggestion is a row too.
        rejected: true,
        deleted: false,
        entity: None,
        created: 0.0,
        modified: 0.0,
        unknown: None,
    };
    let list = [a];
    let out = export_csv(&[(ArticleRef { id: "a", title }, &list)]);
    for field in fields(&out) {
        assert!(!field.starts_with(['=', '+', '-', '@', '\t', '\r']), "formula in {field:?}");
    }
});

/// The fields of an RFC 4180 document (quoted fields may hold commas, quotes and line breaks).
fn fields(csv: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = csv.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',' | '\n') => out.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, c) => field.push(c),
        }
    }
    out.push(field);
    out
}
