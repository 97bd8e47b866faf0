//! The analysis core of the article annotator.
//!
//! Text in, plain data out: structure (title, blocks, sentences), entities, claims and stance
//! suggestions. This crate knows nothing about the browser — no yew, web-sys or gloo — so it builds
//! and tests natively and in WebAssembly alike, and the compiler keeps that boundary.
//!
//! **Offsets** in every public type count Unicode code points (not bytes) into [`Analysis::text`],
//! end exclusive: the unit of the W3C Web Annotation `TextPositionSelector`, so the same numbers
//! anchor highlights in the browser and in exported files.
//!
//! # Pipeline and design decisions
//!
//! [`analyze`] runs four passes over the normalised text, all in **byte** offsets (slicing is
//! free, nothing is counted twice), and converts to code points once at the end with a forward
//! cursor — so the whole analysis is linear in the text.
//!
//! 1. [`structure`] — lines become blocks (title, heading, paragraph, furniture); sentences come
//!    from Unicode sentence boundaries (UAX #29, `unicode-segmentation`), with breaks after
//!    abbreviations and initials repaired from an abbreviation list. UAX #29 runs only on small
//!    windows around '.', '!' and '?' when that provably gives the same answer (a property test
//!    compares it with the full algorithm), which makes this pass about five times faster.
//! 2. [`entities`] — a learned recogniser ([`ner`]: an averaged perceptron over BILOU tags,
//!    trained on CoNLL-2003 newswire and the project's own articles, weights compiled in) finds
//!    names and their kinds in paragraphs and headings; the rules around it, with general
//!    lexicons ([`lexicon`]), add gazetteer canonical names, roles, nationalities, and link
//!    mentions across the document (bracketed acronyms, corporate short names, surnames). No
//!    network, and no list of any particular article's names.
//! 3. [`stance`] — reporting verbs find claims and speakers; weighted cue lexicons ([`cues`],
//!    drawn from hedge-detection and reporting-verb research) score `official`, `criticism` and
//!    `speculation`, with named weights and thresholds.
//!
//! Lexicons are sorted `const` slices (checked by a test); hot lookups go through hash indexes
//! built from them once ([`lexicon::Table`]: case-insensitive without copying or allocating),
//! because a binary search per list per word dominated the profile.
//!
//! **WebAssembly speed.** The app builds this crate at `opt-level = 3` (the rest of the app at
//! `"z"`, for size), for the MVP target; on a first visit the browser runs it mostly in its
//! baseline compiler, which does not inline, so the tokenisers work on bytes with ASCII fast
//! paths, tokens are sliced with an inline helper, nothing is allocated per word, and
//! per-sentence, per-block and per-mention work lives in out-of-line functions, so V8 optimises
//! them during the single `analyze` call (it cannot replace a long-running loop's baseline code).
//! Programs that mix opt-levels so under LTO need [`heap::OpaqueAlloc`] as their allocator.
//! Nothing here touches files, threads or clocks, so the crate compiles to `wasm32` unchanged;
//! the only JSON is in the `annotate` command-line tool.

pub mod anchor;
pub mod attribution;
pub mod cues;
pub mod entities;
pub mod formats;
pub mod heap;
pub mod lexicon;
pub mod model;
pub mod ner;
mod model_weights;
pub mod stance;
pub mod structure;

use serde::{Deserialize, Serialize};

/// What a block of the article is. Furniture (comment forms, "Back to top", …) is kept in the
/// analysis so offsets stay true to the file, but it is not content and is not shown as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Title,
    Heading,
    Paragraph,
    Furniture,
}

/// A block: one paragraph, heading, title line or furniture line, as code-point offsets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Official,
    Criticism,
    Speculation,
}

/// A suggested stance label with the cue words that triggered it, so the reader sees why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub label: Label,
    pub confidence: f32,
    /// The words of the sentence that triggered the label (or the source it continues).
    pub cues: Vec<String>,
    /// When no word of the sentence did: why the label was chosen anyway ("continues the
    /// previous sentence's criticism", for a quotation after its speaker's objection).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Why a sentence is a claim ([`attribution::claim`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// A statement attributed to a source: its speaker is [`Sentence::speaker`] when named.
    Attributed,
    /// The writer's own checkable assertion: a figure, a date, a named outcome.
    Factual,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index into [`Analysis::blocks`].
    pub block: usize,
    /// False for sentences of furniture blocks.
    pub content: bool,
    pub claim: bool,
    /// Which kind of claim (`None` when it is none): `claim == claim_kind.is_some()`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_kind: Option<ClaimKind>,
    /// Canonical name of the entity the sentence is attributed to, if any.
    pub speaker: Option<String>,
    pub suggestion: Option<Suggestion>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Group,
}

impl EntityKind {
    /// The name used in JSON, CSS classes and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Group => "group",
        }
    }
}

impl Label {
    /// The name used in JSON, CSS classes and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Official => "official",
            Label::Criticism => "criticism",
            Label::Speculation => "speculation",
        }
    }
}

/// One mention of an entity. Mentions of the same entity share `canonical`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    pub canonical: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The article text as displayed: the file's text with line endings normalised (see
    /// [`structure::normalize`]). All offsets point into this.
    pub text: String,
    pub title: String,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub entities: Vec<Entity>,
}

impl Analysis {
    /// The text between two code-point offsets (clamped to the text).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        structure::char_slice(&self.text, start, end)
    }

    /// The text of a sentence.
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        self.slice(s.start, s.end)
    }

    /// Blocks a reader sees as article text: everything but the title and furniture.
    pub fn body_blocks(&self) -> impl Iterator<Item = (usize, &Block)> {
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading))
    }

    /// Words of content (non-furniture) text.
    pub fn word_count(&self) -> usize {
        // Blocks are in text order, so one forward walk turns their code-point offsets into
        // byte offsets; slicing each block from the start of the text would be quadratic.
        let mut offsets = self
            .text
            .char_indices()
            .map(|(b, _)| b)
            .chain([self.text.len()]);
        let (mut point, mut byte) = (0usize, offsets.next().unwrap_or(0));
        let mut byte_at = |target: usize| {
            while point < target {
                let Some(b) = offsets.next() else { break };
                (point, byte) = (point + 1, b);
            }
            byte
        };
        self.blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Furniture)
            .map(|b| {
                let (s, e) = (byte_at(b.start), byte_at(b.end));
                structure::word_count(&self.text[s..e.max(s)])
            })
            .sum()
    }
}

/// The char starting at byte `i` (a char boundary) and its UTF-8 length; ASCII without decoding.
/// The tokenisers use it instead of `char_indices` because almost all article text is ASCII.
/// Index of the first byte of `b` at or after `from` that equals one of `targets` (one to three
/// bytes; repeat one to fill), eight bytes at a time: XOR with each target turns a match into a
/// zero byte, and the lowest set bit of `(x - 0x01…) & !x & 0x80…` marks the first zero byte
/// exactly (higher bytes may be false positives, the lowest never is). A portable `memchr3`
/// without a dependency; in WebAssembly the 64-bit operations are native.
#[inline]
pub(crate) fn find_byte3(b: &[u8], from: usize, targets: [u8; 3]) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let [p, q, r] = targets.map(|t| LO * u64::from(t));
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let mut i = from;
    while i + 8 <= b.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        let x = u64::from_le_bytes(w);
        let z = zero(x ^ p) | zero(x ^ q) | zero(x ^ r);
        if z != 0 {
            return Some(i + (z.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    (i..b.len()).find(|&k| targets.contains(&b[k]))
}

#[inline(always)]
pub(crate) fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = s
            .get(i..)
            .and_then(|r| r.chars().next())
            .unwrap_or('\u{fffd}');
        (c, c.len_utf8())
    }
}

/// `text[a..b]`, or "" when the range is out of bounds or not on char boundaries: the checks
/// of `str` slicing written inline, so slicing tokens costs no call (bounds and boundary checks,
/// panic path) at any opt-level, in the browser's baseline compiler too.
#[inline(always)]
pub(crate) fn sub(text: &str, a: usize, b: usize) -> &str {
    let bytes = text.as_bytes();
    let n = bytes.len();
    if a <= b
        && b <= n
        && (a == n || (bytes[a] as i8) >= -0x40)
        && (b == n || (bytes[b] as i8) >= -0x40)
    {
        // SAFETY: `a..b` is in bounds and both ends are char boundaries (neither is a UTF-8
        // continuation byte 0x80..=0xBF), so the bytes between are valid UTF-8.
        unsafe { std::str::from_utf8_unchecked(&bytes[a..b]) }
    } else {
        ""
    }
}

/// `char::is_alphanumeric` with the ASCII case inlined: otherwise (at small opt-levels, and in the
/// browser's baseline compiler, which never inlines) it would be a call per character.
#[inline(always)]
pub(crate) fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// ASCII letters and digits, as a table: one load instead of range tests per byte.
static ASCII_ALNUM: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// Length of the alphanumeric char at byte `k` of `s` (a char boundary), or 0 when there is
/// none (also at the end). ASCII by table, other text by `char::is_alphanumeric`.
#[inline(always)]
pub(crate) fn alnum_len(s: &str, k: usize) -> usize {
    let b = s.as_bytes();
    match b.get(k) {
        None => 0,
        Some(&x) if x < 0x80 => ASCII_ALNUM[x as usize] as usize,
        Some(_) => {
            let (c, cl) = char_at(s, k);
            if c.is_alphanumeric() {
                cl
            } else {
                0
            }
        }
    }
}

/// Converts ascending byte offsets to code-point offsets in one forward pass; a query behind the
/// cursor restarts it, so any order is correct and ascending order is linear.
struct CharCursor<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> CharCursor<'a> {
    fn new(text: &'a str) -> Self {
        CharCursor {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    fn chars_at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        // Offsets produced by the analysis are char boundaries; `get` keeps a bad one harmless.
        let n = self
            .text
            .get(self.byte..byte)
            .map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.chars += n;
        self.chars
    }
}

/// Analyse an article file's text. Never panics, whatever the input.
///
/// Internally every pass works in byte offsets; the results are converted to code points once,
/// here, walking the text forward (blocks, sentences and entities are each ascending).
pub fn analyze(raw: &str) -> Analysis {
    analyze_inner(raw, None)
}

/// [`analyze`], plus each sentence's input to the learned stance layer ([`model::features`];
/// zeros for furniture). For training and explaining the model (`annotate train`, `explain`).
pub fn analyze_with_features(raw: &str) -> (Analysis, Vec<[f32; model::NF]>) {
    let mut features = Vec::new();
    let a = analyze_inner(raw, Some(&mut features));
    (a, features)
}

fn analyze_inner(raw: &str, features: Option<&mut Vec<[f32; model::NF]>>) -> Analysis {
    let text = structure::normalize(raw);
    let raw_blocks = structure::blocks(&text);
    let raw_sentences = structure::sentences(&text, &raw_blocks);
    let title = structure::title(&text, &raw_blocks, &raw_sentences);
    let raw_entities = entities::extract(&text, &raw_blocks, &raw_sentences);
    let attributions =
        attribution::attribute(&text, &raw_blocks, &raw_sentences, &raw_entities);
    let stances = stance::annotate(
        &text,
        &raw_blocks,
        &raw_sentences,
        &raw_entities,
        &attributions,
        features,
    );

    let mut cur = CharCursor::new(&text);
    let blocks = raw_blocks
        .iter()
        .map(|b| Block {
            start: cur.chars_at(b.start),
            end: cur.chars_at(b.end),
            kind: b.kind,
        })
        .collect();
    let mut cur = CharCursor::new(&text);
    let sentences = raw_sentences
        .iter()
        .zip(stances)
        .map(|(s, st)| Sentence {
            start: cur.chars_at(s.start),
            end: cur.chars_at(s.end),
            block: s.block,
            content: raw_blocks
                .get(s.block)
                .is_some_and(|b| b.kind != BlockKind::Furniture),
            claim: st.claim.is_some(),
            claim_kind: st.claim,
            speaker: st.speaker,
            suggestion: st.suggestion,
        })
        .collect();
    let mut cur = CharCursor::new(&text);
    let entities = raw_entities
        .into_iter()
        .map(|e| Entity {
            start: cur.chars_at(e.start),
            end: cur.chars_at(e.end),
            kind: e.kind,
            canonical: e.canonical,
        })
        .collect();
    Analysis {
        text,
        title,
        blocks,
        sentences,
        entities,
    }
}
