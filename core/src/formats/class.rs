//! The class's work as a teacher collects it: what is read from students' share links and
//! exported files, and the record kept in the teacher's browser (`version` 1) under its own key,
//! apart from the teacher's own annotations.
//!
//! The record keeps, per student and article, only what the class view needs: each tagged
//! span's position, quote and tag, and the newest modification time (so newer work replaces
//! older). Notes, ids and quote context are left out to keep forty students' work well inside
//! the few megabytes a browser gives a site; the quote context is taken again from the article
//! when the work is placed on its text.
//!
//! ```json
//! {"version":1,"work":[{"student":"Ana","article":"002-x","modified":1764000000000,
//!   "from":"link","tags":[[0,42,"Officials said …","official"]]}]}
//! ```

use serde::{Deserialize, Serialize};

use super::record::Annotation;
use super::{csv, share, webanno};
use crate::anchor::{TextPositionSelector, TextQuoteSelector};
use crate::Label;

pub const CLASS_VERSION: u32 = 1;

/// One tagged span: start and end (code points), the quote, the tag.
pub type Tagged = (usize, usize, String, Label);

/// One student's work on one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Work {
    pub student: String,
    pub article: String,
    /// The newest `modified` among its annotations (ms since the epoch).
    pub modified: f64,
    /// Where it came from: "link", or the file's name.
    pub from: String,
    pub tags: Vec<Tagged>,
}

impl Work {
    /// The work of `student` in `annotations` (live tagged ones only), as the class view keeps it.
    pub fn new(student: &str, article: &str, from: &str, annotations: &[Annotation]) -> Self {
        let live = annotations.iter().filter(|a| a.is_live());
        let modified = live.clone().map(|a| a.modified).fold(0.0, f64::max);
        let mut tags: Vec<Tagged> =
            live.filter_map(|a| Some((a.position.start, a.position.end, a.quote.exact.clone(), a.tag?))).collect();
        tags.sort_by_key(|t| (t.0, t.1));
        Self { student: student.trim().to_owned(), article: article.to_owned(), modified, from: from.to_owned(), tags }
    }

    /// The tagged spans as annotations (no quote context: see the module docs).
    pub fn annotations(&self) -> Vec<Annotation> {
        self.tags
            .iter()
            .enumerate()
            .map(|(i, (start, end, exact, tag))| Annotation {
                id: i.to_string(),
                quote: TextQuoteSelector { exact: exact.clone(), prefix: String::new(), suffix: String::new() },
                position: TextPositionSelector { start: *start, end: *end },
                tag: Some(*tag),
                note: String::new(),
                from_suggestion: false,
                rejected: false,
                deleted: false,
                entity: None,
                created: self.modified,
                modified: self.modified,
                unknown: None,
            })
            .collect()
    }

    /// Same student (names compared without case and surrounding space) and article.
    pub fn same_slot(&self, other: &Work) -> bool {
        self.article == other.article && same_name(&self.student, &other.student)
    }
}

pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClassRecord {
    pub version: u32,
    pub work: Vec<Work>,
}

/// Read the stored record. An unknown version or a damaged record is an error (the caller keeps
/// the raw text rather than writing over it).
pub fn parse_class(json: &str) -> Result<ClassRecord, String> {
    let r: ClassRecord = serde_json::from_str(json).map_err(|e| format!("the class's work is damaged ({e})"))?;
    if r.version != CLASS_VERSION {
        return Err(format!("the class's work has format version {}, which this version cannot read", r.version));
    }
    Ok(r)
}

pub fn write_class(work: &[Work]) -> String {
    // Strings, numbers and a unit enum: serializing cannot fail.
    serde_json::to_string(&ClassRecord { version: CLASS_VERSION, work: work.to_vec() }).unwrap_or_default()
}

/// Work read from one link or file, before it is named and checked against the collection.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    /// The student's name as the link or file gives it; empty when it gives none.
    pub student: String,
    /// The article's id (from a link or Web Annotation file) or title (from a CSV table).
    pub article: String,
    /// "link" or the file's name.
    pub from: String,
    pub annotations: Vec<Annotation>,
}

/// A pasted line that could not be read: (line number, why).
pub type LineProblem = (usize, String);

/// Every `#share=` link in a pasted text, one per line (as they arrive by mail or chat: other
/// lines, and text around a link on its line, are passed over). Returns the work read with its
/// line number and, per damaged link, (line number, why); a text with no link at all is one
/// problem on line 0.
pub fn read_links(text: &str) -> (Vec<(usize, Incoming)>, Vec<LineProblem>) {
    let (mut ok, mut bad) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        let Some(at) = line.find("share=") else { continue };
        let value: String = line[at + "share=".len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '/' | '='))
            .collect();
        match share::decode(&value) {
            Ok(s) => ok.push((
                i + 1,
                Incoming { student: s.name.trim().to_owned(), article: s.article, from: "link".into(), annotations: s.annotations },
            )),
            Err(e) => bad.push((i + 1, e)),
        }
    }
    if ok.is_empty() && bad.is_empty() && !text.trim().is_empty() {
        bad.push((0, "There is no share link in the pasted text.".to_owned()));
    }
    (ok, bad)
}

/// The work in one exported file: Web Annotation JSON-LD (from this app, with the student's
/// name as `creator`) or this app's CSV table (which names no one). One entry per article.
pub fn read_file(name: &str, text: &str) -> Result<Vec<Incoming>, String> {
    let looks_json = text.trim_start_matches('\u{feff}').trim_start().starts_with(['{', '[']);
    let (student, pairs) = if looks_json {
        (webanno::creator(text).unwrap_or_default(), webanno::import(text)?)
    } else {
        (String::new(), csv::import_csv(text)?)
    };
    let mut out: Vec<Incoming> = Vec::new();
    for (article, a) in pairs {
        match out.iter_mut().find(|w| w.article == article) {
            Some(w) => w.annotations.push(a),
            None => out.push(Incoming { student: student.clone(), article, from: name.to_owned(), annotations: vec![a] }),
        }
    }
    if out.is_empty() {
        return Err("it holds no annotations.".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::webanno::ArticleRef;

    fn ann(id: &str, start: usize, exact: &str, tag: Option<Label>, modified: f64) -> Annotation {
        let mut a = Annotation::new(id.into(), exact, 0, exact.chars().count(), modified);
        a.position = TextPositionSelector { start, end: start + exact.chars().count() };
        a.tag = tag;
        a.note = if tag.is_none() { "a note only".into() } else { String::new() };
        a
    }

    #[test]
    fn work_keeps_tagged_spans_in_order_and_the_newest_time() {
        let list = [ann("b", 10, "Later.", Some(Label::Criticism), 5.0), ann("a", 0, "First.", Some(Label::Official), 9.0), ann("n", 20, "Note.", None, 20.0)];
        let w = Work::new(" Ana ", "x", "link", &list);
        assert_eq!(w.student, "Ana");
        assert_eq!(w.modified, 20.0, "a note counts as work too");
        assert_eq!(w.tags, vec![(0, 6, "First.".into(), Label::Official), (10, 16, "Later.".into(), Label::Criticism)]);
        assert_eq!(w.annotations()[1].tag, Some(Label::Criticism));
        let back = parse_class(&write_class(std::slice::from_ref(&w))).unwrap();
        assert_eq!(back.work, vec![w]);
        assert!(parse_class(r#"{"version":7,"work":[]}"#).unwrap_err().contains("version 7"));
        assert!(parse_class("{").is_err());
    }

    #[test]
    fn links_are_read_line_by_line_with_bad_lines_named() {
        let list = [ann("a", 0, "First.", Some(Label::Official), 1.0)];
        let good = share::encode("art-1", "Ben", &list);
        let text = format!(
            "Hi, here is mine: https://school.example/annotator/#share={good}\n\n\
             see you\nhttps://school.example/#share={}\n#share={good}",
            &good[..good.len() / 2]
        );
        let (ok, bad) = read_links(&text);
        assert_eq!(ok.len(), 2);
        assert_eq!((ok[0].0, ok[1].0), (1, 5));
        let first = &ok[0].1;
        assert_eq!((first.student.as_str(), first.article.as_str(), first.annotations.len()), ("Ben", "art-1", 1));
        assert_eq!(bad.iter().map(|(l, _)| *l).collect::<Vec<_>>(), vec![4], "the chat line is passed over");
        assert!(bad[0].1.contains("damaged"), "{}", bad[0].1);
        assert_eq!(read_links("Thanks, see you!\n").1, vec![(0, "There is no share link in the pasted text.".to_owned())]);
    }

    #[test]
    fn files_give_their_creator_and_one_entry_per_article() {
        let a = [ann("a", 0, "First.", Some(Label::Official), 1.0)];
        let b = [ann("b", 3, "Other.", Some(Label::Speculation), 2.0)];
        let refs = [(ArticleRef { id: "one", title: "One" }, &a[..]), (ArticleRef { id: "two", title: "Two" }, &b[..])];
        let json = webanno::export_by(&refs, "All", "Chen Li");
        let got = read_file("chen.json", &json).unwrap();
        assert_eq!(got.iter().map(|w| (w.student.as_str(), w.article.as_str())).collect::<Vec<_>>(), vec![("Chen Li", "one"), ("Chen Li", "two")]);
        // Without a name, and as CSV (titles, not ids; no name).
        assert_eq!(read_file("x.json", &webanno::export(&refs, "All")).unwrap()[0].student, "");
        let csv = read_file("x.csv", &csv::export_csv(&refs)).unwrap();
        assert_eq!((csv[1].student.as_str(), csv[1].article.as_str(), csv[1].from.as_str()), ("", "Two", "x.csv"));
        assert!(read_file("notes.txt", "my notes").is_err());
        assert!(read_file("other.json", r#"{"students":[]}"#).is_err());
    }
}
