//! Words, shared by the stance rules, the learned layer and attribution: how a sentence splits
//! into words ([`split`]) and the one lookup per word ([`index`], [`WordInfo`]) that answers, for
//! every table at once, whether the word starts a cue phrase, is a reporting verb or a source
//! noun, and where it sits in the learned layer's vocabulary. One lookup serves the rules and
//! the model alike, so neither needs the other to read a sentence.

use std::sync::OnceLock;

use crate::text::{alnum_end, alnum_len, char_at, sub};
use crate::{cues, evaluation, lexicon, model_weights};

/// The words of `text[start..end]` (alphanumeric runs with inner apostrophes and hyphens), as
/// byte ranges of `text`. Returns a mask with bit `k` set when word `k` (of the first 64) joins
/// runs with a mark ("state-run", "board’s"), so compound and possessive forms are examined only
/// where they exist.
pub(crate) fn split(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) -> u64 {
    out.clear();
    let mut marked = 0u64;
    let s = sub(text, start, end);
    let b = s.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let l = alnum_len(s, i);
        if l == 0 {
            i += if b[i] < 0x80 { 1 } else { char_at(s, i).1 };
            continue;
        }
        // A word: alphanumeric runs joined by single inner marks ("state-run", "it's",
        // "China’s"); a mark not followed by an alphanumeric ends the word and is not part of it.
        let w0 = i;
        let mut j = i + l;
        loop {
            j = alnum_end(s, j);
            let mark = match b.get(j) {
                Some(b'\'' | b'-') => 1,
                Some(0xE2) if b[j..].starts_with("’".as_bytes()) => 3,
                _ => 0,
            };
            let after = if mark > 0 { alnum_len(s, j + mark) } else { 0 };
            if after == 0 {
                break;
            }
            if out.len() < 64 {
                marked |= 1 << out.len();
            }
            j += mark + after;
        }
        out.push((start + w0, start + j));
        i = j;
    }
    marked
}

/// What one lowercase word can start or be, found with one hash lookup instead of a binary
/// search per table (the tables stay sorted `const` slices; this index is built from them once).
/// Sixteen bytes, aligned, so it moves as two machine words (byte-wise stores of separate
/// flags stalled the per-word loop).
#[derive(Clone, Copy, Default)]
#[repr(C, align(8))]
pub(crate) struct WordInfo {
    /// Index + 1 of the first phrase starting with this word in SPECULATION / CRITICISM /
    /// OFFICIAL; 0 when none.
    pub(crate) first: [u16; 3],
    /// Index + 1 of the word in the learned layer's vocabulary (`model::known_words`);
    /// 0 when it has no weights. The same lookup serves rules and model.
    pub(crate) model: u16,
    /// [`REPORTING`], [`ACTOR`], [`EXPERT`], [`CONCESSIVE`] bits.
    pub(crate) flags: u8,
    /// [`NEGATIVE`], [`DECISION`] bits: word classes only the learned layer
    /// counts ([`crate::evaluation`]).
    pub(crate) class: u8,
    /// [`cues::IN_OFFICES`], [`cues::IN_OPPOSITION`], [`cues::IN_COMMITMENT`],
    /// [`cues::IN_LIKELIHOOD`] bits: the stance pass's lists of sides and modals that hold the word.
    pub(crate) lists: u8,
}

/// A reporting verb ([`lexicon::REPORTING_VERBS`]).
pub(crate) const REPORTING: u8 = 1;
/// An official actor noun ([`lexicon::OFFICIAL_ACTORS`]).
pub(crate) const ACTOR: u8 = 2;
/// An expert or citizen source noun ([`lexicon::NON_OFFICIAL_SOURCES`]).
pub(crate) const EXPERT: u8 = 4;
/// A positive reaction that may concede before an objection ([`cues::CONCESSIVE_REACTIONS`]).
pub(crate) const CONCESSIVE: u8 = 8;
/// A citizen or interest-group source noun ([`lexicon::CITIZEN_SOURCES`]).
pub(crate) const CITIZEN: u8 = 16;
/// "declined" (to comment, to say): a refusal to state.
pub(crate) const REFUSAL: u8 = 32;
/// A [`negator`]: not in the index (a contraction is a suffix); set per distinct word by
/// [`crate::sentence_words::SentenceWords`].
pub(crate) const NEGATOR: u8 = 64;

/// A [`capitalised`] word: set per distinct word by [`crate::sentence_words::SentenceWords`].
pub(crate) const CAPITAL: u8 = 128;

/// The word starts with a capital letter: after the first word of a sentence, a name.
#[inline]
pub(crate) fn capitalised(t: &str) -> bool {
    match t.as_bytes().first() {
        Some(&c) if c < 0x80 => c.is_ascii_uppercase(),
        _ => t.chars().next().is_some_and(char::is_uppercase),
    }
}

/// "not", "never" or a contracted negation ("didn't", "won’t").
pub(crate) fn negator(w: &str) -> bool {
    w.eq_ignore_ascii_case("not")
        || w.eq_ignore_ascii_case("never")
        || w.ends_with("n't")
        || w.ends_with("n’t")
}

/// A negative evaluation word ([`evaluation::NEGATIVE`]).
pub(crate) const NEGATIVE: u8 = 1;
/// A verb of institutional action ([`evaluation::DECISIONS`]).
pub(crate) const DECISION: u8 = 2;

impl WordInfo {
    pub(crate) fn reporting(self) -> bool {
        self.flags & REPORTING != 0
    }
    pub(crate) fn actor(self) -> bool {
        self.flags & ACTOR != 0
    }
    pub(crate) fn expert(self) -> bool {
        self.flags & EXPERT != 0
    }
}

pub(crate) type Index = lexicon::Table<WordInfo>;

/// The index, built on first use.
pub(crate) fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let n = cues::TABLES.iter().map(|t| t.len()).sum::<usize>()
            + lexicon::REPORTING_VERBS.len()
            + lexicon::OFFICIAL_ACTORS.len()
            + lexicon::NON_OFFICIAL_SOURCES.len()
            + cues::CONCESSIVE_REACTIONS.len()
            + lexicon::CITIZEN_SOURCES.len()
            + 2 * model_weights::WORDS.len()
            + evaluation::NEGATIVE.len()
            + evaluation::DECISIONS.len()
            + cues::OFFICES.len()
            + cues::OPPOSITION.len()
            + cues::COMMITMENT.len()
            + cues::LIKELIHOOD.len()
            + 1;
        let mut m = Index::new(n, true);
        for (t, table) in cues::TABLES.iter().enumerate() {
            for (i, (phrase, _)) in table.iter().enumerate().rev() {
                let first = phrase.split(' ').next().unwrap_or(phrase);
                m.entry(first).first[t] = (i + 1) as u16;
            }
        }
        for w in lexicon::REPORTING_VERBS {
            m.entry(w).flags |= REPORTING;
        }
        for w in lexicon::OFFICIAL_ACTORS {
            m.entry(w).flags |= ACTOR;
        }
        for w in lexicon::NON_OFFICIAL_SOURCES {
            m.entry(w).flags |= EXPERT;
        }
        for w in cues::CONCESSIVE_REACTIONS {
            m.entry(w).flags |= CONCESSIVE;
        }
        for w in lexicon::CITIZEN_SOURCES {
            m.entry(w).flags |= CITIZEN;
        }
        m.entry("declined").flags |= REFUSAL;
        for (list, bit) in [(evaluation::NEGATIVE, NEGATIVE), (evaluation::DECISIONS, DECISION)] {
            for w in list {
                m.entry(w).class |= bit;
            }
        }
        for (list, bit) in [
            (cues::OFFICES, cues::IN_OFFICES),
            (cues::OPPOSITION, cues::IN_OPPOSITION),
            (cues::COMMITMENT, cues::IN_COMMITMENT),
            (cues::LIKELIHOOD, cues::IN_LIKELIHOOD),
        ] {
            for w in list {
                m.entry(w).lists |= bit;
            }
        }
        for (i, (w, _)) in model_weights::WORDS.iter().enumerate() {
            m.entry(w).model = i as u16 + 1;
            // The vocabulary is keyed with straight apostrophes; text mostly has curly ones.
            if w.contains('\'') {
                let curly: &'static str = Box::leak(w.replace('\'', "’").into_boxed_str());
                m.entry(curly).model = i as u16 + 1;
            }
        }
        m
    })
}

/// The learned layer's vocabulary index of a word (any case, either apostrophe).
pub(crate) fn model_word(w: &str) -> Option<usize> {
    index()
        .get(w)
        .and_then(|i| usize::from(i.model).checked_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_joins_inner_marks_only() {
        let t = "China’s state-run firms — U.S.-based, it's 5G.";
        let mut ws = Vec::new();
        let marked = split(t, 0, t.len(), &mut ws);
        assert_eq!(marked, 0b100_0011, "China’s, state-run, it's");
        let got: Vec<&str> = ws.iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(got, ["China’s", "state-run", "firms", "U", "S", "based", "it's", "5G"]);
    }

    #[test]
    fn one_lookup_answers_every_table() {
        let i = |w: &str| index().get(w).unwrap_or_default();
        assert!(i("Said").reporting() && i("officials").actor() && i("analysts").expert());
        assert!(i("declined").flags & REFUSAL != 0 && i("residents").flags & CITIZEN != 0);
        assert!(i("condemned").first[1] > 0, "a criticism cue");
        assert!(i("the").first == [0; 3] && !i("the").reporting());
        // The vocabulary is keyed with straight apostrophes; either spelling finds it.
        let straight = model_weights::WORDS.iter().position(|(w, _)| w.contains('\'')).expect("a word with an apostrophe");
        let w = model_weights::WORDS[straight].0;
        assert_eq!(model_word(w), Some(straight));
        assert_eq!(model_word(&w.replace('\'', "’")), Some(straight));
    }
}
