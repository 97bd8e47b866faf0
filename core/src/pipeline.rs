//! The passes in order: text in, an [`Analysis`] out ([`analyze`]). The top of the core's stack:
//! it names every pass, and no pass names it.
//!
//! Every pass works in byte offsets; the results are converted to code points once, here,
//! walking the text forward ([`CharCursor`]; blocks, sentences and entities are each ascending),
//! so the whole analysis is linear in the text.

use crate::text::CharCursor;
use crate::{attribution, entities, model, stance, structure};
use crate::{Analysis, Block, BlockKind, Entity, Sentence};

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
