//! Word classes the learned layer counts beside the cue tables ([`crate::cues`]): negative
//! evaluation words and the verbs of institutional action. Unlike the cues they add no score to the rules
//! and are never shown as a reason on their own; the model weighs them
//! ([`crate::signals::Signals::negative`], `decision`).
//!
//! * **Negative evaluation** ([`NEGATIVE`]): the VADER sentiment lexicon's clearly negative words
//!   (`evaluation_words.rs`, generated). Real news criticism is worded with
//!   far more evaluative words than the criticism cues list ("lie", "ridiculous", "unwelcome",
//!   "calamity", "disappointed"); a narrated event is negative too ("killed", "crisis"), which
//!   is why the count inside quotation marks is a feature of its own.
//! * **Institutional action** ([`DECISIONS`]): what courts, legislatures, police, governments
//!   and companies do, reported without a speech verb ("nine men were jailed", "the legislature
//!   abolished …", "Woolworths limited purchases"). The guide labels a reported decision
//!   `official`; the official cues hold the verbs of announcing and ruling, these the acts.

pub(crate) use crate::evaluation_words::NEGATIVE;

/// Verbs of institutional action (courts, legislatures, police, governments, companies), as
/// written in news: past forms, headline present forms and participles. Sorted.
pub(crate) const DECISIONS: &[&str] = &[
    "abolished", "abolishes", "acquired", "acquires", "acquitted", "adopted", "adopts", "allocated",
    "appointed", "appoints", "arrested", "arrests", "authorised", "authorises", "authorized",
    "authorizes", "awarded", "awards", "bans", "closed", "closes", "convicted", "convicts",
    "decriminalised", "decriminalises", "decriminalized", "decriminalizes", "deployed", "deploys",
    "deported", "deports", "detained", "detains", "elected", "enacted", "enacts", "expelled",
    "expels", "extended", "extends", "fired", "granted", "grants", "impeached", "impeaches",
    "imposes", "indicted", "indicts", "introduced", "introduces", "investigating", "jailed",
    "jails", "launched", "launches", "legalised", "legalises", "legalized", "legalizes", "lifted",
    "lifts", "limited", "limits", "mandated", "mandates", "nominated", "nominates", "ousted",
    "ousts", "outlawed", "overturned", "overturns", "passed", "passes", "prohibited", "prohibits",
    "prosecuted", "quarantined", "raided", "ratified", "ratifies", "reopened", "reopens",
    "required", "requires", "restricted", "restricts", "sanctioned", "sanctions", "seized",
    "seizes", "sentenced", "sentences", "shuttered", "signed", "signs", "subpoenaed", "sworn",
    "unsealed", "unveiled", "unveils", "upheld", "upholds", "vetoed", "vetoes",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for w in [DECISIONS, NEGATIVE] {
            assert!(w.windows(2).all(|p| p[0] < p[1]));
        }
    }
}
