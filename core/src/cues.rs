//! Stance cue lexicons: `(phrase, weight)` pairs, lowercase, sorted by phrase.
//!
//! A phrase is one or more words matched against consecutive words of a sentence,
//! case-insensitively; inflected forms are listed explicitly so matching stays a binary search.
//! Weights are evidence strengths in `0..1`; a sentence's score for a label is the sum of its
//! distinct cues (see [`crate::stance`]). Named strengths keep the tables readable:
//!
//! * [`STRONG`] — the cue alone decides ("condemned", "remains to be seen").
//! * [`MEDIUM`] — usually decisive ("could", "critics", "announced").
//! * [`WEAK`]   — needs company ("would", "if", "stated").
//! * [`FAINT`]  — a nudge ("potential", "said").
//!
//! Sources:
//! * Speculation: hedge cues of the CoNLL-2010 shared task on learning to detect hedges
//!   (Farkas et al. 2010; the BioScope and Wikipedia "weasel" cue annotations), Hyland (1998)
//!   *Hedging in Scientific Research Articles* (modal verbs, epistemic adverbs and adjectives,
//!   lexical verbs such as "suggest", "appear"), and news hedges for anonymous or future
//!   sourcing ("sources familiar with", "is expected to").
//! * Criticism: negative-evaluation reporting verbs of Thompson & Ye (1991) and Hyland (2002)
//!   ("criticize", "condemn", "object", "dispute") and news conflict vocabulary.
//!   Evaluative adjectives and nouns ("disproportionate", "outrageous", "betrayal") come from the
//!   negative list of the Hu & Liu (2004) opinion lexicon, kept to evaluations of decisions;
//!   announcing an appeal ("would appeal", "appeal against") is a challenge to a decision.
//!   From the same negative list: anger words ("angrily", "fury", "outraged"), inadequacy
//!   ("inadequate", "insufficient", "unsafe", "overstated") and the excess construction "too" +
//!   evaluation ("too late", "far too", "not go far enough"); dismissing or ignoring a claim or
//!   warning is a negative-evaluation reporting verb in Thompson & Ye's sense. A positive
//!   reaction followed by "but" ("welcomed the decision but said …") is a concession that
//!   introduces the objection ([`CONCESSIVE_REACTIONS`]).
//! * Official: reporting and performative verbs of institutional decisions (announce, rule,
//!   determine, order, impose, suspend, halt, block, cancel, open an inquiry) and the attribution
//!   verbs of news style guides. Headlines state decisions in the present tense with the subject
//!   first ("Regulator Orders …", "Councillors Reject …"); [`HEADLINE_DECISIONS`] holds those
//!   verb forms for title lines only, where they are unambiguous enough.
//! * "not (yet) clear / known" is the negated form of the certainty hedges ("unclear"); "too early
//!   to" (say, tell, estimate) declines certainty; "warn of" announces a risk, a prediction.

pub const STRONG: f32 = 0.8;
pub const MEDIUM: f32 = 0.5;
pub const WEAK: f32 = 0.3;
pub const FAINT: f32 = 0.2;

pub const SPECULATION: &[(&str, f32)] = &[
    ("allegedly", MEDIUM), ("anticipated", WEAK), ("apparently", MEDIUM), ("appear to", MEDIUM),
    ("appears to", MEDIUM), ("believe", MEDIUM), ("believed to", MEDIUM), ("believes", MEDIUM),
    ("conceivably", MEDIUM), ("could", MEDIUM), ("estimate", WEAK), ("estimated", WEAK),
    ("estimates", WEAK), ("expect", MEDIUM), ("expected to", 0.6), ("forecast", WEAK),
    ("forecasts", WEAK), ("hinges on", MEDIUM), ("if implemented", 0.6), ("likely", MEDIUM),
    ("may", MEDIUM), ("maybe", 0.6), ("might", MEDIUM), ("most likely", 0.6), ("not clear", MEDIUM),
    ("not known", MEDIUM), ("not yet clear", STRONG), ("not yet known", MEDIUM),
    ("ostensibly", MEDIUM), ("people familiar with", STRONG), ("perhaps", 0.6),
    ("plausibly", MEDIUM), ("possible", WEAK), ("possibly", 0.6), ("potential", FAINT),
    ("potentially", MEDIUM), ("predict", WEAK), ("predicted", WEAK), ("presumably", MEDIUM),
    ("probably", 0.6), ("projected", WEAK), ("purportedly", MEDIUM), ("remain to be seen", STRONG),
    ("remains to be seen", STRONG), ("reportedly", 0.6), ("rumored", 0.6), ("rumoured", 0.6),
    ("seem to", MEDIUM), ("seemed", WEAK), ("seems", MEDIUM), ("sources familiar with", STRONG),
    ("speculate", 0.6), ("speculated", 0.6), ("speculation", MEDIUM), ("suggest", MEDIUM),
    ("suggested", WEAK), ("suggests", MEDIUM), ("supposedly", MEDIUM), ("suspected", WEAK),
    ("thought to", WEAK), ("too early to", STRONG), ("uncertain", WEAK), ("unclear", MEDIUM),
    ("unlikely", MEDIUM), ("warn of", MEDIUM), ("warned of", MEDIUM), ("warning of", MEDIUM),
    ("warns of", MEDIUM), ("whether", FAINT), ("will", FAINT), ("would", WEAK), ("would be", FAINT),
];

pub const CRITICISM: &[(&str, f32)] = &[
    ("accuse", 0.6), ("accused", 0.6), ("accuses", 0.6), ("accusing", 0.6), ("anger", MEDIUM),
    ("angrily", 0.6), ("angry", MEDIUM), ("appalled", 0.7), ("appeal against", MEDIUM),
    ("backlash", MEDIUM), ("betrayal", 0.6), ("blame", WEAK), ("blamed", WEAK), ("blames", WEAK),
    ("blasted", 0.6), ("challenged", WEAK), ("complained", 0.6), ("complaint", MEDIUM),
    ("condemn", STRONG), ("condemned", STRONG), ("condemns", STRONG), ("cost jobs", 0.6),
    ("critical of", 0.7), ("criticise", STRONG), ("criticised", STRONG), ("criticises", STRONG),
    ("criticism", 0.7), ("criticize", STRONG), ("criticized", STRONG), ("criticizes", STRONG),
    ("critics", STRONG), ("decried", STRONG), ("decries", STRONG), ("decry", STRONG),
    ("demanded", WEAK), ("demanding", WEAK), ("demands", WEAK), ("denounce", STRONG),
    ("denounced", STRONG), ("denounces", STRONG), ("deplored", STRONG), ("disagree", MEDIUM),
    ("disagreed", MEDIUM), ("disagrees", MEDIUM), ("discriminatory", 0.6), ("dismissed", MEDIUM),
    ("disproportionate", 0.6), ("dispute", WEAK), ("disputed", WEAK), ("disputes", WEAK),
    ("excessive", MEDIUM), ("expressed concern", 0.6), ("expressed concerns", 0.6),
    ("failed", WEAK), ("failed to", 0.4), ("far too", MEDIUM), ("flawed", MEDIUM), ("furious", 0.6),
    ("fury", 0.6), ("held accountable", MEDIUM), ("held responsible", MEDIUM),
    ("hypocritical", 0.7), ("ignored", MEDIUM), ("inadequate", 0.6), ("incompatible with", MEDIUM),
    ("inconsistent with", MEDIUM), ("insufficient", MEDIUM), ("irresponsible", 0.6),
    ("lack of", WEAK), ("lambasted", STRONG), ("lawsuit", MEDIUM), ("legal challenge", MEDIUM),
    ("misguided", 0.6), ("mistake", MEDIUM), ("mistakes", MEDIUM), ("not enough", MEDIUM),
    ("not go far enough", 0.7), ("not going far enough", 0.7), ("object to", MEDIUM),
    ("objected", 0.7), ("objects", 0.7), ("opponents", 0.6), ("oppose", WEAK), ("opposed", WEAK),
    ("opposes", WEAK), ("opposition", WEAK), ("outcry", MEDIUM), ("outraged", 0.7),
    ("outrageous", 0.7), ("overstated", 0.6), ("overturn", WEAK), ("protest", MEDIUM),
    ("protested", 0.6), ("protests", MEDIUM), ("punish", MEDIUM), ("punishes", MEDIUM),
    ("punishing", MEDIUM), ("questioned", MEDIUM), ("raised concerns", MEDIUM), ("rebuked", 0.7),
    ("reckless", 0.6), ("refused", WEAK), ("refuted", MEDIUM), ("reject", MEDIUM),
    ("rejected", WEAK), ("rejects", MEDIUM), ("resist", MEDIUM), ("risk exacerbating", MEDIUM),
    ("scandalous", 0.7), ("setback", WEAK), ("shameful", 0.7), ("short-sighted", 0.6),
    ("simplistic", 0.6), ("slammed", 0.7), ("slams", 0.7), ("too late", 0.6),
    ("too little", MEDIUM), ("too long", MEDIUM), ("too many", MEDIUM), ("too much", MEDIUM),
    ("too often", MEDIUM), ("too small", MEDIUM), ("too weak", 0.6), ("unacceptable", 0.6),
    ("undermine", 0.6), ("undermined", 0.6), ("undermines", 0.6), ("undermining", 0.6),
    ("unfair", MEDIUM), ("unfairly", MEDIUM), ("unjustified", 0.6), ("unreasonable", MEDIUM),
    ("unsafe", MEDIUM), ("voiced concerns", MEDIUM), ("vote against", 0.6), ("voted against", WEAK),
    ("vowed to fight", 0.7), ("warn against", 0.7), ("warned against", 0.7),
    ("will appeal", MEDIUM), ("will challenge", MEDIUM), ("without clear justification", MEDIUM),
    ("without justification", MEDIUM), ("worried", WEAK), ("worry", WEAK), ("would appeal", MEDIUM),
    ("would challenge", MEDIUM),
];

pub const OFFICIAL: &[(&str, f32)] = &[
    ("agreed to", WEAK), ("aims to", WEAK), ("announced", MEDIUM), ("announces", MEDIUM),
    ("apologised", WEAK), ("apologized", WEAK), ("approve", WEAK), ("approved", 0.4),
    ("approves", 0.4), ("asserted", WEAK), ("asserts", WEAK), ("banned", 0.4), ("blocked", 0.4),
    ("blocks", 0.4), ("called", FAINT), ("canceled", 0.4), ("cancelled", 0.4), ("conceded", WEAK),
    ("concluded", 0.4), ("confirmed", 0.4), ("cut its", 0.4), ("cuts its", 0.4), ("decided", 0.4),
    ("declared", 0.4), ("defended", WEAK), ("defends", WEAK), ("determined", 0.4),
    ("directed", 0.4), ("directs", 0.4), ("emphasize", WEAK), ("emphasized", WEAK),
    ("emphasizes", WEAK), ("evacuated", 0.4), ("expects", FAINT), ("expects to", FAINT),
    ("fears", FAINT), ("fined", MEDIUM), ("fines", MEDIUM), ("found that", 0.4), ("halted", 0.4),
    ("halts", 0.4), ("has agreed", WEAK), ("has sought", WEAK), ("hopes to", WEAK),
    ("imposed", 0.4), ("in a statement", MEDIUM), ("in line with", WEAK), ("insisted", WEAK),
    ("intent to", WEAK), ("issued", WEAK), ("launched an inquiry", MEDIUM),
    ("launched an investigation", MEDIUM), ("lowered its", 0.4), ("opened an inquiry", MEDIUM),
    ("opened an investigation", MEDIUM), ("ordered", MEDIUM), ("paused", 0.4), ("pauses", 0.4),
    ("pledged", WEAK), ("postponed", 0.4), ("promised", WEAK), ("proposes", WEAK),
    ("raised its", 0.4), ("recalled", 0.4), ("recalling", 0.4), ("recommended", 0.4),
    ("recommends", 0.4), ("ruled", MEDIUM), ("said", FAINT), ("say", FAINT), ("says", FAINT),
    ("signaled", 0.4), ("signalled", 0.4), ("stated", WEAK), ("stating", WEAK), ("stressed", WEAK),
    ("suspended", 0.4), ("suspends", 0.4), ("taking steps", 0.4), ("tightening", WEAK),
    ("told", FAINT), ("urged", WEAK), ("urges", WEAK), ("voted", 0.4), ("vowed", WEAK),
    ("warned", WEAK), ("warns", WEAK), ("welcomed", WEAK),
];

/// Decision verbs as headlines write them (present tense, singular and plural subject, and the
/// passive participle "Fined"; not "vote", more often the noun), counted as `official` cues in the title line only, whose first
/// words are then the acting subject ("Regulator Orders …"). Lowercase, sorted.
pub const HEADLINE_DECISIONS: &[&str] = &[
    "approve", "approves", "ban", "banned", "bans", "block", "blocks", "cancel", "cancels",
    "close", "closes", "cut", "cuts", "delay", "delays", "fine", "fined", "fines", "halt", "halts", "impose", "imposes", "lift",
    "lifts", "open", "opens", "order", "orders", "postpone", "postpones", "raise", "raises", "recall", "recalls", "recommends", "reject", "rejects", "return",
    "returns", "rule", "rules", "suspend", "suspended", "suspends", "votes",
];

/// Positive reactions that, followed later in the sentence by "but", concede before objecting
/// ("welcomed the decision but said the fine was far too small"). Lowercase, sorted.
pub const CONCESSIVE_REACTIONS: &[&str] = &["accepted", "accepts", "praised", "welcome", "welcomed", "welcomes"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_unique() {
        for (name, t) in [("SPECULATION", SPECULATION), ("CRITICISM", CRITICISM), ("OFFICIAL", OFFICIAL)] {
            for w in t.windows(2) {
                assert!(w[0].0 < w[1].0, "{name}: {:?} must come before {:?}", w[1].0, w[0].0);
            }
        }
        for (name, t) in [("HEADLINE_DECISIONS", HEADLINE_DECISIONS), ("CONCESSIVE_REACTIONS", CONCESSIVE_REACTIONS)] {
            for w in t.windows(2) {
                assert!(w[0] < w[1], "{name}: {:?} must come before {:?}", w[1], w[0]);
            }
        }
    }
}
