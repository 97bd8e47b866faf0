//! The analysis core of the article annotator.
//!
//! Text in, plain data out: structure (title, blocks, sentences), entities, claims and stance
//! suggestions. This crate knows nothing about the browser — no yew, web-sys or gloo — so it builds
//! and tests natively and in WebAssembly alike, and the compiler keeps that boundary.
//!
//! **Offsets** in every public type count Unicode code points (not bytes) into [`Analysis::text`],
//! end exclusive: the unit of the W3C Web Annotation `TextPositionSelector`, so the same numbers
//! anchor highlights in the browser and in exported files.

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
    pub cues: Vec<String>,
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

    /// Blocks a reader sees as article text: everything but the title and furniture.
    pub fn body_blocks(&self) -> impl Iterator<Item = (usize, &Block)> {
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading))
    }

    /// Words of content (non-furniture) text.
    pub fn word_count(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Furniture)
            .map(|b| structure::word_count(self.slice(b.start, b.end)))
            .sum()
    }
}

/// Analyse an article file's text. Never panics, whatever the input.
pub fn analyze(raw: &str) -> Analysis {
    let text = structure::normalize(raw);
    let blocks = structure::blocks(&text);
    let title = structure::title(&text, &blocks);
    let sentences = structure::sentences(&text, &blocks);
    Analysis { text, title, blocks, sentences, entities: Vec::new() }
}
