//! The rules of one sentence, each a named function with its examples as a table test:
//! which cue words of each label it holds ([`match_cues`], then the rules that drop or add a
//! cue), who speaks (the reporting verb, an official actor, an expert or citizen source), and
//! how the three labels score. [`sentence`] applies them in order and records what they saw
//! ([`Signals`]) for the learned layer.

use super::{
    SentenceStance, ACTOR_BONUS, CITIZEN_BONUS, EXPERT_BONUS, HALF_CONFIDENCE, MAX_CONFIDENCE, MIN_SCORE,
    NO_ACTOR_FACTOR, REPORTED_HEDGE_FACTOR, RIVAL_PENALTY,
};
use crate::entities::RawEntity;
use crate::signals::Signals;
use crate::structure::RawSentence;
use crate::sentence_words::{SentenceWords, Words};
use crate::text::{find_byte3, sub};
use crate::words::{self, Index, WordInfo, CITIZEN, CONCESSIVE, DECISION, NEGATIVE, REFUSAL};
use crate::{cues, lexicon, model, model_weights};
use crate::{BlockKind, EntityKind, Label, Suggestion};

/// A matched cue: its weight, its first and last word index, and the phrase.
type Cue = (f32, usize, usize, &'static str);

/// Scratch buffers reused across sentences, so the per-sentence pass allocates nothing but its
/// results.
#[derive(Default)]
pub(super) struct Scratch {
    spec: Vec<Cue>,
    crit: Vec<Cue>,
    off: Vec<Cue>,
    quotes: Vec<(usize, usize)>,
    infos: Vec<WordInfo>,
}

/// One sentence as the rules read it: its words (byte ranges of `text`), each word's lookup,
/// the quotations and the entities in it.
struct View<'a> {
    text: &'a str,
    ws: &'a [(usize, usize)],
    infos: &'a [WordInfo],
    quotes: &'a [(usize, usize)],
    ents: &'a [RawEntity],
    /// Bit `k`: word `k` joins runs with a mark ([`words::split`]).
    marked: u64,
}

impl View<'_> {
    fn word(&self, i: usize) -> &str {
        sub(self.text, self.ws[i].0, self.ws[i].1)
    }

    /// Is byte `a` inside a quotation?
    fn quoted(&self, a: usize) -> bool {
        self.quotes.iter().any(|&(q0, q1)| q0 <= a && a < q1)
    }

    /// Is word `i` part of an entity's name?
    fn in_entity(&self, i: usize) -> bool {
        self.ents.iter().any(|e| e.start <= self.ws[i].0 && self.ws[i].1 <= e.end)
    }
}

/// One content sentence. Kept out of line on purpose: a WebAssembly engine runs a long loop in
/// its baseline tier until the function is called again (V8 has no on-stack replacement for
/// wasm), so per-sentence work in its own function gets optimised code after a few sentences,
/// even on the app's single `analyze` call.
#[inline(never)]
pub(super) fn sentence(
    text: &str,
    s: &RawSentence,
    kind: BlockKind,
    ents: &[RawEntity],
    speaker_entity: Option<&RawEntity>,
    sw: &SentenceWords,
    si: usize,
    sc: &mut Scratch,
) -> SentenceStance {
    let Scratch {
        spec,
        crit,
        off,
        quotes,
        infos,
    } = sc;
    let Words { spans: ws, ids, marked } = sw.of(si);
    let idx = words::index();
    infos.clear();
    infos.extend(ids.iter().map(|&id| sw.info(id)));
    quote_ranges(text, s.start, s.end, quotes);
    let (ws, infos, quotes): (&[_], &[_], &[_]) = (ws, infos, quotes);
    let v = View {
        text,
        ws,
        infos,
        quotes,
        ents,
        marked,
    };
    let model_words = model_words(&v, s.start);

    // Who speaks: the reporting verb, the frame before it, the subject.
    let verb = reporting_verb(&v);
    let frame_end = verb.map_or(ws.len(), |v| v + 1);
    let subject_end = verb.unwrap_or(4).min(ws.len());
    let expert = expert_source(&v, speaker_entity, subject_end);
    let citizen = citizen_source(&v, speaker_entity, subject_end);
    let headline = (kind == BlockKind::Title).then(|| headline_decision(&v)).flatten();

    // The cues of each label, and the rules that drop or add one.
    match_cues(&v, 0, spec);
    drop_modals_of_fact(&v, spec);
    match_cues(&v, 1, crit);
    let (concession, refusal) = concession_and_refusal(infos);
    if let Some(b) = concession.and_then(|r| but_after_concession(&v, r)) {
        crit.push((cues::MEDIUM, b, b, "but"));
    }
    match_cues(&v, 2, off);
    let actor = official_subject(&v, idx, headline, expert, speaker_entity, verb, actor_frame_end(verb, frame_end, off, ws.len()));
    if let Some((i, p)) = headline {
        if !off.iter().any(|c| c.1 == i) {
            off.push((cues::MEDIUM, i, i, p));
        }
    }
    drop_negated(&v, off, crit);
    if let Some(d) = refusal {
        drop_hedges_after_refusal(&v, d, spec);
    }
    weaken_reported_would(&v, verb, spec);

    // The scores.
    let crit_score = criticism_score(crit, citizen);
    let off_cues = sum(off);
    let off_score = official_score(off_cues, actor.is_some());
    let reported = reported_statement(verb, actor.is_some(), speaker_entity);
    let person = speaker_entity.is_some_and(|e| e.kind == EntityKind::Person);
    let spec_score = speculation_score(spec, expert, reported && off_cues > 0.0 && (!person || off.iter().any(|c| c.0 > cues::FAINT)));
    let scored = [(Label::Criticism, crit_score, &*crit), (Label::Speculation, spec_score, &*spec), (Label::Official, off_score, &*off)];
    let (best, rival) = best_label([crit_score, spec_score, off_score]);
    let (label, score, _) = scored[best];
    let mut cue_spans = Vec::with_capacity(crit.len() + spec.len() + off.len());
    for &(l, _, c) in &scored {
        let from = cue_spans.len();
        cue_spans.extend(c.iter().map(|c| (ws[c.1].0, ws[c.2].1, l)));
        cue_spans[from..].sort_unstable_by_key(|c| c.0);
    }
    // The rules' suggestion carries no cue strings: the learned layer picks the label and copies
    // out its cues (`learned`).
    let suggestion = (score >= MIN_SCORE).then(|| Suggestion {
        label,
        confidence: confidence(score, rival),
        cues: Vec::new(),
        reason: None,
    });
    let quoted_bytes: usize = quotes.iter().map(|&(a, b)| b - a).sum();
    let classes = word_classes(&v);
    let signals = Signals {
        scores: [crit_score, spec_score, off_score],
        counts: [crit.len().min(255) as u8, spec.len().min(255) as u8, off.len().min(255) as u8],
        expert,
        citizen,
        reported,
        verb: verb.is_some(),
        speaker_person: person,
        speaker_institution: speaker_entity.is_some_and(institution),
        title: kind == BlockKind::Title,
        heading: kind == BlockKind::Heading,
        opens_quote: quotes.first().is_some_and(|q| text[s.start..q.0].trim().is_empty()),
        quoted: if s.end > s.start {
            quoted_bytes as f32 / (s.end - s.start) as f32
        } else {
            0.0
        },
        number: ws.iter().any(|&(a, b)| text.as_bytes().get(a).is_some_and(|c| c.is_ascii_digit()) && b > a),
        concession: concession.is_some(),
        refusal: refusal.is_some(),
        headline: headline.is_some(),
        negation: v.infos.iter().any(|i| i.flags & words::NEGATOR != 0),
        pronoun: pronoun_subject(&v, subject_end),
        words: ws.len().min(u16::MAX as usize) as u16,
        entities: ents.len().min(255) as u8,
        actor,
        negative: classes.0,
        negative_quoted: classes.1,
        decision: classes.2,
        ..Signals::default()
    };
    SentenceStance {
        // The claim's kind needs the attribution: the pass sets it.
        claim: None,
        speaker: speaker_entity.map(|e| e.canonical.clone()),
        suggestion,
        weak: (score > 0.0 && score < MIN_SCORE).then_some(label),
        signals,
        cue_spans,
        inherited: false,
        model_words,
    }
}

/// The sentence's words the learned layer weighs, each once, with byte ranges in the sentence:
/// the filter of `model::words` on the words the rules have already split and looked up (a word
/// with a digit is never in the vocabulary, so only the capital needs testing, and only on a
/// hit). Repeats are dropped with a bit per vocabulary word.
fn model_words(v: &View, start: usize) -> Vec<model::Word> {
    let mut out: Vec<model::Word> = Vec::with_capacity(v.ws.len().min(48));
    let mut seen = [0u64; (model_weights::WORDS.len() + 63) / 64];
    for (k, (&(a, b), info)) in v.ws.iter().zip(v.infos).enumerate() {
        let id = usize::from(info.model);
        if id > 0 && seen[(id - 1) / 64] & (1 << ((id - 1) % 64)) == 0 && (k == 0 || info.flags & words::CAPITAL == 0) {
            seen[(id - 1) / 64] |= 1 << ((id - 1) % 64);
            out.push((id - 1, a - start..b - start));
        }
    }
    out
}

/// The word classes only the learned layer counts ([`crate::evaluation`]): negative evaluation
/// words outside and inside quotation marks, and whether a verb of institutional action stands
/// outside them. Words of names are left out ("Hurricane Sandy", "Fury Road").
fn word_classes(v: &View) -> (u8, u8, bool) {
    let (mut neg, mut negq, mut decision) = (0u8, 0u8, false);
    for (i, info) in v.infos.iter().enumerate() {
        if info.class == 0 || v.in_entity(i) {
            continue;
        }
        let quoted = v.quoted(v.ws[i].0);
        if info.class & NEGATIVE != 0 {
            if quoted {
                negq = negq.saturating_add(1);
            } else {
                neg = neg.saturating_add(1);
            }
        }
        decision |= info.class & DECISION != 0 && !quoted;
    }
    (neg, negq, decision)
}

/// The first reporting verb ("said", "according", "announced"). Words inside entity names are
/// not verbs ("United States" is no "states"), and the attribution frame lies outside quotation
/// marks ("“We said no,” the mayor told reporters" is the mayor's "told").
fn reporting_verb(v: &View) -> Option<usize> {
    (0..v.ws.len()).find(|&i| v.infos[i].reporting() && !v.in_entity(i) && !v.quoted(v.ws[i].0))
}

/// An expert source speaks (analysts, scientists, "The Institute for Fiscal Analysis said"):
/// experts give assessments, not official positions, even when they speak for a named
/// organisation (official/expert/citizen source categories, e.g. Sigal 1973). Only the subject
/// counts: the words before the reporting verb, else the first words.
fn expert_source(v: &View, speaker: Option<&RawEntity>, subject_end: usize) -> bool {
    speaker.is_some_and(|e| e.expert)
        || (0..subject_end).any(|i| {
            (v.infos[i].expert() || (v.ws[i].1 - v.ws[i].0 > 8 && lexicon::is_ologist(v.word(i)))) && !v.quoted(v.ws[i].0)
        })
}

/// A citizen or interest group speaks (residents, shopkeepers, "The Harbour Workers Federation
/// said"): their reactions are mostly objections ([`CITIZEN_BONUS`]). The speaker, a citizen
/// noun in the subject, or an interest group opening the sentence.
fn citizen_source(v: &View, speaker: Option<&RawEntity>, subject_end: usize) -> bool {
    speaker.is_some_and(|e| e.civic)
        || (0..subject_end).any(|i| v.infos[i].flags & CITIZEN != 0 && !v.quoted(v.ws[i].0))
        || v.ents.first().is_some_and(|e| e.civic && v.ws.iter().take(4).any(|w| w.0 == e.start))
}

/// An institution: an organisation or place that is neither an interest group (unions,
/// campaigns and associations speak for their members, [`RawEntity::civic`]) nor an expert
/// source.
fn institution(e: &RawEntity) -> bool {
    matches!(e.kind, EntityKind::Organization | EntityKind::Place) && !e.civic && !e.expert
}

/// A headline's decision verb makes its first words the acting subject ("Regulator Orders App
/// to Delete Data"): the verb's index and phrase. Not when the subject is a constituency or an
/// expert source ("Port Workers Reject Deal").
fn headline_decision(v: &View) -> Option<(usize, &'static str)> {
    (1..v.ws.len())
        .find_map(|i| cues::HEADLINE_DECISIONS.iter().find(|p| lexicon::eq_lower(v.word(i), p)).map(|p| (i, *p)))
        .filter(|&(i, _)| !(0..i).any(|k| v.infos[k].expert() || lexicon::is_civic_name_word(v.word(k))))
}

/// Where the official actor may stand: the frame up to the reporting verb, or, without one,
/// up to the last official cue ("Consumer groups welcomed the ruling": the ruling is no actor of
/// the welcome).
fn actor_frame_end(verb: Option<usize>, frame_end: usize, off: &[Cue], n: usize) -> usize {
    if verb.is_some() {
        frame_end
    } else {
        off.iter().map(|c| c.1 + 1).max().unwrap_or(n)
    }
}

/// The words that make the sentence an official actor's (byte range), if any, tried in order:
/// the headline's subject, then (unless an expert speaks) the speaker when an institution or an
/// official, an actor noun in the frame, the source after "according to", an institution opening
/// the sentence. They are also the reason shown for an `official` suggestion without cue words.
fn official_subject(
    v: &View,
    idx: &Index,
    headline: Option<(usize, &str)>,
    expert: bool,
    speaker: Option<&RawEntity>,
    verb: Option<usize>,
    frame_end: usize,
) -> Option<(usize, usize)> {
    if let Some((i, _)) = headline {
        return Some((v.ws[0].0, v.ws[i - 1].1));
    }
    if expert {
        return None;
    }
    speaker
        .filter(|e| institution(e) || e.official)
        .map(|e| (e.start, e.end))
        .or_else(|| actor_noun(v, idx, frame_end))
        .or_else(|| according_to_actor(v, verb))
        .or_else(|| opening_institution(v))
}

/// An official actor noun ("officials", "regulator", "Mayor", "vice-chancellor", "the board’s
/// chair") in the frame, outside names and quotations.
fn actor_noun(v: &View, idx: &Index, frame_end: usize) -> Option<(usize, usize)> {
    (0..frame_end.min(v.ws.len()))
        .find(|&i| {
            (v.infos[i].actor() || (i < 64 && v.marked & (1 << i) != 0 && derived_actor(idx, v.word(i))))
                && !v.in_entity(i)
                && !v.quoted(v.ws[i].0)
        })
        .map(|i| v.ws[i])
}

/// "…, according to the national hospital association": the source follows the verb.
fn according_to_actor(v: &View, verb: Option<usize>) -> Option<(usize, usize)> {
    verb.filter(|&i| v.word(i).eq_ignore_ascii_case("according"))
        .and_then(|i| (i + 1..(i + 7).min(v.ws.len())).find(|&k| v.infos[k].actor() && !v.quoted(v.ws[k].0)))
        .map(|i| v.ws[i])
}

/// An institution among the first four words ("The Harbor Authority will close the pier"): the
/// sentence's subject, speaking without a reporting verb.
fn opening_institution(v: &View) -> Option<(usize, usize)> {
    v.ents
        .iter()
        .find(|e| !v.quoted(e.start))
        .filter(|e| institution(e) && v.ws.iter().take(4).any(|w| w.0 == e.start))
        .map(|e| (e.start, e.end))
}

/// "could not afford", "would not comment" state a fact, not a possibility.
fn drop_modals_of_fact(v: &View, spec: &mut Vec<Cue>) {
    spec.retain(|c| {
        !(matches!(c.3, "could" | "would") && v.ws.get(c.2 + 1).is_some_and(|&(a, b)| v.text[a..b].eq_ignore_ascii_case("not")))
    });
}

/// The first concessive reaction ("welcomed", "praised") and the first refusal ("declined"),
/// in one pass, as both are rare.
fn concession_and_refusal(infos: &[WordInfo]) -> (Option<usize>, Option<usize>) {
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
    (concession, refusal)
}

/// "welcomed the decision but said …": the "but" after a concessive reaction introduces an
/// objection, so it is a criticism cue.
fn but_after_concession(v: &View, concession: usize) -> Option<usize> {
    (concession + 1..v.ws.len()).find(|&i| v.word(i).eq_ignore_ascii_case("but"))
}

/// "Officials have not yet determined …" is no decision; "cannot be ignored" no objection. (The
/// concession's "but" stays.)
fn drop_negated(v: &View, off: &mut Vec<Cue>, crit: &mut Vec<Cue>) {
    off.retain(|c| !negated(v.text, v.ws, c.1));
    crit.retain(|c| c.3 == "but" || !negated(v.text, v.ws, c.1));
}

/// "A spokesman declined to say whether the owner could face action": what follows a refusal to
/// comment is the question not answered, not anyone's hedge.
fn drop_hedges_after_refusal(v: &View, refusal: usize, spec: &mut Vec<Cue>) {
    if refusal + 1 < v.ws.len() && v.word(refusal + 1).eq_ignore_ascii_case("to") {
        spec.retain(|c| c.1 < refusal);
    }
}

/// Reported speech shifts "will" to "would": after a past-tense reporting verb ("said an
/// interim chief would be appointed") it is the future, no more a hedge than "will".
fn weaken_reported_would(v: &View, verb: Option<usize>, spec: &mut [Cue]) {
    if let Some(i) = verb.filter(|&i| matches!(v.word(i), "said" | "told" | "wrote") || v.word(i).ends_with("ed")) {
        for c in spec.iter_mut() {
            if c.1 > i && matches!(c.3, "would" | "would be") {
                c.0 = cues::FAINT;
            }
        }
    }
}

fn sum(cues: &[Cue]) -> f32 {
    cues.iter().map(|c| c.0).sum::<f32>()
}

/// Criticism scores its cues, plus [`CITIZEN_BONUS`] when a citizen or interest group speaks.
fn criticism_score(crit: &[Cue], citizen: bool) -> f32 {
    let score = sum(crit);
    if citizen && score > 0.0 {
        score + CITIZEN_BONUS
    } else {
        score
    }
}

/// Speculation scores its cues, plus [`EXPERT_BONUS`] when an expert speaks with at least a weak
/// hedge. Inside an official's statement (`in_statement`) the hedges are the statement's content
/// and count [`REPORTED_HEDGE_FACTOR`], except explicit uncertainty ("too early to", "remains to
/// be seen"), which is never the statement's own.
fn speculation_score(spec: &[Cue], expert: bool, in_statement: bool) -> f32 {
    let mut score = sum(spec);
    if expert && spec.iter().any(|c| c.0 >= cues::WEAK) {
        score += EXPERT_BONUS;
    }
    if in_statement {
        let strong = spec.iter().filter(|c| c.0 >= cues::STRONG).map(|c| c.0).sum::<f32>();
        score = strong + (score - strong) * REPORTED_HEDGE_FACTOR;
    }
    score
}

/// Official cues count with [`ACTOR_BONUS`] when an official actor is present, and only
/// [`NO_ACTOR_FACTOR`] of themselves without one ("the decision was announced").
fn official_score(cues: f32, official_actor: bool) -> f32 {
    if cues == 0.0 {
        0.0
    } else if official_actor {
        cues + ACTOR_BONUS
    } else {
        cues * NO_ACTOR_FACTOR
    }
}

/// An official actor's attributed statement: a reporting verb, an official actor, and no group
/// as the speaker. A person's bare "said" only attributes ("She said construction could begin …"
/// is the official's forecast), so the caller also asks for a decision cue beyond the faintest.
fn reported_statement(verb: Option<usize>, official_actor: bool, speaker: Option<&RawEntity>) -> bool {
    verb.is_some() && official_actor && speaker.is_none_or(|e| e.kind != EntityKind::Group)
}

/// The best of the scores (criticism, speculation, official) and the best other one. Ties go
/// criticism > speculation > official: the rarer, more pointed label wins.
fn best_label(scores: [f32; 3]) -> (usize, f32) {
    let mut best = 0;
    for k in 1..3 {
        if scores[k] > scores[best] {
            best = k;
        }
    }
    let rival = (0..3).filter(|&k| k != best).map(|k| scores[k]).fold(0.0, f32::max);
    (best, rival)
}

/// A pronoun subject ("she said", "it said", "they"): the source is named elsewhere.
fn pronoun_subject(v: &View, subject_end: usize) -> bool {
    (0..subject_end).any(|i| matches!(v.word(i), "she" | "he" | "it" | "they" | "She" | "He" | "It" | "They" | "We"))
}

/// Match cue table `t` at every word; push (weight, first word index, last word index, phrase).
/// Words are compared with the lowercase phrases case-insensitively, in place ([`lexicon::eq_lower`]).
fn match_cues(v: &View, t: usize, out: &mut Vec<Cue>) {
    out.clear();
    let table = cues::TABLES[t];
    let (ws, infos) = (v.ws, v.infos);
    let word = |i: usize| v.word(i);
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
    let w = sub(w, 0, w.len() - poss);
    if poss > 0 && idx.get(w).is_some_and(|x| x.actor()) {
        return true;
    }
    // (A byte loop: `contains` is a memchr call per word.)
    w.bytes().rposition(|c| c == b'-').is_some_and(|k| {
        idx.get(sub(w, k + 1, w.len()))
            .is_some_and(|x| x.actor())
    })
}

/// Is word `i` negated ("have not yet determined", "didn't confirm")? Checks the two words before.
#[inline(never)]
fn negated(text: &str, ws: &[(usize, usize)], i: usize) -> bool {
    (i.saturating_sub(2)..i).any(|k| {
        let w = &text[ws[k].0..ws[k].1];
        words::negator(w)
            || w.eq_ignore_ascii_case("cannot")
            // "declined to say": a refusal to state, not a statement.
            || w.eq_ignore_ascii_case("declined")
    })
}


/// Byte ranges inside quotation marks ("…", “…”); an unclosed quote runs to the end.
#[inline(never)]
fn quote_ranges(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let mut open: Option<usize> = None;
    let b = &text.as_bytes()[start..end];
    let mut i = 0;
    // Only '"' and the lead byte 0xE2 of curly quotes matter: skip to them.
    while let Some(k) = find_byte3(b, i, [b'"', 0xE2, 0xE2]) {
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


#[cfg(test)]
mod tests {
    use super::*;
    use crate::{entities, structure};

    /// The first sentence of a text as the rules read it, with the recogniser's entities.
    struct Read {
        text: String,
        s: RawSentence,
        ws: Vec<(usize, usize)>,
        infos: Vec<WordInfo>,
        quotes: Vec<(usize, usize)>,
        ents: Vec<RawEntity>,
        marked: u64,
    }

    fn read(text: &str) -> Read {
        let blocks = structure::blocks(text);
        let sentences = structure::sentences(text, &blocks);
        let s = sentences[0];
        let ents: Vec<RawEntity> = entities::extract(text, &blocks, &sentences).into_iter().filter(|e| e.sentence == 0).collect();
        let mut ws = Vec::new();
        let marked = words::split(text, s.start, s.end, &mut ws);
        let infos = ws.iter().map(|&(a, b)| words::index().get(&text[a..b]).unwrap_or_default()).collect();
        let mut quotes = Vec::new();
        quote_ranges(text, s.start, s.end, &mut quotes);
        Read { text: text.to_owned(), s, ws, infos, quotes, ents, marked }
    }

    impl Read {
        fn view(&self) -> View<'_> {
            View { text: &self.text, ws: &self.ws, infos: &self.infos, quotes: &self.quotes, ents: &self.ents, marked: self.marked }
        }
        /// The speaker entity as the attribution would give it: the first entity.
        fn speaker(&self) -> Option<&RawEntity> {
            self.ents.first()
        }
        /// Where the subject ends: before the reporting verb, else after four words.
        fn subject_end(&self) -> usize {
            reporting_verb(&self.view()).unwrap_or(4).min(self.ws.len())
        }
        fn frame_end(&self) -> usize {
            reporting_verb(&self.view()).map_or(self.ws.len(), |v| v + 1)
        }
        fn span(&self, r: Option<(usize, usize)>) -> Option<&str> {
            r.map(|(a, b)| &self.text[a..b])
        }
        fn word(&self, i: Option<usize>) -> Option<&str> {
            i.map(|i| &self.text[self.ws[i].0..self.ws[i].1])
        }
        /// The phrases of cue table `t`, after `rule`.
        fn cues(&self, t: usize, rule: impl Fn(&View, &mut Vec<Cue>)) -> Vec<&'static str> {
            let mut out = Vec::new();
            match_cues(&self.view(), t, &mut out);
            rule(&self.view(), &mut out);
            out.iter().map(|c| c.3).collect()
        }
    }

    /// Checks a rule on each example: the first sentence of the text, and what the rule says
    /// (compared as printed, so owned answers meet borrowed expectations).
    fn check<T: std::fmt::Debug, W: std::fmt::Debug>(table: &[(&str, W)], rule: impl Fn(&Read) -> T) {
        for (text, want) in table {
            assert_eq!(format!("{:?}", rule(&read(text))), format!("{want:?}"), "{text}");
        }
    }

    const SPECULATION: usize = 0;
    const CRITICISM: usize = 1;
    const OFFICIAL: usize = 2;

    #[test]
    fn reporting_verb_outside_names_and_quotations() {
        check(
            &[
                ("The mayor said the pier would close.", Some("said")),
                ("The United States said nothing.", Some("said")),
                ("“We said no,” the mayor told reporters.", Some("told")),
                ("The weather was pleasant in the valley.", None),
            ],
            |r| r.word(reporting_verb(&r.view())).map(str::to_owned),
        );
    }

    #[test]
    fn expert_source_in_the_subject() {
        check(
            &[
                ("Economists say the rupiah could fall further.", true),
                ("The epidemiologist warned of a second wave.", true),
                ("Officials say the move could pose risks.", false),
                ("“Analysts are wrong,” the minister said.", false),
            ],
            |r| expert_source(&r.view(), None, r.subject_end()),
        );
    }

    #[test]
    fn citizen_source_in_the_subject() {
        check(
            &[
                ("Residents said the lanes were dangerous.", true),
                ("Shopkeepers had opposed the lanes.", true),
                ("Officials said the lanes were safe.", false),
            ],
            |r| citizen_source(&r.view(), None, r.subject_end()),
        );
    }

    #[test]
    fn institution_is_neither_interest_group_nor_expert() {
        check(
            &[
                ("The Harbor Authority closed the pier.", Some(true)),
                ("The Harbour Workers Federation opposed the plan.", Some(false)),
                ("Mayor Dana Ruiz closed the pier.", Some(false)),
            ],
            |r| r.speaker().map(institution),
        );
    }

    #[test]
    fn headline_decision_after_its_subject() {
        check(
            &[
                ("Regulator Orders App to Delete Data\n\nThe regulator acted.", Some("orders")),
                ("Port Workers Reject Pay Offer\n\nThe union met.", None),
                ("Storm Hits Coast\n\nWinds rose.", None),
            ],
            |r| headline_decision(&r.view()).map(|(_, p)| p),
        );
    }

    #[test]
    fn actor_frame_ends_at_the_verb_or_the_last_official_cue() {
        let cue = |i| (cues::MEDIUM, i, i, "approved");
        for (verb, off, want) in [(Some(3), vec![cue(6)], 4), (None, vec![cue(2), cue(6)], 7), (None, vec![], 10)] {
            assert_eq!(actor_frame_end(verb, verb.map_or(10, |v| v + 1), &off, 10), want, "{verb:?} {off:?}");
        }
    }

    #[test]
    fn official_subject_in_order() {
        let idx = words::index();
        check(
            &[
                // The speaker, an institution.
                ("The Harbor Authority said the pier would close.", Some("Harbor Authority")),
                // An actor noun in the frame, also inside a longer word.
                ("Officials said the move could pose risks.", Some("Officials")),
                ("The vice-chancellor said fees would rise.", Some("vice-chancellor")),
                // The source after "according to".
                ("Beds are scarce, according to the national hospital association.", Some("association")),
                // Not when an expert speaks.
                ("Economists at the central bank said rates would rise.", None),
                ("The weather was pleasant in the valley.", None),
            ],
            |r| {
                let v = r.view();
                let verb = reporting_verb(&v);
                let expert = expert_source(&v, r.speaker(), r.subject_end());
                r.span(official_subject(&v, idx, None, expert, r.speaker(), verb, r.frame_end())).map(str::to_owned)
            },
        );
    }

    #[test]
    fn opening_institution_without_a_verb() {
        check(
            &[
                ("The Harbor Authority will close the pier on Monday.", Some("Harbor Authority")),
                ("On Monday, after a long and heated debate, the Harbor Authority closed the pier.", None),
                ("“The Harbor Authority lied,” she wrote.", None),
            ],
            |r| r.span(opening_institution(&r.view())).map(str::to_owned),
        );
    }

    #[test]
    fn modals_of_fact_are_no_hedges() {
        check(
            &[
                ("Many families could not afford the rent.", vec![]),
                ("The minister would not comment.", vec![]),
                ("The rent could rise.", vec!["could"]),
            ],
            |r| r.cues(SPECULATION, drop_modals_of_fact),
        );
    }

    #[test]
    fn but_after_a_concession_is_an_objection() {
        check(
            &[
                ("Parents welcomed the decision but said the fine was small.", Some("but")),
                ("Parents welcomed the decision.", None),
                ("The fine was small but fair.", None),
            ],
            |r| {
                let (concession, _) = concession_and_refusal(&r.infos);
                r.word(concession.and_then(|c| but_after_concession(&r.view(), c))).map(str::to_owned)
            },
        );
    }

    #[test]
    fn negated_decisions_and_objections_are_dropped() {
        let after = |r: &Read, t: usize| {
            let mut off = Vec::new();
            let mut crit = Vec::new();
            match_cues(&r.view(), OFFICIAL, &mut off);
            match_cues(&r.view(), CRITICISM, &mut crit);
            drop_negated(&r.view(), &mut off, &mut crit);
            if t == OFFICIAL { off } else { crit }.iter().map(|c| c.3).collect::<Vec<_>>()
        };
        check(&[("The council approved the plan.", vec!["approved"]), ("The council did not approve the plan.", vec![])], |r| after(r, OFFICIAL));
        check(&[("The union condemned the plan.", vec!["condemned"]), ("The union never condemned the plan.", vec![])], |r| after(r, CRITICISM));
    }

    #[test]
    fn hedges_after_a_refusal_are_the_question_not_answered() {
        check(
            &[
                ("A spokesman declined to say whether the owner could face action.", vec![]),
                ("The owner could face action, but a spokesman declined to comment.", vec!["could"]),
            ],
            |r| {
                r.cues(SPECULATION, |v, spec| {
                    if let (_, Some(d)) = concession_and_refusal(v.infos) {
                        drop_hedges_after_refusal(v, d, spec);
                    }
                })
            },
        );
    }

    #[test]
    fn reported_would_is_the_future() {
        let weights = |r: &Read| {
            let mut spec = Vec::new();
            match_cues(&r.view(), SPECULATION, &mut spec);
            weaken_reported_would(&r.view(), reporting_verb(&r.view()), &mut spec);
            spec.iter().map(|c| (c.3, c.0)).collect::<Vec<_>>()
        };
        check(
            &[
                ("The board said an interim chief would be appointed.", vec![("would", cues::FAINT), ("would be", cues::FAINT)]),
                ("An interim chief would be appointed, the board said.", vec![("would", cues::WEAK), ("would be", cues::FAINT)]),
            ],
            weights,
        );
    }

    #[test]
    fn scores_add_their_named_weights() {
        let c = |w| (w, 0, 0, "cue");
        assert_eq!(criticism_score(&[c(cues::WEAK)], true), cues::WEAK + CITIZEN_BONUS);
        assert_eq!(criticism_score(&[c(cues::WEAK)], false), cues::WEAK);
        assert_eq!(criticism_score(&[], true), 0.0, "no bonus without a cue");
        assert_eq!(speculation_score(&[c(cues::WEAK)], true, false), cues::WEAK + EXPERT_BONUS);
        assert_eq!(speculation_score(&[c(cues::FAINT)], true, false), cues::FAINT, "an expert's faint hedge earns nothing");
        let in_statement = speculation_score(&[c(cues::STRONG), c(cues::MEDIUM)], false, true);
        assert_eq!(in_statement, cues::STRONG + cues::MEDIUM * REPORTED_HEDGE_FACTOR, "explicit uncertainty keeps its weight");
        assert_eq!(official_score(cues::MEDIUM, true), cues::MEDIUM + ACTOR_BONUS);
        assert_eq!(official_score(cues::MEDIUM, false), cues::MEDIUM * NO_ACTOR_FACTOR);
        assert_eq!(official_score(0.0, true), 0.0);
    }

    #[test]
    fn reported_statement_needs_verb_actor_and_no_group() {
        check(
            &[
                ("The Harbor Authority said the pier would close.", true),
                ("The Harbor Authority will close the pier.", false),
                ("Mayor Dana Ruiz said the pier would close.", true),
            ],
            |r| {
                let v = r.view();
                let verb = reporting_verb(&v);
                let actor = official_subject(&v, words::index(), None, false, r.speaker(), verb, r.frame_end());
                reported_statement(verb, actor.is_some(), r.speaker())
            },
        );
    }

    #[test]
    fn best_label_breaks_ties_toward_the_rarer() {
        for (scores, want) in [
            ([0.5, 0.5, 0.5], (0, 0.5)),
            ([0.0, 0.5, 0.5], (1, 0.5)),
            ([0.2, 0.3, 0.9], (2, 0.3)),
            ([0.0, 0.0, 0.0], (0, 0.0)),
        ] {
            assert_eq!(best_label(scores), want, "{scores:?}");
        }
    }

    #[test]
    fn confidence_grows_with_the_score_and_shrinks_with_a_rival() {
        assert_eq!(confidence(HALF_CONFIDENCE, 0.0), 0.5);
        assert!(confidence(1.0, 0.5) < confidence(1.0, 0.0));
        assert_eq!(confidence(100.0, 0.0), MAX_CONFIDENCE);
        assert_eq!(confidence(0.2, 1.0), 0.0);
    }

    #[test]
    fn pronoun_subject_before_the_verb() {
        check(
            &[
                ("She said the bridge would reopen.", true),
                ("The mayor said she would reopen the bridge.", false),
                ("We will appeal, it said.", true),
            ],
            |r| pronoun_subject(&r.view(), r.subject_end()),
        );
    }

    #[test]
    fn negation_within_two_words() {
        check(
            &[
                ("Officials have not yet determined the cause.", Some(true)),
                ("The regulator didn't confirm the fine.", Some(true)),
                ("The regulator declined to confirm the fine.", Some(true)),
                ("The regulator did confirm the fine.", Some(false)),
            ],
            |r| {
                let i = r.ws.iter().position(|&(a, b)| matches!(&r.text[a..b], "determined" | "confirm"))?;
                Some(negated(&r.text, &r.ws, i))
            },
        );
    }

    #[test]
    fn quotations_run_to_their_close_or_the_end() {
        check(
            &[
                ("“Hello,” she said — it’s “fine”.", vec!["“Hello,", "“fine"]),
                ("He said \"no\" twice.", vec!["\"no"]),
                ("She said “we will not", vec!["“we will not"]),
                ("No quotation here.", vec![]),
            ],
            |r| r.quotes.iter().map(|&(a, b)| r.text[a..b].to_owned()).collect::<Vec<_>>(),
        );
    }

    #[test]
    fn model_words_once_and_without_names() {
        check(
            &[("Officials warned that officials in Paris warned again.", 2)],
            |r| {
                let ws = model_words(&r.view(), r.s.start);
                let names: Vec<&str> = ws.iter().map(|(_, range)| &r.text[range.clone()]).collect();
                assert!(!names.contains(&"Paris"), "{names:?}");
                let mut ids: Vec<usize> = ws.iter().map(|w| w.0).collect();
                ids.dedup();
                assert_eq!(ids.len(), ws.len(), "each once: {names:?}");
                names.iter().filter(|w| w.eq_ignore_ascii_case("warned") || w.eq_ignore_ascii_case("officials")).count()
            },
        );
    }
}
