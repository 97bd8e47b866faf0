//! Entities: people, organisations, places and groups.
//!
//! Since issue #13 the learned recogniser ([`crate::ner`], `ModelLayer` below) decides which
//! spans of paragraphs and headings are names and of what kind; the rules below still run, and
//! lend its mentions gazetteer canonical names, official roles and interest groups, keep
//! nationalities, decide the kind where the model hesitates, and do all the linking (step 5).
//! docs/entities.md has the figures. The rules, as they were written before the model:
//!
//! 1. **Tokens** — words (keeping internal dots and apostrophes: "U.S.", "O’Neill"), with a
//!    possessive "’s" split off so "China’s" yields "China".
//! 2. **Candidate spans** — runs of capitalised words, joined across "of", "for", "and", "the" only
//!    when the run already has an organisation head ("Cyberspace Administration of China",
//!    "Department of Health and Human Services") or one word before "and" is followed by a name
//!    with a head ("Competition and Markets Office"), so "the United States and China" stays two
//!    names; "of" after a geographic prefix ("Port of Valmara"); across "&" and name particles
//!    ("de", "van") always.
//! 3. **Trimming** — leading common words ("The", "However", "Following") and sentence-initial
//!    gerunds/adverbs ("Denying Chinese companies") are dropped. A lone unknown word at the start
//!    of a sentence is kept only if the article also capitalises it mid-sentence ("document
//!    evidence") or it names a known entity.
//! 4. **Classification** — gazetteers (places, demonyms, a few international organisations), then
//!    an organisation head anywhere in the span, then titles before a name ("Minister Ana Lopez",
//!    "spokesperson Jane Doe"), a place or demonym prefix split off ("French President …"), and
//!    finally context and shape: an organisation noun before or after the name ("the charity
//!    X", "X, a coalition of …"), place context ("in X", "residents of X", "the X basin"), and
//!    otherwise two or three plain capitalised words are a person, anything else an organisation
//!    ("Micron", "Tencent").
//! 5. **Linking** — canonical names across the document: an acronym in brackets after a name
//!    ("… of China (CAC)"), a company name without its corporate suffix ("Micron Technology" →
//!    "Micron"), "X Department" ↔ "Department of X", and a person's surname or first name. One
//!    sense per discourse: a name found to be a place is a place in its other mentions; a
//!    demonym-shaped word sharing its stem with an unknown name makes them a group and a place
//!    ("Moravian", "Moravon"). Organisations named or introduced as interest groups are marked
//!    `civic` (their statements are not official ones).
//!
//! Title and heading lines are Title Case, so capitals carry no signal there: only gazetteer
//! names and names already found in the body are marked in them.
//!
//! **Conventions.** Spans exclude a leading "the" and a possessive "’s". A demonym ("Chinese",
//! "Americans") is always a `Group`, whether noun or adjective ("Chinese companies"): telling
//! "Chinese laws" from "Chinese firms" would need a parser, and either way the reader learns
//! which national group the sentence is about; canonical is the adjective ("American").
//! Countries are `Place` even when they act ("China announced"); canonical is the everyday
//! country name ("U.S.", "US", "America" → "United States"). "The Biden administration" is one
//! `Organization`, "Biden administration".

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use crate::lexicon::Fnv;

/// Hash collections with the cheap FNV hasher: keys are short words, and no input here is
/// adversarial enough to need SipHash's flooding protection.
type Set<T> = HashSet<T, BuildHasherDefault<Fnv>>;
type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

use crate::lexicon;
use crate::structure::{RawBlock, RawSentence};
use crate::text::{alnum_len, alnum_runs_into, char_at, sub};
use crate::{BlockKind, EntityKind};

/// An entity mention in byte offsets, with its sentence index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawEntity {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    pub canonical: String,
    pub sentence: usize,
    /// A person introduced with an official role ("Mayor …", "…, the bureau’s chief
    /// epidemiologist"): their statements count as official ones.
    pub official: bool,
    /// An organisation that is an interest group rather than an institution: named with an
    /// advocacy head or for the constituency it represents ("Fair Water Coalition", "Harbour
    /// Workers Federation"), or introduced as one ("the parents’ group Safe Screens").
    pub civic: bool,
    /// An organisation that is an expert source: a research institute or university.
    pub expert: bool,
}

/// The entities of sentence `si` as a range of `entities` (which are in sentence order),
/// searching from `from`: passes that walk the sentences in order keep the range's start as
/// their cursor, so the walk stays linear.
pub(crate) fn sentence_range(entities: &[RawEntity], si: usize, from: usize) -> (usize, usize) {
    let mut start = from;
    while start < entities.len() && entities[start].sentence < si {
        start += 1;
    }
    let mut end = start;
    while end < entities.len() && entities[end].sentence == si {
        end += 1;
    }
    (start, end)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TokKind {
    Word,
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    end: usize,
    kind: TokKind,
    /// The word carried a possessive "’s" / "'s" or a plural possessive apostrophe.
    poss: bool,
    /// First word of the sentence or of a quotation: its capital says nothing.
    initial: bool,
}

impl Tok {
    /// The token's text. `t` must be the text the token was made from (always so here: tokens
    /// never leave [`extract`]); [`sub`] keeps a wrong text harmless instead of panicking.
    #[inline(always)]
    fn text<'a>(&self, t: &'a str) -> &'a str {
        sub(t, self.start, self.end)
    }
    #[inline(always)]
    fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
}

/// Words whose '.' belongs to them ("Mr.", "Inc.") rather than ending a sentence.
const DOTTED: &[&str] = &[
    "co", "corp", "dr", "gen", "gov", "inc", "jr", "lt", "ltd", "mr", "mrs", "ms", "prof", "rep",
    "rev", "sen", "sgt", "sr", "st",
];

/// Tokenise `text[start..end]`, appending to `out`, given its alphanumeric runs
/// (`text::alnum_runs_into`): a word's runs are read from them, the chars between runs one by one.
#[inline(never)]
fn tokenize(text: &str, start: usize, end: usize, runs: &[(usize, usize)], out: &mut Vec<Tok>) {
    let s = &text[start..end];
    let b = s.as_bytes();
    let n = b.len();
    // The first run not read yet; it starts at or after `i`.
    let mut r = 0;
    let mut i = 0;
    let mut next_initial = true;
    while i < n {
        if b[i] == b' ' {
            i += 1;
            continue;
        }
        let (c, cl) = char_at(s, i);
        if i < runs.get(r).map_or(n, |x| x.0 - start) {
            if !c.is_whitespace() {
                if matches!(c, '“' | '"' | '‘' | '(' | '[' | ':' | '—' | '–') {
                    next_initial = true;
                }
                out.push(Tok {
                    start: start + i,
                    end: start + i + cl,
                    kind: TokKind::Punct(c),
                    poss: false,
                    initial: false,
                });
            }
            i += cl;
            continue;
        }
        // Extend over the runs joined by a '.', '\'' or '’' between them (each alphanumeric
        // after a mark starts the next run).
        let mut j = runs[r].1 - start;
        r += 1;
        while j < n {
            let d = b[j];
            let joined = if d < 0x80 {
                (d == b'.' || d == b'\'') && alnum_len(s, j + 1) > 0
            } else {
                let (d, dl) = char_at(s, j);
                d == '’' && alnum_len(s, j + dl) > 0
            };
            if !joined {
                break;
            }
            j = runs[r].1 - start;
            r += 1;
        }
        let mut w_end = j;
        let word = &s[i..j];
        // A trailing '.' belongs to dotted acronyms, initials and known abbreviations.
        if j < n && b[j] == b'.' {
            let single_cap = word.len() == cl
                && if cl == 1 {
                    b[i].is_ascii_uppercase()
                } else {
                    c.is_uppercase()
                };
            if single_cap
                || word.contains('.')
                || (word.len() <= 4 && lexicon::contains_lower(DOTTED, word))
            {
                w_end = j + 1;
            }
        }
        // Possessives: "China’s" → "China"; "Companies’" → "Companies".
        const CURLY: &[u8] = "’".as_bytes();
        let wb = &b[i..w_end];
        let ends_s = matches!(wb.last(), Some(b's' | b'S'));
        let suffix = if ends_s && word.len() > 2 && wb[wb.len() - 2] == b'\'' {
            2
        } else if ends_s && word.len() > 4 && wb[..wb.len() - 1].ends_with(CURLY) {
            4
        } else {
            0
        };
        let mut poss = suffix > 0;
        let core_end = w_end - suffix;
        if !poss
            && w_end < n
            && (b[w_end] == b'\'' || b[w_end..].starts_with(CURLY))
            && word.ends_with(['s', 'S'])
        {
            poss = true;
        }
        out.push(Tok {
            start: start + i,
            end: start + core_end,
            kind: TokKind::Word,
            poss,
            initial: next_initial,
        });
        next_initial = false;
        i = w_end;
    }
}

fn is_cap(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
        Some(_) => word.chars().next().is_some_and(char::is_uppercase),
        None => false,
    }
}

fn is_all_caps(word: &str) -> bool {
    if word.is_ascii() {
        let b = word.as_bytes();
        return !b.iter().any(u8::is_ascii_lowercase)
            && b.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2;
    }
    let mut letters = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// Name particles that may sit inside a person's or organisation's name.
const PARTICLES: &[&str] = lexicon::NAME_PARTICLES;

/// Last words of the names of sporting events, which are no entity kind. Exact case.
const EVENT_HEADS: &[&str] = &["Championship", "Championships", "Cup", "Games", "Olympics", "Paralympics"];

/// Nouns after "X’s" that make X a place: "Westbrook’s airport", "Kelby’s residents". Sorted.
const POSSESSED_BY_PLACES: &[&str] = &[
    "airport", "harbor", "harbour", "inhabitants", "mayor", "outskirts", "port", "residents",
    "streets", "suburbs", "townspeople",
];

/// A company's sites, named after their town: "its Brackwater works". Sorted.
const SITES: &[&str] = &[
    "depot", "factory", "mill", "mine", "plant", "refinery", "site", "smelter", "terminal",
    "warehouse", "works",
];

/// Nouns of an appositive that says the name before it is a place: "Ballycorrin, a village of
/// 1,900 people". Sorted.
const APPOSITIVE_PLACES: &[&str] = &[
    "city", "commune", "county", "district", "hamlet", "island", "municipality", "port",
    "province", "region", "suburb", "town", "village",
];

/// Words after "X’s" that make X an organisation ("Acme’s chief executive", "its board").
const ORG_ROLES: &[&str] = &[
    "board",
    "ceo",
    "chairman",
    "chief",
    "customers",
    "employees",
    "executive",
    "executives",
    "founder",
    "headquarters",
    "shareholders",
    "shares",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "staff",
    "subsidiary",
    "workers",
];

/// Sentence-initial words shaped like verbs or adverbs ("Denying", "Specifically", "Banned").
fn verb_or_adverb_shape(w: &str) -> bool {
    w.len() > 4 && (w.ends_with("ing") || w.ends_with("ly") || w.ends_with("ed"))
}

/// A mention before document-level linking.
#[derive(Clone, Debug)]
struct Mention {
    start: usize,
    end: usize,
    kind: Option<EntityKind>,
    /// Canonical from a gazetteer, else the span text is used.
    canonical: Option<&'static str>,
    /// Person-shaped name of two or three words (registers surname and first-name aliases).
    multi_person: bool,
    /// Sentence-initial lone unknown word: kept only with document evidence or a link.
    tentative: bool,
    /// The context says organisation, not person; shared by every mention with the same text.
    org_hint: bool,
    official: bool,
    /// Introduced as an interest group ("the parents’ group X").
    civic: bool,
    /// Kept only if the document's stems make it a nationality (the model read it as MISC).
    misc: bool,
    sentence: usize,
}

struct Ctx<'a> {
    text: &'a str,
    evidence: Set<&'a str>,
    mentions: Vec<Mention>,
    /// Alias text → (kind, canonical).
    aliases: Map<String, (EntityKind, String)>,
}

fn place_or_demonym(w: &str) -> Option<(EntityKind, &'static str)> {
    let (place, demonym, _) = lexicon::gazetteer(w);
    place
        .map(|c| (EntityKind::Place, c))
        .or(demonym.map(|c| (EntityKind::Group, c)))
}

/// Place, demonym or known organisation, with one table lookup.
fn gazetteer(w: &str) -> Option<(EntityKind, &'static str)> {
    let (place, demonym, org) = lexicon::gazetteer(w);
    place
        .map(|c| (EntityKind::Place, c))
        .or(demonym.map(|c| (EntityKind::Group, c)))
        .or(org.map(|c| (EntityKind::Organization, c)))
}

/// A candidate span of a body sentence: `all` is the sentence's tokens, `lo..hi` the span.
#[derive(Clone, Copy)]
struct Span<'t, 'a> {
    text: &'a str,
    all: &'t [Tok],
    lo: usize,
    hi: usize,
}

impl<'a> Span<'_, 'a> {
    fn w(&self, i: usize) -> &'a str {
        self.all[i].text(self.text)
    }
    fn toks(&self) -> &[Tok] {
        &self.all[self.lo..self.hi]
    }
    fn whole(&self) -> &'a str {
        &self.text[self.all[self.lo].start..self.all[self.hi - 1].end]
    }
    /// The token right after the span is a comma.
    fn comma_after(&self) -> bool {
        self.all.get(self.hi).is_some_and(|t| t.kind == TokKind::Punct(','))
    }
}

impl Mention {
    /// A mention with no canonical name and no marks.
    fn new(start: usize, end: usize, kind: Option<EntityKind>, sentence: usize) -> Mention {
        Mention {
            start,
            end,
            kind,
            canonical: None,
            multi_person: false,
            tentative: false,
            org_hint: false,
            official: false,
            civic: false,
            misc: false,
            sentence,
        }
    }
}

/// Connectors and common words at the edges are no part of a name ("However Micron", "the
/// Harbor Authority"); "US" is a common word only in lowercase, so a gazetteer name is never
/// trimmed. A plural possessive joined into a name stays ("The Consumers’ Federation"), and so
/// does a common first word of a gazetteer name ("New Zealand"); post-nominal letters go
/// ("Helen Prior KC"). `None` when nothing is left.
fn trim(text: &str, all: &[Tok], mut lo: usize, mut hi: usize) -> Option<(usize, usize)> {
    let w = |i: usize| all[i].text(text);
    let trim = |i: usize| {
        !all[i].is_word() || (!is_cap(w(i)) && !lexicon::is_lower_case_legal_suffix(w(i))) || (lexicon::is_common(w(i)) && gazetteer(w(i)).is_none())
    };
    while lo < hi
        && trim(lo)
        && !(all[lo].poss && lo + 1 < hi)
        && gazetteer(&text[all[lo].start..all[hi - 1].end]).is_none()
    {
        lo += 1;
    }
    while hi > lo && trim(hi - 1) {
        hi -= 1;
    }
    while hi - lo > 2 && matches!(w(hi - 1), "Jr" | "KC" | "MEP" | "MP" | "QC" | "SC" | "Sr") && !all[hi - 1].poss {
        hi -= 1;
    }
    (lo < hi).then_some((lo, hi))
}

/// A plural possessive opening the sentence before a lowercase word is a common noun:
/// "Patients’ groups welcomed …", "Farmers’ groups questioned …".
fn plural_possessive_opening(s: &Span) -> bool {
    let (all, lo, hi, text) = (s.all, s.lo, s.hi, s.text);
    hi - lo == 1
        && all[lo].initial
        && all[lo].poss
        && s.w(lo).ends_with('s')
        && all[lo].end == all[lo].start + s.w(lo).len()
        && all[hi..].iter().find(|t| t.is_word()).is_some_and(|t| !is_cap(t.text(text)))
        && !text[all[lo].end..].starts_with("’s")
        && !text[all[lo].end..].starts_with("'s")
}

/// A sentence-initial role or organisation-type noun before a name is no part of it:
/// "Contractor Gareth Lloyd-Penrose", "Retailer Trelko" (the rest is classified with that word
/// as its context).
fn initial_role_noun(s: &Span) -> bool {
    s.all[s.lo].initial
        && s.hi - s.lo > 1
        && gazetteer(s.w(s.lo)).is_none()
        && lexicon::contains_lower(lexicon::ORG_NOUNS_BEFORE, s.w(s.lo))
}

/// A sentence-initial verb or adverb shape before another name: "Denying Chinese companies".
fn initial_verb_shape(s: &Span) -> bool {
    s.all[s.lo].initial && s.hi - s.lo > 1 && gazetteer(s.w(s.lo)).is_none() && verb_or_adverb_shape(s.w(s.lo))
}

/// Sporting events are none of the four kinds: "Winter Olympics", "World Cup".
fn sporting_event(s: &Span) -> bool {
    EVENT_HEADS.contains(&s.w(s.hi - 1)) || (s.hi - s.lo == 1 && matches!(s.whole(), "Olympic" | "Paralympic"))
}

/// "the Ecologist Renewal party": a party's name, whatever words it is made of.
fn party_name(s: &Span) -> bool {
    s.lo > 0
        && matches!(s.w(s.lo - 1), "the" | "The")
        && s.all.get(s.hi).is_some_and(|t| t.is_word() && t.text(s.text) == "party")
        && !s.all[s.hi - 1].poss
}

/// A lone capitalised word opening the sentence before a lowercase role is a modifier, not a
/// name: "Council leader …", "Health officials …", "Federation president …".
fn modifier_before_role(s: &Span) -> bool {
    s.hi - s.lo == 1
        && s.all[s.lo].initial
        && !s.all[s.lo].poss
        && s.all.get(s.hi).filter(|t| t.is_word() && !is_cap(t.text(s.text))).is_some_and(|next| {
            let nt = next.text(s.text);
            lexicon::is_title(nt) || lexicon::is_official_actor(nt)
        })
}

/// An organisation head anywhere in the span ("Harbor Authority", "Kestrel Mills Ltd"), unless
/// a title comes first with no head after it ("Chairman Lee") or the span is a lone title.
fn organisation_head(s: &Span, last_title: Option<usize>) -> bool {
    let head_after = |from: usize| (from..s.hi).any(|i| lexicon::is_org_head(s.w(i)));
    let title_first = last_title.is_some_and(|k| k + 1 < s.hi && !head_after(k + 1));
    !title_first
        && s.toks().iter().any(|t| lexicon::is_org_head(t.text(s.text)))
        && !(s.hi - s.lo == 1 && lexicon::is_title(s.whole()))
}

/// "Mill Road", "Port of Valmara", "Mount Kenya": a place head last or a place prefix first.
fn place_by_head(s: &Span) -> bool {
    s.hi - s.lo > 1 && (lexicon::is_place_head(s.w(s.hi - 1)) || lexicon::is_place_prefix(s.w(s.lo)))
}

/// A place or demonym prefix: "French Emmanuel …", "U.S. Trade …" → split off (its length,
/// kind and canonical name), the longest first, up to three words.
fn gazetteer_prefix(s: &Span) -> Option<(usize, EntityKind, &'static str)> {
    if s.hi - s.lo <= 1 {
        return None;
    }
    (1..(s.hi - s.lo).min(4))
        .rev()
        .find_map(|n| gazetteer(&s.text[s.all[s.lo].start..s.all[s.lo + n - 1].end]).map(|(k, c)| (n, k, c)))
}

/// "the Biden administration": a name followed by a lowercase "administration" is one
/// organisation with it (the end of the mention).
fn administration(s: &Span) -> Option<usize> {
    s.all
        .get(s.hi)
        .filter(|next| next.is_word() && next.text(s.text) == "administration" && !s.all[s.hi - 1].poss)
        .map(|next| next.end)
}

/// Plain capitalised words, none all capitals (a hyphen between capitalised words is a
/// double-barrelled name: "Lloyd-Penrose").
fn plain(s: &Span) -> bool {
    let span = s.toks();
    span.iter().enumerate().all(|(k, t)| {
        (t.is_word() && !is_all_caps(t.text(s.text)) && is_cap(t.text(s.text)))
            || (t.kind == TokKind::Punct('-')
                && k > 0
                && span[k - 1].end == t.start
                && span.get(k + 1).is_some_and(|u| u.start == t.end))
    })
}

/// Two or three plain words without a function word ("Save Our Shore", "Friends of The Earth"
/// are no people's names): the shape of a person's name.
fn person_shape(s: &Span) -> bool {
    let function_word = s.toks()[1..]
        .iter()
        .any(|t| matches!(t.text(s.text), "Our" | "The" | "My" | "Your" | "Their" | "We" | "A" | "An" | "For" | "To"));
    plain(s) && (2..=3).contains(&s.toks().iter().filter(|t| t.is_word()).count()) && !function_word
}

/// The words around an unknown name that its context rules read.
struct Around<'a> {
    /// The word before the name.
    prev_word: Option<&'a str>,
    /// Up to three words before the name, nearest first.
    words_before: Vec<&'a str>,
    /// The word before the name opens the sentence.
    prev_initial: bool,
    /// Up to two lowercase words right after the name.
    next_lower: Vec<&'a str>,
    /// "X, which …" / "X, who …": the word after a comma after the name.
    rel: Option<&'a str>,
    /// "X said it …": the pronoun after a reporting verb right after the name.
    pron: Option<&'a str>,
    /// The next possessive or personal pronoun in the same clause, before any other name.
    later: Option<&'a str>,
}

impl<'a> Around<'a> {
    fn of(s: &Span<'_, 'a>) -> Around<'a> {
        let (all, lo, hi, text) = (s.all, s.lo, s.hi, s.text);
        let before = || all[..lo].iter().rev().filter(|t| t.is_word());
        let next_words: Vec<&str> = all[hi..].iter().filter(|t| t.is_word()).take(2).map(|t| t.text(text)).collect();
        Around {
            prev_word: before().next().map(|t| t.text(text)),
            words_before: before().take(3).map(|t| t.text(text)).collect(),
            prev_initial: before().next().is_some_and(|t| t.initial),
            next_lower: all[hi..].iter().take_while(|t| t.is_word() && !is_cap(t.text(text))).take(2).map(|t| t.text(text)).collect(),
            rel: s.comma_after().then(|| next_words.first().copied()).flatten(),
            pron: next_words
                .first()
                .is_some_and(|v| lexicon::is_reporting_verb(v) && v.chars().all(char::is_lowercase))
                .then(|| next_words.get(1).copied())
                .flatten(),
            later: all[hi..]
                .iter()
                .take(10)
                .take_while(|t| match t.kind {
                    TokKind::Word => !is_cap(t.text(text)),
                    TokKind::Punct(c) => !matches!(c, '.' | ';' | '“' | '"' | '(' | '—'),
                })
                .filter(|t| t.is_word())
                .map(|t| t.text(text))
                .find(|v| matches!(*v, "its" | "his" | "her" | "he" | "she")),
        }
    }
}

/// "Dana Ruiz, the city’s mayor, …": a lowercase title within four words after a comma.
fn appositive_role(s: &Span) -> bool {
    s.comma_after()
        && s.all[s.hi + 1..]
            .iter()
            .take(4)
            .any(|t| t.is_word() && lexicon::is_title(t.text(s.text)) && !is_cap(t.text(s.text)))
}

/// "Skyline Watch, a coalition of residents and climate activists, …": the organisation noun
/// of an appositive.
fn appositive_org<'a>(s: &Span<'_, 'a>, appositive_role: bool) -> Option<&'a str> {
    (!appositive_role && s.comma_after())
        .then(|| {
            s.all[s.hi + 1..]
                .iter()
                .filter(|t| t.is_word())
                .take(3)
                .find(|t| !is_cap(t.text(s.text)) && lexicon::contains_lower(lexicon::ORG_NOUNS_BEFORE, t.text(s.text)))
                .map(|t| t.text(s.text))
        })
        .flatten()
}

/// Place context: "based in Bergen" (a capitalised preposition opening the sentence counts too:
/// "In Kirkestad, …"), "the town of Drummel", "40 kilometres south of Karrinda", "towns such as
/// Santa Irene", "the MP for Kelbridge" (a constituency), "the capital, Velgrad", "the Kestrel
/// Mills site".
fn place_context(s: &Span, c: &Around) -> bool {
    let wb = &c.words_before;
    let n = s.hi - s.lo;
    wb.first().is_some_and(|p| lexicon::contains_lower(lexicon::PLACE_PREPOSITIONS, p) && (c.prev_initial || p.chars().all(char::is_lowercase)))
        || (wb.first() == Some(&"of") && wb.get(1).is_some_and(|p| settlement_noun(p)))
        || (wb.first() == Some(&"of")
            && wb.get(1).is_some_and(|p| matches!(*p, "north" | "south" | "east" | "west" | "northeast" | "northwest" | "southeast" | "southwest")))
        || (wb.first() == Some(&"as") && wb.get(1) == Some(&"such") && wb.get(2).is_some_and(|p| p.ends_with('s') && settlement_noun(p)))
        || (wb.first() == Some(&"for") && wb.get(1).is_some_and(|p| matches!(*p, "MP" | "MPs" | "MEP" | "senator" | "Senator")))
        || wb.first().is_some_and(|p| matches!(*p, "capital" | "city" | "town" | "village"))
        || s.all.get(s.hi).is_some_and(|t| {
            t.is_word()
                && !s.toks()[n - 1].poss
                && lexicon::contains_lower(lexicon::PLACE_NOUNS_AFTER, t.text(s.text))
                && t.text(s.text).chars().all(char::is_lowercase)
        })
}

/// "Westbrook’s airport", "Kelby’s mayor": what only a place has.
fn place_possessor(s: &Span, c: &Around) -> bool {
    s.all[s.hi - 1].poss && c.next_lower.first().is_some_and(|v| lexicon::contains_lower(POSSESSED_BY_PLACES, v))
}

/// "its Brackwater works", "their Montravel processing plant": a company's site, named after
/// where it is.
fn company_site(s: &Span, c: &Around) -> bool {
    c.prev_word.is_some_and(|p| matches!(p, "its" | "their"))
        && !s.all[s.hi - 1].poss
        && c.next_lower.iter().any(|v| lexicon::contains_lower(SITES, v))
}

/// "Ballycorrin, a village of 1,900 people", "Östervik, the northern city": an appositive place
/// noun — and what follows the noun continues the appositive ("a town in", "the city of"), not
/// a clause ("…, the city will still be short").
fn appositive_place(s: &Span) -> bool {
    let (all, hi, text) = (s.all, s.hi, s.text);
    s.comma_after()
        && all.get(hi + 1).is_some_and(|t| matches!(t.text(text), "a" | "an" | "the"))
        && all[hi + 2..]
            .iter()
            .enumerate()
            .take(3)
            .take_while(|(_, t)| t.is_word() && !is_cap(t.text(text)))
            .any(|(k, t)| {
                lexicon::contains_lower(APPOSITIVE_PLACES, t.text(text))
                    && all.get(hi + 3 + k).is_none_or(|v| {
                        !v.is_word() || matches!(v.text(text), "of" | "in" | "on" | "near" | "where" | "which" | "that" | "with")
                    })
            })
}

/// A person by the pronoun after the name: "X, who …", "X said she …", "X said his client …".
fn human_pronoun(_s: &Span, c: &Around) -> bool {
    c.rel == Some("who") || matches!(c.pron, Some("he" | "she" | "his" | "her")) || (c.later.is_some() && c.later != Some("its"))
}

/// "the farmers’ association Campo Unido", "prison reform charity Open Doors": an organisation
/// noun before the name (capitalised only when it opens the sentence: "Retailer Trelko said").
fn org_noun_before(s: &Span, c: &Around) -> bool {
    let prev_initial_word = s.lo > 0 && s.all[s.lo - 1].is_word() && s.all[s.lo - 1].initial;
    c.prev_word.is_some_and(|p| (!is_cap(p) || prev_initial_word) && lexicon::contains_lower(lexicon::ORG_NOUNS_BEFORE, p))
}

/// Organisation evidence when no pronoun says person: a determiner before the name ("the Santa
/// Irene market"; people's names rarely take one), a possessive before an organisational role
/// ("Kovarna Rail’s chief operating officer"), "X, which …" / "X said it …" / "its" later (a
/// thing), "analysts at Quorum Research" (people work at organisations, not at people), and
/// "Veltrix shares fell" (a company's stock).
fn organisation_evidence(s: &Span, c: &Around) -> bool {
    let (all, hi, text) = (s.all, s.hi, s.text);
    let determiner = c.prev_word.is_some_and(|p| matches!(p, "the" | "The" | "a" | "A" | "an" | "An"));
    let org_role = all[hi - 1].poss && all[hi..].iter().filter(|t| t.is_word()).take(2).any(|t| lexicon::contains_lower(ORG_ROLES, t.text(text)));
    let thing = c.rel == Some("which") || matches!(c.pron, Some("it" | "its")) || c.later == Some("its");
    let at_org = c.words_before.first() == Some(&"at")
        && c.words_before.get(1).is_some_and(|r| {
            lexicon::is_title(r) || lexicon::is_official_actor(r) || r.strip_suffix('s').is_some_and(lexicon::is_title)
        });
    let stock = !all[hi - 1].poss && all.get(hi).is_some_and(|t| t.is_word() && matches!(t.text(text), "shares" | "stock" | "shareholders"));
    determiner || org_role || thing || at_org || stock
}

/// An interest group: introduced as a campaign, charity, coalition, movement or nonprofit in an
/// appositive, or after a civic organisation noun ("the parents’ group Safe Screens"; "group",
/// "association" and "union" only after a possessive or an advocacy word: "rights group").
fn civic(s: &Span, c: &Around, appositive_org: Option<&str>, org_noun: bool) -> bool {
    appositive_org.is_some_and(|a| matches!(a, "campaign" | "charity" | "coalition" | "movement" | "nonprofit"))
        || org_noun
            && c.prev_word.is_some_and(|p| lexicon::contains_lower(lexicon::CIVIC_ORG_NOUNS, p))
            && (!matches!(c.prev_word, Some("group" | "association" | "union")) || {
                let before = s.all[..s.lo].iter().rev().filter(|t| t.is_word()).nth(1);
                before.is_some_and(|t| t.poss || lexicon::contains_lower(lexicon::ADVOCACY_MODIFIERS, t.text(s.text)))
            })
}

impl<'a> Ctx<'a> {
    fn span_text(&self, toks: &[Tok]) -> &'a str {
        &self.text[toks[0].start..toks[toks.len() - 1].end]
    }

    fn push(
        &mut self,
        toks: &[Tok],
        kind: Option<EntityKind>,
        canonical: Option<&'static str>,
        sentence: usize,
    ) {
        let mut m = Mention::new(toks[0].start, toks[toks.len() - 1].end, kind, sentence);
        m.canonical = canonical;
        self.mentions.push(m);
    }

    /// Classify one candidate span of a body sentence. `all` is the sentence's tokens, `lo..hi`
    /// the span within it. The rules are tried in order, each a named function below; the first
    /// that decides, decides, and a span no rule decides is read by its context ([`Ctx::by_context`]).
    #[inline(never)]
    fn classify(&mut self, all: &[Tok], lo: usize, hi: usize, sentence: usize) {
        let Some((lo, hi)) = trim(self.text, all, lo, hi) else { return };
        let s = Span { text: self.text, all, lo, hi };
        if plural_possessive_opening(&s) {
            return;
        }
        if initial_role_noun(&s) || initial_verb_shape(&s) {
            return self.classify(all, lo + 1, hi, sentence);
        }
        if let Some((k, c)) = gazetteer(s.whole()) {
            return self.push(s.toks(), Some(k), Some(c), sentence);
        }
        if sporting_event(&s) {
            return;
        }
        if party_name(&s) {
            return self.push(s.toks(), Some(EntityKind::Organization), None, sentence);
        }
        if modifier_before_role(&s) {
            return;
        }
        let last_title = (lo..hi).rev().find(|&i| lexicon::is_title(s.w(i)));
        if organisation_head(&s, last_title) {
            self.push(s.toks(), Some(EntityKind::Organization), None, sentence);
            // A lone head opening a sentence ("Police are …", "Water restrictions …") is a
            // common noun unless it refers back to a named organisation ("The Commission" after
            // "European Commission"): kept only with that link.
            if hi - lo == 1 && all[lo].initial {
                if let Some(m) = self.mentions.last_mut() {
                    m.tentative = true;
                }
            }
            return;
        }
        if place_by_head(&s) {
            return self.push(s.toks(), Some(EntityKind::Place), None, sentence);
        }
        if let Some(k) = last_title {
            return self.titled_person(&s, k, sentence);
        }
        if let Some((n, k, c)) = gazetteer_prefix(&s) {
            self.push(&all[lo..lo + n], Some(k), Some(c), sentence);
            return self.classify(all, lo + n, hi, sentence);
        }
        if let Some(end) = administration(&s) {
            self.mentions.push(Mention::new(s.toks()[0].start, end, Some(EntityKind::Organization), sentence));
            return;
        }
        self.by_context(&s, sentence)
    }

    /// Titles: "President Joe Biden", "Health Minister Ana Lopez", "Mr. Smith": the words after
    /// the last title are a person (official when a title or the appositive says so: "Dr. Amara
    /// Okonkwo, the bureau’s chief epidemiologist, …"); the words before it are looked up.
    fn titled_person(&mut self, s: &Span, k: usize, sentence: usize) {
        let (all, lo, hi, text) = (s.all, s.lo, s.hi, s.text);
        if k > lo {
            self.lexicon_only(all, lo, k, sentence);
        }
        let official = (lo..=k).any(|i| lexicon::is_official_actor(s.w(i)))
            || (all.get(hi).is_some_and(|t| t.kind == TokKind::Punct(','))
                && all[hi + 1..].iter().take(6).any(|t| {
                    t.is_word() && lexicon::is_official_actor(t.text(text)) && !is_cap(t.text(text))
                }));
        if k + 1 < hi {
            let name = &all[k + 1..hi];
            let mut m = Mention::new(name[0].start, name[name.len() - 1].end, Some(EntityKind::Person), sentence);
            m.multi_person = name.len() >= 2;
            m.official = official;
            self.mentions.push(m);
        }
    }

    /// An unknown name, decided by its shape and context: a place by place context, else a
    /// person or (with organisation evidence) a name of unknown kind that the document's
    /// linking settles.
    fn by_context(&mut self, s: &Span, sentence: usize) {
        let (all, lo, hi, text) = (s.all, s.lo, s.hi, s.text);
        let span = s.toks();
        let n = hi - lo;
        let whole = s.whole();
        let c = Around::of(s);
        let after_title = c.prev_word.is_some_and(lexicon::is_title);
        let appositive_role = appositive_role(s);
        // "in Lindholm and Esterby": coordinated with the place just before.
        let coordinated = lo >= 2
            && matches!(all[lo - 1].text(text), "and" | "or")
            && self.mentions.last().is_some_and(|m| m.sentence == sentence && m.end == all[lo - 2].end && m.kind == Some(EntityKind::Place));
        let place = place_context(s, &c) || coordinated || place_possessor(s, &c) || company_site(s, &c) || appositive_place(s);
        if place && !after_title && !appositive_role {
            return self.push(span, Some(EntityKind::Place), None, sentence);
        }
        let appositive_org = appositive_org(s, appositive_role);
        let human = human_pronoun(s, &c);
        let org_noun = org_noun_before(s, &c);
        let org_hint = !after_title
            && !appositive_role
            && (org_noun || appositive_org.is_some() || (!human && organisation_evidence(s, &c)));
        let person = !org_hint && (after_title || human || person_shape(s) || (plain(s) && appositive_role));
        let mut m = Mention::new(span[0].start, span[n - 1].end, person.then_some(EntityKind::Person), sentence);
        m.multi_person = person && n >= 2 && plain(s);
        m.tentative = n == 1 && all[lo].initial && !self.evidence.contains(whole) && !after_title;
        m.org_hint = org_hint;
        m.civic = civic(s, &c, appositive_org, org_noun);
        // "spokesperson Jane Doe" / "…, the bureau’s chief epidemiologist,".
        m.official = person
            && (c.prev_word.is_some_and(lexicon::is_official_actor)
                || (appositive_role
                    && all[hi + 1..].iter().take(6).any(|t| t.is_word() && lexicon::is_official_actor(t.text(text)))));
        self.mentions.push(m);
    }

    /// Gazetteer names only (for title-case lines and the words before a title).
    #[inline(never)]
    fn lexicon_only(&mut self, all: &[Tok], lo: usize, hi: usize, sentence: usize) {
        let text = self.text;
        let mut i = lo;
        while i < hi {
            if !all[i].is_word() || !is_cap(all[i].text(text)) {
                i += 1;
                continue;
            }
            let mut hit = None;
            for n in (1..=4.min(hi - i)).rev() {
                let toks = &all[i..i + n];
                if toks.iter().any(|t| !t.is_word()) || toks[..n - 1].iter().any(|t| t.poss) {
                    continue;
                }
                let s = self.span_text(toks);
                if let Some((k, c)) = gazetteer(s) {
                    hit = Some((n, Some((k, c))));
                    break;
                }
                if self.aliases.contains_key(s) {
                    hit = Some((n, None));
                    break;
                }
            }
            match hit {
                Some((n, Some((k, c)))) => {
                    self.push(&all[i..i + n], Some(k), Some(c), sentence);
                    i += n;
                }
                Some((n, None)) => {
                    self.push(&all[i..i + n], None, None, sentence);
                    i += n;
                }
                None => i += 1,
            }
        }
    }

    /// Find candidate spans in one body sentence.
    #[inline(never)]
    fn sentence(&mut self, toks: &[Tok], sentence: usize) {
        let text = self.text;
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            // A currency code is no name: "NZ$9.8 billion", "US$700 million".
            let currency = toks
                .get(i + 1)
                .is_some_and(|u| u.kind == TokKind::Punct('$') && u.start == t.end);
            if !(t.is_word() && is_cap(t.text(text))) || currency {
                i += 1;
                continue;
            }
            let lo = i;
            let mut has_head = lexicon::is_org_head(t.text(text));
            let mut hi = i + 1;
            let mut last = t;
            loop {
                if hi >= toks.len() {
                    break;
                }
                if last.poss {
                    // "Consumers’ Federation", "Residents’ Action Group": a plural possessive
                    // inside an organisation name, when the capitalised words after it reach an
                    // organisation head within three words.
                    let head_within = |from: usize| {
                        toks.iter()
                            .skip(from)
                            .take(3)
                            .take_while(|v| v.is_word() && is_cap(v.text(text)))
                            .any(|v| lexicon::is_org_head(v.text(text)))
                    };
                    // "Rural People’s Party", "St Brannock’s Hospital": a singular possessive
                    // likewise, unless the possessor is a place or nationality ("Britain’s
                    // Home Office" is a place and an organisation).
                    if toks[hi].is_word() && gazetteer(last.text(text)).is_none() && head_within(hi)
                    {
                        last = toks[hi];
                        has_head |= lexicon::is_org_head(last.text(text));
                        hi += 1;
                        continue;
                    }
                    let joins =
                        matches!(toks[hi].kind, TokKind::Punct('’' | '\'')) && head_within(hi + 1);
                    if !joins {
                        break;
                    }
                    hi += 1;
                    last = toks[hi];
                    has_head = true;
                    hi += 1;
                    continue;
                }
                let u = toks[hi];
                let ut = u.text(text);
                // ("Northway Bank plc": the legal suffix is often written in lowercase.)
                if u.is_word() && (is_cap(ut) || lexicon::is_lower_case_legal_suffix(ut)) {
                    has_head |= lexicon::is_org_head(ut);
                    last = u;
                    hi += 1;
                    continue;
                }
                // Connectors need a capitalised word right after them.
                let next_cap = |k: usize| {
                    toks.get(k)
                        .is_some_and(|v| v.is_word() && is_cap(v.text(text)))
                };
                // The capitalised run from `k` (at most four words) contains an organisation head.
                let head_ahead = |k: usize| {
                    toks[k.min(toks.len())..]
                        .iter()
                        .take(4)
                        .take_while(|v| v.is_word() && is_cap(v.text(text)))
                        .any(|v| lexicon::is_org_head(v.text(text)))
                };
                let joins = match u.kind {
                    TokKind::Punct('&') => next_cap(hi + 1),
                    // "Val-de-Brenne", "Valcourt-sur-Lène": a particle between hyphens.
                    TokKind::Punct('-')
                        if u.start == toks[hi - 1].end
                            && toks.get(hi + 1).is_some_and(|v| {
                                v.start == u.end && lexicon::contains_lower(PARTICLES, v.text(text))
                            })
                            && toks.get(hi + 2).is_some_and(|v| v.kind == TokKind::Punct('-'))
                            && next_cap(hi + 3) =>
                    {
                        true
                    }
                    TokKind::Punct('-') => {
                        next_cap(hi + 1)
                            && u.start == toks[hi - 1].end
                            && ((place_or_demonym(last.text(text)).is_none() && place_or_demonym(toks[hi + 1].text(text)).is_none())
                                // "European-Pacific Space Agency": a head ahead makes it a name;
                                // "U.S.-China trade" has none.
                                || head_ahead(hi + 1))
                    }
                    TokKind::Word => {
                        if lexicon::contains_lower(PARTICLES, ut)
                            && ut.chars().all(char::is_lowercase)
                        {
                            // "L’Écho de la Lène": two particles; "-sur-Lène": after a hyphen.
                            next_cap(hi + 1)
                                || (toks.get(hi + 1).is_some_and(|v| {
                                    lexicon::contains_lower(PARTICLES, v.text(text))
                                        || v.kind == TokKind::Punct('-')
                                }) && next_cap(hi + 2))
                        } else if ut == "of"
                            && hi == lo + 1
                            && lexicon::is_place_prefix(toks[lo].text(text))
                        {
                            // "Port of Valmara", "Gulf of Aden".
                            next_cap(hi + 1)
                        } else if ut == "and"
                            // (A leading demonym does not count: "Irish Nurses and Midwives Guild".)
                            && (1..=2).contains(
                                &toks[lo..hi]
                                    .iter()
                                    .filter(|v| !lexicon::is_common(v.text(text)) && place_or_demonym(v.text(text)).is_none())
                                    .count(),
                            )
                            && gazetteer(toks[hi - 1].text(text)).is_none()
                            // "Valdivieso Group and Obras Meridiano SA": two complete names.
                            && !lexicon::is_org_head(toks[hi - 1].text(text))
                            && !lexicon::is_corporate_suffix(toks[hi - 1].text(text))
                            && head_ahead(hi + 1)
                        {
                            // "Competition and Markets Office", "National Census and Statistics
                            // Institute": one or two words, "and", then a name with an
                            // organisation head.
                            true
                        } else if matches!(ut, "of" | "for" | "and")
                            && has_head
                            // "Valdivieso Group and Obras Meridiano SA": after a complete
                            // name, "and" starts another.
                            && !(ut == "and"
                                && (lexicon::is_org_head(last.text(text))
                                    || lexicon::is_corporate_suffix(last.text(text))))
                        {
                            next_cap(hi + 1)
                                || (ut == "of"
                                    && toks.get(hi + 1).is_some_and(|v| v.text(text) == "the")
                                    && next_cap(hi + 2))
                        } else {
                            false
                        }
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                hi += 1;
                if toks[hi].text(text) == "the" {
                    hi += 1;
                }
            }
            self.classify(toks, lo, hi, sentence);
            // An acronym in brackets right after a name: "… of China (CAC)".
            if hi + 2 < toks.len()
                && toks[hi].kind == TokKind::Punct('(')
                && toks[hi + 2].kind == TokKind::Punct(')')
                && toks[hi + 1].is_word()
                && is_all_caps(toks[hi + 1].text(text))
            {
                if let Some(m) = self
                    .mentions
                    .last()
                    .filter(|m| m.end == toks[hi - 1].end && m.sentence == sentence)
                {
                    let long = &text[m.start..m.end];
                    let kind = m.kind.unwrap_or(EntityKind::Organization);
                    let canon = m.canonical.map_or_else(|| long.to_owned(), str::to_owned);
                    let acr = toks[hi + 1].text(text).to_owned();
                    self.aliases.insert(acr, (kind, canon));
                }
            }
            i = hi.max(lo + 1);
        }
    }
}

/// Demonyms of places the gazetteer does not know share the place's stem: "Moravian" and
/// "Moravon", "Taravian" and "Taravia" (English demonym suffixes -ian, -ese on the country's
/// stem). An unknown single word ending so, used as an adjective before a lowercase word or in
/// the plural, becomes a group and the unknown name sharing its first five letters a place.
#[inline(never)]
fn demonym_stems<'a>(text: &'a str, mentions: &mut [Mention]) -> Set<&'a str> {
    let mut places = Set::default();
    // "-i" makes a demonym only of another name in the text: "Kashvari" beside "Kashvar"
    // (Pakistani, Israeli, Omani).
    let names: Set<&str> = mentions
        .iter()
        .filter(|m| m.kind.is_none() && m.canonical.is_none())
        .map(|m| &text[m.start..m.end])
        .collect();
    let demonym_shape = |w: &str| {
        w.ends_with("ian")
            || w.ends_with("ians")
            || w.ends_with("ese")
            || w.strip_suffix('i').is_some_and(|b| names.contains(b))
    };
    let mut stems: Vec<&str> = Vec::new();
    // ("the Moravian government": a determiner says nothing against a demonym.)
    for m in mentions
        .iter()
        .filter(|m| m.kind.is_none() && m.canonical.is_none())
    {
        let w = &text[m.start..m.end];
        let demonym = demonym_shape(w) && !w.contains(' ');
        // Adjective use: a lowercase word follows ("Moravian steelmakers"), or a plural.
        let adjective = text[m.end..]
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(|c: char| c.is_lowercase()));
        if demonym && (adjective || w.ends_with('s')) && w.is_char_boundary(5) && w.len() > 6 {
            let stem = &w[..5];
            if !stems.contains(&stem) {
                stems.push(stem);
            }
        }
    }
    // Only stems that also begin a name of another shape (the place): "Meridian" alone is no
    // demonym.
    stems.retain(|st| {
        mentions.iter().any(|m| {
            let w = &text[m.start..m.end];
            matches!(m.kind, None | Some(EntityKind::Place))
                && m.canonical.is_none()
                && !w.contains(' ')
                && w.starts_with(st)
                && !demonym_shape(w)
        })
    });
    if stems.is_empty() {
        return places;
    }
    for m in mentions
        .iter_mut()
        .filter(|m| m.kind.is_none() && m.canonical.is_none())
    {
        let w = &text[m.start..m.end];
        if w.contains(' ') || !w.is_char_boundary(5) || w.len() < 5 || !stems.contains(&&w[..5]) {
            continue;
        }
        let demonym = demonym_shape(w);
        // "the Moravian government": a determiner says nothing against a demonym; and a name
        // with a demonym is a place even where "its" made it look like a thing ("Kashvar has
        // been fighting rebels in its eastern province").
        m.org_hint = false;
        if !demonym {
            places.insert(w);
        }
        m.kind = Some(if demonym {
            EntityKind::Group
        } else {
            EntityKind::Place
        });
        m.tentative = false;
    }
    places
}

/// Alias keys for an organisation's full name: "Micron Technology" → "Micron";
/// "U.S. Department of Commerce" → "Department of Commerce", "Commerce Department".
#[inline(never)]
fn org_aliases(name: &str, out: &mut Vec<String>) {
    let words: Vec<&str> = name.split_whitespace().collect();
    let n = words.len();
    if n >= 2 {
        let tail_start =
            (1..n).find(|&i| words[i..].iter().all(|w| lexicon::is_corporate_suffix(w)));
        if let Some(k) = tail_start {
            let head = words[..k].join(" ");
            if gazetteer(&head).is_none() && !lexicon::is_common(&head) {
                out.push(head);
            }
        }
    }
    for (i, w) in words.iter().enumerate() {
        if matches!(*w, "Department" | "Ministry") && words.get(i + 1) == Some(&"of") && i + 2 < n {
            let topic = words[i + 2..].join(" ");
            out.push(format!("{w} of {topic}"));
            out.push(format!("{topic} {w}"));
        }
    }
}

/// Give mentions their final kind and canonical name (links, gazetteer, back-references) and
/// append them to `out`; tentative mentions without evidence or link are dropped.
#[inline(never)]
fn resolve(
    text: &str,
    mentions: Vec<Mention>,
    aliases: &Map<String, (EntityKind, String)>,
    evidence: &Set<&str>,
    out: &mut Vec<RawEntity>,
) {
    // Hash of the last word of every multi-word organisation name in `out` → index of its latest
    // mention (a hash, so no key string per mention; a collision only costs a scan).
    let mut last_org: Map<u64, usize> = Map::default();
    for (i, e) in out.iter().enumerate() {
        if e.kind == EntityKind::Organization && e.canonical.contains(' ') {
            last_org.insert(word_hash(last_word(&e.canonical)), i);
        }
    }
    for m in mentions {
        let Some((kind, canonical)) = resolve_one(text, &m, aliases, evidence, out, &last_org)
        else {
            continue;
        };
        if kind == EntityKind::Organization && canonical.contains(' ') {
            last_org.insert(word_hash(last_word(&canonical)), out.len());
        }
        out.push(RawEntity {
            start: m.start,
            end: m.end,
            kind,
            canonical,
            sentence: m.sentence,
            official: m.official,
            civic: m.civic,
            expert: false,
        });
    }
}

/// An organisation named as an interest group ([`lexicon::CIVIC_NAME_WORDS`]).
fn civic_name(name: &str) -> bool {
    name.split(' ').any(|w| {
        let w = w.trim_end_matches(['’', '\'']);
        lexicon::is_civic_name_word(w)
    })
}

fn word_hash(w: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = Fnv::default();
    h.write(w.as_bytes());
    h.finish()
}

/// Kind and canonical name of one mention, or `None` to drop it (out of line: see
/// `stance::rules::sentence` on WebAssembly tiering).
#[inline(never)]
fn resolve_one(
    text: &str,
    m: &Mention,
    aliases: &Map<String, (EntityKind, String)>,
    evidence: &Set<&str>,
    out: &[RawEntity],
    last_org: &Map<u64, usize>,
) -> Option<(EntityKind, String)> {
    let name = sub(text, m.start, m.end);
    let linked = aliases
        .get(name)
        .filter(|(k, _)| m.kind.is_none() || m.kind == Some(*k) || m.canonical.is_none());
    Some(match (m.canonical, linked) {
        (Some(c), _) => (m.kind.unwrap_or(EntityKind::Organization), c.to_owned()),
        (None, Some((k, c))) => (*k, c.clone()),
        (None, None) => {
            let bare_head = m.kind == Some(EntityKind::Organization) && lexicon::is_org_head(name);
            if m.tentative && !bare_head && !evidence.contains(name) {
                return None;
            }
            // A bare head ("the Commission", "Federation") refers back to the latest
            // organisation named with that head ("European Commission").
            let refers = |e: &RawEntity| {
                e.kind == EntityKind::Organization
                    && e.canonical.len() > name.len()
                    && e.canonical.ends_with(name)
                    && e.canonical[..e.canonical.len() - name.len()].ends_with(' ')
            };
            // Such an organisation has a space and ends with the bare name's last word, so the
            // index of the latest one per last word answers at once; a miss in the index means
            // there is none (no scan of the whole list per bare head).
            let back = (m.kind == Some(EntityKind::Organization) && lexicon::is_org_head(name))
                .then(|| match last_org.get(&word_hash(last_word(name))) {
                    Some(&i) if refers(&out[i]) => Some(&out[i]),
                    Some(_) => out.iter().rev().find(|e| refers(e)),
                    None => None,
                })
                .flatten()
                .map(|e| e.canonical.clone());
            if m.tentative && bare_head && back.is_none() {
                return None;
            }
            (
                m.kind.unwrap_or(EntityKind::Organization),
                back.unwrap_or_else(|| name.to_owned()),
            )
        }
    })
}

/// A settlement noun ([`lexicon::SETTLEMENT_NOUNS`]), singular or plural ("the provinces of
/// X", "towns such as X").
fn settlement_noun(w: &str) -> bool {
    lexicon::contains_lower(lexicon::SETTLEMENT_NOUNS, w)
        || w.strip_suffix("ies")
            .is_some_and(|b| lexicon::contains_lower(lexicon::SETTLEMENT_NOUNS, &format!("{b}y")))
        || w.strip_suffix('s')
            .is_some_and(|b| lexicon::contains_lower(lexicon::SETTLEMENT_NOUNS, b))
}

fn last_word(s: &str) -> &str {
    s.rsplit(' ').next().unwrap_or(s)
}

/// The length in tokens of a news dateline's place at the start of the first paragraph: an
/// all-capitals name before a dash, directly or after a short ", Country" / ", March 12" /
/// "(Agency)": "PORTO NERO, March 12 — The governor …", "HARWICK, Canada — …".
fn dateline(text: &str, toks: &[Tok]) -> Option<usize> {
    let caps = toks
        .iter()
        .take(4)
        .take_while(|t| (t.is_word() && is_all_caps(t.text(text))) || t.kind == TokKind::Punct('-'))
        .count();
    if caps == 0 || !toks[caps - 1].is_word() {
        return None;
    }
    let dash = |t: &Tok| matches!(t.kind, TokKind::Punct('—' | '–'));
    let after = &toks[caps..];
    let dated = after.first().is_some_and(dash)
        || (after
            .first()
            .is_some_and(|t| matches!(t.kind, TokKind::Punct(',' | '(')))
            && after.iter().skip(1).take(5).any(dash));
    dated.then_some(caps)
}

/// "PORTO NERO" → "Porto Nero", "SAINT-DENIS" → "Saint-Denis".
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    out
}

/// Words capitalised mid-sentence that begin a name: evidence that a capitalised sentence
/// opener is a name ("Meridian said …" beside "Meridian Baltic Shipping GmbH"). A word
/// capitalised only inside a longer name is not: "Privacy campaigners said …" beside "Sweden’s
/// Privacy Supervisory Board", "Peace campaigners" beside "the Nordic Peace Council".
#[inline(never)]
fn add_evidence<'a>(text: &'a str, toks: &[Tok], evidence: &mut Set<&'a str>) {
    let cap_word = |t: Option<&Tok>| t.is_some_and(|t| t.is_word() && is_cap(t.text(text)));
    for (i, t) in toks.iter().enumerate() {
        if !t.is_word() || t.initial {
            continue;
        }
        let w = t.text(text);
        if is_cap(w) && !cap_word(i.checked_sub(1).and_then(|p| toks.get(p))) {
            evidence.insert(w);
        }
    }
}

/// Find the entities of the content blocks. Output is sorted by start and non-overlapping.
#[inline(never)]
pub fn extract(text: &str, blocks: &[RawBlock], sentences: &[RawSentence]) -> Vec<RawEntity> {
    // Pass A: tokens of every content sentence, and words capitalised mid-sentence in paragraphs;
    // the learned recogniser's tokens of the paragraphs and headings, from the same runs, which
    // are found into one buffer reused from sentence to sentence.
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5);
    let mut ranges: Vec<(usize, usize)> = Vec::with_capacity(sentences.len());
    let mut evidence = Set::default();
    let mut ml = ModelLayer::new(text, sentences.len());
    let mut runs = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let kind = blocks.get(s.block).map_or(BlockKind::Furniture, |b| b.kind);
        let lo = toks.len();
        if kind != BlockKind::Furniture {
            runs.clear();
            alnum_runs_into(text, s.start, s.end, &mut runs);
            // Straight into the shared token list: no per-sentence copy.
            tokenize(text, s.start, s.end, &runs, &mut toks);
            if kind == BlockKind::Paragraph {
                add_evidence(text, &toks[lo..], &mut evidence);
            }
            if matches!(kind, BlockKind::Paragraph | BlockKind::Heading) {
                ml.read(si, s.start, s.end, &runs, kind == BlockKind::Paragraph);
            }
        }
        ranges.push((lo, toks.len()));
    }
    let mut cx = Ctx {
        text,
        evidence,
        mentions: Vec::new(),
        aliases: Map::default(),
    };
    // Pass B: candidate spans in paragraphs; the dateline of the first one.
    let mut first_paragraph = true;
    for (si, s) in sentences.iter().enumerate() {
        if blocks
            .get(s.block)
            .is_some_and(|b| b.kind == BlockKind::Paragraph)
        {
            let m0 = cx.mentions.len();
            let (mut lo, hi) = ranges[si];
            if std::mem::take(&mut first_paragraph) {
                if let Some(n) = dateline(text, &toks[lo..hi]) {
                    let place = &toks[lo..lo + n];
                    let name = cx.span_text(place);
                    cx.push(place, Some(EntityKind::Place), None, si);
                    let canonical = place_or_demonym(&title_case(name))
                        .map_or_else(|| title_case(name), |(_, c)| c.to_owned());
                    cx.aliases
                        .insert(name.to_owned(), (EntityKind::Place, canonical));
                    lo += n;
                }
            }
            cx.sentence(&toks[lo..hi], si);
            ml.sentence(si, &mut cx.mentions, m0);
        }
    }
    // Organisation evidence for a name applies to all its mentions ("Kovarna Rail cancelled …"
    // and "Kovarna Rail’s chief operating officer").
    let org_names: Set<&str> = cx
        .mentions
        .iter()
        .filter(|m| m.org_hint)
        .map(|m| &text[m.start..m.end])
        .collect();
    for m in cx.mentions.iter_mut() {
        let name = &text[m.start..m.end];
        // "Zephyr’s shares" also says "Zephyr Cloud" is a company: people are not called by
        // their first name alone with an organisational role.
        let first = name.split_whitespace().next().unwrap_or(name);
        if m.kind == Some(EntityKind::Person)
            && m.multi_person
            && (org_names.contains(name) || org_names.contains(first))
        {
            m.kind = None;
            m.multi_person = false;
        }
    }
    let demonym_places = demonym_stems(text, &mut cx.mentions);
    cx.mentions.retain(|m| !m.misc || m.kind == Some(EntityKind::Group));
    drop_religions(text, &mut cx.mentions);
    // One sense per discourse: a name the context made a place ("in Kirkestad") is a place in
    // its other mentions too, where nothing else said what it is ("Kirkestad’s mayor …").
    // Organisation evidence outranks a preposition: "the airline Skyvance" … "shares in
    // Skyvance" is the company both times.
    for m in cx.mentions.iter_mut() {
        let name = &text[m.start..m.end];
        if m.kind == Some(EntityKind::Place)
            && m.canonical.is_none()
            && org_names.contains(name)
            && !demonym_places.contains(name)
            && !ml.places.contains(name)
        {
            m.kind = None;
        }
    }
    // An institution named after its town ("Brackenford City Council", "Kelderwick University")
    // or an area named after one ("the Ellery Wetlands") says the first word is a place: its lone
    // mentions are the place.
    let mut place_names: Set<&str> = cx
        .mentions
        .iter()
        .filter_map(|m| {
            let name = &text[m.start..m.end];
            let (first, rest) = name.split_once(' ')?;
            let head = last_word(rest);
            let town = m.kind != Some(EntityKind::Person) && lexicon::is_town_body(head);
            // "the Ellery Wetlands" … "at Ellery".
            let area = m.kind == Some(EntityKind::Place)
                && m.canonical.is_none()
                && lexicon::is_place_head(head);
            ((town || area) && place_or_demonym(first).is_none()).then_some(first)
        })
        .collect();
    place_names.extend(
        cx.mentions
            .iter()
            .filter(|m| m.kind == Some(EntityKind::Place) && m.canonical.is_none())
            .map(|m| &text[m.start..m.end]),
    );
    if !place_names.is_empty() {
        for m in cx.mentions.iter_mut() {
            if m.kind.is_none() && !m.org_hint && place_names.contains(&text[m.start..m.end]) {
                m.kind = Some(EntityKind::Place);
            }
        }
    }
    // Pass C: aliases from full names.
    let mut keys = Vec::new();
    // Names already handled, per kind.
    let (mut seen_org, mut seen_person): (Set<&str>, Set<&str>) = Default::default();
    for m in &cx.mentions {
        let name = &text[m.start..m.end];
        keys.clear();
        match m.kind {
            Some(EntityKind::Organization) if m.canonical.is_none() => {
                // Repeated mentions add nothing: skip them before building alias strings.
                if !seen_org.insert(name) {
                    continue;
                }
                org_aliases(name, &mut keys);
                for k in keys.drain(..) {
                    cx.aliases
                        .entry(k)
                        .or_insert((EntityKind::Organization, name.to_owned()));
                }
            }
            Some(EntityKind::Person) if m.multi_person => {
                if !seen_person.insert(name) {
                    continue;
                }
                let first = name.split_whitespace().next().unwrap_or(name);
                let last = name.split_whitespace().next_back().unwrap_or(name);
                for k in [first, last] {
                    if !lexicon::is_common(k) && !cx.aliases.contains_key(k) {
                        cx.aliases
                            .insert(k.to_owned(), (EntityKind::Person, name.to_owned()));
                    }
                }
            }
            _ => {}
        }
    }
    // Pass D: resolve kinds and canonical names of the body.
    let mut out: Vec<RawEntity> = Vec::with_capacity(cx.mentions.len());
    let body = std::mem::take(&mut cx.mentions);
    resolve(text, body, &cx.aliases, &cx.evidence, &mut out);
    // Title and heading lines: gazetteer names and names known from the body.
    for e in &out {
        let name = sub(text, e.start, e.end);
        if !cx.aliases.contains_key(name) {
            cx.aliases
                .insert(name.to_owned(), (e.kind, e.canonical.clone()));
        }
    }
    for (si, s) in sentences.iter().enumerate() {
        if blocks
            .get(s.block)
            .is_some_and(|b| matches!(b.kind, BlockKind::Title | BlockKind::Heading))
        {
            let (lo, hi) = ranges[si];
            let m0 = cx.mentions.len();
            cx.lexicon_only(&toks[lo..hi], 0, hi - lo, si);
            // Headings are tagged by the model too (wire datelines, sports tables, subheads);
            // the title is Title Case in most articles, where the model sees a name in every
            // word (measured: docs/entities.md), so it keeps gazetteer and known names only.
            if blocks.get(s.block).is_some_and(|b| b.kind == BlockKind::Heading) {
                ml.sentence(si, &mut cx.mentions, m0);
            }
        }
    }
    let headings = std::mem::take(&mut cx.mentions);
    resolve(text, headings, &cx.aliases, &cx.evidence, &mut out);
    // People introduced with an official role keep it in later mentions, and so do
    // organisations introduced as interest groups.
    let official: Set<&str> = out
        .iter()
        .filter(|e| e.official)
        .map(|e| e.canonical.as_str())
        .collect();
    // Interest groups by name are decided once per distinct organisation, not per mention.
    let mut civic: Set<&str> = out
        .iter()
        .filter(|e| e.civic)
        .map(|e| e.canonical.as_str())
        .collect();
    let orgs: Set<&str> = out
        .iter()
        .filter(|e| e.kind == EntityKind::Organization)
        .map(|e| e.canonical.as_str())
        .collect();
    civic.extend(orgs.iter().copied().filter(|c| civic_name(c)));
    let expert: Set<&str> = orgs
        .into_iter()
        .filter(|c| c.split(' ').any(lexicon::is_expert_name_word))
        .collect();
    let flags: Vec<(bool, bool, bool)> = out
        .iter()
        .map(|e| {
            let org = e.kind == EntityKind::Organization;
            (
                e.kind == EntityKind::Person && official.contains(e.canonical.as_str()),
                org && civic.contains(e.canonical.as_str()),
                org && !expert.is_empty() && expert.contains(e.canonical.as_str()),
            )
        })
        .collect();
    for (e, (f, c, x)) in out.iter_mut().zip(flags) {
        e.official = f;
        e.civic = c;
        e.expert = x;
    }
    out.sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
    let mut last_end = 0;
    out.retain(|e| {
        let keep = e.start >= last_end && e.end > e.start;
        if keep {
            last_end = e.end;
        }
        keep
    });
    out
}

/// The learned recogniser ([`crate::ner`]) inside the extraction: it decides which spans are
/// names and of what kind; the rules' mentions of the same words lend what the model does not
/// know (gazetteer canonical names, an official role, an interest group), and the rules alone
/// keep the `group` kind for nationalities.
struct ModelLayer<'a> {
    text: &'a str,
    /// None when the app has no weights (they failed to load): the rules' mentions then stand
    /// as they are, which is the analysis before the model.
    model: Option<&'static crate::ner::Model>,
    tagger: crate::ner::Tagger,
    /// The model's tokens of every sentence read so far, each read once: the document pass and
    /// the tagging share them, with what both read of each word.
    toks: Vec<crate::ner::tokens::Token>,
    /// Per token, the word the model reads and its case.
    words: Vec<&'a str>,
    cases: Vec<crate::ner::features::WordCase>,
    /// Per sentence, its tokens in `toks` (`None` for one not read: neither paragraph nor heading).
    ranges: Vec<Option<(usize, usize)>>,
    spans: Vec<(usize, usize, EntityKind)>,
    margins: Vec<f32>,
    model_spans: Vec<(usize, usize, crate::ner::Type)>,
    /// Byte spans the model tagged MISC in the sentence.
    misc: Vec<(usize, usize)>,
    /// The rules' mentions of the sentence, and whether a model span overlaps each.
    rules: Vec<Mention>,
    used: Vec<bool>,
    /// Names [`ModelLayer::place_before_place`] made places: their later mentions are too.
    places: Set<&'a str>,
}

impl<'a> ModelLayer<'a> {
    fn new(text: &'a str, sentences: usize) -> Self {
        ModelLayer {
            text,
            model: crate::ner::shared(),
            tagger: crate::ner::Tagger::default(),
            toks: Vec::with_capacity(text.len() / 5),
            words: Vec::with_capacity(text.len() / 5),
            cases: Vec::with_capacity(text.len() / 5),
            ranges: vec![None; sentences],
            spans: Vec::new(),
            margins: Vec::new(),
            model_spans: Vec::new(),
            misc: Vec::new(),
            rules: Vec::new(),
            used: Vec::new(),
            places: Set::default(),
        }
    }

    /// Read the tokens of sentence `si` (`start..end` of the text, with its alphanumeric runs),
    /// each once: the learned recogniser reads the paragraphs and headings as CoNLL-like tokens,
    /// first how the document writes its words (here, the paragraphs' when `observe`), then
    /// sentence by sentence ([`ModelLayer::sentence`]).
    #[inline(never)]
    fn read(&mut self, si: usize, start: usize, end: usize, runs: &[(usize, usize)], observe: bool) {
        if self.model.is_none() {
            return;
        }
        let lo = self.toks.len();
        crate::ner::tokens::tokenize_in(self.text, start, end, runs, &mut self.toks);
        let text = self.text;
        self.words.extend(self.toks[lo..].iter().map(|t| t.word(text)));
        self.cases.extend(self.words[lo..].iter().map(|w| crate::ner::features::WordCase::of(w)));
        if observe {
            self.tagger.doc.observe_cased(&self.cases[lo..]);
        }
        if let Some(slot) = self.ranges.get_mut(si) {
            *slot = Some((lo, self.toks.len()));
        }
    }

    /// The tokens of sentence `si` read by [`ModelLayer::read`] (none for another).
    fn tokens(&self, si: usize) -> (usize, usize) {
        self.ranges.get(si).copied().flatten().unwrap_or((0, 0))
    }

    /// Tag one paragraph sentence and merge with the rules' mentions `mentions[m0..]` of it.
    #[inline(never)]
    fn sentence(&mut self, si: usize, mentions: &mut Vec<Mention>, m0: usize) {
        use crate::ner::Type;
        let Some(model) = self.model else { return };
        let (lo, hi) = self.tokens(si);
        let toks = &self.toks[lo..hi];
        self.tagger.sentence_windows_model(model, &self.words[lo..hi], &self.cases[lo..hi]);
        self.spans.clear();
        self.margins.clear();
        self.model_spans.clear();
        self.misc.clear();
        for &(a, b, t) in &self.tagger.spans {
            let margin = self.tagger.type_margin((a, b, t));
            // Post-nominal letters the model took into a person's name ("Helen Prior KC") are
            // no part of it, as the rules' trim has it.
            let post_nominal = |k: usize| lexicon::contains_lower(POST_NOMINALS, &self.text[toks[k].start..toks[k].end]);
            let b = if t == Type::Per && b > a + 1 && post_nominal(b - 1) { b - 1 } else { b };
            let (s, e) = (toks[a].start, toks[b - 1].end);
            let kind = match t {
                Type::Per => EntityKind::Person,
                Type::Org => EntityKind::Organization,
                Type::Loc => EntityKind::Place,
                // Nationalities are the app's groups; other MISC (events, works) is no entity here.
                Type::Misc if b == a + 1 && lexicon::demonym(&self.text[s..e]).is_some() => {
                    EntityKind::Group
                }
                Type::Misc => {
                    self.misc.push((s, e));
                    continue;
                }
            };
            // Post-nominal letters ("Helen Prior KC", "… MP") belong to the person before.
            if b == a + 1 && a > 0 && lexicon::contains_lower(POST_NOMINALS, &self.text[s..e]) {
                continue;
            }
            self.spans.push((s, e, kind));
            self.margins.push(margin);
            self.model_spans.push((a, b, t));
        }
        // Buffers kept from sentence to sentence: no allocation per sentence.
        let (mut rules, mut used) = (std::mem::take(&mut self.rules), std::mem::take(&mut self.used));
        rules.clear();
        rules.extend(mentions.drain(m0..));
        rules.sort_by_key(|m| (m.start, m.end));
        self.join_at_particles(&rules);
        self.place_before_place();
        used.clear();
        used.resize(rules.len(), false);
        // Model spans and the rules' mentions are each in text order, so the mentions a span
        // overlaps are found by a moving cursor (a sentence can be megabytes long).
        let mut cur = 0;
        for (k, &(s, e, kind)) in self.spans.iter().enumerate() {
            while cur < rules.len() && rules[cur].end <= s {
                cur += 1;
            }
            let mut hi = cur;
            while hi < rules.len() && rules[hi].start < e {
                used[hi] = true;
                hi += 1;
            }
            let near = &rules[cur..hi];
            let exact = near.iter().find(|m| m.start == s && m.end == e);
            // Where the model hesitates between types and the rules found exactly this span,
            // the rules' kind (from their context cues) decides; so it does where the model
            // reads a person and the rules an interest group from the noun just before it
            // ("prison reform charity Open Doors"), a cue too rare in the training text.
            let kind = match exact {
                Some(m) if self.margins[k] < KIND_MARGIN && m.kind.is_some_and(|k| k != EntityKind::Group) => m.kind.unwrap(),
                Some(m) if m.civic && m.org_hint && kind == EntityKind::Person && self.text[..s].strip_suffix(' ').is_some_and(|t| t.ends_with(char::is_alphabetic)) => {
                    EntityKind::Organization
                }
                _ => kind,
            };
            let b = exact.or(near.first());
            let name = &self.text[s..e];
            let canonical = match exact {
                Some(m) if m.kind == Some(kind) && m.canonical.is_some() => m.canonical,
                _ => gazetteer(name).filter(|g| g.0 == kind).map(|g| g.1),
            };
            let words = name.split(' ').count();
            mentions.push(Mention {
                start: s,
                end: e,
                kind: Some(kind),
                canonical,
                multi_person: kind == EntityKind::Person && (2..=3).contains(&words),
                tentative: false,
                org_hint: kind == EntityKind::Organization && b.is_some_and(|m| m.org_hint),
                official: kind == EntityKind::Person && b.is_some_and(|m| m.official),
                civic: kind == EntityKind::Organization && b.is_some_and(|m| m.civic),
                misc: false,
                sentence: si,
            });
        }
        // A rule's mention the model did not tag is dropped (on real newswire the rules' extra
        // spans were mostly wrong: docs/entities.md), except nationalities, which the model
        // folds into MISC with events and works.
        // A one-word MISC is kept as the rules have it too: the rules tell an invented
        // nationality ("Moravian" beside "Moravon") by its stem, after this pass.
        for (m, &u) in rules.drain(..).zip(&used) {
            let misc_word = !self.text[m.start..m.end].contains(' ')
                && self.misc.binary_search(&(m.start, m.end)).is_ok();
            if !u && (m.kind == Some(EntityKind::Group) || misc_word) {
                mentions.push(Mention { misc: misc_word && m.kind != Some(EntityKind::Group), ..m });
            }
        }
        (self.rules, self.used) = (rules, used);
        mentions[m0..].sort_by_key(|m| m.start);
    }
}

/// A religion ("Muslim leaders") is no group: the guide labels nationalities as groups, not
/// believers, though the nationalities' lexicon holds both.
fn drop_religions(text: &str, mentions: &mut Vec<Mention>) {
    mentions.retain(|m| !(m.kind == Some(EntityKind::Group) && lexicon::RELIGIONS.binary_search(&&text[m.start..m.end]).is_ok()));
}

impl<'a> ModelLayer<'a> {
    /// A model span that ends right before a lower-case name particle ("Vilanova | do Mar",
    /// "Rio | de Janeiro") inside a name the rules read whole through it becomes the rules'
    /// name, of their kind, and the model spans within it go. Running text has these particles
    /// mostly as other words ("do" a verb, "de" and "la" rare), so the model reads the name
    /// before them as whole and typed by itself (a person, the subject of "do"). A company's
    /// lower-case "plc" ("Vexa Telecom plc") is joined the same way: the rules read it as part
    /// of the name, and whether the model does turns on its training order.
    fn join_at_particles(&mut self, rules: &[Mention]) {
        let text = self.text;
        let mut k = 0;
        while k < self.spans.len() {
            let (s, e, _) = self.spans[k];
            let particle_next = text[e..]
                .strip_prefix(' ')
                .and_then(|t| t.split(' ').next())
                // (Every particle is short: most spans are followed by a longer word.)
                .is_some_and(|w| w.len() <= 5 && w.chars().all(char::is_lowercase) && (lexicon::is_lower_case_legal_suffix(w) || lexicon::contains_lower(lexicon::NAME_PARTICLES, w)));
            let whole = particle_next.then(|| {
                rules.iter().find(|m| {
                    m.start <= s
                        && m.end > e + 1
                        && matches!(m.kind, Some(EntityKind::Person | EntityKind::Organization | EntityKind::Place))
                        && (k == 0 || self.spans[k - 1].1 <= m.start)
                })
            });
            if let Some(Some(m)) = whole {
                self.spans[k] = (m.start, m.end, m.kind.unwrap_or(EntityKind::Place));
                // The rules' kind stands (`sentence` would otherwise weigh the model's).
                self.margins[k] = f32::INFINITY;
                let mut j = k + 1;
                while j < self.spans.len() && self.spans[j].0 < m.end {
                    j += 1;
                }
                self.spans.drain(k + 1..j);
                self.margins.drain(k + 1..j);
                self.model_spans.drain(k + 1..j);
            }
            k += 1;
        }
    }

    /// A name written "X, <known place>" ("El Paso, Texas", "Allen, Texas", "Kenosha,
    /// Wisconsin") is a place in the whole document, whatever the model reads of its other
    /// mentions ("El Paso's police chief": CoNLL's Reuters text names sports teams after their
    /// towns, organisations) and whatever organisation cues the rules find for it. Not a name
    /// with an organisation's head word ("Stanford University, California") or that the
    /// gazetteer knows as another kind ("Austrian, United Kingdom"), nor one before a place
    /// that does not close the phrase ("Pelosi, California Democrat", "According to CNN,
    /// Turkey has").
    fn place_before_place(&mut self) {
        let text: &'a str = self.text;
        for k in 0..self.spans.len() {
            let (s, e, kind) = self.spans[k];
            if kind != EntityKind::Place && !self.places.is_empty() && self.places.contains(&text[s..e]) {
                self.spans[k].2 = EntityKind::Place;
                self.margins[k] = f32::INFINITY;
            }
        }
        for k in 1..self.spans.len() {
            let (s, e, _) = self.spans[k - 1];
            let (s2, e2, _) = self.spans[k];
            if text.get(e..s2) != Some(", ") {
                continue;
            }
            // The place closes the phrase: "El Paso, Texas, with", not "According to CNN,
            // Turkey has" nor "Wojnarowski, US sport". (The cheap tests first.)
            if !text[e2..].chars().next().is_none_or(|c| matches!(c, ',' | '.' | ';' | ':' | ')' | '\n')) {
                continue;
            }
            let name = &text[s..e];
            if name.split(' ').count() > 3 || gazetteer(&text[s2..e2]).is_none_or(|g| g.0 != EntityKind::Place) {
                continue;
            }
            if name.split(' ').any(lexicon::is_org_head) || gazetteer(name).is_some_and(|g| g.0 != EntityKind::Place) {
                continue;
            }
            self.spans[k - 1].2 = EntityKind::Place;
            self.margins[k - 1] = f32::INFINITY;
            self.places.insert(name);
        }
    }
}

/// Letters after a person's name, not an organisation of their own.
const POST_NOMINALS: &[&str] = &["cbe", "kc", "mbe", "md", "mep", "mp", "msp", "obe", "phd", "qc"];

/// Below this type margin ([`crate::ner::Tagger::type_margin`], in weight units) the rules'
/// kind of the same span wins (tuned on CoNLL-2003 dev and the gold set: docs/entities.md).
const KIND_MARGIN: f32 = 10.0;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure;

    /// Entities of `input` as (text, kind, canonical).
    fn check(input: &str, expected: &[(&str, EntityKind, &str)]) {
        let bs = structure::blocks(input);
        let ss = structure::sentences(input, &bs);
        let got: Vec<(String, EntityKind, String)> = extract(input, &bs, &ss)
            .into_iter()
            .map(|e| (input[e.start..e.end].to_owned(), e.kind, e.canonical))
            .collect();
        let want: Vec<(String, EntityKind, String)> = expected
            .iter()
            .map(|(a, k, c)| (a.to_string(), *k, c.to_string()))
            .collect();
        assert_eq!(got, want, "input: {input}");
    }

    /// Checks a span rule on each example: (sentence, the span's words in it, the answer),
    /// compared as printed. The sentence is tokenised as `extract` does.
    fn rule<T: std::fmt::Debug, W: std::fmt::Debug>(table: &[(&str, &str, W)], rule: impl Fn(&Span) -> T) {
        for (sentence, name, want) in table {
            let (mut toks, mut runs) = (Vec::new(), Vec::new());
            crate::text::alnum_runs_into(sentence, 0, sentence.len(), &mut runs);
            tokenize(sentence, 0, sentence.len(), &runs, &mut toks);
            let at = sentence.find(name).unwrap_or_else(|| panic!("{name} in {sentence}"));
            let lo = toks.iter().position(|t| t.start == at).expect("a token starts the span");
            let hi = 1 + toks.iter().rposition(|t| t.end <= at + name.len()).expect("a token ends the span");
            let got = rule(&Span { text: sentence, all: &toks, lo, hi });
            assert_eq!(format!("{got:?}"), format!("{want:?}"), "{name} in {sentence}");
        }
    }

    #[test]
    fn trim_keeps_only_the_name() {
        rule(
            &[
                ("However Micron said so.", "However Micron", Some("Micron")),
                ("Helen Prior KC said so.", "Helen Prior KC", Some("Helen Prior")),
                ("New Zealand said so.", "New Zealand", Some("New Zealand")),
                ("It was However.", "However", None),
            ],
            |s| trim(s.text, s.all, s.lo, s.hi).map(|(lo, hi)| s.text[s.all[lo].start..s.all[hi - 1].end].to_owned()),
        );
    }

    #[test]
    fn rules_that_drop_or_shorten_a_span() {
        rule(&[("Patients’ groups welcomed it.", "Patients", true), ("Patients’ Federation said so.", "Patients", false)], plural_possessive_opening);
        rule(&[("Contractor Gareth Lloyd said so.", "Contractor Gareth Lloyd", true), ("Gareth Lloyd said so.", "Gareth Lloyd", false)], initial_role_noun);
        rule(&[("Denying Chinese companies access, it said.", "Denying Chinese", true), ("Dana Ruiz said so.", "Dana Ruiz", false)], initial_verb_shape);
        rule(
            &[("They met at the Winter Olympics.", "Winter Olympics", true), ("The Olympic flame was lit.", "Olympic", true), ("They met at Kestrel Mills.", "Kestrel Mills", false)],
            sporting_event,
        );
        rule(
            &[("Council leader Ann Lee said so.", "Council", true), ("Health officials said so.", "Health", true), ("Kelby voted.", "Kelby", false)],
            modifier_before_role,
        );
    }

    #[test]
    fn rules_that_name_the_kind_by_the_span() {
        rule(&[("She joined the Ecologist Renewal party.", "Ecologist Renewal", true), ("Ecologist Renewal won.", "Ecologist Renewal", false)], party_name);
        rule(
            &[
                ("She thanked the Harbor Authority.", "Harbor Authority", true),
                ("She thanked Chairman Dana Ruiz.", "Chairman Dana Ruiz", false),
                ("She thanked Dana Ruiz.", "Dana Ruiz", false),
            ],
            |s| organisation_head(s, (s.lo..s.hi).rev().find(|&i| lexicon::is_title(s.w(i)))),
        );
        rule(&[("She lives on Mill Road.", "Mill Road", true), ("Ships at the Port of Valmara waited.", "Port of Valmara", true), ("She met Dana Ruiz.", "Dana Ruiz", false)], place_by_head);
        rule(
            &[("She met French Trade Minister Ana Lopez.", "French Trade Minister Ana Lopez", Some((1, EntityKind::Group, "French"))), ("She met Ana Lopez.", "Ana Lopez", None)],
            gazetteer_prefix,
        );
        rule(&[("The Biden administration said so.", "Biden", true), ("Biden’s administration said so.", "Biden", false)], |s| administration(s).is_some());
        rule(&[("She met Dana Ruiz.", "Dana Ruiz", true), ("She met Save Our Shore.", "Save Our Shore", false), ("She met Ruiz.", "Ruiz", false)], person_shape);
    }

    #[test]
    fn rules_that_name_the_kind_by_the_context() {
        let around = |f: fn(&Span, &Around) -> bool| move |s: &Span| f(s, &Around::of(s));
        rule(
            &[
                ("The firm is based in Bergen.", "Bergen", true),
                ("In Kirkestad, it rained.", "Kirkestad", true),
                ("They left the town of Drummel.", "Drummel", true),
                ("It is 40 kilometres south of Karrinda.", "Karrinda", true),
                ("Towns such as Santa Irene flooded.", "Santa Irene", true),
                ("She is the MP for Kelbridge.", "Kelbridge", true),
                ("They reached the capital, Velgrad.", "Velgrad", true),
                ("They visited the Kestrel Mills site.", "Kestrel Mills", true),
                ("They met Dana Ruiz.", "Dana Ruiz", false),
            ],
            around(place_context),
        );
        rule(&[("Flights at Westbrook’s airport rose.", "Westbrook", true), ("Westbrook’s chief spoke.", "Westbrook", false)], around(place_possessor));
        rule(&[("It will close its Brackwater works.", "Brackwater", true), ("It will close Brackwater works.", "Brackwater", false)], around(company_site));
        rule(
            &[
                ("They gathered at Ballycorrin, a village of 1,900 people.", "Ballycorrin", true),
                ("According to the Brackenford Housing Observatory, the city will still be short.", "Brackenford Housing Observatory", false),
            ],
            appositive_place,
        );
        rule(
            &[("Ruiz, who left, spoke.", "Ruiz", true), ("Ruiz said she would go.", "Ruiz", true), ("Veltrix said it would go.", "Veltrix", false)],
            around(human_pronoun),
        );
        rule(
            &[
                ("They met at the Santa Irene market.", "Santa Irene", true),
                ("Veltrix shares fell.", "Veltrix", true),
                ("Veltrix, which makes chips, grew.", "Veltrix", true),
                ("Analysts at Quorum Research agreed.", "Quorum Research", true),
                ("Kovarna Rail’s chief operating officer quit.", "Kovarna Rail", true),
                ("Dana Ruiz said she would go.", "Dana Ruiz", false),
            ],
            around(organisation_evidence),
        );
        rule(&[("Dana Ruiz, the city’s mayor, spoke.", "Dana Ruiz", true), ("Dana Ruiz spoke.", "Dana Ruiz", false)], appositive_role);
        rule(&[("Skyline Watch, a coalition of residents, spoke.", "Skyline Watch", Some("coalition")), ("Skyline Watch spoke.", "Skyline Watch", None)], |s| appositive_org(s, false).map(str::to_owned));
        rule(
            &[
                ("The parents’ group Safe Screens spoke.", "Safe Screens", (true, true)),
                ("Prison reform charity Open Doors spoke.", "Open Doors", (true, true)),
                ("The retailer Trelko spoke.", "Trelko", (true, false)),
                ("The group Trelko spoke.", "Trelko", (true, false)),
                ("Dana Ruiz spoke.", "Dana Ruiz", (false, false)),
            ],
            |s| {
                let c = Around::of(s);
                let org_noun = org_noun_before(s, &c);
                (org_noun, civic(s, &c, appositive_org(s, appositive_role(s)), org_noun))
            },
        );
    }

    use EntityKind::*;

    #[test]
    fn unknown_places_from_their_context() {
        // Appositive, a company's site, a possessed airport, particles between hyphens.
        check(
            "Parents gathered at the edge of Ballycorrin, a village of 1,900 people. Halvorsen Steel Ltd will close its Brackwater works. Flights at Westbrook’s airport rose. Cars are banned in Valcourt-sur-Lène.",
            &[
                ("Ballycorrin", Place, "Ballycorrin"),
                ("Halvorsen Steel Ltd", Organization, "Halvorsen Steel Ltd"),
                ("Brackwater", Place, "Brackwater"),
                ("Westbrook", Place, "Westbrook"),
                ("Valcourt-sur-Lène", Place, "Valcourt-sur-Lène"),
            ],
        );
        // A clause after the comma is no appositive.
        check(
            "According to the Brackenford Housing Observatory, the city will still be short of homes.",
            &[("Brackenford Housing Observatory", Organization, "Brackenford Housing Observatory")],
        );
        // Post-nominal letters; a named party.
        check(
            "Sweden halted sales to Kashvar on Monday. Helen Prior KC said the Ecologist Renewal party would object.",
            &[
                ("Sweden", Place, "Sweden"),
                ("Kashvar", Place, "Kashvar"),
                ("Helen Prior", Person, "Helen Prior"),
                ("Ecologist Renewal", Organization, "Ecologist Renewal"),
            ],
        );
    }

    /// A name with a particle after "banned in <place> and": the entity model retrained on the
    /// 486-article gold set reads "Vilanova da Serra" whole as an organisation, with a margin
    /// the rules' kind does not overrule (the 428-article one read a place). A known error of the
    /// model on an invented name; docs/entities.md.
    #[test]
    #[ignore = "the entity model's guess for an invented name: docs/entities.md"]
    fn coordinated_place_with_a_particle() {
        check(
            "Cars are banned in Valcourt-sur-Lène and Vilanova da Serra.",
            &[
                ("Valcourt-sur-Lène", Place, "Valcourt-sur-Lène"),
                ("Vilanova da Serra", Place, "Vilanova da Serra"),
            ],
        );
    }

    /// "do" inside a name: the entity model's word clusters put "do" with the verbs, and after
    /// "Valcourt-sur-Lène and" it reads "Vilanova" as a person; the rules read the place whole
    /// through the particle, and their name stands (`ModelLayer::join_at_particles`).
    #[test]
    fn particle_do_inside_a_place() {
        check(
            "Cars are banned in Valcourt-sur-Lène and Vilanova do Mar.",
            &[("Valcourt-sur-Lène", Place, "Valcourt-sur-Lène"), ("Vilanova do Mar", Place, "Vilanova do Mar")],
        );
    }

    /// "X, <known place>" makes X a place in the whole article, over the model's type of it;
    /// not after a comma that ends a clause, nor a name with an organisation's head.
    #[test]
    fn a_name_before_a_known_place_is_a_place() {
        let text = "in Brackwell, Texas, on Monday. Brackwell police said. According to Vexmoor, Texas has \
                    a plan. Stanford University, California, said.";
        let at = |w: &str, from: usize| {
            let s = from + text[from..].find(w).unwrap();
            (s, s + w.len())
        };
        let mut ml = ModelLayer::new(text, 0);
        let tag = |ml: &mut ModelLayer, spans: &[((usize, usize), EntityKind)]| {
            ml.spans = spans.iter().map(|&((s, e), k)| (s, e, k)).collect();
            ml.margins = vec![1.0; spans.len()];
            ml.place_before_place();
            ml.spans.iter().map(|x| x.2).collect::<Vec<_>>()
        };
        let org = EntityKind::Organization;
        assert_eq!(tag(&mut ml, &[(at("Brackwell", 0), org), (at("Texas", 0), Place)]), [Place, Place]);
        // Its later mentions too.
        assert_eq!(tag(&mut ml, &[(at("Brackwell", 20), org)]), [Place]);
        let v = at("Vexmoor", 0);
        assert_eq!(tag(&mut ml, &[(v, org), (at("Texas", v.1), Place)]), [org, Place]);
        let u = at("Stanford University", 0);
        assert_eq!(tag(&mut ml, &[(u, org), (at("California", u.1), Place)]), [org, Place]);
    }

    /// Religions are no group (the guide's groups are nationalities).
    #[test]
    fn religions_are_no_group() {
        check(
            "Muslim leaders and French officials met in Paris.",
            &[("French", Group, "French"), ("Paris", Place, "Paris")],
        );
    }

    /// The rules made "Kashvari" a nationality from "Kashvar" in the same text; the model reads
    /// it as an organisation with confidence, and the stems only reach words it left untyped
    /// or tagged MISC. A known regression of the learned recogniser (docs/entities.md).
    #[test]
    #[ignore = "regressed with the learned recogniser: docs/entities.md"]
    fn invented_i_demonyms() {
        check(
            "Sweden halted sales to Kashvar on Monday. The Kashvari government protested.",
            &[
                ("Sweden", Place, "Sweden"),
                ("Kashvar", Place, "Kashvar"),
                ("Kashvari", Group, "Kashvari"),
            ],
        );
    }

    #[test]
    fn context_lists_are_sorted_for_binary_search() {
        for list in [PARTICLES, POSSESSED_BY_PLACES, SITES, APPOSITIVE_PLACES, lexicon::RELIGIONS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn datelines() {
        check(
            "PORTO NERO, March 12 — The governor spoke.",
            &[("PORTO NERO", Place, "Porto Nero")],
        );
        check("HARWICK, Canada — Vexa Telecom plc said no.", &[
            ("HARWICK", Place, "Harwick"),
            ("Canada", Place, "Canada"),
            ("Vexa Telecom plc", Organization, "Vexa Telecom plc"),
        ]);
        // No dash: an acronym opening the text is no dateline.
        check("NATO, the alliance, met.", &[("NATO", Organization, "NATO")]);
    }

    #[test]
    fn organisations_and_acronyms() {
        check(
            "In cyberspace governance, China’s top regulator, the Cyberspace Administration of China (CAC), has acted. Later the CAC ruled.",
            &[
                ("China", Place, "China"),
                ("Cyberspace Administration of China", Organization, "Cyberspace Administration of China"),
                ("CAC", Organization, "Cyberspace Administration of China"),
                ("CAC", Organization, "Cyberspace Administration of China"),
            ],
        );
        check(
            "It bought from the American firm Vortal Technology. A Vortal spokesperson told the BBC it would appeal.",
            &[
                ("American", Group, "American"),
                ("Vortal Technology", Organization, "Vortal Technology"),
                ("Vortal", Organization, "Vortal Technology"),
                ("BBC", Organization, "BBC"),
            ],
        );
        check(
            "A spokesperson from the U.S. Department of Commerce criticized it. The Commerce Department declined to comment.",
            &[
                ("U.S. Department of Commerce", Organization, "U.S. Department of Commerce"),
                ("Commerce Department", Organization, "U.S. Department of Commerce"),
            ],
        );
    }

    #[test]
    fn people_and_sentence_initial_words() {
        check(
            "Following the vote, council member Dana Whitlock said the plan was flawed. Critics agreed. Whitlock left.",
            &[("Dana Whitlock", Person, "Dana Whitlock"), ("Whitlock", Person, "Dana Whitlock")],
        );
        check(
            "However, Mr. Okafor disagreed. Denying Chinese firms access is risky.",
            &[("Okafor", Person, "Okafor"), ("Chinese", Group, "Chinese")],
        );
        check(
            "The Biden administration acted between the United States and China over U.S.-China trade.",
            &[
                ("Biden administration", Organization, "Biden administration"),
                ("United States", Place, "United States"),
                ("China", Place, "China"),
                ("U.S.", Place, "United States"),
                ("China", Place, "China"),
            ],
        );
    }

    #[test]
    fn context_rules() {
        check(
            "Prison reform charity Open Doors said so. Trains stopped in Lindholm and Esterby.",
            &[
                ("Open Doors", Organization, "Open Doors"),
                ("Lindholm", Place, "Lindholm"),
                ("Esterby", Place, "Esterby"),
            ],
        );
        check(
            "Steel from neighbouring Moravon is cheap, and the Moravian government objected.",
            &[
                ("Moravon", Place, "Moravon"),
                ("Moravian", Group, "Moravian"),
            ],
        );
        check(
            "Police are searching the area. Ships at the Port of Valmara waited.",
            &[("Port of Valmara", Place, "Port of Valmara")],
        );
    }

    #[test]
    fn headings_use_known_names_only() {
        check(
            "US Government Proposes Ban on Chinese Companies’ Use of Cloud Service Providers\n\nThe plan is new.",
            &[("US", Place, "United States"), ("Chinese", Group, "Chinese")],
        );
    }
}
