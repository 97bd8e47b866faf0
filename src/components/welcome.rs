//! What a first visit shows beside the list: what the annotator is for, the three labels and
//! the keys, instead of an empty pane.

use yew::prelude::*;

#[component]
pub fn Welcome() -> Html {
    html! {
        <section class="welcome" aria-labelledby="welcome-title">
            <h1 id="welcome-title">{ "Read a news article and tag what it says" }</h1>
            <p>{ "Choose an article from the list. Click a statement, or select any words with the mouse, then tag it:" }</p>
            <ul class="welcome-labels">
                <li><span class="stmt tag tag-official">{ "Official position" }</span>{ " — what a government, company or institution says it does or will do." }</li>
                <li><span class="stmt tag tag-criticism">{ "Criticism" }</span>{ " — someone objects, blames or warns." }</li>
                <li><span class="stmt tag tag-speculation">{ "Speculation" }</span>{ " — a guess about what could happen." }</li>
            </ul>
            <p>{ "The annotator suggests tags (a dashed badge) and names people, organizations and places; you decide. Your work stays in this browser." }</p>
            <p class="hint">{ "Keys: j / k move · 1 2 3 tag · 0 clear · Enter accept a suggestion · x reject · n note · Ctrl+Z undo" }</p>
        </section>
    }
}
