//! The class view's arithmetic: taking in the class's work (newest per student and article,
//! duplicates ignored, work for unknown articles reported), and per article the distribution of
//! the class's tags on each statement, how contested each statement is, Fleiss' kappa for the
//! class, and each student's agreement with the answer key and with the rest of the class.
//! Pure: no storage, no browser.
//!
//! Four categories throughout, as in `compare`: the three tags and "no tag" — a statement the
//! key calls criticism and half the class left untagged is contested.
//!
//! Fleiss' kappa (Fleiss, "Measuring nominal scale agreement among many raters", Psychological
//! Bulletin 76, 1971) generalises Cohen's to many raters: with `n` raters per statement, `n_ij`
//! raters putting statement `i` in category `j`, each statement's agreement is
//! `P_i = (Σ_j n_ij² − n) / (n(n − 1))` (the share of agreeing rater pairs), `P̄` their mean,
//! `p_j` the share of all ratings in category `j` and `P̄_e = Σ_j p_j²`;
//! `κ = (P̄ − P̄_e) / (1 − P̄_e)`. `1 − P_i` is the statement's disagreement, which ranks the
//! "most contested" list.
//!
//! Students who tagged little (fewer than half as many statements as the class's median, or none)
//! are left out of the distributions, the majority and Fleiss' kappa, and shown as such: a
//! student who stopped after two statements has not disagreed with the class on the rest.

use annotator_core::anchor::Anchorer;
use annotator_core::formats::class::{Incoming, Work};
use annotator_core::Label;

use crate::annotations::Annotation;
use crate::article::Article;
use crate::compare::{compare, statement_tags};
use crate::storage::ManifestEntry;

/// The categories in display order: the three tags, then "no tag" (`None`).
pub const CATEGORIES: [Option<Label>; 4] = [Some(Label::Official), Some(Label::Criticism), Some(Label::Speculation), None];

fn category(tag: Option<Label>) -> usize {
    CATEGORIES.iter().position(|c| *c == tag).unwrap_or(3)
}

/// Fleiss' kappa of a table of counts, one row per subject and one column per category, every
/// row summing to the same number of raters `n ≥ 2`. `None` when undefined: no subjects, fewer
/// than two raters, unequal rows, or every rating in one category (`P̄_e = 1`).
pub fn fleiss(counts: &[Vec<usize>]) -> Option<f64> {
    let n = counts.first()?.iter().sum::<usize>();
    if n < 2 || counts.iter().any(|row| row.iter().sum::<usize>() != n) {
        return None;
    }
    let subjects = counts.len() as f64;
    let k = counts[0].len();
    let p_bar = counts.iter().map(|row| agreement(row)).sum::<f64>() / subjects;
    let p_e: f64 = (0..k)
        .map(|j| counts.iter().map(|row| row[j]).sum::<usize>() as f64 / (subjects * n as f64))
        .map(|p| p * p)
        .sum();
    (p_e < 1.0 - 1e-12).then(|| (p_bar - p_e) / (1.0 - p_e))
}

/// `P_i`: the share of rater pairs that agree on one subject (1 with fewer than two raters).
pub fn agreement(row: &[usize]) -> f64 {
    let n = row.iter().sum::<usize>();
    if n < 2 {
        return 1.0;
    }
    let same: usize = row.iter().map(|&c| c * c.saturating_sub(1)).sum();
    same as f64 / (n * (n - 1)) as f64
}

// ---------------------------------------------------------------------------------------------
// Collecting

/// What taking in a batch of work did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Collected {
    pub added: usize,
    pub replaced: usize,
    /// The same work as collected already.
    pub duplicates: usize,
    /// Older than the work collected for that student and article.
    pub older: usize,
    /// What could not be used, one phrase each (a line, a file, an unknown article).
    pub problems: Vec<String>,
}

impl Collected {
    /// The one message for the teacher: what was collected, then what was not and why.
    pub fn message(&self) -> (String, Option<String>) {
        let mut parts = vec![format!("{} new", self.added)];
        if self.replaced > 0 {
            parts.push(format!("{} replacing older work", self.replaced));
        }
        if self.duplicates > 0 {
            parts.push(format!("{} already collected (ignored)", self.duplicates));
        }
        if self.older > 0 {
            parts.push(format!("{} older than what was collected (ignored)", self.older));
        }
        let done = format!("Collected: {}.", parts.join(", "));
        let problems = (!self.problems.is_empty()).then(|| {
            format!(
                "{} could not be used (nothing collected before was changed): {}.",
                match self.problems.len() {
                    1 => "1 item".to_owned(),
                    n => format!("{n} items"),
                },
                self.problems.join("; ")
            )
        });
        (done, problems)
    }
}

/// The collection's entry for an incoming article: by id, else by title (CSV tables name titles).
fn find<'a>(entries: &'a [ManifestEntry], article: &str) -> Option<&'a ManifestEntry> {
    entries.iter().find(|e| e.id == article).or_else(|| entries.iter().find(|e| e.title.trim() == article.trim()))
}

/// Take named incoming work into `work`: per student and article the newest stays; the same
/// work again, or older work, is ignored; work for articles not in `entries` is reported.
pub fn collect(work: &[Work], incoming: &[Incoming], entries: &[ManifestEntry], mut report: Collected) -> (Vec<Work>, Collected) {
    let mut out = work.to_vec();
    for inc in incoming {
        let who = if inc.student.trim().is_empty() { "unnamed".to_owned() } else { inc.student.trim().to_owned() };
        if inc.student.trim().is_empty() {
            report.problems.push(format!("{} (no student's name)", inc.from));
            continue;
        }
        let Some(entry) = find(entries, &inc.article) else {
            report.problems.push(format!("{who}'s work in {} is for an article not in the collection (“{}”)", inc.from, inc.article));
            continue;
        };
        let new = Work::new(&inc.student, &entry.id, &inc.from, &inc.annotations);
        match out.iter_mut().find(|w| w.same_slot(&new)) {
            Some(old) if old.tags == new.tags => report.duplicates += 1,
            Some(old) if new.modified > old.modified => {
                *old = new;
                report.replaced += 1;
            }
            Some(_) => report.older += 1,
            None => {
                out.push(new);
                report.added += 1;
            }
        }
    }
    (out, report)
}

// ---------------------------------------------------------------------------------------------
// One article's class summary

/// One statement's row.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementRow {
    /// Index into `analysis.sentences`.
    pub sentence: usize,
    /// Counted students per category (`CATEGORIES` order).
    pub counts: [usize; 4],
    pub key: Option<Label>,
    /// `1 − P_i` over the counted students.
    pub disagreement: f64,
}

impl StatementRow {
    /// The category most counted students chose; a tie is no majority (`None`).
    pub fn majority(&self) -> Option<Option<Label>> {
        plurality(&self.counts)
    }

    pub fn tagged(&self) -> usize {
        self.counts[..3].iter().sum()
    }
}

fn plurality(counts: &[usize; 4]) -> Option<Option<Label>> {
    let max = *counts.iter().max()?;
    let mut best = (0..4).filter(|&j| counts[j] == max);
    let first = best.next()?;
    (best.next().is_none() && max > 0).then_some(CATEGORIES[first])
}

/// One student's row.
#[derive(Clone, Debug, PartialEq)]
pub struct StudentRow {
    pub name: String,
    /// Statements the student tagged.
    pub tagged: usize,
    /// Tagged too little to count (see the module docs).
    pub little: bool,
    /// Cohen's kappa with the answer key (`None` without a key, or undefined).
    pub vs_key: Option<f64>,
    /// Cohen's kappa with the majority of the other counted students (`None` when undefined).
    pub vs_class: Option<f64>,
    /// Per statement, the student's tag (`statements` order).
    pub tags: Vec<Option<Label>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub statements: Vec<StatementRow>,
    /// Indices into `statements`, most contested first (only statements someone disagreed on).
    pub contested: Vec<usize>,
    pub fleiss: Option<f64>,
    pub students: Vec<StudentRow>,
    /// Students counted in the distributions (those who did not tag little).
    pub counted: usize,
}

/// The summary from per-student tags over the same statements. `key` is the answer key's tag per
/// statement, if there is a key.
pub fn summarise(sentences: &[usize], key: Option<&[Option<Label>]>, students: Vec<(String, Vec<Option<Label>>)>) -> Summary {
    let tagged: Vec<usize> = students.iter().map(|(_, t)| t.iter().filter(|x| x.is_some()).count()).collect();
    let mut sorted = tagged.clone();
    sorted.sort_unstable();
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(0);
    let little: Vec<bool> = tagged.iter().map(|&t| t == 0 || t * 2 < median).collect();
    let counted: Vec<usize> = (0..students.len()).filter(|&i| !little[i]).collect();

    let statements: Vec<StatementRow> = sentences
        .iter()
        .enumerate()
        .map(|(s, &sentence)| {
            let mut counts = [0usize; 4];
            for &i in &counted {
                counts[category(students[i].1.get(s).copied().flatten())] += 1;
            }
            let key = key.and_then(|k| k.get(s).copied().flatten());
            StatementRow { sentence, counts, key, disagreement: 1.0 - agreement(&counts) }
        })
        .collect();
    let mut contested: Vec<usize> = (0..statements.len()).filter(|&s| statements[s].disagreement > 1e-12).collect();
    contested.sort_by(|&a, &b| {
        let (x, y) = (&statements[a], &statements[b]);
        y.disagreement.total_cmp(&x.disagreement).then(y.tagged().cmp(&x.tagged())).then(a.cmp(&b))
    });
    let table: Vec<Vec<usize>> = statements.iter().map(|r| r.counts.to_vec()).collect();
    let fleiss = if counted.len() >= 2 { fleiss(&table) } else { None };

    let rows = students
        .into_iter()
        .enumerate()
        .map(|(i, (name, tags))| {
            let vs_key = key.and_then(|k| compare(&tags, k).kappa);
            // The majority of the others: a student does not agree with a majority they make.
            let others: Vec<Option<Label>> = statements
                .iter()
                .enumerate()
                .map(|(s, r)| {
                    let mut c = r.counts;
                    if !little[i] {
                        c[category(tags.get(s).copied().flatten())] -= 1;
                    }
                    plurality(&c).flatten()
                })
                .collect();
            let vs_class = if counted.len() > usize::from(!little[i]) { compare(&tags, &others).kappa } else { None };
            StudentRow { name, tagged: tagged[i], little: little[i], vs_key, vs_class, tags }
        })
        .collect();
    Summary { statements, contested, fleiss, students: rows, counted: counted.len() }
}

/// The class summary of one article: each student's work placed on its text (by position, else
/// by quote, as shared links are), then per statement.
pub fn summarise_article(article: &Article, key: Option<&[Annotation]>, work: &[&Work]) -> Summary {
    let anchorer = Anchorer::new(&article.analysis.text);
    let ranges: Vec<(usize, usize)> =
        article.statements.iter().map(|&i| (article.analysis.sentences[i].start, article.analysis.sentences[i].end)).collect();
    let tags_of = |annotations: &[Annotation]| {
        // The class's work has no quote context (see `formats::class`): a quote still at its
        // position is taken there, as `share::restore_context` does; else the anchoring searches.
        let placements: Vec<Option<(usize, usize)>> = annotations
            .iter()
            .map(|a| {
                let (s, e) = (a.position.start, a.position.end);
                if anchorer.slice(s, e) == a.quote.exact {
                    Some((s, e))
                } else {
                    anchorer.anchor(&a.quote, Some(&a.position)).map(|x| (x.start, x.end))
                }
            })
            .collect();
        statement_tags(&ranges, annotations, &placements)
    };
    let key_tags = key.map(tags_of);
    let mut students: Vec<(String, Vec<Option<Label>>)> = work.iter().map(|w| (w.student.clone(), tags_of(&w.annotations()))).collect();
    students.sort_by_key(|(name, _)| name.to_lowercase());
    summarise(&article.statements, key_tags.as_deref(), students)
}

/// The CSV table of one article's summary: one row per student, one column per statement (its
/// number and opening words in the header), then the answer key's row. Cells are tag names.
pub fn table_csv(article: &Article, summary: &Summary) -> String {
    use annotator_core::formats::csv::tag_name;
    let cell = |s: &str| {
        let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_owned() };
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    };
    let mut out = String::from("student,tagged,kappa vs key,kappa vs class");
    for (n, r) in summary.statements.iter().enumerate() {
        let s = &article.analysis.sentences[r.sentence];
        let words: String = article.slice(s.start, s.end).split_whitespace().take(6).collect::<Vec<_>>().join(" ");
        out.push(',');
        out.push_str(&cell(&format!("{}. {words}", n + 1)));
    }
    out.push_str("\r\n");
    let k = |x: Option<f64>| x.map_or(String::new(), |k| format!("{k:.2}"));
    for st in &summary.students {
        out.push_str(&cell(&st.name));
        out.push_str(&format!(",{}{},{},{}", st.tagged, if st.little { " (little)" } else { "" }, k(st.vs_key), k(st.vs_class)));
        for t in &st.tags {
            out.push(',');
            out.push_str(tag_name(*t));
        }
        out.push_str("\r\n");
    }
    if summary.statements.iter().any(|r| r.key.is_some()) {
        out.push_str("Answer key,,,");
        for r in &summary.statements {
            out.push(',');
            out.push_str(tag_name(r.key));
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use annotator_core::formats::class::Incoming;
    use Label::{Criticism as C, Official as O, Speculation as S};

    #[test]
    fn fleiss_matches_the_worked_example() {
        // The worked example of Wikipedia's "Fleiss' kappa" article: 10 subjects, 14 raters,
        // 5 categories; P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
        let table = [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ];
        let rows: Vec<Vec<usize>> = table.iter().map(|r| r.to_vec()).collect();
        let k = fleiss(&rows).unwrap();
        assert!((k - 0.210).abs() < 0.0005, "{k}");
        // Its per-subject agreements: P_1 = 1, P_2 = 0.253.
        assert!((agreement(&rows[0]) - 1.0).abs() < 1e-12);
        assert!((agreement(&rows[1]) - 0.253).abs() < 0.0005);
    }

    #[test]
    fn fleiss_with_two_raters_is_scotts_pi() {
        // With two raters Fleiss' kappa is Scott's pi: Scott (1955)'s p_e is the squared pooled
        // shares. Two raters on 4 statements: [O,O], [O,C], [C,C], [C,C]: p_o = 3/4; pooled
        // shares O 3/8, C 5/8; p_e = 9/64 + 25/64 = 34/64; π = (48/64 − 34/64)/(30/64) = 14/30.
        let rows = vec![vec![2, 0], vec![1, 1], vec![0, 2], vec![0, 2]];
        assert!((fleiss(&rows).unwrap() - 14.0 / 30.0).abs() < 1e-12);
        // Undefined cases.
        assert_eq!(fleiss(&[]), None);
        assert_eq!(fleiss(&[vec![1, 0]]), None, "one rater");
        assert_eq!(fleiss(&[vec![3, 0], vec![3, 0]]), None, "all in one category");
        assert_eq!(fleiss(&[vec![3, 0], vec![1, 1]]), None, "unequal rows");
        // Perfect agreement on varied subjects is 1.
        assert!((fleiss(&[vec![3, 0], vec![0, 3]]).unwrap() - 1.0).abs() < 1e-12);
    }

    fn students(rows: &[(&str, &[Option<Label>])]) -> Vec<(String, Vec<Option<Label>>)> {
        rows.iter().map(|(n, t)| (n.to_string(), t.to_vec())).collect()
    }

    #[test]
    fn distributions_ranking_and_students() {
        let key = [Some(O), Some(C), None, Some(S)];
        let s = summarise(
            &[10, 11, 12, 13],
            Some(&key),
            students(&[
                ("Ana", &[Some(O), Some(C), None, Some(S)]),
                ("Ben", &[Some(O), Some(S), None, Some(S)]),
                ("Cleo", &[Some(O), None, None, Some(S)]),
                ("Dev", &[Some(O), None, None, None]), // 1 tagged < half the median (3): little
            ]),
        );
        assert_eq!(s.counted, 3);
        assert_eq!(s.statements[0].counts, [3, 0, 0, 0], "Dev is not counted");
        assert_eq!(s.statements[1].counts, [0, 1, 1, 1]);
        assert_eq!(s.statements[1].key, Some(C));
        assert_eq!(s.contested, vec![1], "only statement 2 is disputed");
        assert_eq!(s.statements[1].majority(), None, "a three-way tie has no majority");
        assert_eq!(s.statements[0].majority(), Some(Some(O)));
        let ana = &s.students[0];
        assert_eq!((ana.tagged, ana.little, ana.vs_key), (3, false, Some(1.0)));
        let dev = &s.students[3];
        assert!(dev.little);
        // Ben vs the majority of Ana and Cleo: [O, tie → none, none, S] against Ben's
        // [O, S, none, S]: p_o = 3/4; Ben O1 S2 N1, others O1 S1 N2; p_e = (1 + 2 + 2)/16;
        // κ = (12/16 − 5/16)/(11/16) = 7/11.
        assert!((s.students[1].vs_class.unwrap() - 7.0 / 11.0).abs() < 1e-12);
        // Fleiss over the three counted students and four categories, by hand: P_i = 1, 0, 1, 1;
        // P̄ = 3/4; shares O 3/12, C 1/12, S 4/12, none 4/12: P̄_e = (9 + 1 + 16 + 16)/144 = 42/144;
        // κ = (108/144 − 42/144)/(102/144) = 66/102.
        assert!((s.fleiss.unwrap() - 66.0 / 102.0).abs() < 1e-12);
    }

    #[test]
    fn without_a_key_or_a_class_nothing_is_made_up() {
        let s = summarise(&[0, 1], None, students(&[("Solo", &[Some(O), None])]));
        assert_eq!((s.fleiss, s.students[0].vs_key, s.students[0].vs_class), (None, None, None));
        let s = summarise(&[0], None, vec![]);
        assert_eq!((s.counted, s.contested.len()), (0, 0));
    }

    fn entry(id: &str, title: &str) -> ManifestEntry {
        ManifestEntry { id: id.into(), title: title.into(), file: format!("{id}.txt"), ..ManifestEntry::default() }
    }

    fn incoming(student: &str, article: &str, spans: &[(usize, Label)], modified: f64) -> Incoming {
        let annotations = spans
            .iter()
            .map(|&(start, tag)| {
                let mut a = Annotation::new(format!("{start}"), "0123456789", start, start + 1, modified);
                a.tag = Some(tag);
                a
            })
            .collect();
        Incoming { student: student.into(), article: article.into(), from: "link".into(), annotations }
    }

    #[test]
    fn newer_work_replaces_older_and_the_rest_is_reported() {
        let entries = [entry("a", "Article A"), entry("b", "Article B")];
        let first = [incoming("Ana", "a", &[(0, O)], 10.0), incoming("Ben", "Article B", &[(1, C)], 10.0)];
        let (work, r) = collect(&[], &first, &entries, Collected::default());
        assert_eq!((work.len(), r.added), (2, 2));
        assert_eq!(work[1].article, "b", "a CSV table's title finds its article");
        let second = [
            incoming("ana ", "a", &[(0, O), (2, S)], 20.0), // newer: replaces
            incoming("Ben", "b", &[(1, C)], 10.0),         // the same again: ignored
            incoming("Ben", "b", &[(3, C)], 5.0),          // older: ignored
            incoming("Cleo", "zzz", &[(1, C)], 5.0),        // unknown article
            incoming("", "a", &[(1, C)], 5.0),              // no name
        ];
        let (work, r) = collect(&work, &second, &entries, Collected { problems: vec!["line 4 (not a share link)".into()], ..Collected::default() });
        assert_eq!((r.added, r.replaced, r.duplicates, r.older), (0, 1, 1, 1));
        assert_eq!(work.len(), 2);
        assert_eq!(work[0].tags.len(), 2);
        assert_eq!(r.problems.len(), 3);
        let (done, problems) = r.message();
        assert!(done.contains("1 replacing older work"), "{done}");
        let problems = problems.unwrap();
        assert!(problems.starts_with("3 items could not be used"), "{problems}");
        assert!(problems.contains("line 4") && problems.contains("“zzz”") && problems.contains("no student's name"), "{problems}");
    }
}
