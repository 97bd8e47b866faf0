//! What the attribution model sees: a sentence's form (quotation marks across sentences, cue
//! words outside quotes, "according to", a colon, pronouns and entities in the frame) and, for
//! each possible source in it, where that source stands relative to the cue.

use crate::entities::RawEntity;
use crate::lexicon;
use crate::structure::RawSentence;
use crate::EntityKind;

/// Sentence feature names, in column order.
pub const SENTENCE_FEATURES: [&str; NS] = [
    "bias",
    "cue word outside quotes",
    "reporting verb (lexicon) outside quotes",
    "share in quotation marks",
    "a quotation of three words or more",
    "starts inside a quotation opened before",
    "opens with a quotation mark",
    "quotation runs on into the next sentence",
    "according to",
    "colon outside quotes",
    "pronoun in the frame",
    "person outside quotes",
    "organisation outside quotes",
    "group outside quotes",
    "title",
    "heading",
    "long sentence",
    "previous sentence has a cue",
    "same quotation as the previous sentence",
    "first sentence of its paragraph",
    "question",
    "number",
    "cue right after a closing quotation mark",
    "source noun outside quotes",
    "its quotation ends in a sentence with a cue",
];
pub const NS: usize = 25;

/// Source-candidate feature names, in column order.
pub const SOURCE_FEATURES: [&str; NC] = [
    "source outside the sentence",
    "person",
    "organisation",
    "place",
    "group",
    "he / she",
    "they / we / it",
    "I",
    "source noun (officials, the agency)",
    "before the cue",
    "after the cue",
    "no cue",
    "next to the cue",
    "one or two words from the cue",
    "three to six words from the cue",
    "further from the cue",
    "nearest before the cue",
    "nearest after the cue",
    "opens the sentence",
    "after a preposition",
    "possessive",
    "after according to",
    "after a closing quotation mark",
    "followed by a comma",
    "after by",
    "official role",
    "official actor noun",
    "outside: starts inside a quotation",
    "outside: no cue",
    "outside: previous sentence has a cue",
    "first source of the sentence",
    "object of told / asked / urged",
    "inside parentheses",
    "right before the cue",
    "right after the cue",
    "after a cue that follows a quotation",
    "person before the cue",
    "organisation before the cue",
    "he / she before the cue",
    "inside a quotation's frame between two quotes",
    "a comma between it and the cue",
    "after a comma, before the cue (an appositive)",
    "followed by a role (White House spokesman …)",
    "followed by a name (Secretary of State Madeleine Albright)",
    "dateline (capitals opening the sentence before a dash)",
    "in the appositive or of-phrase of a person before it",
];
pub const NC: usize = 46;

/// A possible source of a sentence's attribution.
#[derive(Clone, Debug, PartialEq)]
pub enum CandidateKind {
    /// An entity of the sentence (index into the article's entities).
    Entity(usize),
    /// A pronoun ("he", "they"), lowercased.
    Pronoun(&'static str),
    /// A source noun ("officials", "the agency"): its word, as a byte range.
    Noun,
    /// The source is named in another sentence: the quotation's, or the previous statement's.
    Outside,
}

#[derive(Clone, Debug)]
pub struct Candidate {
    pub kind: CandidateKind,
    /// Byte range in the text (empty for [`CandidateKind::Outside`]).
    pub start: usize,
    pub end: usize,
    pub x: [f32; NC],
}

/// Pronouns that can be a statement's source, with their feature column.
const PRONOUNS: [(&str, usize); 7] = [
    ("he", 5),
    ("i", 7),
    ("it", 6),
    ("she", 5),
    ("they", 6),
    ("we", 6),
    ("you", 6),
];

pub(crate) fn pronoun(w: &str) -> Option<(&'static str, usize)> {
    PRONOUNS
        .iter()
        .find(|(p, _)| lexicon::eq_lower(w, p))
        .copied()
}

/// Descriptions of sources beyond the lexicons' actor nouns: the collective and document
/// sources of news attribution ("the campaign said", "the report found", "aides say").
/// Sorted.
pub const SOURCE_NOUNS: &[&str] = &[
    "adviser", "advisers", "advisor", "advisors", "aide", "aides", "allies", "analysis",
    "analysts", "article", "audit", "authorities", "campaign", "candidate", "candidates",
    "critics", "data", "democrats", "documents", "email", "emails", "experts", "filing",
    "investigators", "lawmakers", "lawsuit", "letter", "memo", "observers", "officials",
    "opponents", "poll", "polls", "prosecutors", "report", "republicans", "researchers",
    "senators", "sources", "statement", "study", "supporters", "survey", "voters", "witnesses",
];

pub fn source_noun(w: &str) -> bool {
    lexicon::contains_lower(SOURCE_NOUNS, w)
        || lexicon::is_official_actor(w)
        || lexicon::contains_lower(lexicon::NON_OFFICIAL_SOURCES, w)
        || lexicon::contains_lower(lexicon::CITIZEN_SOURCES, w)
}

/// Everything about one sentence the models need; byte offsets into the text.
pub struct SentenceView<'a> {
    pub text: &'a str,
    pub s: &'a RawSentence,
    pub ws: &'a [(usize, usize)],
    /// Per word: inside quotation marks.
    pub quoted: &'a [bool],
    /// Per word: inside an entity.
    pub in_entity: &'a [bool],
    pub ents: &'a [RawEntity],
    /// Index of the first of `ents` in the article's entity list.
    pub ent0: usize,
}

impl SentenceView<'_> {
    pub fn word(&self, i: usize) -> &str {
        crate::sub(self.text, self.ws[i].0, self.ws[i].1)
    }
    /// The first word at or after byte `pos`.
    fn word_at(&self, pos: usize) -> usize {
        self.ws.partition_point(|w| w.0 < pos)
    }
    /// The last word ending at or before byte `pos`.
    fn word_before(&self, pos: usize) -> Option<usize> {
        self.ws.partition_point(|w| w.1 <= pos).checked_sub(1)
    }
}

/// The cue of a sentence: the outside-quote word most often a cue in the training corpus
/// (`cue_ratio` gives that share per word), with its share.
pub fn anchor(v: &SentenceView, cue_ratio: impl Fn(&str) -> f32) -> Option<(usize, f32)> {
    let mut best: Option<(usize, f32)> = None;
    for i in 0..v.ws.len() {
        if v.quoted[i] || v.in_entity[i] {
            continue;
        }
        let r = cue_ratio(v.word(i));
        if r > 0.0 && best.is_none_or(|b| r > b.1) {
            best = Some((i, r));
        }
    }
    best
}

fn bucket(x: &mut [f32; NC], gap: usize) {
    let col = match gap {
        0 => 12,
        1..=2 => 13,
        3..=6 => 14,
        _ => 15,
    };
    x[col] = 1.0;
}

/// Roles that follow an organisation's or a person's name as a modifier ("White House
/// spokesman Josh Earnest", "Clinton campaign manager Robby Mook"). Sorted.
const ROLES: &[&str] = &[
    "adviser", "aide", "analyst", "attorney", "author", "campaign", "chair", "chairman",
    "chairwoman", "chief", "co-founder", "communications", "correspondent", "deputy", "director",
    "economist", "editor", "executive", "former", "founder", "governor", "group", "lawyer",
    "leader", "manager", "pollster", "president", "press", "reporter", "secretary", "senator",
    "senior", "spokesman", "spokesperson", "spokeswoman", "staffer", "strategist", "top", "vice",
];

/// A role word that may stand between a name and the name it modifies.
pub fn role(w: &str) -> bool {
    lexicon::contains_lower(ROLES, w) || lexicon::is_title(w)
}

const PREPOSITIONS: &[&str] = &[
    "about", "against", "at", "by", "for", "from", "in", "into", "of", "on", "over", "to",
    "toward", "towards", "with",
];

/// The sentence's possible sources and their features. `anchor` is the cue word; `starts_in_quote`,
/// `prev_cue`: sentence features the outside candidate uses.
pub fn candidates(
    v: &SentenceView,
    anchor: Option<usize>,
    starts_in_quote: bool,
    prev_cue: bool,
    out: &mut Vec<Candidate>,
) {
    out.clear();
    let mut outside = [0.0f32; NC];
    outside[0] = 1.0;
    outside[27] = f32::from(u8::from(starts_in_quote));
    outside[28] = f32::from(u8::from(anchor.is_none()));
    outside[29] = f32::from(u8::from(prev_cue));
    out.push(Candidate {
        kind: CandidateKind::Outside,
        start: 0,
        end: 0,
        x: outside,
    });
    // Spans first (word ranges), features after, so "nearest" and "first" can be found.
    let mut spans: Vec<(CandidateKind, usize, usize, usize)> = Vec::new(); // kind, first word, last word, column
    for (k, e) in v.ents.iter().enumerate() {
        let a = v.word_at(e.start);
        if a >= v.ws.len() || v.quoted[a] {
            continue;
        }
        let b = v.word_before(e.end).unwrap_or(a).max(a);
        let col = match e.kind {
            EntityKind::Person => 1,
            EntityKind::Organization => 2,
            EntityKind::Place => 3,
            EntityKind::Group => 4,
        };
        spans.push((CandidateKind::Entity(v.ent0 + k), a, b, col));
    }
    for i in 0..v.ws.len() {
        if v.quoted[i] || v.in_entity[i] {
            continue;
        }
        let w = v.word(i);
        if let Some((p, col)) = pronoun(w) {
            // "I" is the writer's or a quoted speaker's; "you" rarely a source but cheap to rank.
            spans.push((CandidateKind::Pronoun(p), i, i, col));
        } else if w.len() > 2 && source_noun(w) {
            spans.push((CandidateKind::Noun, i, i, 8));
        }
    }
    spans.sort_by_key(|c| c.1);
    let nearest_before = anchor.and_then(|a| spans.iter().filter(|c| c.2 < a).map(|c| c.1).max());
    let nearest_after = anchor.and_then(|a| spans.iter().filter(|c| c.1 > a).map(|c| c.1).min());
    let first = spans.first().map(|c| c.1);
    let lower = |i: usize| v.word(i).to_ascii_lowercase();
    let cue_after_quote = anchor.is_some_and(|c| (c.saturating_sub(3)..c).any(|k| v.quoted[k]));
    let n = v.ws.len();
    // Last word and first word of each person of the sentence.
    let person_ends: Vec<(usize, usize)> = spans
        .iter()
        .filter(|c| c.3 == 1)
        .map(|c| (c.2, c.1))
        .collect();
    for (kind, a, b, col) in spans {
        let mut x = [0.0f32; NC];
        x[col] = 1.0;
        match anchor {
            Some(c) if b < c => {
                x[9] = 1.0;
                bucket(&mut x, c - b - 1);
            }
            Some(c) if a > c => {
                x[10] = 1.0;
                bucket(&mut x, a - c - 1);
            }
            Some(_) => x[9] = 1.0,
            None => x[11] = 1.0,
        }
        x[16] = f32::from(u8::from(nearest_before == Some(a)));
        x[17] = f32::from(u8::from(nearest_after == Some(a)));
        x[18] = f32::from(u8::from(a == 0 || (a == 1 && lexicon::eq_lower(v.word(0), "the"))));
        let before = a.checked_sub(1);
        let before_skip_the = before.and_then(|k| {
            if lexicon::eq_lower(v.word(k), "the") {
                k.checked_sub(1)
            } else {
                Some(k)
            }
        });
        if let Some(k) = before_skip_the {
            let w = lower(k);
            x[19] = f32::from(u8::from(PREPOSITIONS.contains(&w.as_str())));
            x[24] = f32::from(u8::from(w == "by"));
            x[31] = f32::from(u8::from(matches!(
                w.as_str(),
                "told" | "asked" | "urged" | "tells" | "asks" | "urges"
            )));
        }
        let last = v.word(b);
        x[20] = f32::from(u8::from(last.ends_with("'s") || last.ends_with("’s")));
        x[21] = f32::from(u8::from(
            (a.saturating_sub(4)..a).any(|k| lexicon::eq_lower(v.word(k), "according")),
        ));
        // A closing quotation mark (a quoted word) shortly before.
        x[22] = f32::from(u8::from((a.saturating_sub(3)..a).any(|k| v.quoted[k])));
        let after_end = v.ws[b].1;
        let next_start = if b + 1 < n { v.ws[b + 1].0 } else { v.s.end };
        let between = crate::sub(v.text, after_end, next_start);
        x[23] = f32::from(u8::from(between.contains(',')));
        let open_before = crate::sub(v.text, v.s.start, v.ws[a].0);
        x[32] = f32::from(u8::from(
            open_before.matches('(').count() > open_before.matches(')').count(),
        ));
        if let CandidateKind::Entity(e) = kind {
            x[25] = f32::from(u8::from(v.ents[e - v.ent0].official));
        }
        if matches!(kind, CandidateKind::Noun) {
            x[26] = f32::from(u8::from(lexicon::is_official_actor(v.word(a))));
        }
        x[30] = f32::from(u8::from(first == Some(a)));
        x[33] = x[9] * x[12];
        x[34] = x[10] * x[12];
        x[35] = x[10] * f32::from(u8::from(cue_after_quote));
        x[36] = x[9] * x[1];
        x[37] = x[9] * x[2];
        x[38] = x[9] * x[5];
        if let Some(c) = anchor.filter(|&c| b < c) {
            x[40] = f32::from(u8::from(crate::sub(v.text, v.ws[b].1, v.ws[c].0).contains(',')));
            x[41] = f32::from(u8::from(
                a > 0 && crate::sub(v.text, v.ws[a - 1].1, v.ws[a].0).contains(',')
                    || (a > 1 && matches!(lower(a - 1).as_str(), "a" | "the" | "an")
                        && crate::sub(v.text, v.ws[a - 2].1, v.ws[a - 1].0).contains(',')),
            ));
        }
        if b + 1 < n {
            let next = v.word(b + 1);
            let lower_next = !crate::model::capitalised(next);
            x[42] = f32::from(u8::from(
                lower_next && (lexicon::is_title(next) || source_noun(next) || role(next)),
            ));
            let name_after = v.ents.iter().any(|e| e.start >= v.ws[b].1 && {
                let k = v.word_at(e.start);
                k <= b + 3 && !(b + 1..k).any(|j| crate::sub(v.text, v.ws[j - 1].1, v.ws[j].0).contains(','))
            });
            x[43] = f32::from(u8::from(name_after && !matches!(kind, CandidateKind::Entity(_)) || (name_after && x[42] > 0.0)));
        }
        if let CandidateKind::Entity(e) = kind {
            // "WASHINGTON (AP) —", "PASADENA, Calif., Jan. 1 (UPI) —": where, not who.
            let name = crate::sub(v.text, v.ents[e - v.ent0].start, v.ents[e - v.ent0].end);
            let mut to = (v.ws[b].1 + 40).min(v.s.end);
            while !v.text.is_char_boundary(to) {
                to -= 1;
            }
            let after = crate::sub(v.text, v.ws[b].1, to);
            x[44] = f32::from(u8::from(
                a <= 1
                    && name.chars().filter(|c| c.is_alphabetic()).count() >= 3
                    && !name.chars().any(char::is_lowercase)
                    && after.contains(['—', '–', '(']),
            ));
        }
        // "Brent Bozell III, founder of the Media Research Center", "Parker Eaton, a Republican
        // who voted for Bill Clinton,", "Stacy Baker of Columbia": a name inside the phrase
        // describing the person before it.
        x[45] = f32::from(u8::from(person_ends.iter().any(|&(pb, _)| {
            pb < a
                && a - pb <= 16
                && anchor.is_none_or(|c| !(pb < c && c < a))
                && (crate::sub(v.text, v.ws[pb].1, v.ws[pb + 1].0).contains(',')
                    || (a - pb <= 4
                        && (pb + 1..a).any(|j| matches!(lower(j).as_str(), "of" | "at" | "from" | "for"))))
        })));
        // "“…,” said X, “…”": a frame between two quotations.
        x[39] = f32::from(u8::from(
            (a.saturating_sub(3)..a).any(|k| v.quoted[k]) && (b + 1..(b + 4).min(n)).any(|k| v.quoted[k]),
        ));
        out.push(Candidate {
            kind,
            start: v.ws[a].0,
            end: v.ws[b].1,
            x,
        });
    }
}
