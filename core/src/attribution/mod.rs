//! Who says what: which sentences report a source's statement, and who that source is.
//!
//! Learned from real annotations — the PolNeAR corpus of political news (Newell, Margolin &
//! Ruths, LREC 2018: 840 training articles, every attribution's source, cue and content marked
//! by hand) — with two small linear models whose weights are a data file (`core/data/attribution.bin`, format
//! in [`weights`], written by `annotate train-attribution`, the text of the corpus never shipped;
//! the app fetches it beside the wasm and [`install`]s it):
//!
//! 1. **Attributed sentence** — logistic regression over the sentence's form
//!    ([`features::SENTENCE_FEATURES`]: cue words outside quotation marks, quotation marks
//!    across sentences, "according to", a colon, pronouns, entities) and its words outside
//!    quotation marks (how a frame is worded: "said", "told", "believes", "according").
//! 2. **Source** — every possible source of the sentence (its entities, pronouns, source nouns
//!    such as "officials" or "the campaign", and "named in another sentence") is scored by
//!    a linear ranker over where it stands against the cue ([`features::SOURCE_FEATURES`]:
//!    before or after, how far, after a closing quotation mark, after "according to", after a
//!    preposition, the object of "told"); the best wins.
//!
//! The chosen source is then **resolved** to a name: "he"/"she" to the person named last (the
//! latest person speaker first) whose sex does not disagree, "his campaign" to that person's,
//! "it" to the organisation, "they"/"we" to the organisation or group, "the campaign" to the
//! entity right before it, "the company" to the organisation named last; a source
//! named in another sentence is the quotation's (a multi-sentence quotation carries its speaker
//! across its sentences, whichever end names it) or the previous statement's.

pub mod claim;
pub mod features;
mod weights;

use std::sync::OnceLock;

use crate::entities::RawEntity;
use crate::lexicon;
use crate::structure::{RawBlock, RawSentence};
use crate::sentence_words::SentenceWords;
use crate::{BlockKind, EntityKind};
use features::{Candidate, CandidateKind, SentenceView, WordFacts, AUXILIARIES, NC, NS};

/// The two models' weights and the cue shares of words.
pub struct Model {
    pub sentence: [f32; NS],
    pub source: [f32; NC],
    /// Lowercase word → (its weight in the sentence model, its share as a cue outside quotes,
    /// its index in the word list: which forms are one word, counted once in a sentence).
    pub words: lexicon::Table<(f32, f32, u32)>,
}

impl Model {
    /// A model from weight arrays and a word list (lowercase, `&'static`: the shipped list, or
    /// leaked strings in the trainer).
    pub fn new(
        sentence: [f32; NS],
        source: [f32; NC],
        words: &[(&'static str, f32, f32)],
    ) -> Model {
        let mut t = lexicon::Table::new(words.len() + 1, true);
        for (k, &(w, weight, cue)) in words.iter().enumerate() {
            *t.entry(w) = (weight, cue, k as u32);
        }
        Model {
            sentence,
            source,
            words: t,
        }
    }

    fn cue(&self, w: &str) -> f32 {
        self.words.get(w).map_or(0.0, |v| v.1)
    }
}

impl Model {
    /// Read weights written by `annotate train-attribution` (format in [`weights`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let w = weights::decode(bytes)?;
        // The table keys live as long as the page: the words are copied out once and kept.
        let words: Vec<(&'static str, f32, f32)> = w
            .words
            .iter()
            .map(|&(s, [weight, cue])| (&*Box::leak(s.to_owned().into_boxed_str()), weight, cue))
            .collect();
        Ok(Model::new(w.sentence, w.source, &words))
    }
}

/// The model written by `annotate train-attribution`, as [`weights::encode`] lays it out.
pub fn encode(sentence: &[f32; NS], source: &[f32; NC], words: &[(&str, f32, f32)]) -> Vec<u8> {
    let words = words.iter().map(|&(w, a, b)| (w, [a, b])).collect();
    weights::encode(&weights::Weights { sentence: *sentence, source: *source, words })
}

static INSTALLED: OnceLock<Model> = OnceLock::new();

/// Make `bytes` (the contents of `core/data/attribution.bin`, fetched by the app) the model the
/// analysis uses from now on. Only the first successful call counts: the model of a running
/// page never changes under it.
pub fn install(bytes: &[u8]) -> Result<(), String> {
    if INSTALLED.get().is_none() {
        let _ = INSTALLED.set(Model::from_bytes(bytes)?);
    }
    Ok(())
}

/// The model the analysis uses: the installed one, else the one compiled in when the crate has
/// it (feature `embedded-weights`), else none: no sentence is then attributed, and the stance
/// rules go on from their cue words alone.
pub fn shipped() -> Option<&'static Model> {
    if let Some(m) = INSTALLED.get() {
        return Some(m);
    }
    #[cfg(feature = "embedded-weights")]
    {
        static M: OnceLock<Model> = OnceLock::new();
        return Some(M.get_or_init(|| {
            Model::from_bytes(weights::EMBEDDED).unwrap_or_else(|e| panic!("embedded {e}"))
        }));
    }
    #[allow(unreachable_code)]
    None
}

/// A sentence's attribution.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attribution {
    /// The sentence reports a source's statement (probability ≥ [`THRESHOLD`]).
    pub attributed: bool,
    pub probability: f32,
    /// The source's words in this sentence (byte range), when it names one.
    pub source: Option<(usize, usize)>,
    /// The cue word (byte range): "said", "according", "believes".
    pub cue: Option<(usize, usize)>,
    /// The source resolved to a name: an entity's canonical name, or the source noun as written.
    pub speaker: Option<String>,
    /// The entity the speaker is (index into the article's entities).
    pub entity: Option<usize>,
    /// The speaker comes from another sentence: the quotation's or the previous statement's.
    pub continued: bool,
}

/// What the models saw in one sentence (for training and explaining).
#[derive(Clone, Debug, Default)]
pub struct SentenceTrace {
    pub x: [f32; NS],
    /// Outside-quote words (lowercase, curly apostrophes straightened; names and numbers left
    /// out) with byte ranges.
    pub words: Vec<(String, usize, usize)>,
    pub candidates: Vec<Candidate>,
    pub start: usize,
    pub end: usize,
    pub content: bool,
}

/// Words of a sentence that weigh in the sentence model: outside quotation marks, no digit,
/// not capitalised after the first word (names say who, not how a frame is worded) but in a
/// title-case headline, where every word is.
fn weighed(v: &SentenceView, i: usize) -> bool {
    let f = v.facts[i];
    !v.quoted[i] && !f.digit() && (i == 0 || !f.capitalised() || (v.title_case && !v.in_entity[i]))
}

/// Byte ranges inside double quotation marks over a whole block, so a quotation that runs over
/// several sentences is seen whole; an unclosed one runs to the end of the block.
fn block_quotes(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let b = text.as_bytes();
    let mut open: Option<usize> = None;
    let mut i = start;
    while let Some(k) = crate::find_byte3(&b[..end], i, [b'"', 0xE2, b'\'']) {
        i = k + 1;
        let (opens, closes) = match b[k] {
            // Two apostrophes stand for a double quotation mark in some newspapers' text.
            b'\'' if b.get(k + 1) == Some(&b'\'') && end > k + 1 => {
                i = k + 2;
                match open {
                    None => (true, false),
                    Some(_) => (false, true),
                }
            }
            b'\'' => continue,
            // A straight quote opens after a space or at the start, else closes.
            b'"' => match open {
                None => (true, false),
                Some(_) => (false, true),
            },
            0xE2 if b.get(k + 1) == Some(&0x80) => {
                (b.get(k + 2) == Some(&0x9C), b.get(k + 2) == Some(&0x9D))
            }
            _ => continue,
        };
        match open {
            None if opens => open = Some(k),
            Some(o) if closes => {
                out.push((o, i));
                open = None;
            }
            // “ … “ (a new paragraph of a quotation re-opens without closing): keep the first.
            _ => {}
        }
    }
    if let Some(o) = open {
        out.push((o, end));
    }
}

/// The name a chosen source is a modifier of: "union leader Tom Reyes", "White House spokesman
/// Josh Earnest", "Parents’ group Safe Screens", "GOP frontrunner Donald Trump" name their
/// speaker last (the head of the noun phrase), so a candidate followed, within four lowercase
/// words and no comma, by an entity gives way to that entity. Between two names only roles may
/// stand ("Clinton told CNN" is no phrase); after an organisation, a group, a place or a source
/// noun, any describing words may ("Republican presidential candidate", "Senate minority
/// leader") but no function word, no verb form in -ed and no cue ("Google hired Ann Lee").
fn head_of_phrase(m: &Model, text: &str, entities: &[RawEntity], cands: &[Candidate], k: usize) -> usize {
    let c = &cands[k];
    let from_person = match c.kind {
        CandidateKind::Outside | CandidateKind::Pronoun(_) => return k,
        CandidateKind::Entity(e) => entities[e].kind == EntityKind::Person,
        CandidateKind::Noun => false,
    };
    // After a person, describing words only when a role ends them ("Obama economic adviser
    // Christina Romer", "Clinton's top foreign policy aide Jake Sullivan").
    let describing = |w: &str, role_last: bool| {
        features::role(w)
            || features::source_noun(w)
            || ((!from_person || role_last)
                && w.chars().all(|c| c.is_lowercase() || c == '-')
                && !w.ends_with("ed")
                && !lexicon::is_common(w)
                && m.cue(w) < 0.1)
    };
    cands
        .iter()
        .position(|d| {
            let CandidateKind::Entity(e) = d.kind else { return false };
            d.start >= c.end
                && {
                    let gap = crate::sub(text, c.end, d.start);
                    // "Rubio's deputy campaign manager, Rich Beeson", "another Twitter user,
                    // Johanna Bayer": a role phrase apposed to the person after its comma.
                    let apposed = gap.trim_end().strip_suffix(',');
                    let gap = apposed.unwrap_or(gap);
                    // The cheap tests first: a gap with punctuation or more than four words
                    // (five are enough to tell) is no phrase, whatever its words are.
                    let words: Vec<&str> = gap
                        .split_whitespace()
                        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                        .filter(|w| !w.is_empty())
                        .take(5)
                        .collect();
                    if gap.contains([',', '(', ')', ';', ':', '"', '“', '”']) || words.len() > 4 {
                        return false;
                    }
                    let wide = words.iter().any(|w| !(features::role(w) || features::source_noun(w)));
                    let role_last = words.last().is_some_and(|w| features::role(w) || features::source_noun(w));
                    if apposed.is_some() && !(role_last && entities[e].kind == EntityKind::Person) {
                        return false;
                    }
                    (words.len() <= 3 || !from_person || role_last)
                        && (!wide || entities[e].kind == EntityKind::Person)
                        && words
                            .iter()
                            .all(|w| {
                            // A capitalised title may stand in the phrase ("GOP presidential
                            // candidate Dr. Ben Carson", "campaign Chairman John Podesta").
                            (!w.chars().next().is_some_and(char::is_uppercase) || features::role(w))
                                && describing(w, role_last)
                        })
                }
        })
        .unwrap_or(k)
}


/// The person whose appositive a chosen description or organisation is: "April Mellody, a
/// spokeswoman for the convention, said", "Brent Bozell III, founder of the Media Research
/// Center, tells": the speaker is the person the phrase describes. The nearest person candidate
/// before it, with one comma between them, nothing in quotation marks and no cue.
fn appositive_person(text: &str, entities: &[RawEntity], cands: &[Candidate], k: usize, cue: Option<(usize, usize)>) -> usize {
    let c = &cands[k];
    match c.kind {
        CandidateKind::Noun => {}
        CandidateKind::Entity(e) if entities[e].kind != EntityKind::Person => {}
        _ => return k,
    }
    cands[..]
        .iter()
        .enumerate()
        .filter(|(_, d)| matches!(d.kind, CandidateKind::Entity(e) if entities[e].kind == EntityKind::Person))
        .filter(|(_, d)| d.end <= c.start && c.start - d.end <= 80)
        .filter(|(_, d)| cue.is_none_or(|q| !(d.end <= q.0 && q.0 < c.start)))
        .filter(|(_, d)| {
            let gap = crate::sub(text, d.end, c.start);
            gap.trim_start().starts_with(',')
                && gap.matches(',').count() == 1
                && !gap.contains(['"', '“', '”', '(', ';', ':'])
        })
        .max_by_key(|(_, d)| d.end)
        .map_or(k, |(j, _)| j)
}

/// Modals of possibility and advice among the [`AUXILIARIES`]. Sorted.
const MODALS: &[&str] = &["can", "could", "may", "might", "must", "should", "would"];

/// Words that open a verb's object or complement. Sorted.
const OBJECT_OPENERS: &[&str] = &["a", "an", "its", "no", "that", "the", "their", "to"];

/// A place or a common source noun that is the grammatical subject of a verb other than the cue
/// ("the US government could explore …", "Athens expelled the ambassador", "The statement
/// reflects growing pressure …"): the sentence says what the country does, or what the writer
/// reads in a document, not what anyone says, so it is no speaker. The place may head a phrase
/// of source nouns ("the US government", "Chinese officials"); its verb is the first word after
/// that phrase and any auxiliaries, and it is a speech verb when it is the cue or a cue word
/// itself ("the United States said", "France has warned", "the report found" stay candidates).
/// Returns the subject's bytes, the place or noun and the source nouns it heads, and whether
/// the sentence is then no one's statement when this subject was its likeliest source: after a
/// modal ("the US government could explore …"), or a noun's present-tense verb of its own
/// ("The statement reflects …": the writer describing a document, where a country's act in the
/// past is often reported as its position).
fn acting_subject(m: &Model, v: &SentenceView, entities: &[RawEntity], anchor: Option<usize>, c: &Candidate) -> Option<(usize, usize, bool)> {
    let noun = match c.kind {
        CandidateKind::Entity(e) if entities[e].kind == EntityKind::Place => false,
        CandidateKind::Noun => true,
        _ => return None,
    };
    let mut k = v.ws.partition_point(|w| w.0 < c.end);
    let mut nouns = 0;
    while k < v.ws.len() && nouns < 2 && !v.quoted[k] && !v.in_entity[k] && v.facts[k].source_noun() {
        if k == 0 || !crate::sub(v.text, v.ws[k - 1].1.min(v.ws[k].0), v.ws[k].0).trim().is_empty() {
            return None;
        }
        k += 1;
        nouns += 1;
    }
    let end = k.checked_sub(1).map_or(c.end, |j| v.ws[j].1.max(c.end));
    let mut aux = 0;
    let mut modal = false;
    while k < v.ws.len() && aux < 3 && v.facts[k].auxiliary() {
        modal |= lexicon::contains_lower(MODALS, v.word(k));
        k += 1;
        aux += 1;
    }
    // Only words right after the subject, with no punctuation between ("Britain, France and
    // Germany said" is a list, not a predicate).
    let (Some(&(a, _)), Some(&(_, prev_end))) = (v.ws.get(k), k.checked_sub(1).and_then(|j| v.ws.get(j))) else {
        return None;
    };
    if !crate::sub(v.text, prev_end.min(a), a).trim().is_empty() || v.quoted[k] || v.in_entity[k] {
        return None;
    }
    let w = v.word(k);
    // A cue word is a statement's verb, except after a modal when it is no reporting verb
    // ("the US government could explore …": "explored" is a cue in PolNeAR, an intention).
    let cue = anchor == Some(k) || m.cue(w) >= 0.3;
    if (cue && (!modal || lexicon::is_reporting_verb(w))) || !w.chars().all(|ch| ch.is_lowercase() || ch == '-') {
        return None;
    }
    // After an auxiliary the next word is the verb; otherwise a past form, or a present one
    // with its object after it ("Turkey maintains a position"; "US forces said" is a noun).
    // A common noun's -s word is its verb whatever follows ("The statement reflects growing
    // pressure"): the noun is not a modifier the way a place name is ("US forces").
    let object = v.ws.get(k + 1).is_some_and(|_| lexicon::contains_lower(OBJECT_OPENERS, v.word(k + 1)));
    let present = w.ends_with('s') && !w.ends_with("ss") && (object || noun);
    let verb = aux > 0 || w.ends_with("ed") || present;
    // The writer describing a document: "The statement reflects …", a singular noun after an
    // article (so not a modifier, "campaign offices", "government programs"), its -s verb no
    // short word ("this", "its") and not followed by an auxiliary or a past form ("committee
    // leaders told"); no quotation in the sentence, no reported clause after the verb ("The
    // lawsuit contends that …", "The letter continues: “…”"), no reporting verb.
    let ci = v.ws.partition_point(|w| w.0 < c.start);
    let after_article = ci > 0 && lexicon::contains_lower(&["a", "an", "the", "this"], v.word(ci - 1));
    let then = v.ws.get(k + 1).map(|_| v.word(k + 1));
    let described = noun
        && present
        && aux == 0
        && after_article
        && !crate::sub(v.text, c.start, c.end).ends_with('s')
        && w.len() > 4
        && !then.is_some_and(|t| lexicon::contains_lower(AUXILIARIES, t) || t.ends_with("ed") || m.cue(t) >= 0.3)
        && !v.quoted.iter().any(|&q| q)
        && !lexicon::is_reporting_verb(w)
        && !v.ws.get(k + 1).is_some_and(|_| v.word(k + 1).eq_ignore_ascii_case("that"))
        && !crate::sub(v.text, v.ws[k].1, v.ws.get(k + 1).map_or(v.ws[k].1, |n| n.0)).contains(':');
    verb.then_some((c.start, end, (modal && !noun) || described))
}

/// Words of a sentence the models look at: a news sentence is far shorter, and a run-on "sentence"
/// of a whole unpunctuated file must not make per-candidate work quadratic.
const MAX_WORDS: usize = 160;
/// Entities looked back over to resolve a pronoun or a source noun.
const LOOKBACK: usize = 400;

/// Per sentence, what its neighbours need: a cue outside quotes, the quotation (block, index)
/// it starts inside of, and the one it runs on into.
struct Local {
    cue: bool,
    starts_in: Option<(usize, usize)>,
    runs_on: Option<(usize, usize)>,
}

/// Byte `a` lies inside one of the sorted, disjoint quotation ranges.
fn inside(quotes: &[(usize, usize)], a: usize) -> bool {
    let k = quotes.partition_point(|q| q.0 <= a);
    k > 0 && a < quotes[k - 1].1
}

/// The sentence model's probability from which a sentence is attributed. ½: on the training part
/// of PolNeAR, 0.35, 0.4 and ½ reach nearly the same attributed-sentence F1 (docs/stance.md), and
/// below ½ the writer's own commentary after a quote ("The comments highlight …") is handed to
/// the quoted speaker, so more of an article is marked as someone's claim and the mark means less.
pub const THRESHOLD: f32 = 0.5;

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Attribute every sentence of an article. `entities` are sorted by start with their sentence.
pub fn attribute(
    text: &str,
    blocks: &[RawBlock],
    sentences: &[RawSentence],
    entities: &[RawEntity],
    words: &SentenceWords,
) -> Vec<Attribution> {
    match shipped() {
        Some(m) => run(m, text, blocks, sentences, entities, words, None),
        None => vec![Attribution::default(); sentences.len()],
    }
}

/// [`attribute`] under any model, optionally recording what each sentence's models saw.
pub fn run(
    m: &Model,
    text: &str,
    blocks: &[RawBlock],
    sentences: &[RawSentence],
    entities: &[RawEntity],
    sw: &SentenceWords,
    mut trace: Option<&mut Vec<SentenceTrace>>,
) -> Vec<Attribution> {
    let n = sentences.len();
    let mut out = vec![Attribution::default(); n];
    if let Some(t) = trace.as_deref_mut() {
        t.clear();
        t.resize(n, SentenceTrace::default());
    }
    let mut locals: Vec<Local> = Vec::with_capacity(n);
    let mut quotes: Vec<(usize, usize)> = Vec::new();
    let mut quote_block = usize::MAX;
    // Every content sentence's words and what the models ask of each, read once in pass 1
    // for both passes; `words[si]` is sentence `si`'s range of them.
    let mut all_ws: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 5);
    let mut facts: Vec<WordFacts> = Vec::with_capacity(text.len() / 5);
    let mut words: Vec<(usize, usize)> = vec![(0, 0); n];
    // Each distinct word's facts by its id ([`SentenceWords`]), looked up once per article:
    // words repeat (Zipf).
    let mut known: Vec<Option<WordFacts>> = vec![None; sw.distinct()];
    let mut quoted: Vec<bool> = Vec::new();
    let mut in_entity: Vec<bool> = Vec::new();
    let mut ei = 0usize;
    let kind_of = |s: &RawSentence| blocks.get(s.block).map_or(BlockKind::Furniture, |b| b.kind);
    // Pass 1: local facts.
    let mut ranges: Vec<(usize, usize)> = Vec::with_capacity(n);
    for (si, s) in sentences.iter().enumerate() {
        let (start, ej) = crate::entities::sentence_range(entities, si, ei);
        ei = start;
        ranges.push((ei, ej));
        if kind_of(s) == BlockKind::Furniture {
            locals.push(Local {
                cue: false,
                starts_in: None,
                runs_on: None,
            });
            continue;
        }
        if quote_block != s.block {
            let b = &blocks[s.block];
            block_quotes(text, b.start, b.end, &mut quotes);
            quote_block = s.block;
        }
        let w0 = all_ws.len();
        let sentence_words = sw.of(si);
        let k = sentence_words.spans.len().min(MAX_WORDS);
        all_ws.extend_from_slice(&sentence_words.spans[..k]);
        facts.extend(sentence_words.ids[..k].iter().map(|&id| {
            *known[id as usize].get_or_insert_with(|| WordFacts::of(sw.word(text, id), &m.words))
        }));
        words[si] = (w0, all_ws.len());
        let (ws, wf) = (&all_ws[w0..], &facts[w0..]);
        let first = ws.first().map_or(s.end, |w| w.0);
        // Quotations are sorted and disjoint: the one opened last before a position.
        let before = |pos: usize| quotes.partition_point(|q| q.0 < pos).checked_sub(1);
        let starts_in = before(s.start)
            .filter(|&q| quotes[q].1 > first)
            .map(|q| (s.block, q));
        let runs_on = before(s.end)
            .filter(|&q| quotes[q].1 > s.end)
            .map(|q| (s.block, q));
        let cue = ws.iter().zip(wf).any(|(&(a, _), f)| f.cue >= 0.3 && !inside(&quotes, a));
        locals.push(Local {
            cue,
            starts_in,
            runs_on,
        });
    }
    // Pass 2: the models, sentence by sentence.
    let mut cands: Vec<Candidate> = Vec::new();
    let mut scores: Vec<f32> = Vec::new();
    // The sentence's subjects (names, pronouns, source nouns) and their verbs, found once for
    // the sentence model and read again by the ranker.
    let mut subjects: Vec<(usize, Option<usize>)> = Vec::new();
    let mut chosen: Vec<Option<CandidateKind>> = vec![None; n];
    // Per word-list entry ([`WordFacts::entry`]): the sentence that last counted its weight.
    let mut counted: Vec<usize> = Vec::new();
    quote_block = usize::MAX;
    for (si, s) in sentences.iter().enumerate() {
        let kind = kind_of(s);
        if kind == BlockKind::Furniture {
            continue;
        }
        if quote_block != s.block {
            let b = &blocks[s.block];
            block_quotes(text, b.start, b.end, &mut quotes);
            quote_block = s.block;
        }
        let (e0, e1) = ranges[si];
        let (ws, wf) = (&all_ws[words[si].0..words[si].1], &facts[words[si].0..words[si].1]);
        // Entities of the words looked at (all of them in any real sentence).
        let limit = ws.last().map_or(s.start, |w| w.1);
        let e1 = e0 + entities[e0..e1].partition_point(|e| e.start < limit);
        let ents = &entities[e0..e1];
        // Words, quotations and entities are each in text order (quotations and entities
        // disjoint), so a cursor over each answers what holds a word.
        quoted.clear();
        let mut q = quotes.partition_point(|q| q.0 < s.start);
        quoted.extend(ws.iter().map(|&(a, _)| {
            while q < quotes.len() && quotes[q].0 <= a {
                q += 1;
            }
            q > 0 && a < quotes[q - 1].1
        }));
        in_entity.clear();
        let mut e = 0;
        in_entity.extend(ws.iter().map(|&(a, b)| {
            while e < ents.len() && ents[e].end < b {
                e += 1;
            }
            e < ents.len() && ents[e].start <= a && b <= ents[e].end
        }));
        // A headline in title case: the recogniser reads its capitalised run as one name
        // ("Bernie Sanders Says He"), so a cue word inside a name, but its first word, is a word.
        let title_case = features::title_case(ws, wf);
        if title_case {
            let mut e = 0;
            for (i, &(a, _)) in ws.iter().enumerate() {
                while e < ents.len() && ents[e].end <= a {
                    e += 1;
                }
                if in_entity[i] && wf[i].cue >= 0.3 && e < ents.len() && ents[e].start < a {
                    in_entity[i] = false;
                }
            }
        }
        let v = SentenceView {
            text,
            s,
            ws,
            facts: wf,
            quoted: &quoted,
            in_entity: &in_entity,
            ents,
            ent0: e0,
            title_case,
        };
        let prev_same = si > 0 && sentences[si - 1].block == s.block;
        let anchor = features::anchor(&v);
        let x = sentence_features(&v, kind, anchor, &locals, si, prev_same, &mut subjects);
        let mut z: f32 = x.iter().zip(&m.sentence).map(|(a, b)| a * b).sum();
        let mut seen: Vec<(usize, usize)> = Vec::new();
        for i in 0..ws.len() {
            if !weighed(&v, i) {
                continue;
            }
            // Each distinct word once, as `train-attribution` fits the weights (a bag of the
            // sentence's words, as the trace lists them): "the budget … the budget" is no
            // likelier a statement than "the budget".
            if let Some(w) = wf[i].weight {
                let e = wf[i].entry as usize;
                if e >= counted.len() {
                    counted.resize(e + 1, usize::MAX);
                }
                if counted[e] != si {
                    counted[e] = si;
                    z += w;
                }
            }
            if trace.is_some() {
                seen.push(ws[i]);
            }
        }
        let p = sigmoid(z);
        let attributed = p >= THRESHOLD;
        if !attributed && trace.is_none() {
            // The source model ranks the sources of attributed sentences only: nothing below
            // reads its candidates otherwise (most sentences of an article).
            out[si].probability = p;
            continue;
        }
        features::candidates(
            &v,
            anchor.map(|a| a.0),
            locals[si].starts_in.is_some(),
            si > 0 && prev_same && locals[si - 1].cue,
            &subjects,
            &mut cands,
        );
        // Each candidate's score, for the ranking with and without the acting subjects.
        scores.clear();
        scores.extend(cands.iter().map(|c| c.x.iter().zip(&m.source).map(|(a, b)| a * b).sum::<f32>()));
        let best = scores
            .iter()
            .copied()
            .enumerate()
            .fold(None, |acc: Option<(usize, f32)>, (k, sc)| match acc {
                Some((_, b)) if b >= sc => acc,
                _ => Some((k, sc)),
            })
            .map(|(k, _)| k);
        // A place or a common noun acting as the subject of another verb (or a source noun it
        // heads) is no speaker: the next likeliest source is. When it was the likeliest one
        // and its verb follows a modal ("the US government could explore …") or is a noun's
        // present tense ("The statement reflects …"), the sentence is the writer's view, no
        // one's statement ([`acting_subject`]).
        let acting: Vec<(usize, usize, bool)> = cands
            .iter()
            .filter_map(|c| acting_subject(m, &v, entities, anchor.map(|a| a.0), c))
            .collect();
        let within = |k: usize| acting.iter().find(|r| r.0 <= cands[k].start && cands[k].start < r.1);
        let attributed = attributed && !best.and_then(within).is_some_and(|r| r.2);
        let best = scores
            .iter()
            .copied()
            .enumerate()
            .filter(|(k, _)| within(*k).is_none())
            .fold(None, |acc: Option<(usize, f32)>, (k, sc)| match acc {
                Some((_, b)) if b >= sc => acc,
                _ => Some((k, sc)),
            })
            .map(|(k, _)| head_of_phrase(m, text, entities, &cands, k))
            .map(|k| appositive_person(text, entities, &cands, k, anchor.map(|(i, _)| ws[i])));
        let a = &mut out[si];
        a.attributed = attributed;
        a.probability = p;
        if attributed {
            a.cue = anchor.map(|(i, _)| ws[i]);
            if let Some(c) = best.map(|k| &cands[k]) {
                chosen[si] = Some(c.kind.clone());
                if c.kind != CandidateKind::Outside {
                    a.source = Some((c.start, c.end));
                }
            }
        }
        if let Some(t) = trace.as_deref_mut() {
            let mut words: Vec<(String, usize, usize)> = Vec::new();
            for &(a, b) in &seen {
                let w = crate::model::normal_form(crate::sub(text, a, b));
                if !words.iter().any(|x| x.0 == w) {
                    words.push((w, a, b));
                }
            }
            t[si] = SentenceTrace {
                x,
                words,
                candidates: std::mem::take(&mut cands),
                start: s.start,
                end: s.end,
                content: true,
            };
        }
    }
    let runs: Vec<Option<(usize, usize)>> =
        locals.iter().map(|l| l.starts_in.or(l.runs_on)).collect();
    resolve(text, sentences, entities, &chosen, &runs, &mut out);
    out
}

/// The sentence model's features (column order of [`features::SENTENCE_FEATURES`]).
#[allow(clippy::too_many_arguments)]
fn sentence_features(
    v: &SentenceView,
    kind: BlockKind,
    anchor: Option<(usize, f32)>,
    locals: &[Local],
    si: usize,
    prev_same: bool,
    subjects: &mut Vec<(usize, Option<usize>)>,
) -> [f32; NS] {
    subjects.clear();
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    let ws = v.ws;
    let n = ws.len();
    let text = v.text;
    let s = v.s;
    let outside = |i: usize| !v.quoted[i];
    let f = v.facts;
    // The word-by-word features, in one pass over the words. `subject_cue`: the cue share of
    // the verb a name, a pronoun or a source noun is the subject of ("Huerta also applauded",
    // "Trump has hammered", "officials fear"): a cue word after its subject weighs more than
    // one anywhere in the sentence.
    let (mut quoted_words, mut longest, mut run) = (0usize, 0usize, 0usize);
    let (mut reporting, mut according, mut pronoun, mut noun) = (false, false, false, false);
    let mut subject_cue = 0.0f32;
    for i in 0..n {
        if v.quoted[i] {
            quoted_words += 1;
            run += 1;
            longest = longest.max(run);
            continue;
        }
        run = 0;
        let (fi, in_entity) = (f[i], v.in_entity[i]);
        let source_noun = !in_entity && ws[i].1 - ws[i].0 > 2 && fi.source_noun();
        let p = fi.pronoun();
        reporting |= !in_entity && fi.reporting();
        according |= i + 1 < n && fi.according() && f[i + 1].to();
        pronoun |= (i < 8 && p.is_some_and(|p| p.0 != "you")) || (i > 0 && v.quoted[i - 1] && p.is_some());
        noun |= source_noun;
        if (in_entity && (i + 1 == n || !v.in_entity[i + 1])) || p.is_some_and(|p| p.0 != "you" && p.0 != "i") || source_noun {
            let verb = features::verb_after(v, i);
            subjects.push((i, verb));
            if let Some(j) = verb {
                subject_cue = subject_cue.max(f[j].cue);
            }
        }
    }
    // A colon between two outside-quote words ("Graham: Trump's …", "He said: …").
    // (Most sentences have no colon at all: one search of the sentence says so.)
    let has_colon = crate::sub(text, s.start, s.end).as_bytes().contains(&b':');
    let colon = has_colon && (1..n).any(|i| outside(i - 1) && features::gap_has(text, ws[i - 1].1, ws[i].0, b':'));
    let ent_outside = |k: EntityKind| {
        v.ents.iter().any(|e| {
            e.kind == k && {
                let w = ws.partition_point(|x| x.0 < e.start);
                w < n && outside(w)
            }
        })
    };
    let body = crate::sub(text, s.start, s.end).trim_end();
    let opens_quote = body
        .trim_start()
        .starts_with(['"', '\u{201C}']);
    let cue_after_close = anchor.is_some_and(|(a, _)| (a.saturating_sub(3)..a).any(|k| v.quoted[k]));
    let l = &locals[si];
    // The quotation this sentence runs on into ends in a later sentence with a cue outside quotes.
    let ends_with_cue = l.runs_on.is_some_and(|q| {
        locals[si + 1..]
            .iter()
            .take(6)
            .take_while(|x| x.starts_in == Some(q))
            .any(|x| x.cue)
    });
    [
        1.0,
        anchor.map_or(0.0, |a| a.1),
        b(reporting),
        if n > 0 { quoted_words as f32 / n as f32 } else { 0.0 },
        b(longest >= 3),
        b(l.starts_in.is_some()),
        b(opens_quote),
        b(l.runs_on.is_some()),
        b(according),
        b(colon),
        b(pronoun),
        b(ent_outside(EntityKind::Person)),
        b(ent_outside(EntityKind::Organization)),
        b(ent_outside(EntityKind::Group)),
        b(kind == BlockKind::Title),
        b(kind == BlockKind::Heading),
        (n as f32 / 40.0).min(1.5),
        b(prev_same && locals[si - 1].cue),
        b(prev_same && l.starts_in.is_some() && l.starts_in == locals[si - 1].runs_on),
        b(!prev_same),
        b(body.ends_with('?') || body.ends_with("?\u{201D}") || body.ends_with("?\"")),
        b(ws.iter().any(|&(a, _)| text.as_bytes().get(a).is_some_and(u8::is_ascii_digit))),
        b(cue_after_close),
        b(noun),
        b(ends_with_cue),
        b(has_colon && features::opening_colon(v).is_some()),
        subject_cue,
        b(subject_cue > 0.0),
        b(v.title_case),
        if v.title_case { anchor.map_or(0.0, |a| a.1) } else { 0.0 },
    ]
}

/// Singular source nouns that stand for a person named before. Sorted.
const PERSON_ROLES: &[&str] = &[
    "candidate", "chairman", "chairwoman", "commissioner", "congressman", "congresswoman",
    "democrat", "director", "governor", "judge", "mayor", "minister", "nominee", "president",
    "professor", "republican", "secretary", "senator", "spokesman", "spokesperson", "spokeswoman",
];

/// Singular source nouns that stand for an organisation named before. Sorted.
const INSTITUTIONS: &[&str] = &[
    "administration", "agency", "bank", "board", "campaign", "commission", "committee", "company",
    "council", "court", "department", "firm", "government", "group", "ministry", "newspaper",
    "office", "organization", "organisation", "paper", "party", "regulator", "union",
];

/// Institutions "the …" names as the organisation named last when no name says which. Sorted.
const NAMELESS_BODIES: &[&str] = &[
    "agency", "bank", "board", "commission", "committee", "company", "council", "department",
    "firm", "group", "ministry", "newspaper", "organisation", "organization", "paper",
    "regulator", "union",
];

/// How many paragraphs back a title introduces its person: a news story names "Governor Kay
/// Ivey" in its lead and says "the governor" again paragraphs later.
const INTRODUCED_BLOCKS: usize = 8;

/// The title a role is written as before a name: "Sen. Ann Lee" is "the senator".
fn abbreviation(role: &str) -> Option<&'static str> {
    match role {
        "senator" => Some("sen"),
        "governor" => Some("gov"),
        "congressman" | "congresswoman" => Some("rep"),
        _ => None,
    }
}

/// The latest person (named in this block or the [`INTRODUCED_BLOCKS`] before) introduced with
/// `role` right before a mention ("Mayor Dana Ruiz", "the mayor, Dana Ruiz").
fn introduced_as(
    text: &str,
    entities: &[RawEntity],
    sentences: &[RawSentence],
    pos: usize,
    block: usize,
    role: &str,
) -> Option<usize> {
    let end = entities.partition_point(|e| e.start < pos);
    let role = role.to_lowercase();
    let canon = (end.saturating_sub(LOOKBACK)..end)
        .rev()
        .take_while(|&k| sentences.get(entities[k].sentence).is_some_and(|s| s.block + INTRODUCED_BLOCKS >= block))
        .filter(|&k| entities[k].kind == EntityKind::Person)
        .find(|&k| {
            let e = &entities[k];
            let mut from = e.start.saturating_sub(32);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let before = crate::sub(text, from, e.start);
            before
                .split(|c: char| !c.is_alphanumeric())
                .rev()
                .filter(|w| !w.is_empty())
                .take(3)
                .any(|w| lexicon::eq_lower(w, &role) || abbreviation(&role).is_some_and(|a| lexicon::eq_lower(w, a)))
        })?;
    Some(canon)
}

/// The latest entity of one of `kinds` starting before byte `pos`, named in the block `block`
/// or the two before it.
fn latest(
    entities: &[RawEntity],
    sentences: &[RawSentence],
    pos: usize,
    block: usize,
    kinds: &[EntityKind],
) -> Option<usize> {
    let end = entities.partition_point(|e| e.start < pos);
    (end.saturating_sub(LOOKBACK)..end)
        .rev()
        .take_while(|&k| sentences.get(entities[k].sentence).is_some_and(|s| s.block + 2 >= block))
        .find(|&k| kinds.contains(&entities[k].kind))
}

/// The latest person [`latest`] would give whom `agrees` accepts.
fn latest_agreeing(
    entities: &[RawEntity],
    sentences: &[RawSentence],
    pos: usize,
    block: usize,
    agrees: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let end = entities.partition_point(|e| e.start < pos);
    (end.saturating_sub(LOOKBACK)..end)
        .rev()
        .take_while(|&k| sentences.get(entities[k].sentence).is_some_and(|s| s.block + 2 >= block))
        .find(|&k| entities[k].kind == EntityKind::Person && agrees(k))
}

/// A source noun with the names that modify it, as written: "Democratic registered voters",
/// "GOP primary voters", "Fed officials" say whose voters or officials they are, where the noun
/// alone ("voters") does not. Up to four words right before the noun (spaces only between them,
/// no common word, no digit), from the first capitalised one; the noun alone in lower case when
/// none is capitalised.
fn noun_phrase(text: &str, sentence_start: usize, a: usize, noun: &str) -> String {
    let mut from = a;
    let mut first_capital = None;
    for _ in 0..4 {
        let before = crate::sub(text, sentence_start, from);
        let gap = before.len() - before.trim_end().len();
        let head = before.trim_end();
        if gap == 0 || head.is_empty() || !before[head.len()..].chars().all(|c| c == ' ') {
            break;
        }
        let start = head.rfind(' ').map_or(0, |k| k + 1);
        let w = &head[start..];
        let bare = w.trim_end_matches("'s").trim_end_matches("\u{2019}s");
        if bare.is_empty()
            || !bare.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-'))
            || !bare.chars().any(char::is_alphabetic)
            || lexicon::is_common(bare.trim_end_matches('.'))
        {
            break;
        }
        from = sentence_start + start;
        if bare.chars().next().is_some_and(char::is_uppercase) {
            first_capital = Some(from);
        }
    }
    match first_capital {
        Some(f) => format!("{} {}", crate::sub(text, f, a).trim_end(), noun.to_lowercase()),
        None => noun.to_lowercase(),
    }
}

/// Two sources joined by "and" ("Bernie Sanders and Ted Cruz", "The Sanders and Clinton
/// campaigns", "Clinton and the DNC"): both speak, so the speaker names both. Entity `e` and the
/// next one, of the same kind or people and organisations, with only "and" between them.
/// Entity `e` may be the second of the two ("Ann Lee and Tom Reyes said": the ranker may take the
/// one right before the verb).
fn coordinated(text: &str, entities: &[RawEntity], e: usize, name: String) -> String {
    let joined = |a: &RawEntity, b: &RawEntity| {
        (a.kind == b.kind
            || matches!(
                (a.kind, b.kind),
                (EntityKind::Person | EntityKind::Organization, EntityKind::Person | EntityKind::Organization)
            ))
            && a.sentence == b.sentence
            && b.start >= a.end
            && matches!(crate::sub(text, a.end, b.start).trim(), "and" | "and the")
            && a.canonical != b.canonical
    };
    if let Some(n) = entities.get(e + 1).filter(|n| joined(&entities[e], n) && n.canonical != name) {
        return format!("{name} and {}", n.canonical);
    }
    match e.checked_sub(1).map(|p| &entities[p]) {
        Some(p) if joined(p, &entities[e]) && p.canonical != name => format!("{} and {name}", p.canonical),
        _ => name,
    }
}

/// The person a "he"/"she" at byte `pos` of sentence `si` stands for when it opens the sentence's
/// first clause and that person names the subject right after its comma ("Given that he is in
/// the waning months of his term, Mr. Obama may …", "After he won the primary, Sanders
/// declared …"): no other person before the pronoun in the sentence, the person within two
/// words of the first comma after it, no quotation mark or semicolon between.
fn cataphora(text: &str, entities: &[RawEntity], s: &RawSentence, si: usize, pos: usize) -> Option<usize> {
    let k = entities.partition_point(|e| e.start < pos);
    if (k.saturating_sub(40)..k).any(|j| entities[j].sentence == si && entities[j].kind == EntityKind::Person) {
        return None;
    }
    let e = (k..entities.len().min(k + 40)).find(|&j| entities[j].sentence != si).unwrap_or(entities.len().min(k + 40));
    let mut to = s.end.min(pos + 400).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let comma = crate::sub(text, pos, to).find(',').map(|c| pos + c)?;
    (k..e)
        .find(|&j| {
            entities[j].kind == EntityKind::Person
                && entities[j].start > comma
                && crate::sub(text, comma + 1, entities[j].start).split_whitespace().count() <= 2
        })
        .filter(|&j| !crate::sub(text, pos, entities[j].start).contains(['"', '\u{201C}', '\u{201D}', ';']))
}

/// Given names read as a woman's in the news (common US and European ones, and the women of
/// politics the corpus names), for "she" against "he". Names worn by both ("Dana", "Kim",
/// "Lee", "Alex", "Robin", "Terry") are in neither list. Sorted.
const WOMEN_NAMES: &[&str] = &[
    "abby", "abigail", "alexandria", "alice", "alison", "allison", "amanda", "amber", "amy",
    "andrea", "angela", "anita", "ann", "anna", "anne", "annie", "april", "audrey", "ayanna",
    "barbara", "becky", "bernadette", "beth", "betsy", "betty", "beverly", "bonnie", "brenda",
    "carly", "carol", "caroline", "carolyn", "carrie", "catherine", "cathy", "cecile", "cheryl",
    "christina", "christine", "claire", "claudia", "colleen", "condoleezza", "connie",
    "courtney", "cynthia", "dawn", "debbie", "deborah", "debra", "denise", "diana", "diane",
    "dianne", "donna", "doris", "dorothy", "eileen", "elaine", "eleanor", "elena", "elise",
    "elizabeth", "ellen", "emily", "emma", "erin", "eva", "evelyn", "gail", "gina", "gloria",
    "grace", "gretchen", "hannah", "heather", "heidi", "helen", "hillary", "holly", "hope",
    "huma", "ileana", "ilhan", "irene", "ivana", "ivanka", "jacqueline", "jan", "jane", "janet",
    "janice", "jean", "jeanne", "jeannie", "jennifer", "jenny", "jessica", "jill", "joan",
    "joanne", "joni", "joyce", "judith", "judy", "julia", "julie", "kamala", "karen", "kate",
    "katharine", "katherine", "kathleen", "kathy", "katie", "katy", "kay", "kellyanne",
    "kimberly", "kirsten", "kristen", "kristin", "kristina", "laura", "lauren", "laurie",
    "leah", "leslie", "linda", "lisa", "liz", "lois", "loretta", "lori", "lorraine", "louise",
    "lucy", "lynn", "madeleine", "maggie", "margaret", "maria", "marie", "marilyn", "marine",
    "marsha", "martha", "mary", "maureen", "maxine", "mazie", "meg", "megan", "megyn", "melania",
    "melanie", "melissa", "meredith", "mia", "michele", "michelle", "mika", "molly", "monica",
    "nancy", "naomi", "natalie", "nicole", "nikki", "nina", "nora", "olivia", "pam", "pamela",
    "patricia", "patty", "paula", "peggy", "penny", "rachel", "rashida", "rebecca", "regina",
    "renee", "rita", "rosa", "rose", "ruth", "sally", "samantha", "sandra", "sara", "sarah",
    "sharon", "sheila", "shelley", "sheryl", "shirley", "sonia", "sophie", "stacey",
    "stephanie", "sue", "susan", "suzanne", "sylvia", "tammy", "teresa", "theresa", "tiffany",
    "tina", "tracy", "tulsi", "valerie", "vanessa", "victoria", "virginia", "wendy", "whitney",
    "yvonne",
];

/// Given names read as a man's. Sorted.
const MEN_NAMES: &[&str] = &[
    "aaron", "adam", "al", "alan", "albert", "allen", "andrew", "anthony", "arthur", "barack",
    "barry", "ben", "benjamin", "bernard", "bernie", "bill", "bob", "bobby", "boris", "brad",
    "brian", "bruce", "carl", "carlos", "charles", "chris", "chuck", "corey", "cory", "dan",
    "daniel", "david", "dennis", "dick", "donald", "doug", "douglas", "ed", "edward",
    "emmanuel", "eric", "frank", "fred", "gary", "george", "glenn", "greg", "gregory", "harold",
    "harry", "henry", "howard", "jack", "jacob", "james", "jared", "jason", "jeb", "jeff",
    "jeffrey", "jeremy", "jerry", "jim", "joe", "john", "johnny", "jon", "jonathan", "jorge",
    "jose", "joseph", "josh", "joshua", "juan", "justin", "karl", "keith", "ken", "kenneth",
    "kevin", "kurt", "larry", "lawrence", "lincoln", "louis", "luis", "marco", "mark", "martin",
    "matt", "matthew", "michael", "mike", "mitch", "mitt", "nathan", "newt", "nicholas", "nick",
    "orrin", "patrick", "paul", "pete", "peter", "phil", "philip", "rahm", "rand", "randy",
    "raymond", "reince", "rex", "richard", "rick", "rob", "robert", "roger", "ron", "ronald",
    "roy", "rudy", "russell", "ryan", "scott", "sean", "sherrod", "stephen", "steve", "steven",
    "ted", "thomas", "tim", "timothy", "todd", "tom", "tony", "vladimir", "walter", "wayne",
    "william",
];

/// Words right before a mention that say a person is a woman or a man. Sorted.
const WOMEN_WORDS: &[&str] = &[
    "businesswoman", "chairwoman", "congresswoman", "councilwoman", "miss", "mrs", "ms",
    "spokeswoman",
];
const MEN_WORDS: &[&str] = &[
    "businessman", "chairman", "congressman", "councilman", "mr", "spokesman",
];

/// What "he" and "she" agree with: a person's sex as the article shows it.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Sex {
    Woman,
    Man,
}

/// Each person entity's sex where the article shows it, by canonical name: a word right before
/// any of its mentions ("Mrs. Clinton", "Congresswoman Ruiz"), else the given name that opens
/// its canonical name ("Hillary Clinton"). `None` where neither says (other entities too).
fn sexes(text: &str, entities: &[RawEntity]) -> Vec<Option<Sex>> {
    let mut by_title: Vec<(&str, Sex)> = Vec::new();
    for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
        let mut from = e.start.saturating_sub(24);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = crate::sub(text, from, e.start);
        let last = before.split(|c: char| !c.is_alphanumeric()).rev().find(|w| !w.is_empty());
        let sex = match last {
            Some(w) if lexicon::contains_lower(WOMEN_WORDS, w) => Sex::Woman,
            Some(w) if lexicon::contains_lower(MEN_WORDS, w) => Sex::Man,
            _ => continue,
        };
        if !by_title.iter().any(|t| t.0 == e.canonical) {
            by_title.push((&e.canonical, sex));
        }
    }
    entities
        .iter()
        .map(|e| {
            if e.kind != EntityKind::Person {
                return None;
            }
            if let Some(t) = by_title.iter().find(|t| t.0 == e.canonical) {
                return Some(t.1);
            }
            // A single name is a surname ("Warren"), not a given name.
            let (first, rest) = e.canonical.split_once(' ')?;
            if rest.is_empty() {
                None
            } else if lexicon::contains_lower(WOMEN_NAMES, first) {
                Some(Sex::Woman)
            } else if lexicon::contains_lower(MEN_NAMES, first) {
                Some(Sex::Man)
            } else {
                None
            }
        })
        .collect()
}

/// The person "he" (`she` false) or "she" at byte `pos` of sentence `si` stands for: the person
/// of an opening clause's subject ([`cataphora`]), else the latest person speaker of this
/// paragraph or the one before, else the person named last. "She" is no man the article
/// names, "he" no woman (`sex`, from [`sexes`]).
#[allow(clippy::too_many_arguments)]
fn person_pronoun(
    text: &str,
    sentences: &[RawSentence],
    entities: &[RawEntity],
    si: usize,
    pos: usize,
    she: bool,
    sex: &[Option<Sex>],
    person_speaker: Option<&(Option<usize>, String, usize)>,
) -> Option<(Option<usize>, String)> {
    let block = sentences[si].block;
    let other = if she { Sex::Man } else { Sex::Woman };
    let agrees = |e: usize| sex[e] != Some(other);
    let named = |e: usize| (Some(e), entities[e].canonical.clone());
    if let Some(e) = cataphora(text, entities, &sentences[si], si, pos).filter(|&e| agrees(e)) {
        return Some(named(e));
    }
    if let Some(p) = person_speaker.filter(|p| p.2 + 1 >= block && p.0.is_none_or(agrees)) {
        return Some((p.0, p.1.clone()));
    }
    latest_agreeing(entities, sentences, pos, block, &agrees).map(named)
}

/// "his"/"her" right before byte `a` (within the sentence from `start`): `Some(true)` for
/// "her", `Some(false)` for "his".
fn possessive_before(text: &str, start: usize, a: usize) -> Option<bool> {
    let before = crate::sub(text, start, a).trim_end();
    let w = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    if w.eq_ignore_ascii_case("her") {
        Some(true)
    } else if w.eq_ignore_ascii_case("his") {
        Some(false)
    } else {
        None
    }
}

/// "the" opens the noun phrase ending at byte `a` (within the sentence from `start`): "the
/// company", "the foreign minister".
fn definite(text: &str, start: usize, a: usize) -> bool {
    let before = crate::sub(text, start, a).trim_end();
    // Lower-case words only between: "the Republican presidential candidate" says whose
    // candidate, and "the former secretary" is not the one in office.
    for w in before.rsplit(' ').take(4) {
        if w.eq_ignore_ascii_case("the") {
            return true;
        }
        if w.is_empty() || !w.chars().all(|c| c.is_lowercase() || c == '-') || matches!(w, "former" | "late" | "then") {
            return false;
        }
    }
    false
}

/// A people's name followed by "language" ("Spanish language: …"): the tag of a quotation in
/// the language it was said in.
fn language_tag(text: &str, e: &RawEntity) -> bool {
    e.kind == EntityKind::Group
        && text.get(e.end..).is_some_and(|t| {
            t.get(..9).is_some_and(|w| w.eq_ignore_ascii_case(" language"))
        })
}

/// The role an organisation `e` is followed by, up to byte `end` ("Interpol spokesperson", "Foreign
/// Ministry press secretary"): one to three lower-case words, no common word ("Google hired the
/// director" is no phrase), the last a person's role, no name right after ("Interpol
/// spokesperson Ann Lee" is Ann Lee's, the ranker's phrase head).
fn modified_role(text: &str, e: &RawEntity, end: usize) -> Option<(usize, usize)> {
    let rest = crate::sub(text, e.end, end.max(e.end));
    let mut pos = 0;
    let mut found = None;
    for _ in 0..3 {
        let r = &rest[pos..];
        if !r.starts_with(' ') || r.starts_with("  ") {
            break;
        }
        let w_start = pos + 1;
        let w_len = rest[w_start..].find(|c: char| !(c.is_alphabetic() || c == '-')).unwrap_or(rest.len() - w_start);
        let w = &rest[w_start..w_start + w_len];
        if w.is_empty() || !w.chars().all(|c| c.is_lowercase() || c == '-') || lexicon::is_common(w) {
            break;
        }
        pos = w_start + w_len;
        if lexicon::contains_lower(PERSON_ROLES, w) {
            found = Some((e.end + w_start, e.end + pos));
            break;
        }
    }
    let (a, b) = found?;
    let after = crate::sub(text, b, end.max(b)).trim_start();
    (!after.chars().next().is_some_and(char::is_uppercase)).then_some((a, b))
}

/// "released by", "posted online by", "signed by the": the gap between a document noun and its
/// author.
fn authored_by(gap: &str) -> bool {
    let mut ws = gap.split_whitespace();
    let Some(first) = ws.next() else { return false };
    if !(first.ends_with("ed") || first.ends_with("en")) {
        return false;
    }
    let mut w = ws.next();
    if matches!(w, Some("online" | "publicly" | "jointly")) {
        w = ws.next();
    }
    w == Some("by") && matches!(ws.next(), None | Some("the")) && ws.next().is_none()
}

/// Names for the chosen sources: entities as they are, pronouns and source nouns resolved to
/// the entity they stand for, sources in other sentences taken from the quotation or the
/// previous statement.
fn resolve(
    text: &str,
    sentences: &[RawSentence],
    entities: &[RawEntity],
    chosen: &[Option<CandidateKind>],
    runs: &[Option<(usize, usize)>],
    out: &mut [Attribution],
) {
    use EntityKind::{Group, Organization, Person};
    // The latest person speaker: entity (if named), name, block. "She said" continues it.
    let mut person_speaker: Option<(Option<usize>, String, usize)> = None;
    // Each entity's sex, read once an article has a "he" or "she" to resolve.
    let mut sexes: Option<Vec<Option<Sex>>> = None;
    // The source nouns resolved so far: head word, entity, name, block.
    let mut described: Vec<(String, Option<usize>, String, usize)> = Vec::new();
    // Sentences whose chosen source turned out to say nothing of who speaks.
    let mut outside: Vec<bool> = chosen.iter().map(|c| *c == Some(CandidateKind::Outside)).collect();
    for si in 0..sentences.len() {
        let Some(kind) = &chosen[si] else { continue };
        let block = sentences[si].block;
        let Some((a, b)) = out[si].source else { continue };
        if let CandidateKind::Entity(e) = *kind {
            // "Spanish language: …" before a quotation in the original says in which language,
            // not who: the quotation's speaker is the one before.
            if language_tag(text, &entities[e]) {
                out[si].source = None;
                outside[si] = true;
                continue;
            }
            // "an Interpol spokesperson stated": the organisation speaks, and "the spokesperson"
            // later is the organisation again.
            if entities[e].kind == Organization {
                if let Some((ra, rb)) = modified_role(text, &entities[e], sentences[si].end) {
                    let role = crate::sub(text, ra, rb).to_lowercase();
                    described.push((role, Some(e), entities[e].canonical.clone(), block));
                }
            }
        }
        let word = crate::sub(text, a, b);
        let named = |e: Option<usize>| e.map(|e| (Some(e), entities[e].canonical.clone()));
        let resolved: Option<(Option<usize>, String)> = match kind {
            // A title-case headline's name cut before its cue ("Bernie Sanders Says He"): the
            // words before the cue.
            CandidateKind::Entity(e) if crate::sub(text, b, entities[*e].end.max(b)).chars().any(char::is_alphanumeric) => {
                Some((None, word.trim().to_owned()))
            }
            CandidateKind::Entity(e) => named(Some(*e)).map(|(ent, name)| (ent, coordinated(text, entities, *e, name))),
            CandidateKind::Pronoun(p @ ("he" | "she")) => {
                let sex = sexes.get_or_insert_with(|| self::sexes(text, entities));
                person_pronoun(text, sentences, entities, si, a, *p == "she", sex, person_speaker.as_ref())
            }
            CandidateKind::Pronoun("i") => person_speaker
                .as_ref()
                .filter(|p| p.2 + 1 >= block)
                .map(|p| (p.0, p.1.clone()))
                .or_else(|| named(latest(entities, sentences, a, block, &[Person]))),
            CandidateKind::Pronoun("it") => {
                named(latest(entities, sentences, a, block, &[Organization]))
            }
            CandidateKind::Pronoun(_) => {
                named(latest(entities, sentences, a, block, &[Organization, Group]))
            }
            CandidateKind::Noun => {
                // "the Trump campaign", "White House officials": the entity right before.
                let adjacent = entities[..entities.partition_point(|e| e.start < a)]
                    .last()
                    .filter(|e| e.end <= a && crate::sub(text, e.end, a).trim().is_empty())
                    .map(|e| entities.partition_point(|x| x.start < e.start));
                // "a spokesperson from the Department of Commerce", "officials at the
                // ministry": the organisation or place the noun belongs to, right after it.
                let belongs_to = {
                    let k = entities.partition_point(|e| e.start < b);
                    entities.get(k).filter(|e| {
                        let gap = crate::sub(text, b, e.start).trim().to_lowercase();
                        (e.kind != Person
                            && matches!(
                                gap.as_str(),
                                "from" | "of" | "for" | "at" | "with" | "in" | "from the" | "of the" | "for the"
                                    | "at the" | "with the" | "in the"
                            ))
                            || (e.sentence == si && authored_by(&gap))
                    })
                    .map(|_| k)
                };
                // "his campaign", "her aides": whose, as "he" or "she" would be resolved.
                let owner = match possessive_before(text, sentences[si].start, a) {
                    Some(she) if adjacent.is_none() && belongs_to.is_none() => {
                        let sex = sexes.get_or_insert_with(|| self::sexes(text, entities));
                        person_pronoun(text, sentences, entities, si, a, she, sex, person_speaker.as_ref())
                    }
                    _ => None,
                };
                if let Some((_, name)) = owner {
                    out[si].speaker = Some(format!("{name}'s {}", word.to_lowercase()));
                    continue;
                }
                // "the spokesperson", "the report" again: what the same description said
                // last stood for ("an Interpol spokesperson stated", "a report from the NTSB").
                let head = word.to_lowercase();
                let own = adjacent.or(belongs_to);
                let the = definite(text, sentences[si].start, a);
                if own.is_none() && the {
                    if let Some(d) = described.iter().rev().find(|d| d.0 == head && d.3 + 2 >= block) {
                        out[si].entity = d.1;
                        out[si].speaker = Some(d.2.clone());
                        if d.1.map_or(lexicon::contains_lower(PERSON_ROLES, word), |e| entities[e].kind == Person) {
                            person_speaker = Some((d.1, d.2.clone(), block));
                        }
                        continue;
                    }
                }
                let ent = own.or_else(|| {
                    if lexicon::contains_lower(PERSON_ROLES, word) {
                        // "the mayor": the person introduced as mayor.
                        introduced_as(text, entities, sentences, a, block, word)
                    } else if lexicon::contains_lower(INSTITUTIONS, word) {
                        // "the agency": the organisation with "Agency" in its name.
                        let end = entities.partition_point(|e| e.start < a);
                        let word = word.to_lowercase();
                        (end.saturating_sub(LOOKBACK)..end).rev().find(|&k| {
                            entities[k].kind == Organization
                                && entities[k].canonical.split(' ').any(|w| lexicon::eq_lower(w, &word))
                        })
                    } else {
                        None
                    }
                });
                // "the company said", "the candidate said": with no name that says which, the
                // organisation named last, the latest person speaker.
                let ent = ent.or_else(|| {
                    (lexicon::contains_lower(NAMELESS_BODIES, word) && the)
                        .then(|| latest(entities, sentences, a, block, &[Organization]))
                        .flatten()
                });
                if ent.is_none() && lexicon::contains_lower(PERSON_ROLES, word) && the {
                    if let Some(p) = person_speaker.as_ref().filter(|p| p.2 + 1 >= block) {
                        out[si].entity = p.0;
                        out[si].speaker = Some(p.1.clone());
                        continue;
                    }
                }
                // Only what the description's own words name is remembered, and no place for a
                // person ("the senator from Florida"): a guess would spread.
                if let Some(e) = own.filter(|&e| {
                    !(matches!(entities[e].kind, EntityKind::Place | Group) && lexicon::contains_lower(PERSON_ROLES, word))
                }) {
                    described.push((head, Some(e), entities[e].canonical.clone(), block));
                }
                named(ent).or_else(|| Some((None, noun_phrase(text, sentences[si].start, a, word))))
            }
            CandidateKind::Outside => None,
        };
        let Some((ent, name)) = resolved else { continue };
        let personal = ent.map_or(lexicon::contains_lower(PERSON_ROLES, word), |e| {
            entities[e].kind == Person
        });
        if personal {
            person_speaker = Some((ent, name.clone(), block));
        }
        out[si].entity = ent;
        out[si].speaker = Some(name);
    }
    for si in 0..sentences.len() {
        if !outside[si] {
            continue;
        }
        // A quotation over several sentences: its speaker, named in whichever sentence.
        let partner = runs[si].and_then(|q| {
            (1..8).find_map(|d| {
                [si.checked_sub(d), Some(si + d)]
                    .into_iter()
                    .flatten()
                    .filter(|&sj| sj < sentences.len() && runs[sj] == Some(q))
                    .find(|&sj| out[sj].speaker.is_some() && out[sj].source.is_some())
            })
        });
        // Otherwise the previous statement, in this paragraph or the one before.
        let from = partner.or_else(|| {
            (si.saturating_sub(3)..si)
                .rev()
                .take_while(|&sj| sentences[sj].block + 1 >= sentences[si].block)
                .find(|&sj| out[sj].attributed && out[sj].speaker.is_some())
        });
        if let Some(sj) = from {
            out[si].speaker = out[sj].speaker.clone();
            out[si].entity = out[sj].entity;
            out[si].continued = true;
        }
    }
}

/// One article as the attribution models see it: for `annotate train-attribution` and
/// `score-attribution`. Offsets are bytes into `text` (the normalised article).
pub struct ArticleTrace {
    pub text: String,
    pub sentences: Vec<SentenceTrace>,
    pub attributions: Vec<Attribution>,
    /// The entities: byte range, kind, canonical name.
    pub entities: Vec<(usize, usize, EntityKind, String)>,
}

/// Analyse `raw` under model `m`, recording every sentence's features.
pub fn trace(m: &Model, raw: &str) -> ArticleTrace {
    let text = crate::structure::normalize(raw);
    let blocks = crate::structure::blocks(&text);
    let sentences = crate::structure::sentences(&text, &blocks);
    let entities = crate::entities::extract(&text, &blocks, &sentences);
    let mut t = Vec::new();
    let words = SentenceWords::read(&text, &blocks, &sentences);
    let attributions = run(m, &text, &blocks, &sentences, &entities, &words, Some(&mut t));
    for (st, s) in t.iter_mut().zip(&sentences) {
        st.start = s.start;
        st.end = s.end;
        st.content = blocks.get(s.block).is_some_and(|b| b.kind != BlockKind::Furniture);
    }
    let entities = entities
        .into_iter()
        .map(|e| (e.start, e.end, e.kind, e.canonical))
        .collect();
    ArticleTrace {
        text,
        sentences: t,
        attributions,
        entities,
    }
}
