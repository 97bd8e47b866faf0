//! Claims, speakers and stance suggestions, sentence by sentence.
//!
//! * **Claim**: a content sentence that reports what someone said (a reporting verb, "according
//!   to") or asserts something checkable about a named actor or a number, without being hedged.
//! * **Speaker**: the canonical name of the entity the reporting verb is attributed to — the
//!   nearest non-group entity before the verb ("A Micron spokesperson told the BBC" → Micron),
//!   or the entity right after "according to" / an inverted "said Smith"; "she/he said" is the
//!   latest person named in this or the previous paragraph; "X of the Y said" is X; a place
//!   after a preposition ("the ministry in Castel Nou said") is no speaker.
//! * **Suggestion**: each label scores the sum of its distinct cue weights ([`crate::cues`]); the
//!   best label is suggested when it reaches [`MIN_SCORE`]. Two structural adjustments, both
//!   named below: `official` needs an official actor (an organisation or country entity, or a
//!   noun such as "officials", "regulator", "spokesperson"), and hedges inside a statement
//!   attributed to an official actor belong to that statement ("Officials say the move could
//!   pose risks" is the officials' position, not the writer's speculation).

use std::sync::OnceLock;

use crate::attribution::Attribution;
use crate::cues;
use crate::entities::RawEntity;
use crate::model;
use crate::structure::{RawBlock, RawSentence};
use crate::{alnum_len, char_at, lexicon};
use crate::{BlockKind, ClaimKind, EntityKind, Label, Suggestion};

/// Lowest score that earns a suggestion: one medium cue, or two weak ones.
pub const MIN_SCORE: f32 = 0.45;
/// Added to `official` cues when an official actor is present.
pub const ACTOR_BONUS: f32 = 0.3;
/// Added to `speculation` cues when the subject is an expert source ("Economists say … would"):
/// experts are quoted for assessments (Sigal 1973's expert sources).
pub const EXPERT_BONUS: f32 = 0.3;
/// Added to `criticism` cues when the source is a citizen or an interest group ("Shopkeepers had
/// opposed the lanes", "The Harbour Workers Federation said … opposed"): their reactions are
/// mostly objections, so a weak cue is enough.
pub const CITIZEN_BONUS: f32 = 0.3;
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
/// A sentence without cues that continues the previous sentence's source inherits its label at
/// this share of its confidence.
pub const CONTINUATION_FACTOR: f32 = 0.7;

/// Per-sentence results, parallel to the sentence list.
pub struct SentenceStance {
    pub claim: Option<ClaimKind>,
    pub speaker: Option<String>,
    pub suggestion: Option<Suggestion>,
    /// The best label when it scored above zero but under [`MIN_SCORE`].
    pub weak: Option<Label>,
    /// What the rules saw, for the learned layer ([`crate::model`]).
    pub signals: Signals,
    /// The cue words found, as byte ranges with their label, in text order per label: whichever
    /// label the learned layer chooses shows its own cues. (Ranges, not strings: only the
    /// chosen label's cues are ever copied out.)
    pub cue_spans: Vec<(usize, usize, Label)>,
    /// The rules' label was inherited from the previous sentence's source ([`continuation`]).
    pub inherited: bool,
    /// The sentence's words the learned layer weighs (found while the rules split it).
    pub model_words: Vec<model::Word>,
}

/// The rules' observations of one sentence: scores, actors and form. [`crate::model`] turns them
/// (with the neighbouring sentences') into features; nothing here depends on its weights.
#[derive(Clone, Copy, Debug, Default)]
pub struct Signals {
    /// Label scores as the rules weigh them: criticism, speculation, official.
    pub scores: [f32; 3],
    /// Cue matches per label.
    pub counts: [u8; 3],
    pub expert: bool,
    pub citizen: bool,
    /// An official actor's attributed statement.
    pub reported: bool,
    /// A reporting verb outside quotation marks.
    pub verb: bool,
    /// The speaker entity: a person / an institution (organisation or place) / another kind.
    pub speaker_person: bool,
    pub speaker_institution: bool,
    pub title: bool,
    pub heading: bool,
    /// Opens with a quotation mark.
    pub opens_quote: bool,
    /// Share of the sentence's bytes inside quotation marks.
    pub quoted: f32,
    pub number: bool,
    pub concession: bool,
    pub refusal: bool,
    pub headline: bool,
    /// "not", "never", "n't" anywhere.
    pub negation: bool,
    /// A pronoun subject ("she said", "it said", "they").
    pub pronoun: bool,
    /// Words in the sentence.
    pub words: u16,
    /// Entities in the sentence.
    pub entities: u8,
    /// The official actor's words (byte range): present when the sentence is an official
    /// actor's.
    pub actor: Option<(usize, usize)>,
    /// The attribution model's probability that the sentence reports a source.
    pub attributed: f32,
    /// The speaker comes from another sentence: a quotation or statement that goes on.
    pub continued: bool,
    /// The speaker is on the other side of a decision: the opposition, a rival, critics,
    /// campaigners ("shadow health secretary", "rival firm", "opponents of the plan").
    pub opposition: bool,
    /// A modal of commitment by the acting side ("we will", "the ministry would"): a pledge or
    /// a plan, not a guess.
    pub pledge: bool,
    /// A modal of likelihood without the acting side's commitment ("could", "may", "likely"
    /// from an analyst or the writer): a forecast.
    pub forecast: bool,
}

/// Words that put a source on the opposing side of a decision. Sorted.
const OPPOSITION: &[&str] = &[
    "activists", "campaigners", "challenger", "critic", "critics", "dissident", "dissidents",
    "opponent", "opponents", "opposition", "protesters", "rival", "rivals", "shadow",
];

/// Modals of commitment and of likelihood. Sorted.
const COMMITMENT: &[&str] = &["going", "shall", "will", "would"];
const LIKELIHOOD: &[&str] = &["could", "likely", "may", "might", "perhaps", "possibly", "probably", "unlikely"];

/// The speaker's side and the modal's use in one sentence: (opposition, pledge, forecast).
/// The frame before the cue names the side; a commitment modal after a first-person or acting
/// subject is a pledge, a likelihood modal outside an official's statement a forecast.
#[inline(never)]
fn side_and_modal(
    text: &str,
    s: &RawSentence,
    attr: &Attribution,
    sig: &Signals,
) -> (bool, bool, bool) {
    let body = crate::sub(text, s.start, s.end);
    let cue = attr.cue.map_or(body.len(), |(a, _)| a.saturating_sub(s.start).min(body.len()));
    let frame = crate::sub(body, 0, cue);
    let src = attr.source.map_or("", |(a, b)| crate::sub(text, a, b));
    let opposition = frame
        .split(|c: char| !c.is_alphanumeric())
        .chain(src.split(|c: char| !c.is_alphanumeric()))
        .any(|w| lexicon::contains_lower(OPPOSITION, w));
    let mut pledge = false;
    let mut forecast = false;
    let mut prev = "";
    for w in body.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').filter(|w| !w.is_empty()) {
        if lexicon::contains_lower(COMMITMENT, w)
            && (matches!(prev.to_ascii_lowercase().as_str(), "we" | "i" | "it" | "they" | "government" | "ministry" | "council" | "company")
                || sig.actor.is_some())
        {
            pledge = true;
        }
        if lexicon::contains_lower(LIKELIHOOD, w) && (sig.expert || sig.actor.is_none()) {
            forecast = true;
        }
        prev = w;
    }
    (opposition, pledge, forecast)
}

/// Words of `s` (alphanumeric runs with inner apostrophes and hyphens), as byte ranges of `text`.
#[inline(never)]
/// Returns a mask with bit `k` set when word `k` (of the first 64) joins runs with a mark ("state-run",
/// "board’s"), so compound and possessive forms are examined only where they exist.
pub(crate) fn words(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) -> u64 {
    out.clear();
    let mut marked = 0u64;
    let s = crate::sub(text, start, end);
    let b = s.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let l = alnum_len(s, i);
        if l == 0 {
            i += if b[i] < 0x80 { 1 } else { char_at(s, i).1 };
            continue;
        }
        // A word: alphanumeric runs joined by single inner marks ("state-run", "it's",
        // "China’s"); a mark not followed by an alphanumeric ends the word and is not part of it.
        let w0 = i;
        let mut j = i + l;
        loop {
            let l = alnum_len(s, j);
            if l > 0 {
                j += l;
                continue;
            }
            let mark = match b.get(j) {
                Some(b'\'' | b'-') => 1,
                Some(0xE2) if b[j..].starts_with("’".as_bytes()) => 3,
                _ => 0,
            };
            let after = if mark > 0 { alnum_len(s, j + mark) } else { 0 };
            if after == 0 {
                break;
            }
            if out.len() < 64 {
                marked |= 1 << out.len();
            }
            j += mark + after;
        }
        out.push((start + w0, start + j));
        i = j;
    }
    marked
}

/// What one lowercase word can start or be, found with one hash lookup instead of a binary
/// search per table (the tables stay sorted `const` slices; this index is built from them once).
/// Sixteen bytes, aligned, so it moves as two machine words (byte-wise stores of separate
/// flags stalled the per-word loop).
#[derive(Clone, Copy, Default)]
#[repr(C, align(8))]
struct WordInfo {
    /// Index + 1 of the first phrase starting with this word in SPECULATION / CRITICISM /
    /// OFFICIAL; 0 when none.
    first: [u16; 3],
    /// Index + 1 of the word in the learned layer's vocabulary ([`crate::model::known_words`]);
    /// 0 when it has no weights. The same lookup serves rules and model.
    model: u16,
    /// [`REPORTING`], [`ACTOR`], [`EXPERT`], [`CONCESSIVE`] bits.
    flags: u8,
}

/// A reporting verb ([`lexicon::REPORTING_VERBS`]).
const REPORTING: u8 = 1;
/// An official actor noun ([`lexicon::OFFICIAL_ACTORS`]).
const ACTOR: u8 = 2;
/// An expert or citizen source noun ([`lexicon::NON_OFFICIAL_SOURCES`]).
const EXPERT: u8 = 4;
/// A positive reaction that may concede before an objection ([`cues::CONCESSIVE_REACTIONS`]).
const CONCESSIVE: u8 = 8;
/// A citizen or interest-group source noun ([`lexicon::CITIZEN_SOURCES`]).
const CITIZEN: u8 = 16;
/// "declined" (to comment, to say): a refusal to state.
const REFUSAL: u8 = 32;

impl WordInfo {
    fn reporting(self) -> bool {
        self.flags & REPORTING != 0
    }
    fn actor(self) -> bool {
        self.flags & ACTOR != 0
    }
    fn expert(self) -> bool {
        self.flags & EXPERT != 0
    }
}

type Index = lexicon::Table<WordInfo>;

const TABLES: [&[(&str, f32)]; 3] = [cues::SPECULATION, cues::CRITICISM, cues::OFFICIAL];

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let n = TABLES.iter().map(|t| t.len()).sum::<usize>()
            + lexicon::REPORTING_VERBS.len()
            + lexicon::OFFICIAL_ACTORS.len()
            + lexicon::NON_OFFICIAL_SOURCES.len()
            + cues::CONCESSIVE_REACTIONS.len()
            + lexicon::CITIZEN_SOURCES.len()
            + 2 * crate::model_weights::WORDS.len()
            + 1;
        let mut m = Index::new(n, true);
        for (t, table) in TABLES.iter().enumerate() {
            for (i, (phrase, _)) in table.iter().enumerate().rev() {
                let first = phrase.split(' ').next().unwrap_or(phrase);
                m.entry(first).first[t] = (i + 1) as u16;
            }
        }
        for w in lexicon::REPORTING_VERBS {
            m.entry(w).flags |= REPORTING;
        }
        for w in lexicon::OFFICIAL_ACTORS {
            m.entry(w).flags |= ACTOR;
        }
        for w in lexicon::NON_OFFICIAL_SOURCES {
            m.entry(w).flags |= EXPERT;
        }
        for w in cues::CONCESSIVE_REACTIONS {
            m.entry(w).flags |= CONCESSIVE;
        }
        for w in lexicon::CITIZEN_SOURCES {
            m.entry(w).flags |= CITIZEN;
        }
        m.entry("declined").flags |= REFUSAL;
        for (i, (w, _)) in crate::model_weights::WORDS.iter().enumerate() {
            m.entry(w).model = i as u16 + 1;
            // The vocabulary is keyed with straight apostrophes; text mostly has curly ones.
            if w.contains('\'') {
                let curly: &'static str = Box::leak(w.replace('\'', "’").into_boxed_str());
                m.entry(curly).model = i as u16 + 1;
            }
        }
        m
    })
}

/// The learned layer's vocabulary index of a word (any case, either apostrophe).
pub(crate) fn model_word(w: &str) -> Option<usize> {
    index()
        .get(w)
        .and_then(|i| usize::from(i.model).checked_sub(1))
}

/// Match cue table `t` at every word; push (weight, first word index, last word index, phrase).
/// Words are compared with the lowercase phrases case-insensitively, in place ([`lexicon::eq_lower`]).
fn match_cues(
    text: &str,
    ws: &[(usize, usize)],
    infos: &[WordInfo],
    t: usize,
    out: &mut Vec<(f32, usize, usize, &'static str)>,
) {
    out.clear();
    let table = TABLES[t];
    let word = |i: usize| crate::sub(text, ws[i].0, ws[i].1);
    for i in 0..ws.len() {
        let lo = infos[i].first[t] as usize;
        if lo == 0 {
            continue;
        }
        // Phrases sharing a first word are contiguous (a space sorts before every letter), and
        // the index points at the first of them, so the word matches `first` exactly.
        let first = table[lo - 1].0.split(' ').next().unwrap_or("");
        for &(phrase, weight) in &table[lo - 1..] {
            let rest = match phrase.strip_prefix(first) {
                Some(r) if r.is_empty() || r.starts_with(' ') => r,
                _ => break,
            };
            let mut n = 0;
            let ok = rest.split_whitespace().enumerate().all(|(k, part)| {
                n = k + 1;
                i + k + 1 < ws.len() && lexicon::eq_lower(word(i + k + 1), part)
            });
            if ok && !out.iter().any(|c| std::ptr::eq(c.3, phrase)) {
                out.push((weight, i, i + n, phrase));
            }
        }
    }
}

/// An actor noun inside a longer word: "vice-chancellor" (the role is the last part), "the
/// board’s chair" (a possessive). The word index holds the bare nouns; only the frame's words
/// are checked, not every word of the text.
#[inline(never)]
fn derived_actor(idx: &Index, w: &str) -> bool {
    let poss = match w.as_bytes() {
        [.., b'\'', b's'] => 2,
        [.., 0xE2, 0x80, 0x99, b's'] => 4,
        _ => 0,
    };
    let w = crate::sub(w, 0, w.len() - poss);
    if poss > 0 && idx.get(w).is_some_and(|x| x.actor()) {
        return true;
    }
    // (A byte loop: `contains` is a memchr call per word.)
    w.bytes().rposition(|c| c == b'-').is_some_and(|k| {
        idx.get(crate::sub(w, k + 1, w.len()))
            .is_some_and(|x| x.actor())
    })
}

/// Is word `i` negated ("have not yet determined", "didn't confirm")? Checks the two words before.
#[inline(never)]
fn negated(text: &str, ws: &[(usize, usize)], i: usize) -> bool {
    (i.saturating_sub(2)..i).any(|k| {
        let w = &text[ws[k].0..ws[k].1];
        negator(w)
            || w.eq_ignore_ascii_case("cannot")
            // "declined to say": a refusal to state, not a statement.
            || w.eq_ignore_ascii_case("declined")
    })
}

/// "not", "never" or a contracted negation ("didn't", "won’t").
fn negator(w: &str) -> bool {
    w.eq_ignore_ascii_case("not")
        || w.eq_ignore_ascii_case("never")
        || w.ends_with("n't")
        || w.ends_with("n’t")
}

/// Byte ranges inside quotation marks ("…", “…”); an unclosed quote runs to the end.
#[inline(never)]
fn quote_ranges(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let mut open: Option<usize> = None;
    let b = &text.as_bytes()[start..end];
    let mut i = 0;
    // Only '"' and the lead byte 0xE2 of curly quotes matter: skip to them.
    while let Some(k) = crate::find_byte3(b, i, [b'"', 0xE2, 0xE2]) {
        i = k;
        let at = i;
        i += 1;
        // '"' toggles; “ is E2 80 9C and ” is E2 80 9D in UTF-8.
        let (opens, closes) = match b[at] {
            b'"' => (true, true),
            0xE2 if b.get(at + 1) == Some(&0x80) => {
                (b.get(at + 2) == Some(&0x9C), b.get(at + 2) == Some(&0x9D))
            }
            _ => continue,
        };
        match open {
            None if opens => open = Some(start + at),
            Some(o) if closes => {
                out.push((o, start + at));
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

/// Scratch buffers reused across sentences, so the per-sentence pass allocates nothing but its
/// results.
#[derive(Default)]
struct Scratch {
    ws: Vec<(usize, usize)>,
    spec: Vec<(f32, usize, usize, &'static str)>,
    crit: Vec<(f32, usize, usize, &'static str)>,
    off: Vec<(f32, usize, usize, &'static str)>,
    quotes: Vec<(usize, usize)>,
    infos: Vec<WordInfo>,
}

/// Analyse every sentence. `entities` are sorted by start; each has its sentence index.
/// `features`, when given, receives each sentence's input to the learned layer (for training).
pub fn annotate(
    text: &str,
    blocks: &[RawBlock],
    sentences: &[RawSentence],
    entities: &[RawEntity],
    attributions: &[Attribution],
    features: Option<&mut Vec<[f32; model::NF]>>,
) -> Vec<SentenceStance> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut sc = Scratch::default();
    let mut ei = 0usize;
    let none = Attribution::default();
    for (si, s) in sentences.iter().enumerate() {
        while ei < entities.len() && entities[ei].sentence < si {
            ei += 1;
        }
        let mut ej = ei;
        while ej < entities.len() && entities[ej].sentence == si {
            ej += 1;
        }
        let kind = blocks.get(s.block).map_or(BlockKind::Furniture, |b| b.kind);
        if kind == BlockKind::Furniture {
            out.push(SentenceStance {
                claim: None,
                speaker: None,
                suggestion: None,
                weak: None,
                signals: Signals::default(),
                cue_spans: Vec::new(),
                inherited: false,
                model_words: Vec::new(),
            });
            continue;
        }
        let attr = attributions.get(si).unwrap_or(&none);
        // The speaker is the attribution model's ([`crate::attribution`]), resolved to an
        // entity where it names one.
        let speaker = attr
            .attributed
            .then(|| attr.entity.and_then(|e| entities.get(e)))
            .flatten();
        let mut st = sentence(text, s, kind, &entities[ei..ej], speaker, &mut sc);
        // What the attribution model found ([`crate::attribution`]): the learned layer weighs
        // it, with a speaker's side and a modal's use, beside the rules' signals.
        st.signals.attributed = attr.probability;
        st.signals.continued = attr.attributed && attr.continued;
        let (opposition, pledge, forecast) = side_and_modal(text, s, attr, &st.signals);
        st.signals.opposition = opposition;
        st.signals.pledge = pledge;
        st.signals.forecast = forecast;
        if attr.attributed {
            st.speaker = attr.speaker.clone();
        }
        let hedged = st.suggestion.as_ref().is_some_and(|g| g.label == Label::Speculation);
        st.claim = crate::attribution::claim::kind(
            crate::sub(text, s.start, s.end),
            attr.attributed,
            hedged,
            kind == BlockKind::Heading,
            ej - ei,
        );
        if st.suggestion.is_none() && kind == BlockKind::Paragraph && si > 0 {
            st.suggestion = continuation(text, s, &sentences[si - 1], &st, out.last());
            st.inherited = st.suggestion.is_some();
        }
        out.push(st);
    }
    learned(text, blocks, sentences, &mut out, features);
    out
}

/// The learned layer ([`crate::model`]): each content sentence's suggestion becomes the model's
/// choice over the rules' signals and its neighbours' rule labels. A separate pass, so the
/// features depend only on the rules, never on the model's own earlier outputs.
#[inline(never)]
fn learned(
    text: &str,
    blocks: &[RawBlock],
    sentences: &[RawSentence],
    out: &mut [SentenceStance],
    mut features: Option<&mut Vec<[f32; model::NF]>>,
) {
    if let Some(f) = features.as_deref_mut() {
        f.clear();
        f.resize(sentences.len(), [0.0; model::NF]);
    }
    let rules: Vec<Option<Label>> = out
        .iter()
        .map(|st| st.suggestion.as_ref().map(|s| s.label))
        .collect();
    let mut prev: Option<usize> = None;
    let mut lead_seen = false;
    for (si, s) in sentences.iter().enumerate() {
        let kind = blocks.get(s.block).map_or(BlockKind::Furniture, |b| b.kind);
        if kind == BlockKind::Furniture {
            continue;
        }
        let lead = kind == BlockKind::Paragraph && !lead_seen;
        lead_seen |= kind == BlockKind::Paragraph;
        let p = prev.filter(|&p| sentences[p].block + 1 >= s.block);
        let st = &out[si];
        let ctx = model::Context {
            rule: rules[si],
            weak: st.weak,
            inherited: st.inherited,
            prev: p.and_then(|p| rules[p]),
            same_speaker: p.is_some_and(|p| st.speaker.is_some() && out[p].speaker == st.speaker),
            lead,
        };
        let x = suggest(text, s, &ctx, &mut out[si]);
        if let Some(f) = features.as_deref_mut() {
            f[si] = x;
        }
        prev = Some(si);
    }
}

/// Words that weigh in the model as a sign of how a sentence is built, but that would tell a
/// reader nothing as a cue ("and", "the", "was"); modal verbs are not among them. Sorted.
const FUNCTION_WORDS: &[&str] = &[
    "about", "after", "all", "also", "and", "any", "are", "been", "before", "being", "both", "but",
    "each", "first", "for", "from", "had", "has", "have", "her", "hers", "him", "his", "how",
    "into", "its", "just", "last", "month", "more", "most", "new", "next", "nor", "not", "off",
    "one", "only", "onto", "other", "our", "ours", "out", "over", "per", "she", "some", "such",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "three", "two", "under", "very", "via", "was", "week", "were", "what", "when", "where", "which",
    "while", "who", "whom", "whose", "why", "with", "year", "years", "yet", "you", "your",
];

/// The least log-odds a word must add to a label, against no label, to be shown as its cue.
const WORD_EVIDENCE: f32 = 0.2;

/// The learned layer's choice for one sentence, with its reason; returns the features (out of line: see [`sentence`]
/// on WebAssembly tiering — this runs once per sentence inside [`learned`]'s single call).
#[inline(never)]
fn suggest(
    text: &str,
    s: &RawSentence,
    ctx: &model::Context,
    st: &mut SentenceStance,
) -> [f32; model::NF] {
    let x = model::features(&st.signals, ctx);
    let sentence = crate::sub(text, s.start, s.end);
    let words = std::mem::take(&mut st.model_words);
    let (label, p_label) = model::predict(&x, &words);
    // Every suggestion shows its reason; a label the model prefers without one is not
    // suggested. The reason is the label's cue words, else the rules' own reason for the
    // same label (a continuing source), else, for `official`, the official actor's words,
    // else the sentence's words that weigh most for the label in the model.
    let reason = |label: Label| {
        let cues: Vec<String> = st
            .cue_spans
            .iter()
            .filter(|c| c.2 == label)
            .map(|c| crate::sub(text, c.0, c.1).to_owned())
            .collect();
        if !cues.is_empty() {
            return Some(cues);
        }
        if let Some(r) = st
            .suggestion
            .as_ref()
            .filter(|r| r.label == label && !r.cues.is_empty())
        {
            return Some(r.cues.clone());
        }
        if let Some((a, b)) = st.signals.actor.filter(|_| label == Label::Official) {
            return Some(vec![crate::sub(text, a, b).to_owned()]);
        }
        let mut strong: Vec<(f32, &std::ops::Range<usize>)> = words
            .iter()
            .map(|(i, r)| (model::word_evidence(*i, label), r))
            // Short words ("on", "up") would be hard to find again in the sentence, and
            // what matters is a word that clearly leans to the label.
            .filter(|(e, r)| {
                *e >= WORD_EVIDENCE
                    && r.len() >= 3
                    && !lexicon::contains_lower(FUNCTION_WORDS, &sentence[(*r).clone()])
            })
            .collect();
        strong.sort_by(|a, b| b.0.total_cmp(&a.0));
        let cues: Vec<String> = strong
            .iter()
            .take(3)
            .map(|(_, r)| sentence[(*r).clone()].to_owned())
            .collect();
        (!cues.is_empty()).then_some(cues)
    };
    let confidence = p_label.min(MAX_CONFIDENCE);
    st.suggestion = label.and_then(|label| match reason(label) {
        Some(cues) => Some(Suggestion {
            label,
            confidence,
            cues,
            reason: None,
        }),
        // A quotation or follow-up after a statement of the same kind, with no cue of its own.
        None if ctx.prev == Some(label) => Some(Suggestion {
            label,
            confidence,
            cues: Vec::new(),
            reason: Some(format!(
                "continues the previous sentence’s {}",
                match label {
                    Label::Official => "official position",
                    Label::Criticism => "criticism",
                    Label::Speculation => "speculation",
                }
            )),
        }),
        None => None,
    });
    x
}

/// Sources keep their stance across consecutive sentences: a quotation or "She added …" after
/// "X condemned …" by the same speaker, or "Its chair, …" after the organisation's statement,
/// continues it (discourse coherence of news attribution: a source's statement is introduced,
/// then quoted or elaborated). The label is inherited with lower confidence; its cue is the
/// continuing source (the speaker's name, or the "Its" that refers back).
#[inline(never)]
fn continuation(
    text: &str,
    s: &RawSentence,
    prev_s: &RawSentence,
    st: &SentenceStance,
    prev: Option<&SentenceStance>,
) -> Option<Suggestion> {
    let prev = prev?;
    let p = prev.suggestion.as_ref()?;
    // Same paragraph, or the next one.
    if s.block > prev_s.block + 1 {
        return None;
    }
    let same_speaker = st.speaker.is_some() && st.speaker == prev.speaker;
    let opening = crate::sub(text, s.start, s.end).trim_start();
    let its = opening.starts_with("Its ") || opening.starts_with("Their ");
    // A weak cue of another label in the sentence itself ("She added that the projects would
    // create …") is what the source goes on to say.
    // The reason shown is the continuing source: the speaker's name, or the "Its" that refers
    // back to the organisation.
    let source = if same_speaker {
        st.speaker.clone()
    } else {
        opening.split(' ').next().map(str::to_owned)
    };
    (same_speaker || (its && prev.speaker.is_some())).then(|| Suggestion {
        label: st.weak.unwrap_or(p.label),
        confidence: p.confidence * CONTINUATION_FACTOR,
        cues: source.into_iter().collect(),
        reason: None,
    })
}

/// One content sentence. Kept out of line on purpose: a WebAssembly engine runs a long loop in
/// its baseline tier until the function is called again (V8 has no on-stack replacement for
/// wasm), so per-sentence work in its own function gets optimised code after a few sentences,
/// even on the app's single `analyze` call.
#[inline(never)]
fn sentence(
    text: &str,
    s: &RawSentence,
    kind: BlockKind,
    ents: &[RawEntity],
    speaker_entity: Option<&RawEntity>,
    sc: &mut Scratch,
) -> SentenceStance {
    let Scratch {
        ws,
        spec,
        crit,
        off,
        quotes,
        infos,
    } = sc;
    let marked = words(text, s.start, s.end, ws);
    let ws: &[(usize, usize)] = ws;

    let word = |i: usize| crate::sub(text, ws[i].0, ws[i].1);
    let idx = index();
    infos.clear();
    infos.extend(ws.iter().map(|&(a, b)| {
        let w = crate::sub(text, a, b);
        idx.get(w).unwrap_or_default()
    }));
    let infos: &[WordInfo] = infos;
    // The learned layer's words: the same filter as `model::words` (a word with a digit is
    // never in the vocabulary, so only the capital needs testing, and only on a hit). Index
    // loops: at `opt-level = "z"` iterator adapters stay calls, once per word.
    // Repeats are dropped with a bit per vocabulary word, and the list is allocated once.
    let mut model_words: Vec<model::Word> = Vec::with_capacity(ws.len().min(48));
    let mut seen = [0u64; (crate::model_weights::WORDS.len() + 63) / 64];
    let mut k = 0;
    while k < ws.len() {
        let id = usize::from(infos[k].model);
        let (a, b) = ws[k];
        if id > 0 && seen[(id - 1) / 64] & (1 << ((id - 1) % 64)) == 0 && (k == 0 || !model::capitalised(crate::sub(text, a, b))) {
            seen[(id - 1) / 64] |= 1 << ((id - 1) % 64);
            model_words.push((id - 1, a - s.start..b - s.start));
        }
        k += 1;
    }
    // Attribution: the first reporting verb and who it belongs to.
    quote_ranges(text, s.start, s.end, quotes);
    let quotes: &[(usize, usize)] = quotes;
    let quoted = |a: usize| quotes.iter().any(|&(q0, q1)| q0 <= a && a < q1);
    // Words inside entity names are not verbs ("United States" is no "states"), and the
    // attribution frame lies outside quotation marks.
    let in_entity = |i: usize| ents.iter().any(|e| e.start <= ws[i].0 && ws[i].1 <= e.end);
    let verb = (0..ws.len()).find(|&i| infos[i].reporting() && !in_entity(i) && !quoted(ws[i].0));
    let speaker = speaker_entity.map(|e| e.canonical.clone());
    // Official actor: an organisation or country as speaker or subject, or an actor noun
    // ("officials", "regulator", "Mayor") in the frame before the verb.
    let frame_end = verb.map_or(ws.len(), |v| v + 1);
    // Expert and citizen sources (analysts, scientists, residents, campaigners) give
    // assessments and reactions, not official positions, even when they speak for a named
    // organisation (official/expert/citizen source categories, e.g. Sigal 1973).
    // Only the subject: before the reporting verb, else the first words.
    let subject_end = verb.unwrap_or(4).min(ws.len());
    // (Also a research institute or university speaking: "The Institute for Fiscal Analysis said".)
    let expert_frame = speaker_entity.is_some_and(|e| e.expert)
        || (0..subject_end).any(|i| {
            (infos[i].expert() || (ws[i].1 - ws[i].0 > 8 && lexicon::is_ologist(word(i))))
                && !quoted(ws[i].0)
        });
    // Interest groups (unions, campaigns, associations of a constituency) speak for their
    // members, not as institutions: they are not official actors ([`RawEntity::civic`]).
    let institution = |e: &RawEntity| {
        matches!(e.kind, EntityKind::Organization | EntityKind::Place) && !e.civic && !e.expert
    };
    // A headline's decision verb makes its first words the acting subject ("Regulator Orders").
    // Not when the subject is a constituency or an expert source ("Port Workers Reject …").
    let headline = if kind == BlockKind::Title {
        (1..ws.len())
            .find_map(|i| {
                cues::HEADLINE_DECISIONS
                    .iter()
                    .find(|p| lexicon::eq_lower(word(i), p))
                    .map(|p| (i, *p))
            })
            .filter(|&(i, _)| {
                !(0..i).any(|k| infos[k].expert() || lexicon::is_civic_name_word(word(k)))
            })
    } else {
        None
    };
    // The words that make the sentence an official actor's (byte range), if any: the headline's
    // subject, the speaker, an actor noun in the frame, the source after "according to", or an
    // institution opening the sentence. They are also the reason shown for an `official`
    // suggestion without cue words.
    let official_subject = |frame_end: usize| -> Option<(usize, usize)> {
        if let Some((i, _)) = headline {
            return Some((ws[0].0, ws[i - 1].1));
        }
        if expert_frame {
            return None;
        }
        let word_span = |i: usize| (ws[i].0, ws[i].1);
        speaker_entity
            .filter(|e| institution(e) || e.official)
            .map(|e| (e.start, e.end))
            .or_else(|| {
                (0..frame_end.min(ws.len()))
                    .find(|&i| {
                        (infos[i].actor()
                            || (i < 64 && marked & (1 << i) != 0 && derived_actor(idx, word(i))))
                            && !in_entity(i)
                            && !quoted(ws[i].0)
                    })
                    .map(word_span)
            })
            // "…, according to the national hospital association": the source follows.
            .or_else(|| {
                verb.filter(|&v| word(v).eq_ignore_ascii_case("according"))
                    .and_then(|v| {
                        (v + 1..(v + 7).min(ws.len()))
                            .find(|&i| infos[i].actor() && !quoted(ws[i].0))
                    })
                    .map(word_span)
            })
            .or_else(|| {
                ents.iter()
                    .find(|e| !quoted(e.start))
                    .filter(|e| institution(e) && ws.iter().take(4).any(|w| w.0 == e.start))
                    .map(|e| (e.start, e.end))
            })
    };

    match_cues(text, ws, infos, 0, spec);
    // "could not afford", "would not comment" state a fact, not a possibility.
    spec.retain(|c| {
        !(matches!(c.3, "could" | "would")
            && ws
                .get(c.2 + 1)
                .is_some_and(|&(a, b)| text[a..b].eq_ignore_ascii_case("not")))
    });
    match_cues(text, ws, infos, 1, crit);
    // "welcomed the decision but said …": the concession introduces an objection.
    // One pass for the rare flags: the first concessive reaction and the first refusal.
    let (mut concession, mut refusal) = (None, None);
    for (i, inf) in infos.iter().enumerate() {
        if inf.flags & (CONCESSIVE | REFUSAL) != 0 {
            if inf.flags & CONCESSIVE != 0 && concession.is_none() {
                concession = Some(i);
            }
            if inf.flags & REFUSAL != 0 && refusal.is_none() {
                refusal = Some(i);
            }
        }
    }
    if let Some(r) = concession {
        if let Some(b) = (r + 1..ws.len()).find(|&i| word(i).eq_ignore_ascii_case("but")) {
            crit.push((cues::MEDIUM, b, b, "but"));
        }
    }
    match_cues(text, ws, infos, 2, off);
    // Without a reporting verb the actor stands before the last official cue ("Consumer groups
    // welcomed the ruling": the ruling is no actor of the welcome).
    let actor = official_subject(if verb.is_some() {
        frame_end
    } else {
        off.iter().map(|c| c.1 + 1).max().unwrap_or(ws.len())
    });
    let official_actor = actor.is_some();
    if let Some((i, p)) = headline {
        if !off.iter().any(|c| c.1 == i) {
            off.push((cues::MEDIUM, i, i, p));
        }
    }
    // "Officials have not yet determined …" is no decision; "cannot be ignored" no objection.
    off.retain(|c| !negated(text, ws, c.1));
    crit.retain(|c| c.3 == "but" || !negated(text, ws, c.1));
    // "A spokesman declined to say whether the owner could face action": what follows a refusal
    // to comment is the question not answered, not anyone's hedge.
    if let Some(d) = refusal.filter(|&d| d + 1 < ws.len() && word(d + 1).eq_ignore_ascii_case("to"))
    {
        spec.retain(|c| c.1 < d);
    }
    let sum = |v: &[(f32, usize, usize, &str)]| v.iter().map(|c| c.0).sum::<f32>();
    // Reported speech shifts "will" to "would": after a past-tense reporting verb ("said an
    // interim chief would be appointed") it is the future, no more a hedge than "will".
    if let Some(v) =
        verb.filter(|&v| matches!(word(v), "said" | "told" | "wrote") || word(v).ends_with("ed"))
    {
        for c in spec.iter_mut() {
            if c.1 > v && matches!(c.3, "would" | "would be") {
                c.0 = cues::FAINT;
            }
        }
    }
    let mut crit_score = sum(crit);
    let citizen = speaker_entity.is_some_and(|e| e.civic)
        || (0..subject_end).any(|i| infos[i].flags & CITIZEN != 0 && !quoted(ws[i].0))
        || ents
            .first()
            .is_some_and(|e| e.civic && ws.iter().take(4).any(|w| w.0 == e.start));
    if citizen && crit_score > 0.0 {
        crit_score += CITIZEN_BONUS;
    }
    let mut spec_score = sum(spec);
    if expert_frame && spec.iter().any(|c| c.0 >= cues::WEAK) {
        spec_score += EXPERT_BONUS;
    }
    let off_cues = sum(off);
    let off_score = if off_cues == 0.0 {
        0.0
    } else if official_actor {
        off_cues + ACTOR_BONUS
    } else {
        off_cues * NO_ACTOR_FACTOR
    };
    // Hedges inside an official's attributed statement are the statement's content.
    // A person's bare "said"/"told" only attributes: "She said construction could begin …" is
    // the official's forecast, speculation; an institution's statement ("Officials say the move
    // could …") or a stated decision keeps its hedges.
    let reported = verb.is_some()
        && official_actor
        && speaker_entity.is_none_or(|e| e.kind != EntityKind::Group);
    let person = speaker_entity.is_some_and(|e| e.kind == EntityKind::Person);
    // Explicit uncertainty ("too early to", "remains to be seen") is never the statement's own.
    if reported && off_cues > 0.0 && (!person || off.iter().any(|c| c.0 > cues::FAINT)) {
        let strong = spec
            .iter()
            .filter(|c| c.0 >= cues::STRONG)
            .map(|c| c.0)
            .sum::<f32>();
        spec_score = strong + (spec_score - strong) * REPORTED_HEDGE_FACTOR;
    }
    // Ties go criticism > speculation > official: the rarer, more pointed label wins.
    let scored = [
        (Label::Criticism, crit_score, &*crit),
        (Label::Speculation, spec_score, &*spec),
        (Label::Official, off_score, &*off),
    ];
    let mut best = 0;
    for k in 1..3 {
        if scored[k].1 > scored[best].1 {
            best = k;
        }
    }
    let rival = (0..3)
        .filter(|&k| k != best)
        .map(|k| scored[k].1)
        .fold(0.0, f32::max);
    let (label, score, _) = scored[best];
    let mut cue_spans = Vec::with_capacity(crit.len() + spec.len() + off.len());
    for &(l, _, v) in &scored {
        let from = cue_spans.len();
        cue_spans.extend(v.iter().map(|c| (ws[c.1].0, ws[c.2].1, l)));
        cue_spans[from..].sort_unstable_by_key(|c| c.0);
    }
    // The rules' suggestion carries no cue strings: the learned layer picks the label and copies
    // out its cues ([`learned`]).
    let suggestion = (score >= MIN_SCORE).then(|| Suggestion {
        label,
        confidence: confidence(score, rival),
        cues: Vec::new(),
        reason: None,
    });
    let has_number = ws
        .iter()
        .any(|&(a, b)| text.as_bytes().get(a).is_some_and(|c| c.is_ascii_digit()) && b > a);
    let hedged = suggestion
        .as_ref()
        .is_some_and(|s| s.label == Label::Speculation);
    // The claim's kind needs the attribution: [`annotate`] sets it.
    let claim = None;
    let _ = hedged;
    let weak = (score > 0.0 && score < MIN_SCORE).then_some(label);
    let quoted_bytes: usize = quotes.iter().map(|&(a, b)| b - a).sum();
    let pronoun = (0..subject_end).any(|i| {
        matches!(
            word(i),
            "she" | "he" | "it" | "they" | "She" | "He" | "It" | "They" | "We"
        )
    });
    let signals = Signals {
        scores: [crit_score, spec_score, off_score],
        counts: [
            crit.len().min(255) as u8,
            spec.len().min(255) as u8,
            off.len().min(255) as u8,
        ],
        expert: expert_frame,
        citizen,
        reported,
        verb: verb.is_some(),
        speaker_person: person,
        speaker_institution: speaker_entity.is_some_and(institution),
        title: kind == BlockKind::Title,
        heading: kind == BlockKind::Heading,
        opens_quote: quotes
            .first()
            .is_some_and(|q| text[s.start..q.0].trim().is_empty()),
        quoted: if s.end > s.start {
            quoted_bytes as f32 / (s.end - s.start) as f32
        } else {
            0.0
        },
        number: has_number,
        concession: concession.is_some(),
        refusal: refusal.is_some(),
        headline: headline.is_some(),
        negation: (0..ws.len()).any(|i| negator(word(i))),
        pronoun,
        words: ws.len().min(u16::MAX as usize) as u16,
        entities: ents.len().min(255) as u8,
        actor,
        ..Signals::default()
    };
    SentenceStance {
        claim,
        speaker,
        suggestion,
        weak,
        signals,
        cue_spans,
        inherited: false,
        model_words,
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Label};

    /// First sentence of `input`: (label, speaker, cues).
    fn check(input: &str, label: Option<Label>, speaker: Option<&str>, cues: &[&str]) {
        let a = analyze(input);
        let s = &a.sentences[0];
        assert_eq!(
            s.suggestion.as_ref().map(|x| x.label),
            label,
            "label: {input}"
        );
        assert_eq!(s.speaker.as_deref(), speaker, "speaker: {input}");
        let got: Vec<&str> = s
            .suggestion
            .as_ref()
            .map_or(vec![], |x| x.cues.iter().map(String::as_str).collect());
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
        check(
            "As the date looms, it remains to be seen how Norland will respond.",
            Some(Label::Speculation),
            None,
            &["remains to be seen", "will"],
        );
        check(
            "The Harbor Authority announced on Monday that it would close the pier.",
            Some(Label::Official),
            Some("Harbor Authority"),
            &["announced"],
        );
        check("The weather was pleasant in the valley.", None, None, &[]);
        check(
            "Critics of the plan claim that it could backfire.",
            Some(Label::Criticism),
            // A description that names no entity is the speaker as written.
            Some("critics"),
            &["Critics"],
        );
        check(
            "Regulator Orders App to Delete Data\n\nThe regulator acted.",
            Some(Label::Official),
            None,
            &["Orders"],
        );
        check(
            "Parents’ group Safe Screens welcomed the decision but said the fine was far too small.",
            Some(Label::Criticism),
            Some("Safe Screens"),
            &["but", "far too", "too small"],
        );
    }

    #[test]
    fn pronoun_speaker() {
        let a = analyze("Mayor Dana Ruiz spoke on Monday. She said the bridge would reopen.");
        assert_eq!(a.sentences[1].speaker.as_deref(), Some("Dana Ruiz"));
    }

    #[test]
    fn quote_byte_scan_matches_naive() {
        let samples = [
            "",
            "\"",
            "abcdefgh\"",
            "“Hello,” she said — it’s “fine”.",
            "no quotes at all in this longer line of text",
            "\u{e2}x\"ÿ’’’\"\"abc",
            "Dr. Smith left. Why? Now! ...ok",
            "........!",
        ];
        for t in samples {
            let b = t.as_bytes();
            for from in 0..=b.len() {
                let naive = (from..b.len()).find(|&k| b[k] == b'"' || b[k] == 0xE2);
                assert_eq!(
                    crate::find_byte3(b, from, [b'"', 0xE2, 0xE2]),
                    naive,
                    "{t:?} from {from}"
                );
                let naive3 = (from..b.len()).find(|&k| matches!(b[k], b'.' | b'!' | b'?'));
                assert_eq!(
                    crate::find_byte3(b, from, [b'.', b'!', b'?']),
                    naive3,
                    "{t:?} from {from}"
                );
            }
        }
    }

    #[test]
    fn function_words_are_sorted_for_binary_search() {
        let w = super::FUNCTION_WORDS;
        assert!(w.windows(2).all(|p| p[0] < p[1]));
    }

    #[test]
    fn words_split() {
        let t = "China’s state-run firms — U.S.-based, it's 5G.";
        let mut ws = Vec::new();
        let marked = super::words(t, 0, t.len(), &mut ws);
        assert_eq!(marked, 0b100_0011, "China’s, state-run, it's");
        let got: Vec<&str> = ws.iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(
            got,
            [
                "China’s",
                "state-run",
                "firms",
                "U",
                "S",
                "based",
                "it's",
                "5G"
            ]
        );
    }
}
