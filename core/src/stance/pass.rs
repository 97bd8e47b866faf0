//! The pass over an article's sentences: each content sentence read by the rules
//! ([`super::rules`]), then what needs more than the sentence — the attribution model's source
//! and probability, the speaker's side and the modal's use, the claim's kind, a source's stance
//! that goes on into the next sentence — and last the learned layer ([`super::learned`]).

use super::learned::learned;
use super::rules::{sentence, Scratch};
use super::{SentenceStance, CONTINUATION_FACTOR};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use crate::attribution::Attribution;
use crate::sentence_words::SentenceWords;
use crate::entities::RawEntity;
use crate::signals::Signals;
use crate::structure::{RawBlock, RawSentence};
use crate::text::{alnum_runs, sub};
use crate::cues::{COMMITMENT, IN_COMMITMENT, IN_LIKELIHOOD, IN_OFFICES, IN_OPPOSITION, LIKELIHOOD, OFFICES, OPPOSITION};
use crate::{lexicon, model, BlockKind, Label, Suggestion};

/// Analyse every sentence. `entities` are sorted by start; each has its sentence index.
/// `features`, when given, receives each sentence's input to the learned layer (for training).
pub fn annotate(
    text: &str,
    blocks: &[RawBlock],
    sentences: &[RawSentence],
    entities: &[RawEntity],
    attributions: &[Attribution],
    words: &SentenceWords,
    features: Option<&mut Vec<[f32; model::NF]>>,
) -> Vec<SentenceStance> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut sc = Scratch::default();
    let mut ei = 0usize;
    let none = Attribution::default();
    let main = main_actor(blocks, sentences, entities);
    // Sentences that report a decision or an official act: their names count more for the
    // story's main actor ([`Sides`]).
    let mut acting: Vec<usize> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let (start, ej) = crate::entities::sentence_range(entities, si, ei);
        ei = start;
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
        let mut st = sentence(text, s, kind, &entities[ei..ej], speaker, words, si, &mut sc);
        // What the attribution model found ([`crate::attribution`]): the learned layer weighs
        // it, with a speaker's side and a modal's use, beside the rules' signals.
        st.signals.attributed = attr.probability;
        st.signals.continued = attr.attributed && attr.continued;
        let (opposition, pledge, forecast) = side_and_modal(text, s, attr, &st.signals, words, si);
        st.signals.opposition = opposition;
        st.signals.pledge = pledge;
        st.signals.forecast = forecast;
        if attr.attributed {
            st.speaker = attr.speaker.clone();
            let named = attr.entity.and_then(|e| entities.get(e));
            st.signals.main_actor = main.is_some() && named.map(|e| e.canonical.as_str()) == main;
            st.signals.other_speaker = !st.signals.main_actor && named.is_some();
            st.signals.office = named.is_some_and(|e| e.kind == crate::EntityKind::Person && office_holder(text, e));
        }
        if st.signals.decision || st.signals.counts[2] > 0 {
            acting.push(si);
        }
        let hedged = st.suggestion.as_ref().is_some_and(|g| g.label == Label::Speculation);
        st.claim = crate::attribution::claim::kind(
            sub(text, s.start, s.end),
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
    let sides = Sides::read(text, blocks, sentences, entities, &acting);
    for (si, st) in out.iter_mut().enumerate() {
        let Some(attr) = attributions.get(si).filter(|a| a.attributed) else { continue };
        let entity = attr.entity.and_then(|e| entities.get(e));
        st.signals.acting_side = sides.acting(entity, attr.speaker.as_deref(), st.signals.opposition);
    }
    learned(text, blocks, sentences, &mut out, features);
    out
}

/// The story's sides, read once per article: the main actor (the person or organisation named
/// most, the title and the lead counting more, and sentences reporting a decision or an official
/// act), the people and organisations named together with it ("Labour leader Jeremy Corbyn",
/// "Jo Bell, a spokeswoman for the ministry"), and whoever the story itself names as opposing
/// ("the opposition Labour party", "rival Boeing", "critics such as Amnesty International").
struct Sides<'a> {
    main: Option<&'a str>,
    /// Named together with the main actor.
    with_main: HashSet<&'a str>,
    /// Named as opposing, or named together with someone who is.
    opposed: HashSet<&'a str>,
}

/// Source nouns that name the acting institution's voice when the story has a main actor
/// ("the ministry said", "officials said", "a company spokesman"). Sorted.
const INSTITUTION_VOICES: &[&str] = &[
    "administration", "agency", "authorities", "authority", "company", "council", "court",
    "department", "firm", "government", "ministry", "official", "officials", "police",
    "spokesman", "spokesperson", "spokeswoman",
];

impl<'a> Sides<'a> {
    /// `acting`: the sentences that report a decision or an official act, in order.
    fn read(text: &str, blocks: &[RawBlock], sentences: &[RawSentence], entities: &'a [RawEntity], acting: &[usize]) -> Self {
        use crate::EntityKind::{Organization, Person};
        let mut lead = [usize::MAX; 3];
        for (k, si) in sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| blocks.get(s.block).is_some_and(|b| b.kind != BlockKind::Furniture))
            .map(|(i, _)| i)
            .take(3)
            .enumerate()
        {
            lead[k] = si;
        }
        // Per name: its score and its first entity (ties go to the earlier name, the title's).
        let mut score: HashMap<&str, (u32, usize)> = HashMap::new();
        let mut together: Vec<(&str, &str)> = Vec::new();
        let mut opposed: HashSet<&str> = HashSet::new();
        for (i, e) in entities.iter().enumerate() {
            if !matches!(e.kind, Person | Organization) {
                continue;
            }
            let w = match e.sentence {
                s if s == lead[0] => 3,
                s if lead.contains(&s) => 2,
                _ => 1,
            } + u32::from(acting.binary_search(&e.sentence).is_ok());
            score.entry(e.canonical.as_str()).or_insert((0, i)).0 += w;
            // An opposing word among the three words before the name.
            let mut last = [""; 3];
            for (k, w) in alnum_runs(window_before(text, e.start, 40), false).enumerate() {
                last[k % 3] = w;
            }
            if last.iter().any(|w| may_open(w, OPPOSITION_FIRSTS) && list_bits(w) & IN_OPPOSITION != 0) {
                opposed.insert(e.canonical.as_str());
            }
            if e.kind == Person {
                if let Some(o) = entities[i.saturating_sub(2)..(i + 3).min(entities.len())].iter().find(|o| named_with(text, e, o)) {
                    together.push((e.canonical.as_str(), o.canonical.as_str()));
                }
            }
        }
        let main = score
            .iter()
            .filter(|(_, v)| v.0 >= 3)
            .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
            .map(|(k, _)| *k);
        let mut with_main = HashSet::new();
        for &(p, o) in &together {
            if Some(p) == main {
                with_main.insert(o);
            }
            if Some(o) == main {
                with_main.insert(p);
            }
            if opposed.contains(o) {
                opposed.insert(p);
            }
        }
        Sides { main, with_main, opposed }
    }

    /// Whether a statement's speaker is on the acting side: the main actor, named together
    /// with it, or (a source noun, no entity) the institution's voice ("the ministry said").
    /// Never when the frame names the opposing side ("critics said") or the story names the
    /// speaker as opposing.
    fn acting(&self, entity: Option<&RawEntity>, speaker: Option<&str>, opposing: bool) -> bool {
        let Some(main) = self.main.filter(|_| !opposing) else { return false };
        match entity {
            Some(e) => {
                let c = e.canonical.as_str();
                !self.opposed.contains(c) && (c == main || self.with_main.contains(c))
            }
            None => speaker.is_some_and(|w| lexicon::contains_lower(INSTITUTION_VOICES, w.rsplit(' ').next().unwrap_or(w))),
        }
    }
}

/// The person `p` and the organisation `o` are named together in one sentence: the
/// organisation in at most three words before the name ("Labour Party leader Jeremy Corbyn",
/// "the ministry's spokesman Jo Bell"), or after it in at most five with "of", "for", "at" or
/// "from" ("Jo Bell, a spokeswoman for the ministry").
fn named_with(text: &str, p: &RawEntity, o: &RawEntity) -> bool {
    if o.sentence != p.sentence || o.kind != crate::EntityKind::Organization {
        return false;
    }
    let plain = |gap: &str, bytes: usize| gap.len() <= bytes && !gap.contains(['.', ';', '"', '“', '”']);
    if o.end <= p.start {
        let gap = sub(text, o.end, p.start);
        plain(gap, 30) && alnum_runs(gap, false).count() <= 3
    } else if p.end <= o.start {
        let gap = sub(text, p.end, o.start);
        plain(gap, 40)
            && alnum_runs(gap, false).count() <= 5
            && alnum_runs(gap, false).any(|w| matches!(w, "of" | "for" | "at" | "from"))
    } else {
        false
    }
}

/// Up to `bytes` bytes of `text` before `at` (on a char boundary).
fn window_before(text: &str, at: usize, bytes: usize) -> &str {
    let mut from = at.saturating_sub(bytes);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    sub(text, from, at)
}

/// The story's main actor: the first person or organisation named in its first two content
/// sentences (the title and the lead, or the lead's two sentences) — in news, whose decision or
/// action the story reports, so a speaker who is not them is another side or a reaction.
fn main_actor<'a>(blocks: &[RawBlock], sentences: &[RawSentence], entities: &'a [RawEntity]) -> Option<&'a str> {
    let first: Vec<usize> = sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| blocks.get(s.block).is_some_and(|b| b.kind != BlockKind::Furniture))
        .map(|(i, _)| i)
        .take(2)
        .collect();
    entities
        .iter()
        .take_while(|e| first.last().is_some_and(|&l| e.sentence <= l))
        .find(|e| first.contains(&e.sentence) && matches!(e.kind, crate::EntityKind::Person | crate::EntityKind::Organization))
        .map(|e| e.canonical.as_str())
}

/// The person `e` is introduced, where named here, with a title of office among the three words
/// before the name ("Prime Minister Mateusz Morawiecki", "police chief Jo Bell").
fn office_holder(text: &str, e: &RawEntity) -> bool {
    window_before(text, e.start, 40)
        .split(|c: char| !c.is_alphanumeric())
        .rev()
        .filter(|w| !w.is_empty())
        .take(3)
        .any(|w| list_bits(w) & IN_OFFICES != 0)
}

/// Which of the lists ([`crate::cues::OFFICES`] …) hold `w` (any case, as `lexicon::contains_lower` answers): one hash
/// lookup per word for all four instead of a binary search per list, and none for a word too
/// short for the lists or opening with an ASCII char no list word opens with ("the", "of", "12"),
/// most of a text's words.
fn list_bits(w: &str) -> u8 {
    // The table, the shortest list word (in chars) and the first letters of list words (bit
    // `c - b'a'`).
    static T: OnceLock<(lexicon::Table<u8>, usize, u32)> = OnceLock::new();
    let (t, shortest, firsts) = T.get_or_init(|| {
        let mut t = lexicon::Table::new(64, true);
        let (mut shortest, mut firsts) = (usize::MAX, 0u32);
        for (list, bit) in [(OFFICES, IN_OFFICES), (OPPOSITION, IN_OPPOSITION), (COMMITMENT, IN_COMMITMENT), (LIKELIHOOD, IN_LIKELIHOOD)] {
            for &w in list {
                *t.entry(w) |= bit;
                shortest = shortest.min(w.chars().count());
                firsts |= 1 << (w.as_bytes()[0] - b'a');
            }
        }
        (t, shortest, firsts)
    });
    // Lowercasing never gives a word more chars than it has bytes.
    match w.as_bytes().first() {
        _ if w.len() < *shortest => 0,
        Some(&c) if c.is_ascii_alphabetic() && firsts & (1 << ((c | 0x20) - b'a')) == 0 => 0,
        Some(&c) if c < 0x80 && !c.is_ascii_alphabetic() => 0,
        _ => t.get(w).unwrap_or(0),
    }
}

/// The speaker's side and the modal's use in one sentence: (opposition, pledge, forecast).
/// The frame before the cue names the side; a commitment modal after a first-person or acting
/// subject is a pledge, a likelihood modal outside an official's statement a forecast.
///
/// Read from the sentence's shared words (`words`, [`SentenceWords`]) instead of splitting it
/// again: the alphanumeric runs of a sentence are its words cut at their inner marks, and a
/// list word, which holds no mark, can only be a run no apostrophe touches.
#[inline(never)]
fn side_and_modal(
    text: &str,
    s: &RawSentence,
    attr: &Attribution,
    sig: &Signals,
    sw: &SentenceWords,
    si: usize,
) -> (bool, bool, bool) {
    let words = sw.of(si);
    let body = sub(text, s.start, s.end);
    let cue = attr.cue.map_or(body.len(), |(a, _)| a.saturating_sub(s.start).min(body.len()));
    let frame_end = s.start + sub(body, 0, cue).len();
    let src = attr.source.map_or("", |(a, b)| sub(text, a, b));
    let mut opposition = alnum_runs(src, false).any(|w| may_open(w, OPPOSITION_FIRSTS) && list_bits(w) & IN_OPPOSITION != 0);
    let mut pledge = false;
    let mut forecast = false;
    let b = text.as_bytes();
    const CURLY: &[u8] = "’".as_bytes();
    let apostrophe_before = |at: usize| at > s.start && (b[at - 1] == b'\'' || b[..at].ends_with(CURLY));
    let apostrophe_after = |at: usize| at < s.end && (b[at] == b'\'' || b[at..].starts_with(CURLY));
    // A run `pa..pb` of the sentence and the lists that hold it (`bits`).
    let mut run = |pa: usize, pb: usize, bits: u8, opposition: &mut bool| {
        if !*opposition && pa < frame_end {
            *opposition = if pb <= frame_end {
                bits & IN_OPPOSITION != 0
            } else {
                list_bits(sub(text, pa, frame_end)) & IN_OPPOSITION != 0
            };
        }
        if bits & (IN_COMMITMENT | IN_LIKELIHOOD) == 0 || apostrophe_before(pa) || apostrophe_after(pb) {
            return;
        }
        if bits & IN_COMMITMENT != 0 && !pledge {
            pledge = sig.actor.is_some() || {
                let prev = previous_run(sub(text, s.start, pa));
                matches!(prev.to_ascii_lowercase().as_str(), "we" | "i" | "it" | "they" | "government" | "ministry" | "council" | "company")
            };
        }
        if bits & IN_LIKELIHOOD != 0 && (sig.expert || sig.actor.is_none()) {
            forecast = true;
        }
    };
    for (k, (&(wa, wb), &id)) in words.spans.iter().zip(words.ids).enumerate() {
        let marked = if k < 64 {
            words.marked >> k & 1 != 0
        } else {
            b[wa..wb].iter().any(|&c| matches!(c, b'-' | b'\'' | 0xE2))
        };
        if !marked {
            // The word is one run: its lists came with the word index's answer.
            let bits = sw.info(id).lists;
            if bits != 0 || (wb > frame_end && wa < frame_end) {
                run(wa, wb, bits, &mut opposition);
            }
            continue;
        }
        let w = sub(text, wa, wb);
        for piece in alnum_runs(w, false) {
            let pa = wa + (piece.as_ptr() as usize - w.as_ptr() as usize);
            run(pa, pa + piece.len(), list_bits(piece), &mut opposition);
        }
    }
    (opposition, pledge, forecast)
}

/// The last run of alphanumeric chars and apostrophes in `head` (what `alnum_runs(head, true)`
/// gives last), or "".
fn previous_run(head: &str) -> &str {
    let in_run = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let end = head.trim_end_matches(|c: char| !in_run(c)).len();
    let start = head[..end].trim_end_matches(in_run).len();
    &head[start..end]
}

/// The first letters of the words of `lists` (bit `c - b'a'`; the words are lowercase).
const fn firsts(lists: &[&[&str]]) -> u32 {
    let (mut m, mut l) = (0u32, 0);
    while l < lists.len() {
        let mut k = 0;
        while k < lists[l].len() {
            m |= 1 << (lists[l][k].as_bytes()[0] - b'a');
            k += 1;
        }
        l += 1;
    }
    m
}
#[cfg(test)]
const MODAL_FIRSTS: u32 = firsts(&[COMMITMENT, LIKELIHOOD]);
const OPPOSITION_FIRSTS: u32 = firsts(&[OPPOSITION]);

/// Whether `w` may be in a list whose words open with the letters `firsts` ([`firsts`]), by
/// its first byte: an ASCII one must be, case aside, one of them. Most words of a text are not,
/// and every sentence is read for these lists: they then need no lookup.
#[inline]
fn may_open(w: &str, firsts: u32) -> bool {
    match w.as_bytes().first() {
        Some(&c) if c.is_ascii_alphabetic() => firsts & (1 << ((c | 0x20) - b'a')) != 0,
        Some(&c) => c >= 0x80,
        None => true,
    }
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
    let opening = sub(text, s.start, s.end).trim_start();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure;

    /// [`side_and_modal`] as it read the sentence before the shared words: by splitting it.
    fn side_and_modal_split(text: &str, s: &RawSentence, attr: &Attribution, sig: &Signals) -> (bool, bool, bool) {
        let body = sub(text, s.start, s.end);
        let cue = attr.cue.map_or(body.len(), |(a, _)| a.saturating_sub(s.start).min(body.len()));
        let frame = sub(body, 0, cue);
        let src = attr.source.map_or("", |(a, b)| sub(text, a, b));
        let opposition = alnum_runs(frame, false)
            .chain(alnum_runs(src, false))
            .any(|w| may_open(w, OPPOSITION_FIRSTS) && list_bits(w) & IN_OPPOSITION != 0);
        let (mut pledge, mut forecast, mut prev) = (false, false, "");
        for w in alnum_runs(body, true) {
            let bits = if may_open(w, MODAL_FIRSTS) { list_bits(w) } else { 0 };
            if bits & IN_COMMITMENT != 0
                && (matches!(prev.to_ascii_lowercase().as_str(), "we" | "i" | "it" | "they" | "government" | "ministry" | "council" | "company")
                    || sig.actor.is_some())
            {
                pledge = true;
            }
            if bits & IN_LIKELIHOOD != 0 && (sig.expert || sig.actor.is_none()) {
                forecast = true;
            }
            prev = w;
        }
        (opposition, pledge, forecast)
    }

    /// Every sentence's (side, modal) from the shared words as from splitting it, with each
    /// cue position and signal combination.
    #[test]
    fn side_and_modal_from_shared_words_as_from_a_split() {
        for w in COMMITMENT.iter().chain(LIKELIHOOD).chain(OPPOSITION) {
            assert!(!w.contains(['\'', '’', '-']), "{w}: list words hold no mark");
        }
        let texts = [
            "We will appeal the ruling. Prices could rise next year. Critics said the plan was flawed.",
            "They'll go. 'will they? will' We’ll see; it will. It’s going to rain, they may say — perhaps.",
            "State-run critics-in-chief will-o'-the-wisp, the company’s rivals’ might. WILL IT MAY Probably.",
            "The government would re-open; opposition-led council will. Li\u{212A}ely \u{212A}illed maybe.",
            "workers' pay ’may’ ’tis may’s co-op’s 'may-' -might- x’will y'would it—would",
            &"Officials said the plan would pass, and critics may oppose it. ".repeat(12),
        ];
        let signals = [
            Signals::default(),
            Signals { actor: Some((0, 1)), ..Signals::default() },
            Signals { expert: true, actor: Some((0, 1)), ..Signals::default() },
        ];
        for text in texts {
            let blocks = structure::blocks(text);
            let sentences = structure::sentences(text, &blocks);
            let sw = SentenceWords::read(text, &blocks, &sentences);
            for (si, s) in sentences.iter().enumerate() {
                let ws = sw.of(si);
                let mut attrs = vec![Attribution::default()];
                for &(a, b) in ws.spans.iter().take(5) {
                    attrs.push(Attribution { cue: Some((a, b)), source: Some((s.start, a)), ..Attribution::default() });
                }
                for attr in &attrs {
                    for sig in &signals {
                        assert_eq!(
                            side_and_modal(text, s, attr, sig, &sw, si),
                            side_and_modal_split(text, s, attr, sig),
                            "{text:?} sentence {si}, cue {:?}",
                            attr.cue
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn side_and_modal_of_one_sentence() {
        // (sentence, (opposition, pledge, forecast)), with no attribution and no official actor.
        for (text, want) in [
            ("We will appeal the ruling.", (false, true, false)),
            ("Prices could rise next year.", (false, false, true)),
            ("Critics said the plan was flawed.", (true, false, false)),
            ("The pier closed on Monday.", (false, false, false)),
        ] {
            let blocks = structure::blocks(text);
            let sentences = structure::sentences(text, &blocks);
            let sw = SentenceWords::read(text, &blocks, &sentences);
            let s = sentences[0];
            assert_eq!(side_and_modal(text, &s, &Attribution::default(), &Signals::default(), &sw, 0), want, "{text}");
        }
    }

    #[test]
    fn sides_of_a_story() {
        use crate::EntityKind::{Organization, Person};
        let text = "Ministry Bans Bags\n\nThe Ministry banned bags. Labour Party leader Jo Bell said it was a stunt. \
                    Tom Reyes, a spokesman for the Ministry, said it would last. The opposition Greens objected. Ann Poe of Greens said no.";
        let blocks = structure::blocks(text);
        let sentences = structure::sentences(text, &blocks);
        // Each mention as (words, kind, canonical), in text order.
        let mut entities = Vec::new();
        let mut from = 0;
        for (words, kind, canonical) in [
            ("Ministry", Organization, "Ministry"),
            ("Ministry", Organization, "Ministry"),
            ("Labour Party", Organization, "Labour Party"),
            ("Jo Bell", Person, "Jo Bell"),
            ("Tom Reyes", Person, "Tom Reyes"),
            ("Ministry", Organization, "Ministry"),
            ("Greens", Organization, "Greens"),
            ("Ann Poe", Person, "Ann Poe"),
            ("Greens", Organization, "Greens"),
        ] {
            let start = from + text[from..].find(words).unwrap();
            from = start + words.len();
            let sentence = sentences.iter().position(|s| s.start <= start && start < s.end).unwrap();
            entities.push(RawEntity { start, end: from, kind, canonical: canonical.into(), sentence, official: false, civic: false, expert: false });
        }
        let sides = Sides::read(text, &blocks, &sentences, &entities, &[]);
        assert_eq!(sides.main, Some("Ministry"));
        let e = |name: &str| entities.iter().find(|e| e.canonical == name);
        // (speaker entity, source noun, opposing frame, on the acting side)
        for (entity, noun, opposing, want) in [
            (e("Ministry"), None, false, true),
            (e("Tom Reyes"), None, false, true),
            (e("Jo Bell"), None, false, false),
            (e("Ann Poe"), None, false, false),
            (e("Greens"), None, false, false),
            (e("Ministry"), None, true, false),
            (None, Some("the ministry"), false, true),
            (None, Some("officials"), false, true),
            (None, Some("residents"), false, false),
        ] {
            assert_eq!(sides.acting(entity, noun, opposing), want, "{entity:?} {noun:?} {opposing}");
        }
        assert!(sides.opposed.contains("Ann Poe"), "named with the opposing Greens");
    }

    #[test]
    fn words_opening_with_no_list_letter_are_in_no_list() {
        let mut words: Vec<String> = ["", "é", "Éire", "WILL", "Will", "may", "X", "5G", "'will", "the", "\u{212A}"].map(String::from).to_vec();
        for w in COMMITMENT.iter().chain(LIKELIHOOD).chain(OFFICES).chain(OPPOSITION) {
            words.extend([w.to_string(), w.to_uppercase(), w[1..].to_string()]);
        }
        for c in 0u8..128 {
            words.push(format!("{}ay", c as char));
        }
        for w in &words {
            if !may_open(w, MODAL_FIRSTS) {
                assert_eq!(list_bits(w) & (IN_COMMITMENT | IN_LIKELIHOOD), 0, "{w:?}");
            }
            if !may_open(w, OPPOSITION_FIRSTS) {
                assert_eq!(list_bits(w) & IN_OPPOSITION, 0, "{w:?}");
            }
        }
        assert!(may_open("Will", MODAL_FIRSTS) && may_open("probably", MODAL_FIRSTS));
        assert!(!may_open("the", MODAL_FIRSTS) && !may_open("12", MODAL_FIRSTS) && may_open("Ébauche", MODAL_FIRSTS));
    }

    #[test]
    fn list_bits_answer_as_the_list_searches() {
        let lists = [(OFFICES, IN_OFFICES), (OPPOSITION, IN_OPPOSITION), (COMMITMENT, IN_COMMITMENT), (LIKELIHOOD, IN_LIKELIHOOD)];
        let mut words: Vec<String> =
            ["", "\u{212A}ing", "WILL", "Critics’", "é", "Ma", "5G", "the", "\u{212A}"].map(String::from).to_vec();
        for (list, _) in lists {
            for w in list {
                words.extend([w.to_string(), w.to_uppercase(), format!("{w}s"), w[1..].to_string()]);
            }
        }
        for w in &words {
            for (list, bit) in lists {
                assert_eq!(list_bits(w) & bit != 0, lexicon::contains_lower(list, w), "{w}");
            }
            // The word index answers the same for a word of the shared words.
            assert_eq!(crate::words::index().get(w).map_or(0, |i| i.lists), list_bits(w), "{w}");
        }
    }
}
