//! The passes in order: text in, an [`Analysis`] out ([`analyze`]). The top of the core's stack:
//! it names every pass, and no pass names it.
//!
//! Every pass works in byte offsets; the results are converted to code points once, here,
//! walking the text forward ([`CharCursor`]; blocks, sentences and entities are each ascending),
//! so the whole analysis is linear in the text.

use crate::text::CharCursor;
use crate::sentence_words::SentenceWords;
use crate::{attribution, entities, model, stance, structure};
use crate::{Analysis, Block, BlockKind, ClaimKind, Entity, Sentence, Suggestion};

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

/// The article's structure alone — normalised text, title, blocks, sentences — without the
/// analysis' passes: no entities, claims or suggestions. Cheap, and small in a wasm build: the
/// app uses it for an own article's title and word count, and to show a text when the analysis
/// (a worker of its own in the browser) is not there. Its text, title, blocks and sentences are
/// [`analyze`]'s.
pub fn outline(raw: &str) -> Analysis {
    let text = structure::normalize(raw);
    let raw_blocks = structure::blocks(&text);
    let raw_sentences = structure::sentences(&text, &raw_blocks);
    let title = structure::title(&text, &raw_blocks, &raw_sentences);
    let (blocks, sentences) = in_points(&text, &raw_blocks, &raw_sentences, std::iter::repeat_with(|| (None, None, None)));
    Analysis { text, title, blocks, sentences, entities: Vec::new() }
}

/// Blocks and sentences in code points, each sentence with its claim kind, speaker and suggestion.
fn in_points(
    text: &str,
    raw_blocks: &[structure::RawBlock],
    raw_sentences: &[structure::RawSentence],
    stances: impl Iterator<Item = (Option<ClaimKind>, Option<String>, Option<Suggestion>)>,
) -> (Vec<Block>, Vec<Sentence>) {
    let mut cur = CharCursor::new(text);
    let blocks = raw_blocks
        .iter()
        .map(|b| Block {
            start: cur.chars_at(b.start),
            end: cur.chars_at(b.end),
            kind: b.kind,
        })
        .collect();
    let mut cur = CharCursor::new(text);
    let sentences = raw_sentences
        .iter()
        .zip(stances)
        .map(|(s, (claim_kind, speaker, suggestion))| Sentence {
            start: cur.chars_at(s.start),
            end: cur.chars_at(s.end),
            block: s.block,
            content: raw_blocks
                .get(s.block)
                .is_some_and(|b| b.kind != BlockKind::Furniture),
            claim: claim_kind.is_some(),
            claim_kind,
            speaker,
            suggestion,
        })
        .collect();
    (blocks, sentences)
}

fn analyze_inner(raw: &str, features: Option<&mut Vec<[f32; model::NF]>>) -> Analysis {
    let text = structure::normalize(raw);
    let raw_blocks = structure::blocks(&text);
    let raw_sentences = structure::sentences(&text, &raw_blocks);
    let title = structure::title(&text, &raw_blocks, &raw_sentences);
    let raw_entities = entities::extract(&text, &raw_blocks, &raw_sentences);
    let words = SentenceWords::read(&text, &raw_blocks, &raw_sentences);
    let attributions =
        attribution::attribute(&text, &raw_blocks, &raw_sentences, &raw_entities, &words);
    let stances = stance::annotate(
        &text,
        &raw_blocks,
        &raw_sentences,
        &raw_entities,
        &attributions,
        &words,
        features,
    );

    let (blocks, sentences) = in_points(&text, &raw_blocks, &raw_sentences, stances.into_iter().map(|st| (st.claim, st.speaker, st.suggestion)));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outline_is_the_analysis_without_its_passes() {
        let raw = "A title line\r\n\r\nThe minister said on Monday that the plan would go ahead. Critics disagreed.\r\n\r\nLeave a Reply\r\n";
        let (a, o) = (analyze(raw), outline(raw));
        assert_eq!((&o.text, &o.title, &o.blocks), (&a.text, &a.title, &a.blocks));
        let spans = |x: &Analysis| x.sentences.iter().map(|s| (s.start, s.end, s.block, s.content)).collect::<Vec<_>>();
        assert_eq!(spans(&o), spans(&a));
        assert_eq!(o.word_count(), a.word_count());
        assert!(o.entities.is_empty() && o.sentences.iter().all(|s| !s.claim && s.suggestion.is_none()));
    }
}
