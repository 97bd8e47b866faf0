//! One article as the class tagged it: Fleiss' kappa with its reading, the most contested
//! statements (each jumps to its place in the text), every statement with the class's
//! distribution and the answer key's tag, and each student's agreement with the key and with
//! the rest of the class.

use std::rc::Rc;

use annotator_core::formats::csv::tag_name;
use annotator_core::Label;
use yew::prelude::*;

use super::class_view_bar::{counts_words, DistributionBar};
use crate::article::Article;
use crate::class::Summary;
use crate::compare::kappa_words;

/// How many statements the contested list shows.
const CONTESTED_SHOWN: usize = 5;

#[derive(Properties, PartialEq)]
pub struct ClassArticleProps {
    pub article: Rc<Article>,
    pub summary: Rc<Summary>,
    pub title: String,
    pub has_key: bool,
    /// A statement to scroll to (with a counter, so the same one can be asked for again).
    pub jump: Option<(u64, usize)>,
    pub onjump: Callback<usize>,
    pub onexport: Callback<()>,
}

fn excerpt(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_owned(),
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
    }
}

fn kappa_text(k: Option<f64>) -> String {
    k.map_or_else(|| "—".to_owned(), |k| format!("{k:.2}"))
}

fn tag_badge(tag: Option<Label>) -> Html {
    let (name, class) = match tag {
        Some(Label::Official) => ("Official position", "key-official"),
        Some(Label::Criticism) => ("Criticism", "key-criticism"),
        Some(Label::Speculation) => ("Speculation", "key-speculation"),
        None => ("no tag", "key-none"),
    };
    html! { <span class={classes!("key-tag", class)}>{ format!("Key: {name}") }</span> }
}

#[component]
pub fn ClassArticle(props: &ClassArticleProps) -> Html {
    let (a, s) = (&props.article, &props.summary);
    // Scroll to the statement asked for, once it is drawn.
    use_effect_with(props.jump, |jump| {
        if let Some((_, i)) = jump {
            if let Some(el) = gloo::utils::document().get_element_by_id(&format!("class-st-{i}")) {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        }
    });
    let little = s.students.iter().filter(|st| st.little).count();
    let text_of = |i: usize| {
        let sentence = &a.analysis.sentences[s.statements[i].sentence];
        a.slice(sentence.start, sentence.end).to_owned()
    };
    let fleiss = match s.fleiss {
        Some(k) => html! { <><strong>{ format!("Fleiss’ κ = {k:.2}") }</strong>{ format!(" — {} agreement across the class", kappa_words(k)) }</> },
        None => html! { { "Fleiss’ κ cannot be computed yet: it needs at least two students who tagged, and statements tagged differently." } },
    };
    let jumped = props.jump.map(|(_, i)| i);
    html! {
        <article class="class-article" aria-label={format!("The class on {}", props.title)}>
            <header class="class-article-head">
                <h2>{ props.title.clone() }</h2>
                <p class="class-figures">
                    { format!("{} student{}", s.students.len(), if s.students.len() == 1 { "" } else { "s" }) }
                    if little > 0 { { format!(" ({little} tagged little and are left out of the bars and κ)") } }
                    { ". " }{ fleiss }
                    { if props.has_key { ". The answer key's tag is shown beside each statement." } else { ". This article has no answer key." } }
                </p>
                <div class="tools no-print">
                    <button class="tool" onclick={props.onexport.reform(|_: MouseEvent| ())}>{ "Export table (CSV)" }</button>
                </div>
            </header>

            <section class="contested" aria-label="Most contested statements">
                <h3>{ "Most contested statements" }</h3>
                if s.contested.is_empty() {
                    <p class="hint">{ "The class agreed on every statement." }</p>
                } else {
                    <ol>
                        { for s.contested.iter().take(CONTESTED_SHOWN).map(|&i| {
                            let onclick = props.onjump.reform(move |_: MouseEvent| i);
                            let row = &s.statements[i];
                            html! {
                                <li key={i}>
                                    <button class="contested-jump" {onclick} title="Show in the text">
                                        <span class="st-no">{ format!("{}.", i + 1) }</span>
                                        { excerpt(&text_of(i), 90) }
                                    </button>
                                    <DistributionBar counts={row.counts} />
                                    if props.has_key { { tag_badge(row.key) } }
                                </li>
                            }
                        }) }
                    </ol>
                }
            </section>

            <section class="class-statements" aria-label="Every statement">
                <h3>{ "Every statement" }</h3>
                <p class="legend-bars">{ "Bars: " }
                    { for [("seg-official", "O", Some(Label::Official)), ("seg-criticism", "C", Some(Label::Criticism)), ("seg-speculation", "S", Some(Label::Speculation)), ("seg-none", "–", None)]
                        .into_iter().map(|(class, letter, tag)| html! {
                            <span class="legend-item"><span class={classes!("seg", "swatch", class)}>{ letter }</span>
                                { if tag.is_some() { tag_name(tag) } else { "no tag" } }</span>
                        }) }
                </p>
                <ol class="statements">
                    { for s.statements.iter().enumerate().map(|(i, row)| {
                        let class = classes!("class-st", (jumped == Some(i)).then_some("jumped"), (row.disagreement > 0.5).then_some("split"));
                        html! {
                            <li key={i} id={format!("class-st-{i}")} {class} tabindex="-1">
                                <span class="st-no">{ format!("{}.", i + 1) }</span>
                                <span class="st-text">{ text_of(i) }</span>
                                <span class="st-dist">
                                    <DistributionBar counts={row.counts} />
                                    <span class="dist-words">{ counts_words(&row.counts) }</span>
                                    if props.has_key { { tag_badge(row.key) } }
                                </span>
                            </li>
                        }
                    }) }
                </ol>
            </section>

            <section class="class-students" aria-label="Students">
                <h3>{ "Students" }</h3>
                <table>
                    <thead><tr>
                        <th scope="col">{ "Student" }</th>
                        <th scope="col">{ "Statements tagged" }</th>
                        if props.has_key { <th scope="col">{ "κ with the key" }</th> }
                        <th scope="col">{ "κ with the class" }</th>
                    </tr></thead>
                    <tbody>
                        { for s.students.iter().map(|st| html! {
                            <tr key={st.name.clone()} class={classes!(st.little.then_some("little"))}>
                                <th scope="row">{ st.name.clone() }</th>
                                <td>{ st.tagged }
                                    if st.little { <span class="little-note">{ " — tagged little, not counted" }</span> }</td>
                                if props.has_key { <td>{ if st.little { "—".to_owned() } else { kappa_text(st.vs_key) } }</td> }
                                <td>{ if st.little { "—".to_owned() } else { kappa_text(st.vs_class) } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p class="hint">{ "κ is Cohen’s kappa over official position, criticism, speculation and no tag: 1 is full agreement, 0 what chance alone would give. “The class” is the majority of the other counted students on each statement." }</p>
            </section>
        </article>
    }
}
