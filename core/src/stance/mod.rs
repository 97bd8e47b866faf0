//! Claims, speakers and stance suggestions, sentence by sentence.
//!
//! Three layers, each its own file: [`rules`] reads one sentence (cue words, actors, the
//! reporting verb; each rule a named function with its examples as a test), [`pass`] walks the
//! article's sentences (the attribution, a source that goes on, the claim's kind) and
//! [`learned`] lets the model ([`crate::model`]) choose each label over what the rules saw. This
//! file holds what they share: the weights the rules add and the per-sentence result.
//!
//! * **Claim**: a content sentence that reports what someone said (a reporting verb, "according
//!   to") or asserts something checkable about a named actor or a number, without being hedged.
//! * **Speaker**: the canonical name of the entity the reporting verb is attributed to — the
//!   nearest non-group entity before the verb ("A Micron spokesperson told the BBC" → Micron),
//!   or the entity right after "according to" / an inverted "said Smith"; "she/he said" is the
//!   latest person named in this or the previous paragraph; "X of the Y said" is X; a place
//!   after a preposition ("the ministry in Castel Nou said") is no speaker.
//! * **Suggestion**: each label scores the sum of its distinct cue weights ([`crate::cues`]); the
//!   best label is suggested when it reaches [`MIN_SCORE`]. Two structural adjustments, both
//!   named below: `official` needs an official actor (an organisation or country entity, or a
//!   noun such as "officials", "regulator", "spokesperson"), and hedges inside a statement
//!   attributed to an official actor belong to that statement ("Officials say the move could
//!   pose risks" is the officials' position, not the writer's speculation).

mod learned;
mod pass;
mod rules;

pub use pass::annotate;

use crate::model;
use crate::signals::Signals;
use crate::{ClaimKind, Label, Suggestion};

/// Lowest score that earns a suggestion: one medium cue, or two weak ones.
pub const MIN_SCORE: f32 = 0.45;
/// Added to `official` cues when an official actor is present.
pub const ACTOR_BONUS: f32 = 0.3;
/// Added to `speculation` cues when the subject is an expert source ("Economists say … would"):
/// experts are quoted for assessments (Sigal 1973's expert sources).
pub const EXPERT_BONUS: f32 = 0.3;
/// Added to `criticism` cues when the source is a citizen or an interest group ("Shopkeepers had
/// opposed the lanes", "The Harbour Workers Federation said … opposed"): their reactions are
/// mostly objections, so a weak cue is enough.
pub const CITIZEN_BONUS: f32 = 0.3;
/// Official cues without any official actor ("the decision was announced") count this much.
pub const NO_ACTOR_FACTOR: f32 = 0.5;
/// Speculation cues inside an official actor's reported statement count this much.
pub const REPORTED_HEDGE_FACTOR: f32 = 0.4;
/// Confidence is `score / (score + HALF_CONFIDENCE)`: a score equal to this gives 0.5.
pub const HALF_CONFIDENCE: f32 = 0.5;
/// A runner-up label lowers confidence by this share of its score.
pub const RIVAL_PENALTY: f32 = 0.5;
/// Never claim more certainty than this from word cues.
pub const MAX_CONFIDENCE: f32 = 0.95;
/// A sentence without cues that continues the previous sentence's source inherits its label at
/// this share of its confidence.
pub const CONTINUATION_FACTOR: f32 = 0.7;

/// Per-sentence results, parallel to the sentence list.
pub struct SentenceStance {
    pub claim: Option<ClaimKind>,
    pub speaker: Option<String>,
    pub suggestion: Option<Suggestion>,
    /// The best label when it scored above zero but under [`MIN_SCORE`].
    pub weak: Option<Label>,
    /// What the rules saw, for the learned layer ([`crate::model`]).
    pub signals: Signals,
    /// The cue words found, as byte ranges with their label, in text order per label: whichever
    /// label the learned layer chooses shows its own cues. (Ranges, not strings: only the
    /// chosen label's cues are ever copied out.)
    pub cue_spans: Vec<(usize, usize, Label)>,
    /// The rules' label was inherited from the previous sentence's source (`pass::continuation`).
    pub inherited: bool,
    /// The sentence's words the learned layer weighs (found while the rules split it).
    pub model_words: Vec<model::Word>,
}


#[cfg(test)]
mod tests {
    use crate::{analyze, Label};

    /// First sentence of `input`: (label, speaker, cues).
    fn check(input: &str, label: Option<Label>, speaker: Option<&str>, cues: &[&str]) {
        let a = analyze(input);
        let s = &a.sentences[0];
        assert_eq!(
            s.suggestion.as_ref().map(|x| x.label),
            label,
            "label: {input}"
        );
        assert_eq!(s.speaker.as_deref(), speaker, "speaker: {input}");
        let got: Vec<&str> = s
            .suggestion
            .as_ref()
            .map_or(vec![], |x| x.cues.iter().map(String::as_str).collect());
        assert_eq!(got, cues, "cues: {input}");
    }

    /// An organisation's future reaction ("how X will respond") is no statement of its own: the
    /// sentence is the writer's speculation. The ranker still takes the subject of the cue word
    /// "respond" (the same with any organisation); pinned until the attribution models learn it.
    #[test]
    #[ignore = "known error: a modal speech verb's subject in an embedded question is taken as the speaker"]
    fn an_organisations_future_response_has_no_speaker() {
        check(
            "As the date looms, it remains to be seen how the European Commission will respond.",
            Some(Label::Speculation),
            None,
            &["remains to be seen", "will"],
        );
    }

    #[test]
    fn labels_speakers_cues() {
        check(
            "A spokesperson from the U.S. Department of Commerce criticized the decision.",
            Some(Label::Criticism),
            Some("U.S. Department of Commerce"),
            &["criticized"],
        );
        // A known country: an invented one ("Norland") alone in a sentence is typed by the
        // entity model's guess, a place or an organisation depending on its training order.
        check(
            "As the date looms, it remains to be seen how Portugal will respond.",
            Some(Label::Speculation),
            None,
            &["remains to be seen", "will"],
        );
        check(
            "The Harbor Authority announced on Monday that it would close the pier.",
            Some(Label::Official),
            Some("Harbor Authority"),
            &["announced"],
        );
        check("The weather was pleasant in the valley.", None, None, &[]);
        check(
            "Critics of the plan claim that it could backfire.",
            Some(Label::Criticism),
            // A description that names no entity is the speaker as written.
            Some("critics"),
            &["Critics"],
        );
        check(
            "Regulator Orders App to Delete Data\n\nThe regulator acted.",
            Some(Label::Official),
            None,
            &["Orders"],
        );
        check(
            "Parents’ group Safe Screens welcomed the decision but said the fine was far too small.",
            Some(Label::Criticism),
            Some("Safe Screens"),
            &["but", "far too", "too small"],
        );
    }

    #[test]
    fn pronoun_speaker() {
        let a = analyze("Mayor Dana Ruiz spoke on Monday. She said the bridge would reopen.");
        assert_eq!(a.sentences[1].speaker.as_deref(), Some("Dana Ruiz"));
    }
}
