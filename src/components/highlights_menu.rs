//! The Highlights menu: what the text marks (entities by kind, nationalities, claims,
//! suggestions, cue words), each with a sample of its mark, so it is the legend too. It opens
//! over the text and never moves it.

use yew::prelude::*;

use crate::highlights::{Highlight, Highlights, ALL};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct HighlightsMenuProps {
    pub highlights: Highlights,
    pub dispatch: Callback<Action>,
}

/// What the mark of `h` looks like in the text.
fn sample(h: Highlight) -> Html {
    match h {
        Highlight::People => html! { <mark class="ent ent-person">{ "Name" }</mark> },
        Highlight::Organizations => html! { <mark class="ent ent-organization">{ "Name" }</mark> },
        Highlight::Places => html! { <mark class="ent ent-place">{ "Name" }</mark> },
        Highlight::Groups => html! { <mark class="ent ent-group">{ "Name" }</mark> },
        Highlight::Demonyms => html! { <mark class="ent ent-group">{ "Name" }</mark> },
        Highlight::Claims => html! { <><span class="stmt claim">{ "tinted" }</span>{ ", " }<span class="stmt claim said">{ "underlined" }</span>{ " if said" }</> },
        Highlight::Suggestions => html! { <span class="badge-sample">{ "Criticism?" }</span> },
        Highlight::Cues => html! { <span class="cue">{ "word" }</span> },
    }
}

#[component]
pub fn HighlightsMenu(props: &HighlightsMenuProps) -> Html {
    let items = ALL.iter().map(|&h| {
        let on = props.highlights.shows(h);
        let onchange = props.dispatch.reform(move |_: Event| Action::Highlight(h, !on));
        html! {
            <li>
                <label>
                    <input type="checkbox" checked={on} {onchange} />
                    <span class="hl-name">{ h.name() }</span>
                    <span class="hl-sample" aria-hidden="true">{ sample(h) }</span>
                </label>
            </li>
        }
    });
    html! {
        <details class="highlights">
            <summary>{ "Highlights" }</summary>
            <div class="highlights-menu">
                <ul>{ for items }</ul>
                <p class="hint">{ "Your tags are always shown: Official position (solid line), Criticism (double line), Speculation (dotted line). A dashed badge is a suggestion; hover over a name for its full form." }</p>
                <p class="hint">{ "Keys: j / k move · 1 2 3 tag · 0 clear · Enter accept · x reject · n note · Ctrl+Z undo" }</p>
            </div>
        </details>
    }
}
