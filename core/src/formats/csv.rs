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
}
