//! The learned layer of stance suggestions: a multinomial logistic regression over what the
//! rules observed ([`crate::stance::Signals`]) and the sentence's neighbours.
//!
//! **Why.** The rules find cue words, actors and attribution well, but how much each of those
//! counts — and when no label is better than a weak one — was set by hand, article by article,
//! and did not carry over: stance accuracy on blind rounds stayed around 0.65–0.73 while the
//! articles the rules were written against scored 0.86. A linear model over the same signals,
//! fitted to every labelled sentence, weighs them consistently and gives a calibrated
//! confidence (a class probability) instead of a hand-made formula.
//!
//! **Still explainable.** The features are the rules' named signals, not words of any article:
//! label scores from the cited cue lexicons, actor and source categories, attribution and form
//! (quotation, headline, negation), and the previous sentence's label. The suggestion shows the
//! cue words found for the chosen label, as before; `annotate explain` prints each feature's
//! contribution for a sentence.
//!
//! **Where the weights come from.** `annotate train core/tests/gold --write core/src/model_weights.rs`
//! fits them (deterministic full-batch gradient descent, L2-regularised; [`crate::model`] has no
//! training code, the command-line tool has) and a test checks that the file matches the gold set.

use crate::stance::Signals;
use crate::Label;

/// The model's classes, in weight-row order.
pub const CLASSES: [Option<Label>; 4] = [
    None,
    Some(Label::Official),
    Some(Label::Criticism),
    Some(Label::Speculation),
];

/// Feature names, in column order (printed by `annotate explain` and written into the weights file).
pub const FEATURES: [&str; NF] = [
    "bias",
    "criticism score",
    "speculation score",
    "official score",
    "criticism cues",
    "speculation cues",
    "official cues",
    "official actor",
    "expert source",
    "citizen or interest group",
    "official's reported statement",
    "reporting verb",
    "person speaker",
    "institution speaker",
    "title",
    "heading",
    "opens with a quotation",
    "share in quotation marks",
    "number",
    "concession (welcomed … but)",
    "refusal (declined to)",
    "headline decision verb",
    "negation",
    "pronoun subject",
    "long sentence",
    "entities",
    "rules: official",
    "rules: criticism",
    "rules: speculation",
    "rules: weak official",
    "rules: weak criticism",
    "rules: weak speculation",
    "continues the previous source",
    "previous: official",
    "previous: criticism",
    "previous: speculation",
    "same speaker as previous",
    "first sentence of the body",
];
pub const NF: usize = 38;

/// The neighbourhood of a sentence, from the rules' results.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context {
    /// The rules' suggestion (after continuation) and their sub-threshold best label.
    pub rule: Option<Label>,
    pub weak: Option<Label>,
    /// The rules' label was inherited from the previous sentence's source.
    pub inherited: bool,
    /// The previous content sentence's rule label, when in this paragraph or the one before.
    pub prev: Option<Label>,
    pub same_speaker: bool,
    /// The first sentence of the first paragraph (the news lead).
    pub lead: bool,
}

fn one_hot(l: Option<Label>) -> [f32; 3] {
    let mut v = [0.0; 3];
    match l {
        Some(Label::Official) => v[0] = 1.0,
        Some(Label::Criticism) => v[1] = 1.0,
        Some(Label::Speculation) => v[2] = 1.0,
        None => {}
    }
    v
}

/// The feature vector of one sentence (column order of [`FEATURES`]).
pub fn features(s: &Signals, c: &Context) -> [f32; NF] {
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    let rule = one_hot(c.rule);
    let weak = one_hot(c.weak);
    let prev = one_hot(c.prev);
    // Counts and lengths are squashed so a long list of cues or a very long sentence does not
    // dominate: more cues of a kind add less and less.
    let count = |n: u8| (n as f32).min(3.0) / 3.0;
    [
        1.0,
        s.scores[0].min(2.0),
        s.scores[1].min(2.0),
        s.scores[2].min(2.0),
        count(s.counts[0]),
        count(s.counts[1]),
        count(s.counts[2]),
        b(s.actor.is_some()),
        b(s.expert),
        b(s.citizen),
        b(s.reported),
        b(s.verb),
        b(s.speaker_person),
        b(s.speaker_institution),
        b(s.title),
        b(s.heading),
        b(s.opens_quote),
        s.quoted.clamp(0.0, 1.0),
        b(s.number),
        b(s.concession),
        b(s.refusal),
        b(s.headline),
        b(s.negation),
        b(s.pronoun),
        (s.words as f32 / 40.0).min(1.5),
        (s.entities as f32).min(4.0) / 4.0,
        rule[0],
        rule[1],
        rule[2],
        weak[0],
        weak[1],
        weak[2],
        b(c.inherited),
        prev[0],
        prev[1],
        prev[2],
        b(c.same_speaker),
        b(c.lead),
    ]
}

/// Class probabilities (softmax of the linear scores) under `weights`.
pub fn probabilities(weights: &[[f32; NF]; 4], x: &[f32; NF]) -> [f32; 4] {
    let mut z = [0.0f32; 4];
    for (k, w) in weights.iter().enumerate() {
        z[k] = w.iter().zip(x).map(|(a, b)| a * b).sum();
    }
    let m = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut p = z.map(|v| (v - m).exp());
    let total: f32 = p.iter().sum();
    for v in &mut p {
        *v /= total;
    }
    p
}

/// The most probable class and its probability, under the shipped weights.
pub fn predict(x: &[f32; NF]) -> (Option<Label>, f32) {
    let p = probabilities(&crate::model_weights::WEIGHTS, x);
    let mut best = 0;
    for k in 1..4 {
        if p[k] > p[best] {
            best = k;
        }
    }
    (CLASSES[best], p[best])
}
