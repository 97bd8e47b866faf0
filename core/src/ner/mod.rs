//! The learned entity recogniser: an averaged perceptron over BILOU tags with Viterbi decoding,
//! trained on CoNLL-2003 (`annotate train-entities`; docs/entities.md).
//!
//! - [`tokens`]: raw text → CoNLL-like tokens (punctuation split, possessive "'s" apart).
//! - [`features`]: a word's features as hashes.
//! - [`tags`]: the BILOU tag set and the decoder.
//! - [`model`]: the shipped model and tagging; [`weights`]: its file format ([`varint`]: its
//!   integers); [`clusters`]: the word clusters its features read.

pub mod clusters;
pub mod features;
pub mod model;
pub mod tags;
pub mod tokens;
pub mod varint;
pub mod weights;

pub use model::{install, shared, Model, Scorer, Tagger};
pub use tags::Type;

/// The types the analysis shows (MISC is learned but not shown).
pub const TYPES_IN_TEXT: [Type; 3] = [Type::Per, Type::Org, Type::Loc];
