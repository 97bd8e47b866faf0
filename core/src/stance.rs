//! Claims, speakers and stance suggestions, sentence by sentence.
//!
//! * **Claim**: a content sentence that reports what someone said (a reporting verb, "according
//!   to") or asserts something checkable about a named actor or a number, without being hedged.
//! * **Speaker**: the canonical name of the entity the reporting verb is attributed to — the
//!   nearest non-group entity before the verb ("A Micron spokesperson told the BBC" → Micron),
//!   or the entity right after "according to" / an inverted "said Smith".
//! * **Suggestion**: each label scores the sum of its distinct cue weights ([`crate::cues`]); the
//!   best label is suggested when it reaches [`MIN_SCORE`]. Two structural adjustments, both
//!   named below: `official` needs an official actor (an organisation or country entity, or a
//!   noun such as "officials", "regulator", "spokesperson"), and hedges inside a statement
//!   attributed to an official actor belong to that statement ("Officials say the move could
//!   pose risks" is the officials' position, not the writer's speculation).

use std::sync::OnceLock;

use crate::cues;
use crate::entities::RawEntity;
use crate::{char_at, is_alnum, lexicon};
use crate::structure::{RawBlock, RawSentence};
use crate::{BlockKind, EntityKind, Label, Suggestion};

/// Lowest score that earns a suggestion: one medium cue, or two weak ones.
pub const MIN_SCORE: f32 = 0.45;
/// Added to `official` cues when an official actor is present.
pub const ACTOR_BONUS: f32 = 0.3;
/// Official cues without any official actor ("the decision was announced") count this much.
pub const NO_ACTOR_FACTOR: f32 = 0.5;
/// Speculation cues inside an official actor's reported statement count this much.
pub const REPORTED_HEDGE_FACTOR: f32 = 0.4;
/// Confidence is `score / (score + HALF_CONFIDENCE)`: a score equal to this gives 0.5.
pub const HALF_CONFIDENCE: f32 = 0.5;
/// A runner-up label lowers confidence by this share of its score.
pub const RIVAL_PENALTY: f32 = 0.5;
/// Never claim more certainty than this from word cues.
pub const MAX_CONFIDENCE: f32 = 0.95;

/// Per-sentence results, parallel to the sentence list.
pub struct SentenceStance {
    pub claim: bool,
    pub speaker: Option<String>,
    pub suggestion: Option<Suggestion>,
}

/// Words of `s` (alphanumeric runs with inner apostrophes and hyphens), as byte ranges of `text`.
fn words(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let s = &text[start..end];
    let mut cur: Option<usize> = None;
    let mut prev_inner = false;
    let mut i = 0;
    while i < s.len() {
        let (c, cl) = char_at(s, i);
        if is_alnum(c) {
            if cur.is_none() {
                cur = Some(i);
            }
            prev_inner = false;
        } else if cur.is_some() && !prev_inner && matches!(c, '\'' | '’' | '-') {
            prev_inner = true;
        } else if let Some(b) = cur.take() {
            let e = trim_trailing_inner(s, b, i);
            out.push((start + b, start + e));
            prev_inner = false;
        }
        i += cl;
    }
    if let Some(b) = cur {
        let e = trim_trailing_inner(s, b, s.len());
        out.push((start + b, start + e));
    }
}

fn trim_trailing_inner(s: &str, b: usize, mut e: usize) -> usize {
    let bytes = s.as_bytes();
    loop {
        if e > b && matches!(bytes[e - 1], b'\'' | b'-') {
            e -= 1;
        } else if e >= b + 3 && bytes[e - 3..e] == *"’".as_bytes() {
            e -= 3;
        } else {
            return e;
        }
    }
}

/// Match a cue table at every word; push (weight, first word index, last word index).
/// What one lowercase word can start or be, found with one hash lookup instead of a binary
/// search per table (the tables stay sorted `const` slices; this index is built from them once).
#[derive(Clone, Copy, Default)]
struct WordInfo {
    /// Index + 1 of the first phrase starting with this word in SPECULATION / CRITICISM /
    /// OFFICIAL; 0 when none.
    first: [u16; 3],
    reporting: bool,
    actor: bool,
}

type Index = lexicon::FnvMap<&'static str, WordInfo>;

const TABLES: [&[(&str, f32)]; 3] = [cues::SPECULATION, cues::CRITICISM, cues::OFFICIAL];

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m = Index::default();
        for (t, table) in TABLES.iter().enumerate() {
            for (i, (phrase, _)) in table.iter().enumerate().rev() {
                let first = phrase.split(' ').next().unwrap_or(phrase);
                m.entry(first).or_default().first[t] = (i + 1) as u16;
            }
        }
        for w in lexicon::REPORTING_VERBS {
            m.entry(w).or_default().reporting = true;
        }
        for w in lexicon::OFFICIAL_ACTORS {
            m.entry(w).or_default().actor = true;
        }
        m
    })
}

/// Match cue table `t` at every word; push (weight, first word index, last word index, phrase).
fn match_cues(lw: &[&str], infos: &[WordInfo], t: usize, out: &mut Vec<(f32, usize, usize, &'static str)>) {
    out.clear();
    let table = TABLES[t];
    for i in 0..lw.len() {
        let lo = infos[i].first[t] as usize;
        if lo == 0 {
            continue;
        }
        let w = lw[i];
        // Phrases sharing a first word are contiguous: a space sorts before every letter.
        for &(phrase, weight) in &table[lo - 1..] {
            let rest = match phrase.strip_prefix(w) {
                Some(r) if r.is_empty() || r.starts_with(' ') => r,
                _ => break,
            };
            let mut n = 0;
            let ok = rest.split_whitespace().enumerate().all(|(k, part)| {
                n = k + 1;
                lw.get(i + k + 1).is_some_and(|x| *x == part)
            });
            if ok && !out.iter().any(|c| std::ptr::eq(c.3, phrase)) {
                out.push((weight, i, i + n, phrase));
            }
        }
    }
}

/// Lowercase every word of a sentence into one buffer (one allocation per sentence at most), so
/// lexicon lookups are plain byte comparisons. Returns the end offset of each word in `buf`.
fn lowercase_words(text: &str, ws: &[(usize, usize)], buf: &mut String, ends: &mut Vec<usize>) {
    buf.clear();
    ends.clear();
    for &(a, b) in ws {
        let w = &text[a..b];
        if w.is_ascii() {
            let from = buf.len();
            buf.push_str(w);
            buf[from..].make_ascii_lowercase();
        } else {
            buf.extend(w.chars().flat_map(char::to_lowercase));
        }
        ends.push(buf.len());
    }
}

/// Is word `i` negated ("have not yet determined", "didn't confirm")? Checks the two words before.
fn negated(text: &str, ws: &[(usize, usize)], i: usize) -> bool {
    (i.saturating_sub(2)..i).any(|k| {
        let w = &text[ws[k].0..ws[k].1];
        w.eq_ignore_ascii_case("not") || w.eq_ignore_ascii_case("never") || w.ends_with("n't") || w.ends_with("n’t")
    })
}

/// Byte ranges inside quotation marks ("…", “…”); an unclosed quote runs to the end.
fn quote_ranges(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let mut open: Option<usize> = None;
    let b = &text.as_bytes()[start..end];
    for i in 0..b.len() {
        // '"' toggles; “ is E2 80 9C and ” is E2 80 9D in UTF-8.
        let (opens, closes) = match b[i] {
            b'"' => (true, true),
            0xE2 if b.get(i + 1) == Some(&0x80) => (b.get(i + 2) == Some(&0x9C), b.get(i + 2) == Some(&0x9D)),
            _ => continue,
        };
        match open {
            None if opens => open = Some(start + i),
            Some(o) if closes => {
                out.push((o, start + i));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        out.push((o, end));
    }
}

fn confidence(best: f32, rival: f32) -> f32 {
    let s = (best - RIVAL_PENALTY * rival).max(0.0);
    (s / (s + HALF_CONFIDENCE)).min(MAX_CONFIDENCE)
}

/// Analyse every sentence. `entities` are sorted by start; each has its sentence index.
pub fn annotate(text: &str, blocks: &[RawBlock], sentences: &[RawSentence], entities: &[RawEntity]) -> Vec<SentenceStance> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut ws = Vec::new();
    let (mut spec, mut crit, mut off) = (Vec::new(), Vec::new(), Vec::new());
    let mut quotes = Vec::new();
    let (mut lbuf, mut lends) = (String::new(), Vec::new());
    let mut infos: Vec<WordInfo> = Vec::new();
    let mut ei = 0usize;
    for (si, s) in sentences.iter().enumerate() {
        while ei < entities.len() && entities[ei].sentence < si {
            ei += 1;
        }
        let mut ej = ei;
        while ej < entities.len() && entities[ej].sentence == si {
            ej += 1;
        }
        let ents = &entities[ei..ej];
        let kind = blocks.get(s.block).map_or(BlockKind::Furniture, |b| b.kind);
        if kind == BlockKind::Furniture {
            out.push(SentenceStance { claim: false, speaker: None, suggestion: None });
            continue;
        }
        words(text, s.start, s.end, &mut ws);
        let word = |i: usize| &text[ws[i].0..ws[i].1];
        lowercase_words(text, &ws, &mut lbuf, &mut lends);
        let mut lw: Vec<&str> = Vec::with_capacity(lends.len());
        let mut from = 0;
        for &e in &lends {
            lw.push(&lbuf[from..e]);
            from = e;
        }
        let idx = index();
        infos.clear();
        infos.extend(lw.iter().map(|w| {
            idx.get(w).copied().unwrap_or_else(|| {
                // "vice-chancellor": the role is the last part.
                let actor = w.as_bytes().contains(&b'-') && w.rsplit_once('-').is_some_and(|(_, r)| idx.get(r).is_some_and(|x| x.actor));
                WordInfo { actor, ..WordInfo::default() }
            })
        }));

        // Attribution: the first reporting verb and who it belongs to.
        quote_ranges(text, s.start, s.end, &mut quotes);
        let quoted = |a: usize| quotes.iter().any(|&(q0, q1)| q0 <= a && a < q1);
        // Words inside entity names are not verbs ("United States" is no "states"), and the
        // attribution frame lies outside quotation marks.
        let in_entity = |i: usize| ents.iter().any(|e| e.start <= ws[i].0 && ws[i].1 <= e.end);
        let verb = (0..ws.len()).find(|&i| infos[i].reporting && !in_entity(i) && !quoted(ws[i].0));
        let framing = |e: &&RawEntity| e.kind != EntityKind::Group && !quoted(e.start);
        let speaker_entity = verb.and_then(|v| {
            let vpos = ws[v].0;
            let w = word(v);
            let after = |max_gap: usize| {
                ents.iter().filter(framing).find(|e| {
                    e.start >= ws[v].1 && ws.iter().filter(|x| x.0 > ws[v].1 && x.1 <= e.start).count() <= max_gap
                })
            };
            if w.eq_ignore_ascii_case("according") {
                return after(4);
            }
            // "Oskar Lindqvist, a director at the Nordic Privacy Council, said …": the sentence
            // subject before an appositive, not the last name inside it.
            let comma_before_verb = v > 0 && text[ws[v - 1].1..vpos].contains(',');
            if comma_before_verb {
                if let Some(first) = ents.iter().find(framing) {
                    let subject = ws.first().is_some_and(|w0| w0.0 == first.start)
                        && text[first.end..].trim_start().starts_with(',');
                    if subject {
                        return Some(first);
                    }
                }
            }
            ents.iter().rev().filter(framing).find(|e| e.end <= vpos).or_else(|| {
                if matches!(w, "said" | "says" | "added" | "wrote") {
                    after(0)
                } else {
                    None
                }
            })
        });
        let speaker = speaker_entity.map(|e| e.canonical.clone());
        // Official actor: an organisation or country as speaker or subject, or an actor noun
        // ("officials", "regulator", "Mayor") in the frame before the verb.
        let frame_end = verb.map_or(ws.len(), |v| v + 1);
        let official_actor = speaker_entity.is_some_and(|e| matches!(e.kind, EntityKind::Organization | EntityKind::Place) || e.official)
            || (0..frame_end.min(ws.len())).any(|i| !in_entity(i) && !quoted(ws[i].0) && infos[i].actor)
            || ents.iter().find(|e| !quoted(e.start)).is_some_and(|e| {
                matches!(e.kind, EntityKind::Organization | EntityKind::Place) && ws.iter().take(4).any(|w| w.0 == e.start)
            });

        match_cues(&lw, &infos, 0, &mut spec);
        // "could not afford", "would not comment" state a fact, not a possibility.
        spec.retain(|c| {
            !(matches!(c.3, "could" | "would") && ws.get(c.2 + 1).is_some_and(|&(a, b)| text[a..b].eq_ignore_ascii_case("not")))
        });
        match_cues(&lw, &infos, 1, &mut crit);
        match_cues(&lw, &infos, 2, &mut off);
        // "Officials have not yet determined …" is no decision.
        off.retain(|c| !negated(text, &ws, c.1));
        let sum = |v: &[(f32, usize, usize, &str)]| v.iter().map(|c| c.0).sum::<f32>();
        let crit_score = sum(&crit);
        let mut spec_score = sum(&spec);
        let off_cues = sum(&off);
        let off_score = if off_cues == 0.0 {
            0.0
        } else if official_actor {
            off_cues + ACTOR_BONUS
        } else {
            off_cues * NO_ACTOR_FACTOR
        };
        // Hedges inside an official's attributed statement are the statement's content.
        let reported = verb.is_some() && official_actor && speaker_entity.is_none_or(|e| e.kind != EntityKind::Group);
        if reported && off_cues > 0.0 {
            spec_score *= REPORTED_HEDGE_FACTOR;
        }
        // Ties go criticism > speculation > official: the rarer, more pointed label wins.
        let scored = [
            (Label::Criticism, crit_score, &crit),
            (Label::Speculation, spec_score, &spec),
            (Label::Official, off_score, &off),
        ];
        let mut best = 0;
        for k in 1..3 {
            if scored[k].1 > scored[best].1 {
                best = k;
            }
        }
        let rival = (0..3).filter(|&k| k != best).map(|k| scored[k].1).fold(0.0, f32::max);
        let (label, score, cs) = scored[best];
        let suggestion = (score >= MIN_SCORE).then(|| {
            let mut cs = cs.clone();
            cs.sort_by_key(|c| c.1);
            Suggestion {
                label,
                confidence: confidence(score, rival),
                cues: cs.iter().map(|c| text[ws[c.1].0..ws[c.2].1].to_owned()).collect(),
            }
        });
        let has_number = ws.iter().any(|&(a, b)| text[a..b].starts_with(|c: char| c.is_ascii_digit()));
        let hedged = suggestion.as_ref().is_some_and(|s| s.label == Label::Speculation);
        let claim = kind != BlockKind::Heading && (verb.is_some() || ((!ents.is_empty() || has_number) && !hedged));
        out.push(SentenceStance { claim, speaker, suggestion });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Label};

    /// First sentence of `input`: (label, speaker, cues).
    fn check(input: &str, label: Option<Label>, speaker: Option<&str>, cues: &[&str]) {
        let a = analyze(input);
        let s = &a.sentences[0];
        assert_eq!(s.suggestion.as_ref().map(|x| x.label), label, "label: {input}");
        assert_eq!(s.speaker.as_deref(), speaker, "speaker: {input}");
        let got: Vec<&str> = s.suggestion.as_ref().map_or(vec![], |x| x.cues.iter().map(String::as_str).collect());
        assert_eq!(got, cues, "cues: {input}");
    }

    #[test]
    fn labels_speakers_cues() {
        check(
            "A spokesperson from the U.S. Department of Commerce criticized the decision.",
            Some(Label::Criticism),
            Some("U.S. Department of Commerce"),
            &["criticized"],
        );
        check("As the date looms, it remains to be seen how Norland will respond.", Some(Label::Speculation), None, &["remains to be seen", "will"]);
        check("The Harbor Authority announced on Monday that it would close the pier.", Some(Label::Official), Some("Harbor Authority"), &["announced"]);
        check("The weather was pleasant in the valley.", None, None, &[]);
        check("Critics of the plan claim that it could backfire.", Some(Label::Criticism), None, &["Critics"]);
    }

    #[test]
    fn words_split() {
        let t = "China’s state-run firms — U.S.-based, it's 5G.";
        let mut ws = Vec::new();
        super::words(t, 0, t.len(), &mut ws);
        let got: Vec<&str> = ws.iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(got, ["China’s", "state-run", "firms", "U", "S", "based", "it's", "5G"]);
    }
}
