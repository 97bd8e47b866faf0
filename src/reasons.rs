//! Which of a suggestion's reasons a student is shown. The analysis gives every suggestion its
//! words (cue words, a continuing speaker, the words the model weighs most), but a model word
//! such as "China", or a speculation cue such as "would" offered as the reason for an official
//! position, puzzles a reader more than it helps. Only a cue a person would recognise is shown:
//! a word from the same label's own cue list, or for an official position the official it
//! comes from ("spokesperson", "the Ministry"). Pure, so it is tested natively.

use annotator_core::{cues, lexicon, Label, Suggestion};

fn table(label: Label) -> &'static [(&'static str, f32)] {
    match label {
        Label::Official => cues::OFFICIAL,
        Label::Criticism => cues::CRITICISM,
        Label::Speculation => cues::SPECULATION,
    }
}

/// Is `cue` a reason a reader would recognise for `label`?
pub fn recognisable(label: Label, cue: &str) -> bool {
    let cue = cue.trim();
    if table(label).iter().any(|(w, _)| w.eq_ignore_ascii_case(cue)) {
        return true;
    }
    label == Label::Official
        && cue.split(|c: char| c.is_whitespace() || c == '’' || c == '\'').any(lexicon::is_official_actor_listed)
}

/// The suggestion's cue words worth showing, in order.
pub fn shown_cues(s: &Suggestion) -> Vec<&str> {
    s.cues.iter().map(String::as_str).filter(|c| recognisable(s.label, c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sugg(label: Label, cues: &[&str]) -> Suggestion {
        Suggestion { label, confidence: 0.5, cues: cues.iter().map(|c| c.to_string()).collect(), reason: None }
    }

    #[test]
    fn own_cues_are_shown_and_others_are_not() {
        let check = |label, cues: &[&str], expected: &[&str]| assert_eq!(shown_cues(&sugg(label, cues)), expected, "{label:?} {cues:?}");
        check(Label::Speculation, &["could", "would"], &["could", "would"]);
        check(Label::Criticism, &["condemned"], &["condemned"]);
        check(Label::Official, &["announced"], &["announced"]);
        // A speculation cue is never the reason for another label.
        check(Label::Official, &["would"], &[]);
        check(Label::Criticism, &["may"], &[]);
        // Names and model words are no reason a student would recognise.
        check(Label::Official, &["China"], &[]);
        check(Label::Criticism, &["Microsoft", "criticized"], &["criticized"]);
        // The official a statement comes from explains an official position.
        check(Label::Official, &["spokesperson"], &["spokesperson"]);
    }
}
