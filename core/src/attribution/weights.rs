//! The attribution models' weights file (`core/data/attribution.bin`, a [`crate::data_file`]):
//! written by `annotate train-attribution`, derived from the PolNeAR corpus (Newell, Margolin &
//! Ruths, LREC 2018; github.com/networkdynamics/PolNeAR, data/train, the held-out fifth
//! excluded): weights and cue shares only, no text.
//!
//! Sections: `sentence` (the sentence model's weights, in the order of `SENTENCE_FEATURES`),
//! `source` (the source ranker's, in the order of `SOURCE_FEATURES`) and `words` (each word,
//! lowercase, with its weight in the sentence model and the share of its uses outside quotes
//! that are a cue).

use super::features::{NC, NS};
use crate::data_file::{DataFile, Writer};

/// The weights as the trainer hands them over and the model takes them.
pub struct Weights<'a> {
    pub sentence: [f32; NS],
    pub source: [f32; NC],
    pub words: Vec<(&'a str, [f32; 2])>,
}

pub fn encode(w: &Weights) -> Vec<u8> {
    Writer::default()
        .numbers("sentence", &w.sentence)
        .numbers("source", &w.source)
        .words("words", &w.words)
        .finish()
}

pub fn decode(bytes: &[u8]) -> Result<Weights<'_>, String> {
    let f = DataFile::parse(bytes, "attribution weights")?;
    Ok(Weights { sentence: f.numbers("sentence")?, source: f.numbers("source")?, words: f.words("words")? })
}

/// The shipped weights (feature `embedded-weights`: the CLI, the tests and the benchmarks; the
/// app fetches the same file as data beside the wasm).
#[cfg(feature = "embedded-weights")]
pub const EMBEDDED: &[u8] = include_bytes!("../../data/attribution.bin");
