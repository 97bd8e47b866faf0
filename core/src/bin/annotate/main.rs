//! `annotate` — check and inspect articles with the analysis core, from the command line.
//!
//! ```text
//! annotate analyze FILE... [--json]     preview (or JSON) of each article's analysis
//! annotate manifest DIR [--out FILE]     extract DIR/*.html to .txt beside them, check DIR/*.txt|*.md
//!                                        (and answer keys *.key.json), preview each, and write
//!                                        DIR/manifest.json
//! annotate score DIR|FILE.txt... [--json]  score against a labelled gold set, or some of its articles (docs/quality.md)
//! ```
//!
//! Every failure is reported as a message and a non-zero exit code; nothing here panics on bad
//! input. JSON is produced with serde_json from plain structs, so key order is stable.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use annotator_core::formats::answer_key::{self, KeySummary, KEY_SUFFIX};
use annotator_core::formats::manifest::{Manifest, ManifestEntry, MANIFEST_VERSION};
use annotator_core::{analyze, Analysis, BlockKind, Label};
use serde::{Deserialize, Serialize};


/// `println!` that ends quietly when the reader goes away (`annotate analyze … | head`) instead
/// of panicking on a broken pipe.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        if let Err(e) = writeln!(out, $($t)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            eprintln!("error: cannot write output: {e}");
            std::process::exit(1);
        }
    }};
}

mod agreement;
mod attribution;
mod gold_speakers;
mod html;
mod polnear;
mod train;
mod train_clusters;
mod train_entities;

const USAGE: &str = "usage:
  annotate analyze FILE... [--json]
  annotate manifest DIR [--out FILE]
  annotate score DIR|FILE.txt... [--json]
  annotate explain FILE
  annotate train DIR [--cv] [--lambda L] [--write FILE | --check FILE]
  annotate agreement DIR_A DIR_B
  annotate train-attribution POLNEAR_DIR [--write FILE]
  annotate score-attribution POLNEAR_DIR [-v] [--train] [--weights FILE]
  annotate score-speakers GOLD_DIR [-v]      who says what on the labelled Wikinews articles
  annotate train-clusters CORPORA_DIR --gold DIR --out FILE [--leaves N] [--min-count N] [--ship-count N]
  annotate train-entities CORPUS_DIR [--gold DIR [--gold-weight N]] [--clusters FILE] [--epochs N] [--seed N] [--out FILE] [--bits 8|16] [--prune P] [--curve]
  annotate score-entities CORPUS_DIR [--split dev|train] [--write-text DIR] [--peer NAME=FILE]...
any command: --entity-weights FILE  analyse with these entity weights (from train-entities --out)";

/// Every content sentence of a file with the stance model's reasons: the suggestion (or none),
/// then the features and words that weigh most for and against the model's favourite label.
fn cmd_explain(args: &[String]) -> Result<(), String> {
    let [file] = args else {
        return Err("explain needs one FILE".into());
    };
    let text = read_text(Path::new(file))?;
    let (a, features) = annotator_core::analyze_with_features(&text);
    for (s, x) in a.sentences.iter().zip(&features) {
        if !s.content {
            continue;
        }
        let sentence = a.sentence_text(s);
        let words = annotator_core::model::known_words(sentence);
        say!("· {sentence}");
        let (best, p) = annotator_core::model::predict(x, &words);
        match &s.suggestion {
            Some(sg) => say!("    suggested: {} {:.2}", sg.label.as_str(), sg.confidence),
            None => say!("    no suggestion"),
        }
        let Some(label) = best.or(s.suggestion.as_ref().map(|sg| sg.label)) else {
            say!("    model: none {p:.2}");
            continue;
        };
        let c = annotator_core::model::contributions(x, sentence, &words, label);
        let show = |v: &[(String, f32)]| {
            v.iter()
                .map(|(n, w)| format!("{n} {w:+.2}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        say!("    model: {} {p:.2} — for {}: {}", best.map_or("none", |l| l.as_str()), label.as_str(), show(&c[..c.len().min(5)]));
        let against: Vec<_> = c.iter().rev().take(3).filter(|x| x.1 < 0.0).cloned().collect();
        if !against.is_empty() {
            say!("    against: {}", show(&against));
        }
    }
    Ok(())
}

/// Take `--entity-weights FILE` out of `args` and install those weights in place of the
/// compiled-in ones, so a model `train-entities --out` wrote can be scored without a rebuild.
fn take_entity_weights(args: &mut Vec<String>) -> Result<(), String> {
    let Some(i) = args.iter().position(|a| a == "--entity-weights") else {
        return Ok(());
    };
    let file = args.get(i + 1).cloned().ok_or("--entity-weights needs a FILE")?;
    args.drain(i..i + 2);
    let bytes = std::fs::read(&file).map_err(|e| format!("{file}: cannot read: {e}"))?;
    annotator_core::ner::install(&bytes).map_err(|e| format!("{file}: not entity weights: {e}"))
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(msg) = take_entity_weights(&mut args) {
        eprintln!("error: {msg}");
        return ExitCode::FAILURE;
    }
    let result = match args.first().map(String::as_str) {
        Some("analyze") => cmd_analyze(&args[1..]),
        Some("manifest") => cmd_manifest(&args[1..]),
        Some("score") => cmd_score(&args[1..]),
        Some("explain") => cmd_explain(&args[1..]),
        Some("train") => train::cmd_train(&args[1..]),
        Some("agreement") => agreement::cmd_agreement(&args[1..]),
        Some("train-attribution") => attribution::cmd_train(&args[1..]),
        Some("score-attribution") => attribution::cmd_score(&args[1..]),
        Some("score-speakers") => gold_speakers::cmd_score_speakers(&args[1..]),
        Some("train-clusters") => train_clusters::cmd_train_clusters(&args[1..]),
        Some("train-entities") => train_entities::cmd_train_entities(&args[1..]),
        Some("score-entities") => train_entities::cmd_score_entities(&args[1..]),
        Some("-h" | "--help" | "help") => {
            say!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown or missing command\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// Read a file as UTF-8 text, naming the file and the first bad byte on failure.
fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(format!(
            "{}: saved as UTF-16 (\"Unicode\"); save it as UTF-8 text",
            path.display()
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not valid UTF-8 at byte {} (save it as UTF-8 text)",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Code-point → byte index for one text, so the CLI can slice by the analysis offsets.
struct Chars<'a> {
    text: &'a str,
    bytes: Vec<usize>,
}

impl<'a> Chars<'a> {
    fn new(text: &'a str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        Chars { text, bytes }
    }
    fn slice(&self, start: usize, end: usize) -> &'a str {
        let b = |i: usize| self.bytes.get(i).copied().unwrap_or(self.text.len());
        self.text.get(b(start)..b(end.max(start))).unwrap_or("")
    }
}

// ---------------------------------------------------------------------------------------------
// analyze

#[derive(Serialize)]
struct JsonSuggestion<'a> {
    label: &'static str,
    confidence: f32,
    cues: Vec<String>,
    /// Why, when no cue word of the sentence says it (see `Suggestion::reason`).
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSentence<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    content: bool,
    claim: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    claim_kind: Option<annotator_core::ClaimKind>,
    speaker: Option<&'a str>,
    suggestion: Option<JsonSuggestion<'a>>,
}

#[derive(Serialize)]
struct JsonEntity<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    kind: &'static str,
    canonical: &'a str,
}

#[derive(Serialize)]
struct JsonArticle<'a> {
    source: String,
    title: &'a str,
    sentences: Vec<JsonSentence<'a>>,
    entities: Vec<JsonEntity<'a>>,
}

fn json_article<'a>(source: &str, a: &'a Analysis, cs: &Chars<'a>) -> JsonArticle<'a> {
    JsonArticle {
        source: source.to_owned(),
        title: &a.title,
        sentences: a
            .sentences
            .iter()
            .map(|s| JsonSentence {
                start: s.start,
                end: s.end,
                text: cs.slice(s.start, s.end),
                content: s.content,
                claim: s.claim,
                claim_kind: s.claim_kind,
                speaker: s.speaker.as_deref(),
                suggestion: s.suggestion.as_ref().map(|g| JsonSuggestion {
                    label: g.label.as_str(),
                    confidence: (g.confidence * 1000.0).round() / 1000.0,
                    cues: g.cues.clone(),
                    reason: g.reason.as_deref(),
                }),
            })
            .collect(),
        entities: a
            .entities
            .iter()
            .map(|e| JsonEntity {
                start: e.start,
                end: e.end,
                text: cs.slice(e.start, e.end),
                kind: e.kind.as_str(),
                canonical: &e.canonical,
            })
            .collect(),
    }
}

fn cmd_analyze(args: &[String]) -> Result<(), String> {
    let json = args.iter().any(|a| a == "--json");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if files.is_empty() {
        return Err(format!("analyze needs at least one FILE\n{USAGE}"));
    }
    let mut texts = Vec::new();
    for f in &files {
        texts.push((f.as_str(), read_text(Path::new(f))?));
    }
    let analyses: Vec<(&str, Analysis)> = texts.iter().map(|(f, t)| (*f, analyze(t))).collect();
    if json {
        let chars: Vec<Chars> = analyses.iter().map(|(_, a)| Chars::new(&a.text)).collect();
        let articles: Vec<JsonArticle> = analyses
            .iter()
            .zip(&chars)
            .map(|((f, a), cs)| json_article(f, a, cs))
            .collect();
        #[derive(Serialize)]
        struct Out<'a> {
            articles: Vec<JsonArticle<'a>>,
        }
        let s = serde_json::to_string(&Out { articles }).map_err(|e| e.to_string())?;
        say!("{s}");
    } else {
        for (f, a) in &analyses {
            preview(f, a);
        }
    }
    Ok(())
}

/// Human-readable check of one article, for a teacher before publishing.
fn preview(source: &str, a: &Analysis) {
    let cs = Chars::new(&a.text);
    say!("══ {source}");
    say!("Title: {}", a.title);
    say!("Words: {}", a.word_count());
    say!();
    for (bi, b) in a.blocks.iter().enumerate() {
        let tag = match b.kind {
            BlockKind::Title => "TITLE",
            BlockKind::Heading => "HEADING",
            BlockKind::Paragraph => "PARA",
            BlockKind::Furniture => "FURNITURE (not shown as text)",
        };
        say!("[{bi}] {tag}");
        for s in a.sentences.iter().filter(|s| s.block == bi) {
            let mut marks = Vec::new();
            if let Some(k) = s.claim_kind {
                marks.push(match k {
                    annotator_core::ClaimKind::Attributed => "claim (attributed)".to_owned(),
                    annotator_core::ClaimKind::Factual => "claim (factual)".to_owned(),
                });
            }
            if let Some(sp) = &s.speaker {
                marks.push(format!("speaker: {sp}"));
            }
            if let Some(g) = &s.suggestion {
                marks.push(format!(
                    "{} {:.2} ({})",
                    g.label.as_str(),
                    g.confidence,
                    g.reason
                        .clone()
                        .unwrap_or_else(|| format!("cues: {}", g.cues.join(", ")))
                ));
            }
            say!("    · {}", cs.slice(s.start, s.end));
            if !marks.is_empty() {
                say!("      ↳ {}", marks.join(" | "));
            }
        }
    }
    say!();
    say!("Entities:");
    let mut by_canon: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for e in &a.entities {
        by_canon
            .entry((e.kind.as_str(), &e.canonical))
            .or_default()
            .push(cs.slice(e.start, e.end));
    }
    for ((kind, canon), mentions) in by_canon {
        let mut forms: Vec<&str> = mentions.clone();
        forms.sort_unstable();
        forms.dedup();
        say!(
            "    {kind:<12} {canon}  ×{} ({})",
            mentions.len(),
            forms.join(" / ")
        );
    }
    say!();
}

// ---------------------------------------------------------------------------------------------
// manifest

fn article_files(dir: &Path, exts: &[&str]) -> Result<Vec<PathBuf>, String> {
    let rd = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read directory: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| exts.contains(&x))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Characters a file name may not have, because the app puts it into a relative URL as is.
const URL_UNSAFE: &[char] = &['#', '?', '%', '\\'];

const LABELS: [Label; 3] = [Label::Official, Label::Criticism, Label::Speculation];

/// `"official 2, criticism 1"`: the non-zero counts per label.
fn per_label(counts: &[usize; 3]) -> String {
    let parts: Vec<String> = LABELS
        .iter()
        .zip(counts)
        .filter(|(_, n)| **n > 0)
        .map(|(l, n)| format!("{} {n}", l.as_str()))
        .collect();
    parts.join(", ")
}

/// `"text"`, shortened to about `max` characters.
fn short(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        format!("{s:?}")
    } else {
        format!("{:?}", s.chars().take(max).collect::<String>() + "…")
    }
}

/// Preview of one article for the manifest command: what the reader will see highlighted.
fn manifest_preview(name: &str, a: &Analysis, key: Option<(&str, &KeySummary)>) {
    let cs = Chars::new(&a.text);
    // Statements as the reader moves through them: sentences of paragraphs (not the title,
    // headings or furniture), so the counts match the app's.
    let content: Vec<_> = a
        .sentences
        .iter()
        .filter(|s| s.content && a.blocks[s.block].kind == BlockKind::Paragraph)
        .collect();
    let claims = content.iter().filter(|s| s.claim).count();
    let mut suggested = [0; 3];
    for g in content.iter().filter_map(|s| s.suggestion.as_ref()) {
        suggested[LABELS.iter().position(|l| *l == g.label).unwrap_or(0)] += 1;
    }
    // Names by number of mentions, most first: the reader sees these underlined.
    let mut mentions: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &a.entities {
        *mentions.entry(e.canonical.as_str()).or_default() += 1;
    }
    let mut names: Vec<(&str, usize)> = mentions.into_iter().collect();
    names.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    const SHOWN: usize = 6;
    let mut listed: Vec<&str> = names.iter().take(SHOWN).map(|(n, _)| *n).collect();
    let more = format!("{} more", names.len().saturating_sub(SHOWN));
    if names.len() > SHOWN {
        listed.push(&more);
    }
    let total: usize = suggested.iter().sum();
    say!("{name}");
    say!("  title        {}", a.title);
    say!("  words        {}", a.word_count());
    say!(
        "  entities     {} mention(s) of {} name(s){}",
        a.entities.len(),
        names.len(),
        if listed.is_empty() {
            String::new()
        } else {
            format!(": {}", listed.join(", "))
        }
    );
    say!("  claims       {claims} of {} statement(s)", content.len());
    say!(
        "  suggestions  {total}{}",
        if total > 0 {
            format!(" ({})", per_label(&suggested))
        } else {
            String::new()
        }
    );
    let dropped: Vec<String> = a
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Furniture)
        .map(|b| short(cs.slice(b.start, b.end), 40))
        .collect();
    if dropped.is_empty() {
        say!("  furniture    none");
    } else {
        say!(
            "  furniture    {} line(s) not shown as text: {}",
            dropped.len(),
            dropped.join(", ")
        );
    }
    match key {
        None => say!("  answer key   none"),
        Some((file, k)) => {
            let tagged: usize = k.tags.iter().sum();
            let found = k.annotations - k.not_found.len();
            say!(
                "  answer key   {file}: {} annotation(s), {tagged} tagged{}, {} note(s); {found} of {} found in the text",
                k.annotations,
                if tagged > 0 { format!(" ({})", per_label(&k.tags)) } else { String::new() },
                k.notes,
                k.annotations
            );
        }
    }
}

fn cmd_manifest(args: &[String]) -> Result<(), String> {
    let mut dir = None;
    let mut out = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => out = Some(PathBuf::from(it.next().ok_or("--out needs a FILE")?)),
            _ if dir.is_none() => dir = Some(PathBuf::from(a)),
            _ => return Err(format!("unexpected argument {a:?}\n{USAGE}")),
        }
    }
    let dir = dir.ok_or(format!("manifest needs a DIR\n{USAGE}"))?;
    let out = out.unwrap_or_else(|| dir.join("manifest.json"));
    let mut errors = Vec::new();
    let pages = html::extract_pages(&dir, &mut errors);
    let files = article_files(&dir, &["txt", "md"])?;
    if files.is_empty() {
        return Err(format!("{}: no .txt, .md or .html files", dir.display()));
    }
    let mut articles: Vec<ManifestEntry> = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        if let Some(c) = name.chars().find(|c| URL_UNSAFE.contains(c)) {
            errors.push(format!(
                "{}: the name has {c:?}, which a web address cannot carry; rename the file",
                path.display()
            ));
            continue;
        }
        if let Some(other) = files
            .iter()
            .take_while(|f| *f != path)
            .find(|f| f.file_stem() == path.file_stem())
        {
            errors.push(format!(
                "{}: {} has the same name before the extension; the app tells articles apart by it, rename one",
                path.display(),
                other.file_name().and_then(|n| n.to_str()).unwrap_or_default(),
            ));
            continue;
        }
        let text = match read_text(path) {
            Ok(t) => t,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if text.trim().is_empty() {
            errors.push(format!(
                "{}: file is empty or whitespace only",
                path.display()
            ));
            continue;
        }
        let a = analyze(&text);
        let key_name = format!("{id}{KEY_SUFFIX}");
        let key_path = dir.join(&key_name);
        let key = if key_path.is_file() {
            match read_text(&key_path).and_then(|json| {
                answer_key::check(&json, &a.text)
                    .map_err(|e| format!("{}: answer key: {e}", key_path.display()))
            }) {
                Ok(k) => Some(k),
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            }
        } else {
            None
        };
        manifest_preview(&name, &a, key.as_ref().map(|k| (key_name.as_str(), k)));
        if let Some(k) = &key {
            if k.annotations == 0 {
                eprintln!("warning: {key_name}: the answer key has no annotations");
            }
            if !k.not_found.is_empty() {
                let quotes: Vec<String> = k.not_found.iter().map(|q| short(q, 50)).collect();
                eprintln!(
                    "warning: {key_name}: {} of {} annotation(s) not found in {name} (was the article edited after \
                     the key was made?): {}",
                    k.not_found.len(),
                    k.annotations,
                    quotes.join(", ")
                );
            }
        }
        say!();
        let page = pages.get(&id);
        articles.push(ManifestEntry {
            byline: page.and_then(|p| p.byline.clone()),
            date: page.and_then(|p| p.date.clone()),
            page: page.map(|p| p.page.clone()),
            id,
            file: name.clone(),
            title: a.title.clone(),
            source: name,
            words: a.word_count(),
            key: key.is_some().then_some(key_name),
            own: false,
        });
    }
    // Other files in the folder are never published; say which, so a teacher is not surprised.
    let mut ignored = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        for p in rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
        {
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned();
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or_default();
            let published = ["txt", "md"].contains(&ext)
                || pages.values().any(|p| p.page == name)
                || Some(p.as_path()) == Some(out.as_path())
                || name == "manifest.json"
                || name.starts_with('.');
            if let Some(stem) = name.strip_suffix(KEY_SUFFIX) {
                if !files
                    .iter()
                    .any(|f| f.file_stem().and_then(|s| s.to_str()) == Some(stem))
                {
                    eprintln!("warning: {name}: no article {stem}.txt or {stem}.md beside this answer key; not published");
                }
            } else if !published {
                ignored.push(name);
            }
        }
    }
    if !ignored.is_empty() {
        ignored.sort();
        eprintln!("note: not articles, not published: {}", ignored.join(", "));
    }
    if !errors.is_empty() {
        return Err(format!(
            "{} file(s) failed, manifest not written:\n  {}",
            errors.len(),
            errors.join("\n  ")
        ));
    }
    let keys = articles.iter().filter(|a| a.key.is_some()).count();
    let json = serde_json::to_string_pretty(&Manifest {
        version: MANIFEST_VERSION,
        articles,
    })
    .map_err(|e| e.to_string())?;
    std::fs::write(&out, json + "\n")
        .map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
    eprintln!(
        "wrote {} ({} article(s), {keys} answer key(s))",
        out.display(),
        files.len()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// score

/// A gold label file: entity mentions in text order as `[text, kind, canonical]`, every
/// content sentence in order as `[opening words, label]` with label `none` for no stance, and
/// (the Wikinews articles) every attributed sentence as `[opening words, source]`.
#[derive(Deserialize)]
struct Gold {
    entities: Vec<(String, String, String)>,
    stance: Vec<(String, String)>,
    #[serde(default)]
    attribution: Vec<(String, String)>,
}

#[derive(Default, Clone, Copy, Serialize)]
struct Counts {
    gold: usize,
    predicted: usize,
    strict: usize,
    lenient: usize,
    canonical_ok: usize,
    sentences: usize,
    stance_ok: usize,
    /// Gold × predicted stance, classes none / official / criticism / speculation.
    confusion: [[usize; 4]; 4],
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.strict += o.strict;
        self.lenient += o.lenient;
        self.canonical_ok += o.canonical_ok;
        self.sentences += o.sentences;
        self.stance_ok += o.stance_ok;
        for g in 0..4 {
            for p in 0..4 {
                self.confusion[g][p] += o.confusion[g][p];
            }
        }
    }
    fn prf(&self, hit: usize) -> (f64, f64, f64) {
        let p = if self.predicted == 0 {
            0.0
        } else {
            hit as f64 / self.predicted as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            hit as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
    fn summary(&self) -> Summary {
        let (p, r, f) = self.prf(self.strict);
        let (_, _, lf) = self.prf(self.lenient);
        Summary {
            entity_precision: p,
            entity_recall: r,
            entity_f1: f,
            entity_f1_lenient: lf,
            canonical_accuracy: if self.strict == 0 {
                0.0
            } else {
                self.canonical_ok as f64 / self.strict as f64
            },
            stance_accuracy: if self.sentences == 0 {
                0.0
            } else {
                self.stance_ok as f64 / self.sentences as f64
            },
            counts: *self,
        }
    }
}

#[derive(Serialize)]
struct Summary {
    entity_precision: f64,
    entity_recall: f64,
    entity_f1: f64,
    entity_f1_lenient: f64,
    canonical_accuracy: f64,
    stance_accuracy: f64,
    counts: Counts,
}

/// Find `needle` in `text` at or after byte `from`, on word boundaries.
fn find_word(text: &str, needle: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = text.get(at..)?.find(needle) {
        let s = at + i;
        let e = s + needle.len();
        let before = text[..s]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = text[e..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return Some(s);
        }
        at = s + needle.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// For each gold stance entry, the index of the analysed sentence containing the start of its
/// opening words (the openings are found in order), or `None` when no sentence contains it.
fn aligned_stance(
    gold_path: &Path,
    gold: &Gold,
    a: &Analysis,
) -> Result<Vec<Option<usize>>, String> {
    let t = &a.text;
    let mut byte_of: Vec<usize> = t.char_indices().map(|(i, _)| i).collect();
    byte_of.push(t.len());
    let b = |c: usize| byte_of.get(c).copied().unwrap_or(t.len());
    let mut cursor = 0;
    let mut out = Vec::with_capacity(gold.stance.len());
    for (opening, _) in &gold.stance {
        let s = t
            .get(cursor..)
            .and_then(|r| r.find(opening.as_str()))
            .map(|i| cursor + i)
            .ok_or_else(|| {
                format!(
                    "{}: gold sentence {opening:?} not found",
                    gold_path.display()
                )
            })?;
        cursor = s + opening.len();
        out.push(
            a.sentences
                .iter()
                .position(|x| b(x.start) <= s && s < b(x.end)),
        );
    }
    Ok(out)
}

/// Per-label precision and recall and the confusion table (rows gold, columns suggested).
fn confusion_table(name: &str, m: &[[usize; 4]; 4]) {
    const L: [&str; 4] = ["none", "official", "criticism", "speculation"];
    say!("{name}: stance by label (rows gold, columns suggested)");
    say!("  {:<12} {:>8} {:>8} {:>9} {:>11}   precision recall", "", L[0], L[1], L[2], L[3]);
    for g in 0..4 {
        let predicted: usize = (0..4).map(|r| m[r][g]).sum();
        let gold: usize = m[g].iter().sum();
        say!(
            "  {:<12} {:>8} {:>8} {:>9} {:>11}   {:.3}     {:.3}",
            L[g], m[g][0], m[g][1], m[g][2], m[g][3],
            m[g][g] as f64 / predicted.max(1) as f64,
            m[g][g] as f64 / gold.max(1) as f64
        );
    }
}

/// An article's text and its gold labels (`NAME.txt` and `NAME.json`).
fn read_gold(txt: &Path) -> Result<(String, PathBuf, Gold), String> {
    let text = read_text(txt)?;
    let gold_path = txt.with_extension("json");
    let gold: Gold = serde_json::from_str(&read_text(&gold_path)?)
        .map_err(|e| format!("{}: bad gold file: {e}", gold_path.display()))?;
    Ok((text, gold_path, gold))
}

fn score_article(txt: &Path, verbose: bool) -> Result<Counts, String> {
    let (text, gold_path, gold) = read_gold(txt)?;
    let a = analyze(&text);
    let t = &a.text;
    // Byte offsets of every code point, to compare gold (found by byte search) with predictions.
    let mut byte_of: Vec<usize> = t.char_indices().map(|(i, _)| i).collect();
    byte_of.push(t.len());
    let b = |c: usize| byte_of.get(c).copied().unwrap_or(t.len());

    let mut c = Counts::default();
    // Entities.
    let mut gold_spans = Vec::new();
    let mut cursor = 0;
    for (mention, kind, canon) in &gold.entities {
        let s = find_word(t, mention, cursor).ok_or_else(|| {
            format!(
                "{}: gold entity {mention:?} not found after byte {cursor}",
                gold_path.display()
            )
        })?;
        gold_spans.push((s, s + mention.len(), kind.as_str(), canon.as_str()));
        cursor = s + mention.len();
    }
    c.gold = gold_spans.len();
    c.predicted = a.entities.len();
    let mut missed = Vec::new();
    for g in &gold_spans {
        let strict = a
            .entities
            .iter()
            .find(|e| b(e.start) == g.0 && b(e.end) == g.1 && e.kind.as_str() == g.2);
        if let Some(e) = strict {
            c.strict += 1;
            c.canonical_ok += usize::from(e.canonical == g.3);
        } else {
            missed.push(format!("{:?} {}", &t[g.0..g.1], g.2));
        }
        let lenient = a
            .entities
            .iter()
            .any(|e| b(e.start) < g.1 && g.0 < b(e.end) && e.kind.as_str() == g.2);
        c.lenient += usize::from(lenient);
    }
    let spurious: Vec<String> = a
        .entities
        .iter()
        .filter(|e| {
            !gold_spans
                .iter()
                .any(|g| b(e.start) == g.0 && b(e.end) == g.1 && e.kind.as_str() == g.2)
        })
        .map(|e| format!("{:?} {}", &t[b(e.start)..b(e.end)], e.kind.as_str()))
        .collect();
    let mut wrong = Vec::new();
    for (k, (opening, label)) in aligned_stance(&gold_path, &gold, &a)?
        .into_iter()
        .zip(&gold.stance)
        .map(|(k, g)| (k, (&g.0, &g.1)))
    {
        let predicted = k
            .and_then(|k| a.sentences[k].suggestion.as_ref())
            .map_or("none", |g| g.label.as_str());
        c.sentences += 1;
        let class = |l: &str| ["none", "official", "criticism", "speculation"].iter().position(|x| *x == l);
        if let (Some(g), Some(p)) = (class(label), class(predicted)) {
            c.confusion[g][p] += 1;
        }
        if predicted == label {
            c.stance_ok += 1;
        } else {
            wrong.push(format!("{opening:?}: gold {label}, got {predicted}"));
        }
    }
    if verbose {
        for m in &missed {
            say!("      missed   {m}");
        }
        for m in &spurious {
            say!("      spurious {m}");
        }
        for m in &wrong {
            say!("      stance   {m}");
        }
    }
    Ok(c)
}

fn cmd_score(args: &[String]) -> Result<(), String> {
    let json = args.iter().any(|a| a == "--json");
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    let dir = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .ok_or(format!("score needs a DIR\n{USAGE}"))?;
    // A directory, or gold articles named one by one (a part of the gold set, such as the
    // held-out articles of one labelling round).
    let files = if Path::new(dir).is_dir() {
        article_files(Path::new(dir), &["txt"])?
    } else {
        args.iter().filter(|a| !a.starts_with('-')).map(PathBuf::from).collect()
    };
    if files.is_empty() {
        return Err(format!("{dir}: no .txt gold articles"));
    }
    let mut per = BTreeMap::new();
    // Groups by file-name prefix: `seed-*` (the three seeds), `held-*` (own articles written and
    // labelled after the rules were frozen, never tuned on), anything else (own articles the
    // rules were developed against).
    let (mut seeds, mut own, mut held, mut all) = (
        Counts::default(),
        Counts::default(),
        Counts::default(),
        Counts::default(),
    );
    // Real news (Wikinews, CC BY 2.5): `wiki-*` trained on, `held-wiki-*` never.
    let (mut wiki, mut wiki_held) = (Counts::default(), Counts::default());
    for f in &files {
        let name = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        if !json {
            say!("{name}");
        }
        let c = score_article(f, verbose && !json)?;
        if name.starts_with("seed") {
            seeds.add(&c)
        } else if name.starts_with("held-wiki") {
            wiki_held.add(&c)
        } else if name.starts_with("wiki") {
            wiki.add(&c)
        } else if name.starts_with("held") {
            held.add(&c)
        } else {
            own.add(&c)
        }
        all.add(&c);
        if !json {
            let s = c.summary();
            say!(
                "    entities P {:.3} R {:.3} F1 {:.3} (lenient F1 {:.3}, canonical {:.3}; gold {}, predicted {})   stance acc {:.3} ({}/{})",
                s.entity_precision, s.entity_recall, s.entity_f1, s.entity_f1_lenient, s.canonical_accuracy,
                c.gold, c.predicted, s.stance_accuracy, c.stance_ok, c.sentences
            );
        }
        per.insert(name, c.summary());
    }
    if json {
        #[derive(Serialize)]
        struct Out {
            articles: BTreeMap<String, Summary>,
            seeds: Summary,
            own: Summary,
            held_out: Summary,
            real_news: Summary,
            real_news_held_out: Summary,
            overall: Summary,
        }
        let out = Out {
            articles: per,
            seeds: seeds.summary(),
            own: own.summary(),
            held_out: held.summary(),
            real_news: wiki.summary(),
            real_news_held_out: wiki_held.summary(),
            overall: all.summary(),
        };
        say!(
            "{}",
            serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
        );
    } else {
        for (name, c) in [
            ("seeds", seeds),
            ("own, development", own),
            ("own, held-out", held),
            ("real news, training", wiki),
            ("real news, held-out", wiki_held),
            ("overall", all),
        ] {
            let s = c.summary();
            say!(
                "{name:<22} entities P {:.3} R {:.3} F1 {:.3} (lenient {:.3}, canonical {:.3})   stance acc {:.3} ({}/{})",
                s.entity_precision, s.entity_recall, s.entity_f1, s.entity_f1_lenient, s.canonical_accuracy,
                s.stance_accuracy, c.stance_ok, c.sentences
            );
        }
        confusion_table("real news, held-out", &wiki_held.confusion);
    }
    Ok(())
}
