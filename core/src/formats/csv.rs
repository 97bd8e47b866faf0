//! Export of annotations as a CSV table, for spreadsheets and for grading by hand.
//!
//! Format: RFC 4180 (<https://www.rfc-editor.org/rfc/rfc4180>): CRLF line ends, a header row
//! `article,start,end,quote,tag,note,created,id`, and a field quoted (with `"` doubled) only when
//! it holds a comma, a quote or a line break. One row per live annotation, in the order given.
//! `article` is the article's title; `start` / `end` are code-point offsets; `tag` is the readable
//! name ("Official position", "Criticism", "Speculation") or empty; `created` is ISO 8601 UTC.
//!
//! The writer is hand-written rather than the `csv` crate: writing needs only the quoting rule
//! below, while the crate brings its reader state machine (`csv-core`), number formatting and an
//! `io::Write` buffer into the wasm bundle for nothing. (Hence also no name clash with the crate.)
//!
//! Spreadsheet formula injection: a cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage
//! return is run as a formula by Excel, LibreOffice and Google Sheets, and quotes and notes are
//! text anyone can write. Such text cells get a leading apostrophe, as the OWASP advice on CSV
//! injection says (<https://owasp.org/www-community/attacks/CSV_Injection>); spreadsheets show the
//! text without it. Numeric columns are written by us and left alone.

use crate::Label;

use super::webanno::{ms_to_iso, ArticleRef};
use super::record::Annotation;

pub const HEADER: &str = "article,start,end,quote,tag,note,created,id";

/// The readable name of a tag, as the app shows it.
pub fn tag_name(tag: Option<Label>) -> &'static str {
    match tag {
        Some(Label::Official) => "Official position",
        Some(Label::Criticism) => "Criticism",
        Some(Label::Speculation) => "Speculation",
        None => "",
    }
}

/// A text cell: defused if a spreadsheet would read it as a formula, then quoted if needed.
fn text_cell(out: &mut String, s: &str) {
    let defuse = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = s.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if defuse {
        out.push('\'');
    }
    if quote {
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// The live annotations of `articles` as CSV (see the module docs).
pub fn export_csv(articles: &[(ArticleRef, &[Annotation])]) -> String {
    let mut out = String::from(HEADER);
    out.push_str("\r\n");
    for (article, list) in articles {
        for a in list.iter().filter(|a| a.is_live()) {
            text_cell(&mut out, article.title);
            out.push_str(&format!(",{},{},", a.position.start, a.position.end));
            text_cell(&mut out, &a.quote.exact);
            out.push(',');
            out.push_str(tag_name(a.tag));
            out.push(',');
            text_cell(&mut out, &a.note);
            out.push(',');
            out.push_str(&ms_to_iso(a.created));
            out.push(',');
            text_cell(&mut out, &a.id);
            out.push_str("\r\n");
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Reading back (the class view collects students' CSV exports).

/// The cells of an RFC 4180 table, row by row (LF or CRLF line ends; blank lines skipped).
fn records(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let (mut row, mut cell) = (Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.trim_start_matches('\u{feff}').chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                if row.iter().any(|c| !c.is_empty()) {
                    rows.push(std::mem::take(&mut row));
                }
                row.clear();
            }
            (false, c) => cell.push(c),
        }
    }
    if quoted {
        return Err("a quoted cell is never closed (the file was probably cut off).".into());
    }
    row.push(cell);
    if row.iter().any(|c| !c.is_empty()) {
        rows.push(row);
    }
    Ok(rows)
}

/// A text cell as written, without the apostrophe [`text_cell`] put before a formula.
fn undefused(s: String) -> String {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_owned(),
        _ => s,
    }
}

/// Read a CSV export of this app back: (article title, annotation) pairs in file order, for the
/// class view. The prefix and suffix of each quote are empty (the table has none); the receiver
/// restores them from its copy of the article (`share::restore_context`). Errors are one
/// sentence, naming the row by its line in the table.
pub fn import_csv(text: &str) -> Result<Vec<(String, Annotation)>, String> {
    let rows = records(text)?;
    let want: Vec<&str> = HEADER.split(',').collect();
    match rows.first() {
        Some(h) if h.len() >= want.len() && h.iter().zip(&want).all(|(a, b)| a.trim() == *b) => {}
        _ => return Err(format!("This is not a CSV export of this app (its first row should be {HEADER}).")),
    }
    let mut out = Vec::new();
    for (i, row) in rows.into_iter().enumerate().skip(1) {
        let line = i + 1;
        let mut cells = row.into_iter().map(undefused);
        let mut next = || cells.next().unwrap_or_default();
        let (article, start, end, exact, tag, note, created, id) = (next(), next(), next(), next(), next(), next(), next(), next());
        let bad = |what: &str| format!("Row {line} of the table has {what}.");
        let (Ok(start), Ok(end)) = (start.trim().parse::<usize>(), end.trim().parse::<usize>()) else {
            return Err(bad("no start or end offset"));
        };
        if start > end || exact.is_empty() {
            return Err(bad("an empty or backwards range"));
        }
        let tag = match tag.trim() {
            "" => None,
            t => Some(
                [Label::Official, Label::Criticism, Label::Speculation]
                    .into_iter()
                    .find(|l| tag_name(Some(*l)) == t || l.as_str() == t)
                    .ok_or_else(|| bad(&format!("a tag this app does not know (“{t}”)")))?,
            ),
        };
        let created = super::webanno::iso_to_ms(created.trim()).unwrap_or(0.0);
        out.push((
            article,
            Annotation {
                id: if id.is_empty() { format!("csv-{line}") } else { id },
                quote: crate::anchor::TextQuoteSelector { exact, prefix: String::new(), suffix: String::new() },
                position: crate::anchor::TextPositionSelector { start, end },
                tag,
                note,
                from_suggestion: false,
                rejected: false,
                deleted: false,
                entity: None,
                created,
                modified: created,
                unknown: None,
            },
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann(id: &str, exact: &str, tag: Option<Label>, note: &str) -> Annotation {
        super::super::record::sample(id, exact, 3, tag, note)
    }

    fn cell(s: &str) -> String {
        let mut out = String::new();
        text_cell(&mut out, s);
        out
    }

    fn check(cases: &[(&str, &str)]) {
        for (raw, want) in cases {
            assert_eq!(cell(raw), *want, "{raw:?}");
        }
    }

    #[test]
    fn cells_follow_rfc_4180() {
        let cases = [
            ("plain", "plain"),
            ("", ""),
            ("a,b", "\"a,b\""),
            ("say \"no\"", "\"say \"\"no\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\r\nlf", "\"cr\r\nlf\""),
            ("émoji 🦀 שלום", "émoji 🦀 שלום"),
        ];
        check(&cases);
    }

    #[test]
    fn formulas_are_defused() {
        let cases = [
            ("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            ("a=b", "a=b"),
            (" =not at start", " =not at start"),
        ];
        check(&cases);
    }

    #[test]
    fn one_row_per_live_annotation() {
        let list = [
            ann("a1", "the move", Some(Label::Official), "=1+1"),
            ann("a2", "Critics, warned", None, "a \"note\"\nsecond line"),
            Annotation { deleted: true, ..ann("a3", "gone", Some(Label::Criticism), "") },
            ann("a4", "empty", None, ""),
        ];
        let csv = export_csv(&[(ArticleRef { id: "x", title: "Title, with comma" }, &list)]);
        let want = "article,start,end,quote,tag,note,created,id\r\n\
                    \"Title, with comma\",3,11,the move,Official position,'=1+1,2024-11-25T10:20:00.123Z,a1\r\n\
                    \"Title, with comma\",3,18,\"Critics, warned\",,\"a \"\"note\"\"\nsecond line\",2024-11-25T10:20:00.123Z,a2\r\n";
        assert_eq!(csv, want);
        assert_eq!(export_csv(&[]), format!("{HEADER}\r\n"));
    }

    #[test]
    fn an_export_reads_back() {
        let list = [ann("a1", "=SUM(A1)", Some(Label::Criticism), "say \"no\", twice\nthen"), ann("a2", "plain", None, "n")];
        let csv = export_csv(&[(ArticleRef { id: "x", title: "A, title" }, &list)]);
        let back = import_csv(&csv).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].0, "A, title");
        assert_eq!(back[0].1.quote.exact, "=SUM(A1)", "the defusing apostrophe is taken off again");
        assert_eq!(back[0].1.tag, Some(Label::Criticism));
        assert_eq!(back[0].1.note, "say \"no\", twice\nthen");
        assert_eq!((back[0].1.id.as_str(), back[1].1.tag), ("a1", None));
    }

    #[test]
    fn other_tables_are_refused_by_row() {
        assert!(import_csv("name,score\nAna,3\n").unwrap_err().contains("not a CSV export"));
        let bad = format!("{HEADER}\r\nT,5,2,x,,,,\r\n");
        assert!(import_csv(&bad).unwrap_err().contains("Row 2"));
        let tag = format!("{HEADER}\r\nT,0,2,xy,Gossip,,,\r\n");
        assert!(import_csv(&tag).unwrap_err().contains("Gossip"));
        assert!(import_csv(&format!("{HEADER}\r\n\"T,0")).is_err());
    }
}
