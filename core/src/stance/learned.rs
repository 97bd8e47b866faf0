//! The learned layer's pass ([`crate::model`]): each content sentence's suggestion becomes the
//! model's choice over what the rules saw, with a reason the reader can check (the label's cue
//! words, the official actor, or the words that weigh most for it).

use super::{SentenceStance, MAX_CONFIDENCE};
use crate::structure::{RawBlock, RawSentence};
use crate::text::sub;
use crate::{lexicon, model, BlockKind, Label, Suggestion};

/// The learned layer ([`crate::model`]): each content sentence's suggestion becomes the model's
/// choice over the rules' signals and its neighbours' rule labels. A separate pass, so the
/// features depend only on the rules, never on the model's own earlier outputs.
#[inline(never)]
pub(super) fn learned(
    text: &str,
    blocks: &[RawBlock],
    sentences: &[RawSentence],
    out: &mut [SentenceStance],
    mut features: Option<&mut Vec<[f32; model::NF]>>,
) {
    if let Some(f) = features.as_deref_mut() {
        f.clear();
        f.resize(sentences.len(), [0.0; model::NF]);
    }
    let rules: Vec<Option<Label>> = out
        .iter()
        .map(|st| st.suggestion.as_ref().map(|s| s.label))
        .collect();
    let content = |si: usize| blocks.get(sentences[si].block).is_some_and(|b| b.kind != BlockKind::Furniture);
    let article = model::Article::of(
        (0..sentences.len())
            .filter(|&si| content(si))
            .map(|si| (&out[si].signals, rules[si])),
    );
    let mut prev: Option<usize> = None;
    // The statement the current sentence may go on with holds negative evaluation words: the
    // previous sentence has some, or it goes on with such a statement itself (a quotation's
    // fourth sentence after its first one's "ridiculous").
    let mut negative_run = false;
    let mut lead_seen = false;
    for (si, s) in sentences.iter().enumerate() {
        let kind = blocks.get(s.block).map_or(BlockKind::Furniture, |b| b.kind);
        if kind == BlockKind::Furniture {
            continue;
        }
        let lead = kind == BlockKind::Paragraph && !lead_seen;
        lead_seen |= kind == BlockKind::Paragraph;
        let p = prev.filter(|&p| sentences[p].block + 1 >= s.block);
        let st = &out[si];
        let ctx = model::Context {
            rule: rules[si],
            weak: st.weak,
            inherited: st.inherited,
            prev: p.and_then(|p| rules[p]),
            same_speaker: p.is_some_and(|p| st.speaker.is_some() && out[p].speaker == st.speaker),
            lead,
            prev_negative: p.is_some() && negative_run,
            article,
        };
        let x = suggest(text, s, &ctx, &mut out[si]);
        if let Some(f) = features.as_deref_mut() {
            f[si] = x;
        }
        let sig = &out[si].signals;
        negative_run = sig.negative > 0 || sig.negative_quoted > 0 || (sig.continued && negative_run && p.is_some());
        prev = Some(si);
    }
}

/// Words that weigh in the model as a sign of how a sentence is built, but that would tell a
/// reader nothing as a cue ("and", "the", "was"); modal verbs are not among them. Sorted.
const FUNCTION_WORDS: &[&str] = &[
    "about", "after", "all", "also", "and", "any", "are", "been", "before", "being", "both", "but",
    "each", "first", "for", "from", "had", "has", "have", "her", "hers", "him", "his", "how",
    "into", "its", "just", "last", "month", "more", "most", "new", "next", "nor", "not", "off",
    "one", "only", "onto", "other", "our", "ours", "out", "over", "per", "she", "some", "such",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "three", "two", "under", "very", "via", "was", "week", "were", "what", "when", "where", "which",
    "while", "who", "whom", "whose", "why", "with", "year", "years", "yet", "you", "your",
];

/// The least log-odds a word must add to a label, against no label, to be shown as its cue.
const WORD_EVIDENCE: f32 = 0.2;

/// The learned layer's choice for one sentence, with its reason; returns the features (out of line: see `rules::sentence`
/// on WebAssembly tiering — this runs once per sentence inside [`learned`]'s single call).
#[inline(never)]
fn suggest(
    text: &str,
    s: &RawSentence,
    ctx: &model::Context,
    st: &mut SentenceStance,
) -> [f32; model::NF] {
    let x = model::features(&st.signals, ctx);
    let sentence = sub(text, s.start, s.end);
    let words = std::mem::take(&mut st.model_words);
    let (label, p_label) = model::predict(&x, &words);
    // Every suggestion shows its reason; a label the model prefers without one is not
    // suggested. The reason is the label's cue words, else the rules' own reason for the
    // same label (a continuing source), else, for `official`, the official actor's words,
    // else the sentence's words that weigh most for the label in the model.
    let reason = |label: Label| {
        let cues: Vec<String> = st
            .cue_spans
            .iter()
            .filter(|c| c.2 == label)
            .map(|c| sub(text, c.0, c.1).to_owned())
            .collect();
        if !cues.is_empty() {
            return Some(cues);
        }
        if let Some(r) = st
            .suggestion
            .as_ref()
            .filter(|r| r.label == label && !r.cues.is_empty())
        {
            return Some(r.cues.clone());
        }
        if let Some((a, b)) = st.signals.actor.filter(|_| label == Label::Official) {
            return Some(vec![sub(text, a, b).to_owned()]);
        }
        let mut strong: Vec<(f32, &std::ops::Range<usize>)> = words
            .iter()
            .map(|(i, r)| (model::word_evidence(*i, label), r))
            // Short words ("on", "up") would be hard to find again in the sentence, and
            // what matters is a word that clearly leans to the label.
            .filter(|(e, r)| {
                *e >= WORD_EVIDENCE
                    && r.len() >= 3
                    && !lexicon::contains_lower(FUNCTION_WORDS, &sentence[(*r).clone()])
            })
            .collect();
        strong.sort_by(|a, b| b.0.total_cmp(&a.0));
        let cues: Vec<String> = strong
            .iter()
            .take(3)
            .map(|(_, r)| sentence[(*r).clone()].to_owned())
            .collect();
        (!cues.is_empty()).then_some(cues)
    };
    let confidence = p_label.min(MAX_CONFIDENCE);
    st.suggestion = label.and_then(|label| match reason(label) {
        Some(cues) => Some(Suggestion {
            label,
            confidence,
            cues,
            reason: None,
        }),
        // A quotation or follow-up after a statement of the same kind, with no cue of its own.
        None if ctx.prev == Some(label) => Some(Suggestion {
            label,
            confidence,
            cues: Vec::new(),
            reason: Some(format!(
                "continues the previous sentence’s {}",
                match label {
                    Label::Official => "official position",
                    Label::Criticism => "criticism",
                    Label::Speculation => "speculation",
                }
            )),
        }),
        None => None,
    });
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_are_sorted_for_binary_search() {
        let w = FUNCTION_WORDS;
        assert!(w.windows(2).all(|p| p[0] < p[1]));
    }
}
