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
//! [`analyze`] ([`pipeline`]) runs four passes over the normalised text, all in **byte** offsets
//! (slicing is free, nothing is counted twice; the helpers are in [`text`]), and converts to code
//! points once at the end with a forward cursor — so the whole analysis is linear in the text.
//!
//! 1. [`structure`] — lines become blocks (title, heading, paragraph, furniture); sentences come
//!    from Unicode sentence boundaries (UAX #29, `unicode-segmentation`), with breaks after
//!    abbreviations and initials repaired from an abbreviation list. UAX #29 runs only on small
//!    windows around '.', '!' and '?' when that provably gives the same answer (a property test
//!    compares it with the full algorithm), which is much faster (docs/performance.md).
//! 2. [`entities`] — a learned recogniser ([`ner`]: an averaged perceptron over BILOU tags,
//!    trained on CoNLL-2003 newswire and the project's own articles, weights compiled in) finds
//!    names and their kinds in paragraphs and headings; the rules around it, with general
//!    lexicons ([`lexicon`]), add gazetteer canonical names, roles, nationalities, and link
//!    mentions across the document (bracketed acronyms, corporate short names, surnames). No
//!    network, and no list of any particular article's names.
//! 3. [`attribution`] — who says what: a learned model of attributed sentences and their sources.
//! 4. [`stance`] — claims and speakers; weighted cue lexicons ([`cues`], drawn from
//!    hedge-detection and reporting-verb research) read by named rules, whose observations
//!    ([`signals`]) the learned layer ([`model`]) turns into `official`, `criticism` and
//!    `speculation` suggestions.
//!
//! # The modules as a stack
//!
//! No module names one above it (`tests/modules.rs` refuses import circles), so each can be read
//! knowing only what is below it. From the bottom: this root (the public data types), [`text`]
//! (bytes and chars), the tables ([`lexicon`], [`cues`], the model's weights), [`words`]
//! (splitting a sentence and the one lookup per word), [`structure`], [`ner`] and [`entities`],
//! [`attribution`], [`signals`] and [`model`], [`stance`], and on top [`pipeline`]; beside them
//! [`anchor`] and [`formats`], which the analysis does not use, and [`heap`].
//!
//! Lexicons are sorted `const` slices (checked by a test); hot lookups go through hash indexes
//! built from them once ([`lexicon::Table`]: case-insensitive without copying or allocating),
//! because a binary search per list per word dominated the profile.
//!
//! **WebAssembly speed.** The app builds this crate optimised for speed (the rest of the app for
//! size; Cargo.toml), for the MVP target; on a first visit the browser runs it mostly in its
//! baseline compiler, which does not inline, so the tokenisers work on bytes with ASCII fast
//! paths, tokens are sliced with an inline helper, nothing is allocated per word, and
//! per-sentence, per-block and per-mention work lives in out-of-line functions, so V8 optimises
//! them during the single `analyze` call (it cannot replace a long-running loop's baseline code).
//! Programs that mix optimisation levels so under LTO need [`heap::OpaqueAlloc`] as their
//! allocator (docs/building.md). Nothing here touches files, threads or clocks, so the crate
//! compiles to `wasm32` unchanged; JSON is read and written only in [`formats`].

pub mod anchor;
pub mod attribution;
pub mod cues;
pub mod data_file;
pub mod entities;
mod evaluation;
mod evaluation_words;
pub mod formats;
pub mod heap;
pub mod lexicon;
pub mod model;
mod model_weights;
pub mod ner;
mod pipeline;
pub mod sentence_words;
pub mod signals;
pub mod stance;
pub mod structure;
pub mod text;
pub mod words;

pub use pipeline::{analyze, analyze_with_features, outline};
// The two byte helpers under their old names, for `ner/` and `attribution/`, which other branches
// are changing line by line; they move to `text::` once those branches are merged.
pub(crate) use text::{find_byte3, sub};

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
        text::char_slice(&self.text, start, end)
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
                text::word_count(&self.text[s..e.max(s)])
            })
            .sum()
    }
}

