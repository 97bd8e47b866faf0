//! Re-attachment of annotations after edits: the measurement the anchoring issue asks for.
//!
//! For each article (the seeds plus `tests/anchoring/*.txt`) we make annotations — every sentence
//! and a few hundred pseudo-random spans (fixed-seed LCG) of every size from one word to ~2,000
//! code points across paragraphs — and edited versions of the text of several kinds. Every edit
//! tracks where each old code point went (`map`), so the ground truth of each annotation is known:
//!
//! * **exists** — some of its code points survive, still in order, and the text from the first to
//!   the last of them is still ≥ 75 % similar (normalised Levenshtein) to the quote: it should be
//!   found. *Correct* means the anchored range covers ≥ 90 % of the surviving code points and they
//!   make up ≥ 75 % of the range (one code point of slack, so a 5-letter word found one letter short
//!   still counts); anything else that attaches is **wrong**.
//! * **gone** — none of its code points survive (its sentence or word was deleted): it must come
//!   back detached; attaching it anywhere is wrong.
//! * **mangled** — it survives only in part or out of order (a deleted sentence cut through it, a
//!   paragraph swap split it): detached or attached over some of its surviving code points are both
//!   fine, attached elsewhere is wrong.
//!
//! Run: `cargo test -p annotator-core --test anchoring -- --nocapture` (add `--release` for the
//! timings that matter).

use annotator_core::anchor::{describe, edit_distance, Anchorer, Anchoring, CONTEXT_CHARS};
use std::time::Instant;

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn articles() -> Vec<(String, Vec<char>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [root.join("../seeds"), root.join("tests/anchoring")] {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap().replace("\r\n", "\n");
            out.push((
                f.file_name().unwrap().to_string_lossy().into_owned(),
                text.chars().collect(),
            ));
        }
    }
    assert!(out.len() >= 4, "seeds and fixtures present");
    out
}

/// Sentence-ish spans: split after . ! ? 。 followed by whitespace, and at line breaks; trimmed.
fn sentences(t: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = 0;
    for i in 0..=t.len() {
        let end = i == t.len()
            || t[i] == '\n'
            || (matches!(t[i], '.' | '!' | '?' | '。')
                && (i + 1 == t.len() || t[i + 1].is_whitespace()));
        if end {
            let e = if i < t.len() && t[i] != '\n' {
                i + 1
            } else {
                i
            };
            if let Some(r) = trim(t, s, e) {
                out.push(r);
            }
            s = e;
        }
    }
    out
}

fn trim(t: &[char], mut s: usize, mut e: usize) -> Option<(usize, usize)> {
    while s < e && t[s].is_whitespace() {
        s += 1;
    }
    while e > s && t[e - 1].is_whitespace() {
        e -= 1;
    }
    (s < e).then_some((s, e))
}

/// Every sentence plus `n` random spans: one word, a few words, a phrase, a passage, a long
/// stretch across paragraphs; mostly snapped to word boundaries, some raw.
fn annotations(t: &[char], rng: &mut Lcg, n: usize) -> Vec<(usize, usize)> {
    let mut out = sentences(t);
    let words: Vec<(usize, usize)> = {
        let mut w = Vec::new();
        let mut i = 0;
        while i < t.len() {
            if t[i].is_whitespace() {
                i += 1;
                continue;
            }
            let s = i;
            while i < t.len() && !t[i].is_whitespace() {
                i += 1;
            }
            w.push((s, i));
        }
        w
    };
    while out.len() < n + sentences(t).len() {
        let (s, e) = match rng.below(10) {
            0..=2 => words[rng.below(words.len())],
            3..=5 => {
                let a = rng.below(words.len());
                let b = (a + 1 + rng.below(5)).min(words.len() - 1);
                (words[a].0, words[b].1)
            }
            6..=7 => {
                let s = rng.below(t.len());
                (s, s + 5 + rng.below(80))
            }
            8 => {
                let s = rng.below(t.len());
                (s, s + 100 + rng.below(500))
            }
            _ => {
                let s = rng.below(t.len() / 2);
                (s, s + 1000 + rng.below(1000))
            }
        };
        if let Some(r) = trim(t, s.min(t.len()), e.min(t.len())) {
            out.push(r);
        }
    }
    out
}

/// An edited text and, for each old code point, where it went (None: deleted).
struct Edit {
    text: Vec<char>,
    map: Vec<Option<usize>>,
}

impl Edit {
    fn identity(t: &[char]) -> Self {
        Edit {
            text: t.to_vec(),
            map: (0..t.len()).map(Some).collect(),
        }
    }

    /// Replace non-overlapping ranges of the current text.
    fn splice(self, mut reps: Vec<(usize, usize, Vec<char>)>) -> Self {
        reps.sort_by_key(|r| r.0);
        let mut text = Vec::new();
        let mut step: Vec<Option<usize>> = vec![None; self.text.len()];
        let mut i = 0;
        for (a, b, new) in reps {
            if a < i {
                continue; // overlapping edit: skip it
            }
            for (k, &c) in self.text[i..a].iter().enumerate() {
                step[i + k] = Some(text.len());
                text.push(c);
            }
            text.extend(new);
            i = b;
        }
        for (k, &c) in self.text.iter().enumerate().skip(i) {
            step[k] = Some(text.len());
            text.push(c);
        }
        let map = self.map.iter().map(|m| m.and_then(|j| step[j])).collect();
        Edit { text, map }
    }

    /// Swap the adjacent ranges [a1,b1) and [a2,b2) (b1 <= a2) of the current text.
    fn swap(self, (a1, b1): (usize, usize), (a2, b2): (usize, usize)) -> Self {
        let order = [(0, a1), (a2, b2), (b1, a2), (a1, b1), (b2, self.text.len())];
        let mut text = Vec::new();
        let mut step = vec![None; self.text.len()];
        for (a, b) in order {
            for (k, &c) in self.text.iter().enumerate().take(b).skip(a) {
                step[k] = Some(text.len());
                text.push(c);
            }
        }
        let map = self.map.iter().map(|m| m.and_then(|j| step[j])).collect();
        Edit { text, map }
    }
}

fn lines(t: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = 0;
    for i in 0..=t.len() {
        if i == t.len() || t[i] == '\n' {
            if let Some(r) = trim(t, s, i) {
                out.push(r);
            }
            s = i + 1;
        }
    }
    out
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic()
}

/// A one-code-point typo (or its fix) at `p`: substitute, insert before, or delete.
fn typo(t: &[char], p: usize, rng: &mut Lcg) -> (usize, usize, Vec<char>) {
    let letters: Vec<char> = "etaoinshrdlu".chars().collect();
    let mut l = letters[rng.below(letters.len())];
    if l == t[p] {
        l = 'x';
    }
    match rng.below(3) {
        0 => (p, p + 1, vec![l]),
        1 => (p, p, vec![l]),
        _ => (p, p + 1, vec![]),
    }
}

fn letter_in(t: &[char], s: usize, e: usize, rng: &mut Lcg) -> Option<usize> {
    let cands: Vec<usize> = (s..e.min(t.len())).filter(|&i| is_letter(t[i])).collect();
    (!cands.is_empty()).then(|| cands[rng.below(cands.len())])
}

const NEW_PARAGRAPH: &str = "Editor’s note: this paragraph was added after publication to give readers more background on the negotiations, including statements from both governments and several industry groups.";

const KINDS: [&str; 11] = [
    "typo in quote",
    "typo near quote",
    "typos anywhere",
    "whitespace",
    "word deleted in quote",
    "paragraph at start",
    "paragraph in middle",
    "paragraphs swapped",
    "sentence removed",
    "mixed",
    "unchanged",
];

fn make_edit(kind: &str, t: &[char], anns: &[(usize, usize)], rng: &mut Lcg) -> Edit {
    let e = Edit::identity(t);
    match kind {
        "typo in quote" => {
            let reps = (0..3)
                .filter_map(|_| {
                    let (s, en) = anns[rng.below(anns.len())];
                    letter_in(t, s, en, rng).map(|p| typo(t, p, rng))
                })
                .collect();
            e.splice(reps)
        }
        "typo near quote" => {
            let reps = (0..3)
                .filter_map(|_| {
                    let (s, en) = anns[rng.below(anns.len())];
                    let (a, b) = if rng.below(2) == 0 {
                        (s.saturating_sub(20), s)
                    } else {
                        (en, en + 20)
                    };
                    letter_in(t, a, b, rng).map(|p| typo(t, p, rng))
                })
                .collect();
            e.splice(reps)
        }
        "typos anywhere" => {
            let reps = (0..8)
                .filter_map(|_| letter_in(t, 0, t.len(), rng).map(|p| typo(t, p, rng)))
                .collect();
            e.splice(reps)
        }
        "whitespace" => {
            let spaces: Vec<usize> = (0..t.len())
                .filter(|&i| t[i] == ' ' || t[i] == '\n')
                .collect();
            let reps = (0..6)
                .map(|_| {
                    let p = spaces[rng.below(spaces.len())];
                    let new: &str = match (t[p], rng.below(3)) {
                        (' ', 0) => "  ",
                        (' ', 1) => "\n",
                        (' ', _) => " \u{a0}",
                        ('\n', 0) => "\n\n",
                        ('\n', 1) => " \n",
                        _ => "\n \n",
                    };
                    (p, p + 1, new.chars().collect())
                })
                .collect();
            e.splice(reps)
        }
        "word deleted in quote" => {
            let reps = (0..3)
                .filter_map(|_| {
                    let (s, en) = anns[rng.below(anns.len())];
                    // Inner words: starts of words after a space, strictly inside the span.
                    let starts: Vec<usize> = (s + 1..en)
                        .filter(|&i| t[i - 1] == ' ' && !t[i].is_whitespace())
                        .collect();
                    if starts.len() < 2 {
                        return None;
                    }
                    let a = starts[rng.below(starts.len() - 1)];
                    let mut b = a;
                    while b < en && t[b] != ' ' {
                        b += 1;
                    }
                    (b < en).then(|| (a, b + 1, vec![]))
                })
                .collect();
            e.splice(reps)
        }
        "paragraph at start" => e.splice(vec![(
            0,
            0,
            format!("{NEW_PARAGRAPH}\n\n").chars().collect(),
        )]),
        "paragraph in middle" => {
            let ls = lines(t);
            let (a, _) = ls[1 + rng.below(ls.len() - 1)];
            e.splice(vec![(
                a,
                a,
                format!("{NEW_PARAGRAPH}\n\n").chars().collect(),
            )])
        }
        "paragraphs swapped" => {
            // Two adjacent long lines (paragraphs, not headings).
            let ls: Vec<_> = lines(t).into_iter().filter(|(a, b)| b - a > 100).collect();
            let i = rng.below(ls.len() - 1);
            e.swap(ls[i], ls[i + 1])
        }
        "sentence removed" => {
            let ss: Vec<_> = sentences(t)
                .into_iter()
                .filter(|(a, b)| b - a > 30)
                .collect();
            let (a, b) = ss[rng.below(ss.len())];
            // With the whitespace after it.
            let mut b2 = b;
            while b2 < t.len() && t[b2] == ' ' {
                b2 += 1;
            }
            e.splice(vec![(a, b2, vec![])])
        }
        "mixed" => {
            let reps = (0..4)
                .filter_map(|_| letter_in(t, 0, t.len(), rng).map(|p| typo(t, p, rng)))
                .collect();
            let e = e.splice(reps);
            let ls: Vec<_> = lines(&e.text)
                .into_iter()
                .filter(|(a, b)| b - a > 100)
                .collect();
            let i = rng.below(ls.len() - 1);
            let e = e.swap(ls[i], ls[i + 1]);
            let ls = lines(&e.text);
            let (a, _) = ls[rng.below(ls.len())];
            e.splice(vec![(
                a,
                a,
                format!("{NEW_PARAGRAPH}\n\n").chars().collect(),
            )])
        }
        _ => e,
    }
}

#[derive(Default, Clone)]
struct Row {
    n: usize,
    exists: usize,
    correct: usize,
    touched: usize,
    touched_correct: usize,
    detached: usize,
    wrong: usize,
    gone: usize,
    gone_detached: usize,
    mangled: usize,
    exact: usize,
    moved: usize,
    fuzzy: usize,
}

impl Row {
    fn add(&mut self, o: &Row) {
        macro_rules! sum { ($($f:ident),*) => { $( self.$f += o.$f; )* } }
        sum!(
            n,
            exists,
            correct,
            touched,
            touched_correct,
            detached,
            wrong,
            gone,
            gone_detached,
            mangled,
            exact,
            moved,
            fuzzy
        );
    }
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "-".into()
    } else {
        format!("{:.1}%", 100.0 * a as f64 / b as f64)
    }
}

/// Anchored range matches ground truth (`kept`: new offsets of the annotation's surviving code
/// points, ascending): it covers ≥ 90 % of them, and they make up ≥ 75 % of it (text inserted
/// into the quote may be taken in, as an edit of at most a quarter of the quote may be); one code
/// point of slack for very short quotes.
fn correct(found: (usize, usize), kept: &[usize]) -> bool {
    let inside = kept
        .iter()
        .filter(|&&k| found.0 <= k && k < found.1)
        .count()
        + 1;
    inside as f64 >= 0.9 * kept.len() as f64 && inside as f64 >= 0.75 * (found.1 - found.0) as f64
}

const VERSIONS: usize = 8;
const RANDOM_SPANS: usize = 250;

#[test]
fn reattachment_rate_and_no_wrong_attachments() {
    let mut rows: Vec<Row> = vec![Row::default(); KINDS.len()];
    let mut failures: Vec<String> = Vec::new();
    let started = Instant::now();
    for (ai, (name, old)) in articles().iter().enumerate() {
        let mut rng = Lcg(0x5eed + ai as u64);
        let old_str: String = old.iter().collect();
        let anns = annotations(old, &mut rng, RANDOM_SPANS);
        let sels: Vec<_> = anns
            .iter()
            .map(|&(s, e)| describe(&old_str, s, e))
            .collect();
        for (ki, kind) in KINDS.iter().enumerate() {
            for v in 0..VERSIONS {
                let edit = make_edit(kind, old, &anns, &mut rng);
                let new: String = edit.text.iter().collect();
                let anchorer = Anchorer::new(&new);
                // Where an edit touched the old text: between i-1 and i the new text is not contiguous.
                let boundary = |i: usize| -> bool {
                    let before = if i == 0 {
                        Some(None)
                    } else {
                        Some(edit.map[i - 1])
                    };
                    let here = edit.map.get(i).copied();
                    match (before, here) {
                        (Some(None), Some(Some(j))) => i != 0 || j != 0,
                        (Some(Some(a)), Some(Some(b))) => b != a + 1,
                        (Some(Some(a)), None) => a + 1 != edit.text.len(),
                        (Some(None), None) => false,
                        (_, Some(None)) => true,
                        _ => false,
                    }
                };
                let row = &mut rows[ki];
                for (&(s, e), (q, p)) in anns.iter().zip(&sels) {
                    row.n += 1;
                    let found = anchorer.anchor(q, Some(p));
                    match found.map(|a| a.how) {
                        Some(Anchoring::Exact) => row.exact += 1,
                        Some(Anchoring::Moved) => row.moved += 1,
                        Some(Anchoring::Fuzzy) => row.fuzzy += 1,
                        None => row.detached += 1,
                    }
                    let found = found.map(|a| (a.start, a.end));
                    let kept: Vec<usize> = (s..e).filter_map(|i| edit.map[i]).collect();
                    let touched = (s.saturating_sub(CONTEXT_CHARS)
                        ..=(e + CONTEXT_CHARS).min(old.len()))
                        .any(boundary);
                    let in_order = kept.windows(2).all(|w| w[0] < w[1]);
                    let truth = match (kept.first(), kept.last()) {
                        (Some(&a), Some(&b)) if in_order => {
                            let t: String = edit.text[a..=b].iter().collect();
                            let sim = if t == q.exact {
                                1.0
                            } else {
                                let qc: Vec<char> = q.exact.chars().collect();
                                1.0 - edit_distance(&qc, &t) as f64 / qc.len().max(b + 1 - a) as f64
                            };
                            (sim >= 0.75).then_some((a, b + 1))
                        }
                        _ => None,
                    };
                    let describe_case = || {
                        format!(
                            "{name} [{kind} v{v}] {:?} ({s}..{e}) truth {truth:?} found {found:?} = {:?}",
                            q.exact.chars().take(60).collect::<String>(),
                            found.map(|(a, b)| anchorer.slice(a, b).chars().take(60).collect::<String>())
                        )
                    };
                    if truth.is_some() {
                        row.exists += 1;
                        row.touched += usize::from(touched);
                        match found {
                            Some(f) if correct(f, &kept) => {
                                row.correct += 1;
                                row.touched_correct += usize::from(touched);
                            }
                            Some(_) => {
                                row.wrong += 1;
                                failures.push(format!("WRONG {}", describe_case()));
                            }
                            None => {
                                if failures.len() < 400 {
                                    failures.push(format!("detached {}", describe_case()));
                                }
                            }
                        }
                    } else if kept.is_empty() {
                        row.gone += 1;
                        match found {
                            None => row.gone_detached += 1,
                            Some(_) => {
                                row.wrong += 1;
                                failures.push(format!("WRONG (gone) {}", describe_case()));
                            }
                        }
                    } else {
                        row.mangled += 1;
                        if let Some(f) = found {
                            if !kept.iter().any(|&k| f.0 <= k && k < f.1) {
                                row.wrong += 1;
                                failures.push(format!("WRONG (mangled) {}", describe_case()));
                            }
                        }
                    }
                }
            }
        }
    }
    let elapsed = started.elapsed();

    println!(
        "\n{:<22} {:>6} {:>6} {:>8} {:>8} {:>9} {:>6} {:>6} {:>6} {:>6} {:>6} {:>8} {:>7}",
        "edit kind",
        "annots",
        "exists",
        "correct",
        "touched",
        "tch corr",
        "detach",
        "WRONG",
        "exact",
        "moved",
        "fuzzy",
        "gone det",
        "mangled"
    );
    let mut total = Row::default();
    for (kind, r) in KINDS.iter().zip(&rows) {
        total.add(r);
        print_row(kind, r);
    }
    print_row("TOTAL", &total);
    println!(
        "({} articles × {VERSIONS} versions per kind; {:.2?})",
        articles().len(),
        elapsed
    );
    for f in failures.iter().filter(|f| f.starts_with("WRONG")).take(30) {
        println!("{f}");
    }
    for f in failures.iter().filter(|f| !f.starts_with("WRONG")).take(15) {
        println!("{f}");
    }

    assert_eq!(total.wrong, 0, "annotations attached to the wrong place");
    assert_eq!(
        total.gone, total.gone_detached,
        "deleted text must come back detached"
    );
    assert!(total.gone > 0, "the test deletes some annotated text");
    let rate = total.correct as f64 / total.exists as f64;
    assert!(rate >= 0.95, "re-attached correctly: {:.2}%", 100.0 * rate);
}

fn print_row(kind: &str, r: &Row) {
    println!(
        "{:<22} {:>6} {:>6} {:>8} {:>8} {:>9} {:>6} {:>6} {:>6} {:>6} {:>6} {:>8} {:>7}",
        kind,
        r.n,
        r.exists,
        pct(r.correct, r.exists),
        r.touched,
        pct(r.touched_correct, r.touched),
        r.detached,
        r.wrong,
        r.exact,
        r.moved,
        r.fuzzy,
        format!("{}/{}", r.gone_detached, r.gone),
        r.mangled
    );
}

/// 5,000 annotations on a ~100,000-word text: timings for the all-Exact case (the common one),
/// all-Moved (a paragraph inserted at the top) and scattered typos.
#[test]
fn timing_5000_annotations_on_100k_words() {
    let arts = articles();
    let mut paras: Vec<String> = Vec::new();
    let mut words = 0;
    let mut i = 0;
    while words < 100_000 {
        for (_, a) in &arts {
            let a: String = a.iter().collect();
            for l in a.split('\n').filter(|l| !l.trim().is_empty()) {
                paras.push(format!("§{i}. {l}"));
                words += l.split_whitespace().count() + 1;
                i += 1;
            }
        }
    }
    let text = paras.join("\n\n");
    let chars: Vec<char> = text.chars().collect();
    let mut rng = Lcg(42);
    let mut anns = Vec::new();
    while anns.len() < 5000 {
        let s = rng.below(chars.len());
        let len = [8, 20, 60, 150, 400][rng.below(5)];
        if let Some(r) = trim(&chars, s, (s + len).min(chars.len())) {
            anns.push(r);
        }
    }
    let ix = Anchorer::new(&text);
    let sels: Vec<_> = anns.iter().map(|&(s, e)| ix.describe(s, e)).collect();
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!(
        "\ntext: {} words, {} KB, {} code points; 5000 annotations; {profile} build",
        words,
        text.len() / 1024,
        chars.len()
    );

    let run = |label: &str, new: &str, shift: usize| {
        let t0 = Instant::now();
        let a = Anchorer::new(new);
        let t1 = Instant::now();
        let mut counts = [0usize; 4];
        let mut ok = 0;
        for ((s, e), (q, p)) in anns.iter().zip(&sels) {
            match a.anchor(q, Some(p)) {
                Some(x) => {
                    counts[x.how as usize] += 1;
                    ok += usize::from(x.start == s + shift && x.end == e + shift);
                }
                None => counts[3] += 1,
            }
        }
        let t2 = Instant::now();
        println!(
            "{label:<28} index {:>8.2?}  anchor all {:>9.2?}  exact {} moved {} fuzzy {} detached {}  at expected offsets {ok}",
            t1 - t0,
            t2 - t1,
            counts[0],
            counts[1],
            counts[2],
            counts[3]
        );
        (counts, ok)
    };
    let (c, ok) = run("unchanged (all exact)", &text, 0);
    assert_eq!((c[0], ok), (5000, 5000));
    let inserted = format!("{NEW_PARAGRAPH}\n\n");
    let shift = inserted.chars().count();
    let (c, ok) = run(
        "paragraph at start (moved)",
        &format!("{inserted}{text}"),
        shift,
    );
    assert_eq!((c[1], ok), (5000, 5000));
    // Typos: one letter replaced every ~2,000 code points.
    let mut typo_text = chars.clone();
    for k in (1000..typo_text.len()).step_by(2000) {
        if typo_text[k].is_alphabetic() {
            typo_text[k] = if typo_text[k] == 'x' { 'y' } else { 'x' };
        }
    }
    let typo_text: String = typo_text.into_iter().collect();
    run("a typo every 2000 chars", &typo_text, 0);
}
