//! `annotate score-speakers DIR`: who says what on the labelled Wikinews articles — a second real
//! corpus beside PolNeAR (`score-attribution`), labelled by the project's own guide.
//!
//! Each `wiki-*` / `held-wiki-*` label file carries `attribution`: `[opening words, source]` for
//! every sentence whose content is attributed, the source the canonical name of a gold entity
//! when the text names one, else a short description ("officials", "reports"). Scored:
//! - attributed-sentence detection: gold attributed against the analysis' attributed claims
//!   (`claim_kind: attributed`), precision / recall / F1 over the gold sentences;
//! - named speaker: on gold attributed sentences whose source is a named entity of the article,
//!   the analysis' speaker is right when it names the same entity — the canonical itself, a gold
//!   mention of it ("Zelensky" for "Volodymyr Zelensky"), or a name of whole words inside it or
//!   containing it; a described source is counted apart (its wording cannot be compared).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use annotator_core::{analyze, ClaimKind};

use crate::{aligned_stance, article_files, read_gold};

#[derive(Default, Clone, Copy)]
struct Tally {
    sentences: usize,
    gold: usize,
    predicted: usize,
    both: usize,
    named: usize,
    named_right: usize,
    named_none: usize,
    described: usize,
    described_some: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.sentences += o.sentences;
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.both += o.both;
        self.named += o.named;
        self.named_right += o.named_right;
        self.named_none += o.named_none;
        self.described += o.described;
        self.described_some += o.described_some;
    }

    fn print(&self, name: &str) {
        let p = self.both as f64 / self.predicted.max(1) as f64;
        let r = self.both as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        say!(
            "{name:<24} attributed sentences P {p:.3} R {r:.3} F1 {f:.3} (gold {}, predicted {}, of {} sentences)",
            self.gold, self.predicted, self.sentences
        );
        say!(
            "{:<24} named speaker {:.3} ({}/{}; no speaker given {})   described source given a speaker {}/{}",
            "",
            self.named_right as f64 / self.named.max(1) as f64,
            self.named_right,
            self.named,
            self.named_none,
            self.described_some,
            self.described
        );
    }
}

/// Lower-case words of a name, for comparing names of whole words.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// `part`'s words appear, in order and adjacent, among `whole`'s.
fn inside(part: &[String], whole: &[String]) -> bool {
    !part.is_empty() && whole.windows(part.len()).any(|w| w == part)
}

/// The predicted speaker names the gold entity `canonical`.
fn same_speaker(predicted: &str, canonical: &str, mentions: &[&str]) -> bool {
    if predicted == canonical || mentions.contains(&predicted) {
        return true;
    }
    let (p, g) = (words(predicted), words(canonical));
    inside(&p, &g) || inside(&g, &p)
}

fn score_article(txt: &Path, verbose: bool) -> Result<Tally, String> {
    let (text, gold_path, labels) = read_gold(txt)?;
    let a = analyze(&text);
    let mut mentions: HashMap<&str, Vec<&str>> = HashMap::new();
    for (m, _, canon) in &labels.entities {
        mentions.entry(canon.as_str()).or_default().push(m.as_str());
    }
    let attributed: HashMap<&str, &str> = labels
        .attribution
        .iter()
        .map(|(o, s)| (o.as_str(), s.as_str()))
        .collect();
    let mut c = Tally::default();
    for (k, (opening, _)) in aligned_stance(&gold_path, &labels, &a)?.into_iter().zip(&labels.stance) {
        let s = k.map(|k| &a.sentences[k]);
        let predicted = s.is_some_and(|s| s.claim_kind == Some(ClaimKind::Attributed));
        let speaker = s.and_then(|s| s.speaker.as_deref());
        c.sentences += 1;
        c.predicted += usize::from(predicted);
        let Some(&gold) = attributed.get(opening.as_str()) else { continue };
        c.gold += 1;
        c.both += usize::from(predicted);
        if let Some(ms) = mentions.get(gold) {
            c.named += 1;
            let right = speaker.is_some_and(|p| same_speaker(p, gold, ms));
            c.named_right += usize::from(right);
            c.named_none += usize::from(speaker.is_none());
            if verbose && !right {
                say!("      speaker {opening:?}: gold {gold}, got {}", speaker.unwrap_or("none"));
            }
        } else {
            c.described += 1;
            c.described_some += usize::from(speaker.is_some());
        }
    }
    Ok(c)
}

pub fn cmd_score_speakers(args: &[String]) -> Result<(), String> {
    let verbose = args.iter().any(|a| a == "-v" || a == "--verbose");
    let dir = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .ok_or("score-speakers needs the gold DIR (core/tests/gold)")?;
    let mut groups: BTreeMap<&str, Tally> = BTreeMap::new();
    for f in article_files(Path::new(dir), &["txt"])? {
        let name = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let group = if name.starts_with("held-wiki-") {
            "real news, held-out"
        } else if name.starts_with("wiki-") {
            "real news, training"
        } else {
            continue;
        };
        if verbose {
            say!("{name}");
        }
        groups.entry(group).or_default().add(&score_article(&f, verbose)?);
    }
    if groups.is_empty() {
        return Err(format!("{dir}: no wiki-* or held-wiki-* articles"));
    }
    for (name, c) in &groups {
        c.print(name);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_surname_or_a_full_name_is_the_same_speaker() {
        assert!(same_speaker("Zelensky", "Volodymyr Zelensky", &[]));
        assert!(same_speaker("Volodymyr Zelensky", "Zelensky", &[]));
        assert!(same_speaker("FSB", "Federal Security Service", &["FSB"]));
        assert!(!same_speaker("Ukrainian", "Volodymyr Zelensky", &["Zelensky"]));
        assert!(!same_speaker("Honcharuk", "Volodymyr Zelensky", &["Zelensky"]));
    }
}
