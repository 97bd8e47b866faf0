//! A statement's distribution of the class's tags: a stacked bar whose segments differ in
//! pattern and letter as well as colour (readable in greyscale print and without colour vision),
//! with the counts in words beside it for screen readers and anyone who prefers numbers.

use annotator_core::formats::csv::tag_name;
use yew::prelude::*;

use crate::class::CATEGORIES;

/// Short letter and CSS class per category (`CATEGORIES` order).
const MARKS: [(&str, &str); 4] = [("O", "seg-official"), ("C", "seg-criticism"), ("S", "seg-speculation"), ("–", "seg-none")];

#[derive(Properties, PartialEq)]
pub struct DistributionBarProps {
    pub counts: [usize; 4],
}

/// The counts in words: "Official position 5, Criticism 2, no tag 13".
pub fn counts_words(counts: &[usize; 4]) -> String {
    let parts: Vec<String> = CATEGORIES
        .iter()
        .zip(counts)
        .filter(|(_, &n)| n > 0)
        .map(|(c, n)| format!("{} {n}", if c.is_some() { tag_name(*c) } else { "no tag" }))
        .collect();
    if parts.is_empty() {
        "no students counted".into()
    } else {
        parts.join(", ")
    }
}

/// The bar's width is shared out in this many steps: the page's Content-Security-Policy allows
/// no inline styles, so each segment's width is one of `CELLS` classes (`w1` … `w20`).
pub const CELLS: usize = 20;

/// Steps per category: proportional by largest remainder, every category present getting at
/// least one step (taken from the widest), summing to `CELLS` (0 with no one counted).
pub fn cells(counts: &[usize; 4]) -> [usize; 4] {
    let total: usize = counts.iter().sum();
    let mut out = [0usize; 4];
    if total == 0 {
        return out;
    }
    let mut rest: Vec<(usize, usize)> = (0..4).map(|j| (counts[j] * CELLS % total, j)).collect();
    for j in 0..4 {
        out[j] = counts[j] * CELLS / total;
    }
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let short = CELLS - out.iter().sum::<usize>();
    for &(_, j) in rest.iter().take(short) {
        out[j] += 1;
    }
    for j in 0..4 {
        if counts[j] > 0 && out[j] == 0 {
            let widest = (0..4).max_by_key(|&k| (out[k], usize::MAX - k)).unwrap_or(0);
            out[widest] -= 1;
            out[j] = 1;
        }
    }
    out
}

#[component]
pub fn DistributionBar(props: &DistributionBarProps) -> Html {
    let words = counts_words(&props.counts);
    let steps = cells(&props.counts);
    html! {
        <span class="dist" role="img" aria-label={words.clone()} title={words}>
            { for props.counts.iter().zip(steps).zip(MARKS).filter(|((n, _), _)| **n > 0).map(|((&n, w), (letter, class))| {
                // The letter and count show only where the segment is wide enough to hold them.
                let text = if w >= 3 { format!("{letter}{n}") } else { String::new() };
                html! { <span class={classes!("seg", class, format!("w{w}"))}>{ text }</span> }
            }) }
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_proportional_and_keep_every_category() {
        assert_eq!(cells(&[5, 0, 0, 0]), [20, 0, 0, 0]);
        assert_eq!(cells(&[1, 3, 1, 0]), [4, 12, 4, 0]);
        assert_eq!(cells(&[1, 1, 1, 0]), [7, 7, 6, 0]);
        assert_eq!(cells(&[1, 0, 0, 39]), [1, 0, 0, 19], "one of forty still shows");
        assert_eq!(cells(&[0, 0, 0, 0]), [0, 0, 0, 0]);
        for c in [[3, 7, 11, 19], [1, 1, 1, 37], [2, 0, 9, 0]] {
            assert_eq!(cells(&c).iter().sum::<usize>(), CELLS, "{c:?}");
        }
    }
}
