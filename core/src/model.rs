//! The learned layer of stance suggestions: a multinomial logistic regression over what the
//! rules observed ([`crate::signals::Signals`]) and the sentence's neighbours.
//!
//! **Why.** The rules find cue words, actors and attribution well, but how much each of those
//! counts — and when no label is better than a weak one — was set by hand, article by article,
//! and did not carry over to articles the rules were not written against. A linear model over
//! the same signals, fitted to every labelled sentence, weighs them consistently and gives a
//! calibrated confidence (a class probability) instead of a hand-made formula.
//!
//! **Words too.** Beside those signals the model weighs the sentence's common words
//! (lower-cased; names and numbers left out; only words found in at least three training
//! articles, so no story's topic is learned): how news sentences are worded ("warned", "if",
//! "who", "according") carries stance the cue lexicons miss. Their penalty is the one that
//! cross-validates best on the real news training articles (docs/stance.md, `stance11`;
//! `annotate train core/tests/gold --cv --word-lambda L`).
//!
//! **Still explainable.** Every weight is named: a rule signal or a word. The suggestion shows
//! the rules' cue words for the chosen label, or else the sentence's words that weigh most for
//! it (function words left out); `annotate explain FILE` prints each feature's and word's
//! contribution for every sentence.
//!
//! **Where the weights come from.** `annotate train core/tests/gold --write core/src/model_weights.rs`
//! fits them (deterministic full-batch gradient descent, L2-regularised; [`crate::model`] has no
//! training code, the command-line tool has) and a test checks that the file matches the gold set.

use crate::signals::Signals;
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
    "attributed (attribution model)",
    "continues a quotation or statement",
    "opposing side speaks",
    "opposing side and official cues",
    "pledge (we will, the ministry would)",
    "forecast (could, may, likely)",
    "speaker is the story's main actor",
    "speaker is someone else than the main actor",
    "negative evaluation words",
    "negative evaluation in quotation marks",
    "negative evaluation, attributed",
    "institutional action verb",
    "institutional action by an official actor",
    "statement goes on after negative evaluation",
    "speaker holds an office",
    "speaker holds an office, negative evaluation",
    "pledge by the acting side",
    "forecast, not by the acting side",
    "article: share the rules call official",
    "article: share the rules call criticism",
    "article: share the rules call speculation",
    "article: share attributed",
    "article: share with an official actor",
    "article: share with negative evaluation",
];
pub const NF: usize = 62;

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
    /// The previous content sentence (as for `prev`), or the statement it goes on with, holds
    /// negative evaluation words.
    pub prev_negative: bool,
    /// What the whole article is like ([`Article`]), the same for each of its sentences.
    pub article: Article,
}

/// The article's content sentences as the rules read them: the share of them each rule label
/// was given, that are attributed (the attribution model's mean probability), that have an
/// official actor, and their mean squashed count of negative evaluation words. A story about a
/// decision and one about a dispute word their sentences alike; the mix tells them apart.
#[derive(Clone, Copy, Debug, Default)]
pub struct Article {
    pub rules: [f32; 3],
    pub attributed: f32,
    pub actor: f32,
    pub negative: f32,
}

impl Article {
    /// The shares over `sentences` (each sentence's signals and rule label).
    pub fn of<'a>(sentences: impl Iterator<Item = (&'a Signals, Option<Label>)>) -> Article {
        let mut a = Article::default();
        let mut n = 0.0f32;
        for (s, rule) in sentences {
            for (sum, v) in a.rules.iter_mut().zip(one_hot(rule)) {
                *sum += v;
            }
            a.attributed += s.attributed.clamp(0.0, 1.0);
            a.actor += if s.actor.is_some() { 1.0 } else { 0.0 };
            a.negative += squash(s.negative);
            n += 1.0;
        }
        if n > 0.0 {
            for k in 0..3 {
                a.rules[k] /= n;
            }
            a.attributed /= n;
            a.actor /= n;
            a.negative /= n;
        }
        a
    }
}

/// A count squashed so a long list of cues does not dominate: more of a kind add less and less.
fn squash(n: u8) -> f32 {
    (n as f32).min(3.0) / 3.0
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
    // Lengths are squashed like counts, so a very long sentence does not dominate.
    let count = squash;
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
        s.attributed.clamp(0.0, 1.0),
        b(s.continued),
        b(s.opposition),
        if s.opposition { s.scores[2].min(2.0) } else { 0.0 },
        b(s.pledge),
        b(s.forecast),
        b(s.main_actor),
        b(s.other_speaker),
        count(s.negative),
        count(s.negative_quoted),
        count(s.negative.saturating_add(s.negative_quoted)) * s.attributed.clamp(0.0, 1.0),
        b(s.decision),
        b(s.decision && s.actor.is_some()),
        b(s.continued && c.prev_negative),
        b(s.office),
        if s.office { count(s.negative.saturating_add(s.negative_quoted)) } else { 0.0 },
        b(s.pledge && s.acting_side),
        b(s.forecast && !s.acting_side),
        c.article.rules[0],
        c.article.rules[1],
        c.article.rules[2],
        c.article.attributed,
        c.article.actor,
        c.article.negative,
    ]
}

/// Calls `f` with each word of a sentence the model weighs, in order (repeats included), as
/// written, with its byte range in `sentence`. Names (a capital after the first word) and
/// anything with a digit are left out, so the weights learn how news sentences are worded, not
/// who or what they are about. The weights are keyed by [`normal_form`].
pub fn words(sentence: &str, mut f: impl FnMut(&str, std::ops::Range<usize>)) {
    // The rules' own word splitter (alphanumeric runs joined by inner apostrophes and hyphens:
    // "state-run", "China’s"), which works on bytes. The analysis applies the same filter in
    // the stance rules to the words they have already split and looked up.
    let mut spans = Vec::with_capacity(48);
    crate::words::split(sentence, 0, sentence.len(), &mut spans);
    for (k, &(a, b)) in spans.iter().enumerate() {
        let t = &sentence[a..b];
        if t.bytes().any(|c| c.is_ascii_digit()) || (k > 0 && capitalised(t)) {
            continue;
        }
        f(t, a..b);
    }
}

/// The word starts with a capital letter: after the first word of a sentence, a name.
pub(crate) use crate::words::capitalised;

/// The form a word is weighed under: lower-cased, curly apostrophes as straight ones.
pub fn normal_form(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect()
}

/// A weighed word of a sentence: its index in [`crate::model_weights::WORDS`] and byte range.
pub type Word = (usize, std::ops::Range<usize>);

/// The sentence's words that have weights, each once (the model counts presence). The
/// analysis finds them while the rules split the sentence; this is for tools.
pub fn known_words(sentence: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    words(sentence, |w, r| {
        if let Some(i) = crate::words::model_word(w) {
            if !out.iter().any(|o| o.0 == i) {
                out.push((i, r));
            }
        }
    });
    out
}

/// Class probabilities (softmax of the linear scores) under the given weights: `dense` for the
/// features, `word[i]` for each word index in `words`.
pub fn probabilities(
    dense: &[[f32; NF]; 4],
    word: impl Fn(usize) -> [f32; 4],
    x: &[f32; NF],
    words: impl Iterator<Item = usize>,
) -> [f32; 4] {
    // Most features are zero in a sentence: skipping them leaves each class's sum, taken in
    // column order, the same, at a third of the instructions.
    let mut z = [0.0f32; 4];
    for (j, &v) in x.iter().enumerate() {
        if v != 0.0 {
            for k in 0..4 {
                z[k] += dense[k][j] * v;
            }
        }
    }
    for i in words {
        let u = word(i);
        for k in 0..4 {
            z[k] += u[k];
        }
    }
    let m = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut p = z.map(|v| (v - m).exp());
    let total: f32 = p.iter().sum();
    for v in &mut p {
        *v /= total;
    }
    p
}

/// How much a shipped word weighs for `label` against no label (log-odds).
pub fn word_evidence(i: usize, label: Label) -> f32 {
    let u = crate::model_weights::WORDS[i].1;
    let k = CLASSES.iter().position(|c| *c == Some(label)).unwrap_or(0);
    u[k] - u[0]
}

/// The most probable class and its probability, under the shipped weights.
pub fn predict(x: &[f32; NF], words: &[Word]) -> (Option<Label>, f32) {
    let p = probabilities(
        &crate::model_weights::WEIGHTS,
        |i| crate::model_weights::WORDS[i].1,
        x,
        words.iter().map(|w| w.0),
    );
    let mut best = 0;
    for k in 1..4 {
        if p[k] > p[best] {
            best = k;
        }
    }
    (CLASSES[best], p[best])
}

/// Why the model leans to `label` rather than to no label in one sentence: each feature's and
/// each word's contribution to the log-odds of `label` against none, largest first (zeros
/// left out). Words are named as written in `sentence`. For `annotate explain`.
pub fn contributions(
    x: &[f32; NF],
    sentence: &str,
    words: &[Word],
    label: Label,
) -> Vec<(String, f32)> {
    let w = &crate::model_weights::WEIGHTS;
    let k = CLASSES.iter().position(|c| *c == Some(label)).unwrap_or(0);
    let mut out: Vec<(String, f32)> = (0..NF)
        .map(|j| (FEATURES[j].to_owned(), (w[k][j] - w[0][j]) * x[j]))
        .chain(words.iter().map(|(i, r)| {
            let name = sentence.get(r.clone()).unwrap_or_default();
            (format!("“{name}”"), word_evidence(*i, label))
        }))
        .filter(|(_, v)| *v != 0.0)
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}
