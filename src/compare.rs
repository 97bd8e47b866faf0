//! Agreement between two readers who tagged the same article: which statements they tagged
//! differently, and how far their agreement exceeds chance (Cohen's kappa). Pure: no storage.
//!
//! Why kappa and not the share of agreeing statements: most statements of an article are untagged
//! by both readers, so raw agreement looks high even between readers who never agree on a tag.
//! Kappa discounts the agreement their tag frequencies would give by chance:
//! `κ = (p_o − p_e) / (1 − p_e)`, with `p_o` the observed share of agreeing statements and `p_e`
//! the sum over categories of the product of both readers' shares of that category
//! (Cohen, "A coefficient of agreement for nominal scales", 1960). Four categories are used:
//! the three tags and "no tag". Kappa is undefined when `p_e = 1`, i.e. both readers put every
//! statement in one and the same category (for instance neither tagged anything): there is
//! nothing to agree on beyond chance, so [`Comparison::kappa`] is `None` then.
//!
//! The words for a kappa are the bands of Landis & Koch, "The measurement of observer agreement
//! for categorical data", Biometrics 33 (1977) — a convention, not a test.

use annotator_core::Label;

use crate::annotations::Annotation;

/// Per statement (a `[start, end)` code-point range), the tag the reader gave it: the tag of a
/// live tagged annotation placed exactly on it; else of one placed entirely inside it (the first
/// by position); else `None`. `placements` is parallel to `annotations` (see
/// `annotations::place_all`); detached annotations (`None`) are ignored.
pub fn statement_tags(
    statements: &[(usize, usize)],
    annotations: &[impl std::borrow::Borrow<Annotation>],
    placements: &[Option<(usize, usize)>],
) -> Vec<Option<Label>> {
    let tagged: Vec<((usize, usize), Label)> = annotations
        .iter()
        .map(|a| a.borrow())
        .zip(placements)
        .filter(|(a, _)| a.is_live())
        .filter_map(|(a, p)| Some(((*p)?, a.tag?)))
        .collect();
    statements
        .iter()
        .map(|&(s, e)| {
            let exact = tagged.iter().find(|(p, _)| *p == (s, e));
            let inside = || tagged.iter().filter(|((ps, pe), _)| s <= *ps && *pe <= e).min_by_key(|(p, _)| *p);
            exact.or_else(inside).map(|(_, tag)| *tag)
        })
        .collect()
}

/// One statement the two readers tagged differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    /// Index into the statements.
    pub statement: usize,
    pub ours: Option<Label>,
    pub theirs: Option<Label>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The statements where the tags differ, in order.
    pub rows: Vec<Row>,
    /// Statements with the same tag (including both untagged).
    pub agree: usize,
    pub total: usize,
    /// Cohen's kappa over official / criticism / speculation / none; `None` when undefined (no
    /// statements, or both readers put every statement in the same single category).
    pub kappa: Option<f64>,
}

fn category(tag: Option<Label>) -> usize {
    match tag {
        Some(Label::Official) => 0,
        Some(Label::Criticism) => 1,
        Some(Label::Speculation) => 2,
        None => 3,
    }
}

/// Compare two readers' per-statement tags (from [`statement_tags`] over the same statements).
/// Should the lists differ in length, the missing entries count as untagged.
pub fn compare(ours: &[Option<Label>], theirs: &[Option<Label>]) -> Comparison {
    let total = ours.len().max(theirs.len());
    let mut rows = Vec::new();
    let mut counts = [[0usize; 4]; 2];
    for i in 0..total {
        let (o, t) = (ours.get(i).copied().flatten(), theirs.get(i).copied().flatten());
        counts[0][category(o)] += 1;
        counts[1][category(t)] += 1;
        if o != t {
            rows.push(Row { statement: i, ours: o, theirs: t });
        }
    }
    let agree = total - rows.len();
    let n = total as f64;
    let observed = agree as f64 / n;
    let expected: f64 = (0..4).map(|k| counts[0][k] as f64 * counts[1][k] as f64).sum::<f64>() / (n * n);
    // With no statements `expected` is NaN and the comparison is false, too.
    let kappa = (expected < 1.0 - 1e-12).then(|| (observed - expected) / (1.0 - expected));
    Comparison { rows, agree, total, kappa }
}

/// Landis & Koch's words for a kappa: below 0 poor, up to 0.20 slight, 0.40 fair, 0.60 moderate,
/// 0.80 substantial, above that almost perfect.
pub fn kappa_words(k: f64) -> &'static str {
    match k {
        k if k < 0.0 => "poor",
        k if k <= 0.20 => "slight",
        k if k <= 0.40 => "fair",
        k if k <= 0.60 => "moderate",
        k if k <= 0.80 => "substantial",
        _ => "almost perfect",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use annotator_core::anchor::{TextPositionSelector, TextQuoteSelector};
    use Label::{Criticism as C, Official as O, Speculation as S};

    /// `n` statements from a 2×2 table of yes (= official) / no (= untagged) judgements:
    /// `both` yes-yes, `ours_only` yes-no, `theirs_only` no-yes, `neither` no-no.
    fn table(both: usize, ours_only: usize, theirs_only: usize, neither: usize) -> (Vec<Option<Label>>, Vec<Option<Label>>) {
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for (n, o, t) in [(both, true, true), (ours_only, true, false), (theirs_only, false, true), (neither, false, false)] {
            for _ in 0..n {
                ours.push(o.then_some(O));
                theirs.push(t.then_some(O));
            }
        }
        (ours, theirs)
    }

    #[test]
    fn kappa_matches_hand_computed_examples() {
        // (ours, theirs, expected kappa). Hand computations:
        // - 20/5/10/15 (Wikipedia's first example): p_o = 35/50 = 0.7;
        //   p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2/0.5 = 0.4.
        // - 45/15/25/15 (its second): p_o = 0.6; p_e = 0.6·0.7 + 0.4·0.3 = 0.54; κ = 0.06/0.46.
        // - [O,C,S,-] vs [O,C,-,-]: p_o = 3/4; p_e = (1·1 + 1·1 + 1·0 + 1·2)/16 = 1/4; κ = 2/3.
        // - opposite tags everywhere, [O,C] vs [C,O]: p_o = 0, p_e = 1/2, κ = −1.
        let (a1, b1) = table(20, 5, 10, 15);
        let (a2, b2) = table(45, 15, 25, 15);
        type Tags = Vec<Option<Label>>;
        let cases: Vec<(Tags, Tags, Option<f64>)> = vec![
            (a1, b1, Some(0.4)),
            (a2, b2, Some(0.06 / 0.46)),
            (vec![Some(O), Some(C), Some(S), None], vec![Some(O), Some(C), None, None], Some(2.0 / 3.0)),
            (vec![Some(O), Some(C)], vec![Some(C), Some(O)], Some(-1.0)),
            (vec![Some(O), None, Some(S)], vec![Some(O), None, Some(S)], Some(1.0)),
            // Undefined: nothing tagged by either, everything tagged alike by both, or no statements.
            (vec![None; 5], vec![None; 5], None),
            (vec![Some(C); 3], vec![Some(C); 3], None),
            (vec![], vec![], None),
        ];
        for (ours, theirs, want) in cases {
            let got = compare(&ours, &theirs).kappa;
            match (got, want) {
                (Some(g), Some(w)) => assert!((g - w).abs() < 1e-9, "{ours:?} vs {theirs:?}: {g} != {w}"),
                _ => assert_eq!(got, want, "{ours:?} vs {theirs:?}"),
            }
        }
    }

    #[test]
    fn rows_list_only_the_differences() {
        let c = compare(&[Some(O), None, Some(S), None], &[Some(O), Some(C), None]);
        assert_eq!(c.total, 4);
        assert_eq!(c.agree, 2);
        assert_eq!(
            c.rows,
            vec![Row { statement: 1, ours: None, theirs: Some(C) }, Row { statement: 2, ours: Some(S), theirs: None }]
        );
    }

    #[test]
    fn words_follow_landis_and_koch() {
        let cases = [
            (-0.1, "poor"),
            (0.0, "slight"),
            (0.2, "slight"),
            (0.21, "fair"),
            (0.4, "fair"),
            (0.5, "moderate"),
            (0.61, "substantial"),
            (0.8, "substantial"),
            (0.81, "almost perfect"),
            (1.0, "almost perfect"),
        ];
        for (k, w) in cases {
            assert_eq!(kappa_words(k), w, "{k}");
        }
    }

    fn ann(tag: Option<Label>, deleted: bool) -> Annotation {
        Annotation {
            id: "x".into(),
            quote: TextQuoteSelector { exact: "x".into(), prefix: String::new(), suffix: String::new() },
            position: TextPositionSelector { start: 0, end: 1 },
            tag,
            note: String::new(),
            from_suggestion: false,
            rejected: tag.is_none(),
            deleted,
            entity: None,
            created: 0.0,
            modified: 0.0,
            unknown: None,
        }
    }

    #[test]
    fn statements_take_the_exact_then_the_first_inner_tag() {
        let statements = [(0, 10), (10, 20), (20, 30), (30, 40), (40, 50)];
        let annotations = [
            ann(Some(S), false), // inside 0..10, later
            ann(Some(C), false), // inside 0..10, first by position
            ann(Some(O), false), // exactly 0..10: wins
            ann(Some(C), false), // inside 10..20
            ann(Some(O), true),  // deleted, on 20..30
            ann(None, false),    // a rejection: no tag, on 20..30
            ann(Some(S), false), // detached
            ann(Some(O), false), // straddles 30..40 and 40..50: in neither
        ];
        let placements = [Some((5, 8)), Some((2, 9)), Some((0, 10)), Some((12, 14)), Some((20, 30)), Some((20, 30)), None, Some((35, 45))];
        assert_eq!(statement_tags(&statements, &annotations, &placements), vec![Some(O), Some(C), None, None, None]);
        // Without the exact one, the first inner one by position counts.
        assert_eq!(statement_tags(&statements[..1], &annotations[..2], &placements[..2]), vec![Some(C)]);
    }
}
