//! What a teacher collects from a class: exported files (Web Annotation JSON or this app's CSV
//! table) and pasted text with share links. Hostile input must never panic; a CSV export of any
//! quote and note must read back as the same quote and note (the class view compares them).
#![no_main]
use annotator_core::formats::class::{read_file, read_links};
use annotator_core::formats::csv::{export_csv, import_csv};
use annotator_core::formats::record::Annotation;
use annotator_core::formats::webanno::ArticleRef;
use annotator_core::Label;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let _ = read_links(s);
    let _ = read_file("file", s);
    let mut parts = s.splitn(3, '\u{1}');
    let (exact, note, title) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    // A cell that already starts with an apostrophe before a formula sign reads back without it
    // (that is how the export defuses formulas), and an empty quote is refused by design.
    if exact.is_empty() || [exact, note, title].iter().any(|t| t.starts_with('\'')) {
        return;
    }
    // Three characters before the quote, so its start is not zero (the CSV keeps offsets).
    let mut a = Annotation::new("x".into(), &format!("abc{exact}"), 3, 3 + exact.chars().count(), 0.0);
    a.tag = Some(Label::Criticism);
    a.note = note.into();
    let list = [a];
    let csv = export_csv(&[(ArticleRef { id: "a", title }, &list)]);
    let back = import_csv(&csv).unwrap_or_else(|e| panic!("own export refused: {e}"));
    assert_eq!(back.len(), 1, "{csv:?}");
    let (t, b) = &back[0];
    assert_eq!((t.as_str(), b.quote.exact.as_str(), b.note.as_str()), (title, exact, note), "{csv:?}");
    assert_eq!((b.position.start, b.position.end), (list[0].position.start, list[0].position.end));
});
