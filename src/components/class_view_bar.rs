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

#[component]
pub fn DistributionBar(props: &DistributionBarProps) -> Html {
    let total: usize = props.counts.iter().sum();
    let words = counts_words(&props.counts);
    html! {
        <span class="dist" role="img" aria-label={words.clone()} title={words}>
            { for props.counts.iter().zip(MARKS).filter(|(n, _)| **n > 0).map(|(&n, (letter, class))| {
                let style = format!("flex-grow:{n}");
                // The letter and count show only where the segment is wide enough to hold them.
                let text = if n * 8 >= total { format!("{letter}{n}") } else { String::new() };
                html! { <span class={classes!("seg", class)} {style}>{ text }</span> }
            }) }
        </span>
    }
}
