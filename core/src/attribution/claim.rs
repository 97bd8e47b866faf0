//! Which sentences are claims, and of which kind.
//!
//! A **claim** is what a reader could check: a statement attributed to a source ("the ministry
//! said …": who said it can be checked, and what they said), or the writer's own assertion of
//! something checkable — a figure, a date, a named outcome ("The council approved the plan on
//! Tuesday", "Unemployment rose to 5.2 %"). Hedged, conditional and question sentences are not
//! claims, nor is scene-setting without a figure or an outcome.

use crate::lexicon;
use crate::ClaimKind;

/// Verbs that report a checkable outcome or event (decisions, votes, results, counts). Sorted.
const OUTCOMES: &[&str] = &[
    "acquired", "adopted", "appointed", "approved", "arrested", "awarded", "banned", "beat",
    "blocked", "bought", "cancelled", "charged", "closed", "collapsed", "convicted", "cut",
    "declined", "defeated", "died", "dismissed", "dropped", "elected", "ended", "evacuated",
    "fell", "filed", "fined", "fired", "founded", "froze", "grew", "halted", "hired", "imposed",
    "increased", "injured", "jailed", "killed", "launched", "lost", "merged", "nominated",
    "opened", "ordered", "overturned", "passed", "raised", "recalled", "reduced", "rejected",
    "released", "resigned", "rose", "ruled", "sacked", "sentenced", "settled", "signed", "sold",
    "struck", "sued", "suspended", "upheld", "vetoed", "voted", "withdrew", "won",
];

/// Words that date an assertion. Sorted.
const DATE_WORDS: &[&str] = &[
    "april", "august", "december", "february", "friday", "january", "july", "june", "march",
    "monday", "november", "october", "saturday", "september", "sunday", "thursday", "tuesday",
    "wednesday", "yesterday",
];

/// The kind of claim a content sentence makes, if any. `attributed`: the attribution model's
/// decision; `hedged`: the rules found speculation; `entities`: named entities in the sentence.
pub fn kind(
    sentence: &str,
    attributed: bool,
    hedged: bool,
    heading: bool,
    entities: usize,
) -> Option<ClaimKind> {
    if heading {
        return None;
    }
    if attributed {
        return Some(ClaimKind::Attributed);
    }
    let s = sentence.trim_end();
    if hedged || s.ends_with('?') || s.ends_with("?”") || s.ends_with("?\"") {
        return None;
    }
    // A figure or a date decides at once; an outcome only with an entity.
    let mut outcome = false;
    for w in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if w.bytes().any(|c| c.is_ascii_digit()) {
            return Some(ClaimKind::Factual);
        }
        let kind = words().get(w).unwrap_or_default();
        if kind & DATE != 0 {
            return Some(ClaimKind::Factual);
        }
        outcome |= kind & OUTCOME != 0;
    }
    (outcome && entities > 0).then_some(ClaimKind::Factual)
}

const DATE: u8 = 1;
const OUTCOME: u8 = 2;

/// [`DATE_WORDS`] and [`OUTCOMES`] in one case-insensitive table: one lookup per word.
fn words() -> &'static lexicon::Table<u8> {
    static T: std::sync::OnceLock<lexicon::Table<u8>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = lexicon::Table::new(DATE_WORDS.len() + OUTCOMES.len(), true);
        for (list, bit) in [(DATE_WORDS, DATE), (OUTCOMES, OUTCOME)] {
            for w in list {
                *t.entry(w) |= bit;
            }
        }
        t
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted() {
        for l in [OUTCOMES, DATE_WORDS] {
            assert!(l.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn kinds() {
        let f = Some(ClaimKind::Factual);
        let a = Some(ClaimKind::Attributed);
        for (s, attributed, hedged, ents, want) in [
            ("The council approved the plan.", false, false, 1, f),
            ("Unemployment rose to 5.2 percent.", false, false, 0, f),
            ("The vote is on Tuesday.", false, false, 0, f),
            ("The minister said the plan was fair.", true, false, 1, a),
            ("The plan could cost 3 million.", false, true, 0, None),
            ("Will the council approve 3 more?", false, false, 1, None),
            ("The town lies by the sea.", false, false, 1, None),
            ("It was a cold morning in the harbour.", false, false, 0, None),
        ] {
            assert_eq!(kind(s, attributed, hedged, false, ents), want, "{s}");
        }
        assert_eq!(kind("Results 2024", false, false, true, 0), None);
        // The table answers as the lists do, in any case.
        for w in OUTCOMES.iter().chain(DATE_WORDS).map(|w| w.to_uppercase()).chain(["said".into(), "\u{212A}illed".into()]) {
            let want = u8::from(lexicon::contains_lower(DATE_WORDS, &w)) | 2 * u8::from(lexicon::contains_lower(OUTCOMES, &w));
            assert_eq!(words().get(&w).unwrap_or_default(), want, "{w}");
        }
    }
}
