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
    "a name and a colon open it (Trump: …, Clinton camp: …)",
    "cue share of the verb after a name, pronoun or source noun (Huerta also applauded)",
    "a cue word right after a name, pronoun or source noun",
    "title case (Bernie Sanders Says He’s …)",
    "title case: the cue share",
];
pub const NS: usize = 30;

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
    "subject of the cue (only auxiliaries between: X said, X has also said)",
    "a clause opener between it and the cue (who, that, when, because)",
    "in an opening clause before the comma (In what he called …, X said)",
    "person after a cue that follows a quotation (“…,” said Sen. A)",
    "nearest before the cue in the same clause",
    "before a colon that follows the sentence's first words (Trump: …)",
    "in an according-to phrase (according to a count by The Associated Press)",
    "in an according-to phrase that ends the sentence (X said, according to CNN)",
    "agent of a passive cue (was endorsed by X, first reported by X)",
    "subject of a passive cue (X was endorsed by …)",
    "subject of a cue word, its share (X also applauded, X has hammered)",
    "subject of a cue word that is not the sentence's cue",
    "right after a cue that follows a comma (…, said X)",
    "in a place phrase after a preposition, past a comma (in Ames, Iowa, …)",
    "a place after a preposition",
    "a person apposed to a role phrase before it (Trump's campaign manager, Corey Lewandowski)",
];
pub const NC: usize = 62;

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

/// `text[a..b]` (as [`crate::sub`] reads it) holds ASCII byte `c`: a byte search, where
/// `str::contains` of a char is a call per short gap between two words.
#[inline]
#[allow(clippy::manual_contains)] // a gap is a byte or two: `contains` (a memchr) costs a call and its setup
pub(crate) fn gap_has(text: &str, a: usize, b: usize, c: u8) -> bool {
    crate::sub(text, a, b).as_bytes().iter().any(|&x| x == c)
}

/// How many times ASCII byte `c` occurs in `s`.
#[inline]
fn count(s: &str, c: u8) -> usize {
    s.as_bytes().iter().filter(|&&x| x == c).count()
}

/// What the models ask of one word, answered once per word ([`WordFacts::of`]) instead of by a
/// list search at every question: the features ask about the same words many times over.
#[derive(Clone, Copy, Default)]
pub struct WordFacts {
    /// The word's weight in the sentence model, when it has one.
    pub weight: Option<f32>,
    /// Its entry in the model's word list: "The" and "the" are one word, weighed once in a
    /// sentence (meaningful only with a weight).
    pub entry: u32,
    /// Its share as a cue outside quotes (0 when unknown).
    pub cue: f32,
    /// [`PRONOUNS`] index + 1; 0 for no pronoun.
    pronoun: u8,
    flags: u32,
}

// `WordFacts::flags`. The first group answers as `lexicon::eq_lower` and the lexicon lookups do
// (Unicode lower case); the `*_ASCII` group as a comparison of `to_ascii_lowercase` does.
const F_SOURCE_NOUN: u32 = 1;
const F_ROLE: u32 = 1 << 1;
const F_TITLE: u32 = 1 << 2;
const F_REPORTING: u32 = 1 << 3;
const F_ACTOR: u32 = 1 << 4;
const F_THE: u32 = 1 << 5;
const F_ACCORDING: u32 = 1 << 6;
const F_TO: u32 = 1 << 7;
const F_CAPITALISED: u32 = 1 << 8;
const F_DIGIT: u32 = 1 << 9;
const F_PREPOSITION_ASCII: u32 = 1 << 10;
const F_BY_ASCII: u32 = 1 << 11;
const F_TOLD_ASCII: u32 = 1 << 12;
const F_ARTICLE_ASCII: u32 = 1 << 13;
const F_OF_ASCII: u32 = 1 << 14;
const F_AUX_ASCII: u32 = 1 << 17;
const F_CLAUSE_ASCII: u32 = 1 << 18;
const ASCII_ONLY: u32 =
    F_PREPOSITION_ASCII | F_BY_ASCII | F_TOLD_ASCII | F_ARTICLE_ASCII | F_OF_ASCII | F_AUX_ASCII | F_CLAUSE_ASCII;
/// Kept in the table only: the part of [`source_noun`] that is this module's and the
/// lexicon's plain lists (official actors come from the lexicon's own lookup).
const F_SOURCE_LIST: u32 = 1 << 15;
const F_ROLE_LIST: u32 = 1 << 16;

/// One case-insensitive lookup for every list [`WordFacts`] reads, built once.
fn fact_table() -> &'static lexicon::Table<(u32, u8)> {
    static T: std::sync::OnceLock<lexicon::Table<(u32, u8)>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t: lexicon::Table<(u32, u8)> = lexicon::Table::new(128, true);
        for list in [SOURCE_NOUNS, lexicon::NON_OFFICIAL_SOURCES, lexicon::CITIZEN_SOURCES] {
            for &w in list {
                t.entry(w).0 |= F_SOURCE_LIST;
            }
        }
        for &w in ROLES {
            t.entry(w).0 |= F_ROLE_LIST;
        }
        for (k, &(p, _)) in PRONOUNS.iter().enumerate() {
            t.entry(p).1 = k as u8 + 1;
        }
        for &w in PREPOSITIONS {
            t.entry(w).0 |= F_PREPOSITION_ASCII;
        }
        for (w, f) in [("the", F_THE | F_ARTICLE_ASCII), ("according", F_ACCORDING), ("to", F_TO), ("by", F_BY_ASCII)] {
            t.entry(w).0 |= f;
        }
        for w in ["told", "asked", "urged", "tells", "asks", "urges"] {
            t.entry(w).0 |= F_TOLD_ASCII;
        }
        for w in ["a", "an"] {
            t.entry(w).0 |= F_ARTICLE_ASCII;
        }
        for &w in AUXILIARIES {
            t.entry(w).0 |= F_AUX_ASCII;
        }
        for &w in CLAUSE_OPENERS {
            t.entry(w).0 |= F_CLAUSE_ASCII;
        }
        for w in ["of", "at", "from", "for"] {
            t.entry(w).0 |= F_OF_ASCII;
        }
        t
    })
}

impl WordFacts {
    /// The facts of word `w` under the sentence model's vocabulary `words`.
    pub fn of(w: &str, words: &lexicon::Table<(f32, f32, u32)>) -> WordFacts {
        let (weight, cue, entry) = match words.get(w) {
            Some((weight, cue, entry)) => (Some(weight), cue, entry),
            None => (None, 0.0, 0),
        };
        let (mut flags, pronoun) = fact_table().get(w).unwrap_or_default();
        if !w.is_ascii() {
            flags &= !ASCII_ONLY;
        }
        let (_, title, actor, reporting) = lexicon::word_flags(w);
        // `lexicon::is_official_actor`: a second lookup only for hyphenated words.
        let actor = actor || (w.as_bytes().contains(&b'-') && lexicon::is_official_actor(w));
        let bit = |x: bool, f: u32| if x { f } else { 0 };
        flags |= bit(flags & F_SOURCE_LIST != 0 || actor, F_SOURCE_NOUN)
            | bit(flags & F_ROLE_LIST != 0 || title, F_ROLE)
            | bit(title, F_TITLE)
            | bit(reporting, F_REPORTING)
            | bit(actor, F_ACTOR)
            | bit(crate::model::capitalised(w), F_CAPITALISED)
            | bit(w.bytes().any(|c| c.is_ascii_digit()), F_DIGIT);
        WordFacts { weight, entry, cue, pronoun, flags }
    }
    #[inline]
    fn has(self, f: u32) -> bool {
        self.flags & f != 0
    }
    /// The pronoun the word is ([`PRONOUNS`], any case), with its feature column.
    pub fn pronoun(self) -> Option<(&'static str, usize)> {
        usize::from(self.pronoun).checked_sub(1).map(|k| PRONOUNS[k])
    }
    /// [`source_noun`] of the word.
    pub fn source_noun(self) -> bool {
        self.has(F_SOURCE_NOUN)
    }
    /// [`role`] of the word.
    pub fn role(self) -> bool {
        self.has(F_ROLE)
    }
    pub fn title(self) -> bool {
        self.has(F_TITLE)
    }
    /// `lexicon::is_reporting_verb`.
    pub fn reporting(self) -> bool {
        self.has(F_REPORTING)
    }
    /// `lexicon::is_official_actor`.
    pub fn official_actor(self) -> bool {
        self.has(F_ACTOR)
    }
    /// `lexicon::eq_lower(w, "the")`, "according", "to".
    pub fn the(self) -> bool {
        self.has(F_THE)
    }
    pub fn according(self) -> bool {
        self.has(F_ACCORDING)
    }
    pub fn to(self) -> bool {
        self.has(F_TO)
    }
    /// `crate::model::capitalised`.
    pub fn capitalised(self) -> bool {
        self.has(F_CAPITALISED)
    }
    /// Has an ASCII digit.
    pub fn digit(self) -> bool {
        self.has(F_DIGIT)
    }
    /// In [`AUXILIARIES`], any case (`lexicon::contains_lower`: no auxiliary holds a letter
    /// that a non-ASCII char lowercases to).
    pub fn auxiliary(self) -> bool {
        self.has(F_AUX_ASCII)
    }
}

/// Everything about one sentence the models need; byte offsets into the text.
pub struct SentenceView<'a> {
    pub text: &'a str,
    pub s: &'a RawSentence,
    pub ws: &'a [(usize, usize)],
    /// Per word: what the models ask of it.
    pub facts: &'a [WordFacts],
    /// Per word: inside quotation marks.
    pub quoted: &'a [bool],
    /// Per word: inside an entity.
    pub in_entity: &'a [bool],
    pub ents: &'a [RawEntity],
    /// Index of the first of `ents` in the article's entity list.
    pub ent0: usize,
    /// The sentence is a headline in title case ([`title_case`]): its capitalised words are
    /// read as words, and a cue word inside a name is no part of it.
    pub title_case: bool,
}

/// A headline in title case or capitals ("Bernie Sanders Says He’s Already Started …", "U.N.
/// PANEL RULES FOR …"): at least three words of four letters or more, and at most one in eight
/// of them in lower case (a sentence of names, "Donald Trump, Ted Cruz and Marco Rubio spoke",
/// still has its verb in lower case).
pub fn title_case(ws: &[(usize, usize)], facts: &[WordFacts]) -> bool {
    let (mut long, mut lower) = (0usize, 0usize);
    for (&(a, b), f) in ws.iter().zip(facts) {
        if b - a >= 4 && !f.digit() {
            long += 1;
            lower += usize::from(!f.capitalised());
            // Most sentences: too many lowercase words for any length (`long` ≤ the words).
            if lower * 8 > ws.len() {
                return false;
            }
        }
    }
    long >= 3 && lower <= long / 8
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
/// (each word's [`WordFacts::cue`]), with its share.
pub fn anchor(v: &SentenceView) -> Option<(usize, f32)> {
    let mut best: Option<(usize, f32)> = None;
    for i in 0..v.ws.len() {
        if v.quoted[i] || v.in_entity[i] {
            continue;
        }
        let r = v.facts[i].cue;
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

/// Auxiliaries and adverbs that may stand between a subject and its verb ("X has also said").
/// Sorted.
pub(crate) const AUXILIARIES: &[&str] = &[
    "already", "also", "can", "could", "did", "does", "had", "has", "have", "is", "may", "might",
    "must", "not", "now", "shall", "should", "still", "was", "were", "will", "would",
];

/// Words that open a clause of their own: a source on the other side of one is the subject of
/// another verb ("Christie, who attacked Rubio, said"; "said that Rubio …"). Sorted.
const CLAUSE_OPENERS: &[&str] = &[
    "after", "although", "because", "before", "if", "since", "that", "though", "unless", "until",
    "when", "where", "whether", "which", "while", "who", "whom", "whose",
];

/// Words that open a sentence with a clause or phrase ending at its first comma, before the main
/// subject ("In what he called a rant, Obama said …", "After meeting Trump, Cruz said …"). Sorted.
const OPENING_CLAUSE: &[&str] = &[
    "after", "although", "as", "asked", "before", "despite", "during", "following", "if", "in",
    "like", "since", "speaking", "though", "unlike", "when", "while", "with",
];

/// The words before a dateline's dash ("WASHINGTON (AP) —", "DECATUR, Ill. —", "Washington
/// (AFP) –", "PHILADELPHIA, July 25 (UPI) —"): where the story was filed, not who speaks. The
/// dash follows at most eight words, none of them lowercase, and the part before it has an
/// agency in brackets, a word in capitals or a comma ("CITY, State"); returns the index of the
/// first word after the dash.
pub fn dateline(v: &SentenceView) -> Option<usize> {
    let n = v.ws.len().min(9);
    let d = (1..n).find(|&i| {
        let gap = crate::sub(v.text, v.ws[i - 1].1, v.ws[i].0);
        gap.contains(['—', '–', '―']) || gap.contains(" - ") || gap.contains("--")
    })?;
    if (0..d).any(|i| v.quoted[i] || !(v.facts[i].capitalised() || v.facts[i].digit())) {
        return None;
    }
    let head = crate::sub(v.text, v.s.start, v.ws[d - 1].1);
    let first = v.word(0);
    let caps = first.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !first.chars().any(char::is_lowercase);
    (head.contains(['(', ',']) || caps).then_some(d)
}

/// "Trump: …", "Clinton camp: …", "NY Daily News: …", "Jeffrey M. Jones: “…”": a headline's or a
/// column's way of saying who speaks. A colon after at most five words, none of them quoted, the
/// first capitalised and one of them a name or a source noun; returns the last word before it.
pub fn opening_colon(v: &SentenceView) -> Option<usize> {
    let n = v.ws.len().min(6);
    let k = (1..n).find(|&i| gap_has(v.text, v.ws[i - 1].1, v.ws[i].0, b':'))? - 1;
    if (0..=k).any(|i| v.quoted[i]) || !v.facts[0].capitalised() {
        return None;
    }
    (0..=k)
        .any(|i| v.in_entity[i] || v.facts[i].source_noun())
        .then_some(k)
}

/// The verb whose subject ends at word `b`: the next word, past an appositive ("Mr. Regalado, a
/// former broadcast journalist, intends") and up to three auxiliaries or adverbs ("also", "has
/// repeatedly"), when it is lowercase, unquoted and no name.
pub fn verb_after(v: &SentenceView, mut b: usize) -> Option<usize> {
    let n = v.ws.len();
    let mut j = b + 1;
    if j >= n {
        return None;
    }
    // "Paul Ryan (R-WI) said": past a bracket.
    if gap_has(v.text, v.ws[b].1, v.ws[j].0, b'(') {
        j = (j..n.min(j + 6)).find(|&k| k + 1 < n && gap_has(v.text, v.ws[k].1, v.ws[k + 1].0, b')'))? + 1;
        b = j - 1;
    }
    // "John Cornyn of Texas, the No. 2 Republican, said", "Stacy Baker of Columbia, South
    // Carolina says", "Peter Brown of the Quinnipiac poll said": past a place or a body after
    // "of", "from", "at", "for" ("City, State" and all).
    if j + 1 < n && v.facts[j].has(F_OF_ASCII) && !v.quoted[j] {
        let mut k = j + 1;
        if v.facts[k].the() && k + 1 < n {
            k += 1;
        }
        let from = k;
        while k < n && k < from + 8 && (v.facts[k].capitalised() || v.in_entity[k]) && !v.quoted[k] {
            k += 1;
        }
        if k == from || k >= n {
            return None;
        }
        j = k;
        b = k - 1;
    }
    if gap_has(v.text, v.ws[b].1, v.ws[j].0, b',') {
        // An appositive: lowercase or an article first, closed by the next comma within twelve
        // words, nothing quoted.
        if v.facts[j].capitalised() && !v.facts[j].has(F_ARTICLE_ASCII) {
            return None;
        }
        let k = (j + 1..n.min(j + 13)).find(|&k| gap_has(v.text, v.ws[k - 1].1, v.ws[k].0, b','))?;
        if (j..k).any(|i| v.quoted[i]) {
            return None;
        }
        j = k;
    }
    let from = j;
    while j < n && j < from + 3 && (v.facts[j].auxiliary() || (!v.facts[j].capitalised() && v.word(j).ends_with("ly"))) {
        j += 1;
    }
    (j < n
        && !v.quoted[j]
        && !v.in_entity[j]
        && (!v.facts[j].capitalised() || v.title_case)
        && !gap_has(v.text, v.ws[from].0, v.ws[j].0, b','))
    .then_some(j)
}

/// The sentence's possible sources and their features. `anchor` is the cue word; `starts_in_quote`,
/// `prev_cue`: sentence features the outside candidate uses; `subjects`: words already known to
/// be the subject of [`verb_after`]'s answer, in word order.
pub fn candidates(
    v: &SentenceView,
    anchor: Option<usize>,
    starts_in_quote: bool,
    prev_cue: bool,
    subjects: &[(usize, Option<usize>)],
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
    let opening = dateline(v).unwrap_or(0);
    // Spans first (word ranges), features after, so "nearest" and "first" can be found.
    let mut spans: Vec<(CandidateKind, usize, usize, usize)> = Vec::new(); // kind, first word, last word, column
    for (k, e) in v.ents.iter().enumerate() {
        let a = v.word_at(e.start);
        if a >= v.ws.len() || v.quoted[a] || a < opening {
            continue;
        }
        let mut b = v.word_before(e.end).unwrap_or(a).max(a);
        // A title-case headline's name that runs over its cue ("Bernie Sanders Says He"):
        // the name is the part before the cue.
        if let Some(c) = anchor.filter(|&c| a < c && c <= b) {
            b = c - 1;
        }
        let col = match e.kind {
            EntityKind::Person => 1,
            EntityKind::Organization => 2,
            EntityKind::Place => 3,
            EntityKind::Group => 4,
        };
        spans.push((CandidateKind::Entity(v.ent0 + k), a, b, col));
    }
    for i in opening..v.ws.len() {
        if v.quoted[i] || v.in_entity[i] {
            continue;
        }
        let f = v.facts[i];
        if let Some((p, col)) = f.pronoun() {
            // "I" is the writer's or a quoted speaker's; "you" rarely a source but cheap to rank.
            spans.push((CandidateKind::Pronoun(p), i, i, col));
        } else if v.ws[i].1 - v.ws[i].0 > 2 && f.source_noun() {
            spans.push((CandidateKind::Noun, i, i, 8));
        }
    }
    spans.sort_by_key(|c| c.1);
    let nearest_before = anchor.and_then(|a| spans.iter().filter(|c| c.2 < a).map(|c| c.1).max());
    let nearest_after = anchor.and_then(|a| spans.iter().filter(|c| c.1 > a).map(|c| c.1).min());
    let first = spans.first().map(|c| c.1);
    let has = |i: usize, f: u32| v.facts[i].has(f);
    let cue_after_quote = anchor.is_some_and(|c| (c.saturating_sub(3)..c).any(|k| v.quoted[k]));
    let cue_after_comma = anchor.is_some_and(|c| c > 0 && gap_has(v.text, v.ws[c - 1].1, v.ws[c].0, b','));
    let n = v.ws.len();
    // Last word and first word of each person of the sentence.
    let person_ends: Vec<(usize, usize)> = spans
        .iter()
        .filter(|c| c.3 == 1)
        .map(|c| (c.2, c.1))
        .collect();
    // The end of an opening clause ("In what he called a rant, …"): the first comma outside
    // quotes, when the sentence opens with one of [`OPENING_CLAUSE`].
    let opening_comma = (opening < n && lexicon::contains_lower(OPENING_CLAUSE, v.word(opening)))
        .then(|| (opening + 1..n).find(|&i| !v.quoted[i - 1] && gap_has(v.text, v.ws[i - 1].1, v.ws[i].0, b',')))
        .flatten();
    // Clause openers outside quotes before each word, so "one between i and j" is a subtraction.
    let mut openers = Vec::with_capacity(if anchor.is_some() { n + 1 } else { 0 });
    if anchor.is_some() {
        openers.push(0u16);
        for k in 0..n {
            let o = u16::from(!v.quoted[k] && has(k, F_CLAUSE_ASCII));
            openers.push(openers[k] + o);
        }
    }
    let clause_between = |i: usize, j: usize| i < j && openers[j] > openers[i];
    let colon = opening_colon(v);
    // The cue is a past participle ("endorsed", "reported", "told"), and a form of "be" stands
    // before it with only auxiliaries or adverbs between ("was also endorsed", "has been asked").
    let participle = anchor.is_some_and(|c| {
        let w = v.word(c).as_bytes();
        w.ends_with(b"ed") || w.ends_with(b"en") || w.eq_ignore_ascii_case(b"told") || w.eq_ignore_ascii_case(b"said")
    });
    let passive = participle
        && anchor.is_some_and(|c| {
            (c.saturating_sub(3)..c).rev().take_while(|&k| !v.quoted[k]).any(|k| {
                let w = v.word(k);
                ["is", "was", "were", "are", "be", "been", "being"].iter().any(|b| w.eq_ignore_ascii_case(b))
            })
        });
    // Each outside-quote "according to" and the end of its phrase: the first comma or quoted
    // word after it, or the sentence's end (`n`), at most twelve words on.
    let according: Vec<(usize, usize)> = (0..n.saturating_sub(1))
        .filter(|&k| !v.quoted[k] && v.facts[k].according() && v.facts[k + 1].to())
        .map(|k| {
            let end = (k + 2..n.min(k + 14))
                .find(|&j| v.quoted[j] || gap_has(v.text, v.ws[j - 1].1, v.ws[j].0, b','))
                .unwrap_or(if n <= k + 14 { n } else { k + 14 });
            (k, end)
        })
        .collect();
    let (mut paren_at, mut opens, mut closes) = (v.s.start, 0usize, 0usize);
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
        x[18] = f32::from(u8::from(a == opening || (a == opening + 1 && v.facts[opening].the())));
        let before = a.checked_sub(1);
        let before_skip_the = before.and_then(|k| {
            if v.facts[k].the() {
                k.checked_sub(1)
            } else {
                Some(k)
            }
        });
        if let Some(k) = before_skip_the {
            x[19] = f32::from(u8::from(has(k, F_PREPOSITION_ASCII)));
            x[24] = f32::from(u8::from(has(k, F_BY_ASCII)));
            x[31] = f32::from(u8::from(has(k, F_TOLD_ASCII)));
        }
        let last = v.word(b);
        x[20] = f32::from(u8::from(last.ends_with("'s") || last.ends_with("’s")));
        x[21] = f32::from(u8::from(
            (a.saturating_sub(4)..a).any(|k| v.facts[k].according()),
        ));
        // A closing quotation mark (a quoted word) shortly before.
        x[22] = f32::from(u8::from((a.saturating_sub(3)..a).any(|k| v.quoted[k])));
        let after_end = v.ws[b].1;
        let next_start = if b + 1 < n { v.ws[b + 1].0 } else { v.s.end };
        let between = crate::sub(v.text, after_end, next_start);
        x[23] = f32::from(u8::from(between.as_bytes().contains(&b',')));
        // Brackets opened and closed before the first word, counted on from the previous
        // candidate's first word (spans are in word order).
        let to = v.ws[a].0;
        let open_before = crate::sub(v.text, paren_at, to);
        opens += count(open_before, b'(');
        closes += count(open_before, b')');
        paren_at = to;
        x[32] = f32::from(u8::from(opens > closes));
        if let CandidateKind::Entity(e) = kind {
            x[25] = f32::from(u8::from(v.ents[e - v.ent0].official));
        }
        if matches!(kind, CandidateKind::Noun) {
            x[26] = f32::from(u8::from(v.facts[a].official_actor()));
        }
        x[30] = f32::from(u8::from(first == Some(a)));
        x[33] = x[9] * x[12];
        x[34] = x[10] * x[12];
        x[35] = x[10] * f32::from(u8::from(cue_after_quote));
        x[36] = x[9] * x[1];
        x[37] = x[9] * x[2];
        x[38] = x[9] * x[5];
        if let Some(c) = anchor.filter(|&c| b < c) {
            x[40] = f32::from(u8::from(gap_has(v.text, v.ws[b].1, v.ws[c].0, b',')));
            x[41] = f32::from(u8::from(
                a > 0 && gap_has(v.text, v.ws[a - 1].1, v.ws[a].0, b',')
                    || (a > 1 && has(a - 1, F_ARTICLE_ASCII)
                        && gap_has(v.text, v.ws[a - 2].1, v.ws[a - 1].0, b',')),
            ));
        }
        if b + 1 < n {
            let next = v.facts[b + 1];
            let lower_next = !next.capitalised();
            x[42] = f32::from(u8::from(
                lower_next && (next.title() || next.source_noun() || next.role()),
            ));
            let name_after = v.ents.iter().any(|e| e.start >= v.ws[b].1 && {
                let k = v.word_at(e.start);
                k <= b + 3 && !(b + 1..k).any(|j| gap_has(v.text, v.ws[j - 1].1, v.ws[j].0, b','))
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
                && (gap_has(v.text, v.ws[pb].1, v.ws[pb + 1].0, b',')
                    || (a - pb <= 4
                        && (pb + 1..a).any(|j| has(j, F_OF_ASCII))))
        })));
        if let Some(c) = anchor {
            x[46] = f32::from(u8::from(
                b < c
                    && c - b <= 3
                    && (b + 1..c).all(|k| has(k, F_AUX_ASCII))
                    && !gap_has(v.text, v.ws[b].1, v.ws[c].0, b','),
            ));
            x[47] = f32::from(u8::from(if b < c { clause_between(b + 1, c) } else { clause_between(c + 1, a) }));
            x[48] = f32::from(u8::from(opening_comma.is_some_and(|k| b < k && k <= c)));
        }
        x[49] = x[35] * x[1];
        x[50] = x[16] * (1.0 - x[40]) * (1.0 - x[47]);
        x[51] = f32::from(u8::from(colon.is_some_and(|k| b <= k)));
        if let Some(&(_, end)) = according.iter().find(|&&(k, end)| k + 2 <= a && b < end) {
            x[52] = 1.0;
            x[53] = f32::from(u8::from(end == n));
        }
        if let (Some(c), Some(k)) = (anchor, before_skip_the.filter(|&k| has(k, F_BY_ASCII))) {
            x[54] = f32::from(u8::from(participle && c < k && k - c <= 3 && !v.quoted[k]));
        }
        x[55] = x[46] * f32::from(u8::from(passive));
        x[58] = x[34] * f32::from(u8::from(cue_after_comma));
        // "at a rally in Ames, Iowa,", "Stacy Baker of Columbia, South Carolina": the second
        // name of a place phrase after a preposition.
        x[59] = f32::from(u8::from(a > 0 && gap_has(v.text, v.ws[a - 1].1, v.ws[a].0, b',') && {
            let mut k = a - 1;
            let mut steps = 0;
            while k > 0 && steps < 3 && v.facts[k].capitalised() && !v.quoted[k] && !gap_has(v.text, v.ws[k - 1].1, v.ws[k].0, b',') {
                k -= 1;
                steps += 1;
            }
            steps > 0 && has(k, F_PREPOSITION_ASCII) && !v.quoted[k]
        }));
        x[60] = x[3] * f32::from(u8::from(x[19] > 0.0 || x[59] > 0.0));
        // "Mr. Trump's former campaign manager, Corey Lewandowski, said", "His opponent, Hillary
        // Clinton, has": a person after a comma that closes a short phrase with a role or a
        // source noun in it, no cue, nothing quoted, no other comma.
        x[61] = x[1] * f32::from(u8::from(a > 1 && gap_has(v.text, v.ws[a - 1].1, v.ws[a].0, b',') && {
            let from = a.saturating_sub(7);
            let start = (from..a - 1)
                .rev()
                .find(|&k| k == 0 || gap_has(v.text, v.ws[k - 1].1, v.ws[k].0, b','))
                .unwrap_or(from);
            (start..a).any(|k| !v.in_entity[k] && (v.facts[k].role() || v.facts[k].source_noun()))
                && (start..a).all(|k| !v.quoted[k] && v.facts[k].cue < 0.3 && anchor != Some(k))
        }));
        // The verb it is the subject of: a cue word whatever the sentence's cue.
        let verb = match subjects.binary_search_by_key(&b, |s| s.0) {
            Ok(k) => subjects[k].1,
            Err(_) => verb_after(v, b),
        };
        if let Some(j) = verb {
            x[56] = v.facts[j].cue;
            x[57] = f32::from(u8::from(v.facts[j].cue >= 0.3 && anchor != Some(j)));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// [`WordFacts`] answers each question as the list searches it replaces do.
    #[test]
    fn word_facts_agree_with_the_lists() {
        let words = lexicon::Table::new(4, true);
        let mut ws: Vec<String> = ["", "The", "THE", "according", "To", "by", "BY", "Told", "an", "A",
            "From", "he", "She", "IT", "you", "Vice-Chancellor", "deputy-mayor", "meteorologist",
            "Mayor", "\u{212A}illed", "\u{212A}", "th\u{E9}", "Caf\u{E9}", "3M", "state-run", "\u{C9}ire"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        for list in [SOURCE_NOUNS, ROLES, PREPOSITIONS, AUXILIARIES, CLAUSE_OPENERS, lexicon::NON_OFFICIAL_SOURCES, lexicon::CITIZEN_SOURCES,
            lexicon::OFFICIAL_ACTORS, lexicon::TITLES, lexicon::REPORTING_VERBS]
        {
            for w in list {
                ws.push(w.to_string());
                ws.push(w.to_uppercase());
            }
        }
        for w in &ws {
            let f = WordFacts::of(w, &words);
            let lower = w.to_ascii_lowercase();
            assert_eq!(f.source_noun(), source_noun(w), "{w}");
            assert_eq!(f.role(), role(w), "{w}");
            assert_eq!(f.title(), lexicon::is_title(w), "{w}");
            assert_eq!(f.reporting(), lexicon::is_reporting_verb(w), "{w}");
            assert_eq!(f.official_actor(), lexicon::is_official_actor(w), "{w}");
            assert_eq!(f.pronoun(), PRONOUNS.iter().find(|(p, _)| lexicon::eq_lower(w, p)).copied(), "{w}");
            assert_eq!(f.the(), lexicon::eq_lower(w, "the"), "{w}");
            assert_eq!(f.according(), lexicon::eq_lower(w, "according"), "{w}");
            assert_eq!(f.to(), lexicon::eq_lower(w, "to"), "{w}");
            assert_eq!(f.capitalised(), crate::model::capitalised(w), "{w}");
            assert_eq!(f.digit(), w.bytes().any(|c| c.is_ascii_digit()), "{w}");
            assert_eq!(f.has(F_PREPOSITION_ASCII), PREPOSITIONS.contains(&lower.as_str()), "{w}");
            assert_eq!(f.has(F_BY_ASCII), lower == "by", "{w}");
            assert_eq!(
                f.has(F_TOLD_ASCII),
                matches!(lower.as_str(), "told" | "asked" | "urged" | "tells" | "asks" | "urges"),
                "{w}"
            );
            assert_eq!(f.has(F_ARTICLE_ASCII), matches!(lower.as_str(), "a" | "the" | "an"), "{w}");
            assert_eq!(f.has(F_OF_ASCII), matches!(lower.as_str(), "of" | "at" | "from" | "for"), "{w}");
            assert_eq!(f.has(F_AUX_ASCII), AUXILIARIES.contains(&lower.as_str()), "{w}");
            assert_eq!(f.auxiliary(), lexicon::contains_lower(AUXILIARIES, w), "{w}");
            assert_eq!(f.has(F_CLAUSE_ASCII), CLAUSE_OPENERS.contains(&lower.as_str()), "{w}");
        }
    }
}
