//! "Who says what": each speaker with the statements attributed to it, their tags (the
//! reader's, else the suggestion, marked as such), counts and a small chart; then the entities
//! that are only mentioned. A statement jumps to its place in the text.

use std::rc::Rc;

use annotator_core::{EntityKind, Label};
use yew::prelude::*;

use super::paragraph::{kind_name, label_class, label_name};
use super::tag_bar::excerpt;
use crate::speakers::who_says_what;
use crate::state::{Action, Article, Load};

#[derive(Properties, PartialEq)]
pub struct SpeakersPanelProps {
    pub article: Rc<Article>,
    pub state: super::state_ref::StateRef,
    pub dispatch: Callback<Action>,
}

const LABELS: [Label; 3] = [Label::Official, Label::Criticism, Label::Speculation];

fn kind_label(k: Option<EntityKind>) -> &'static str {
    k.map_or("source", kind_name)
}

fn said_tag(tag: Option<Label>, suggested: bool) -> Html {
    let Some(t) = tag else { return html! {} };
    let text = if suggested { format!("{}?", label_name(t)) } else { label_name(t).to_owned() };
    html! { <span class={classes!("said-tag", format!("said-{}", label_class(t)), suggested.then_some("suggested"))}>{ text }</span> }
}

fn mini_chart(counts: [usize; 3], most: usize) -> Html {
    html! {
        <div class="mini-chart" role="img"
             aria-label={LABELS.iter().zip(counts).map(|(&l, n)| format!("{}: {n}", label_name(l))).collect::<Vec<_>>().join(", ")}>
            { for LABELS.iter().zip(counts).map(|(&l, n)| html! {
                <progress class={classes!("bar", format!("bar-{}", label_class(l)))}
                          max={most.to_string()} value={n.to_string()}></progress>
            }) }
        </div>
    }
}

#[component]
pub fn SpeakersPanel(props: &SpeakersPanelProps) -> Html {
    let all = use_state(|| false);
    let scope = |value: bool, text: &str| {
        let pressed = *all == value;
        let onclick = {
            let (all, dispatch) = (all.clone(), props.dispatch.clone());
            Callback::from(move |_: MouseEvent| {
                // "All articles" reads the whole collection afresh each time it is chosen.
                if value && !*all {
                    dispatch.emit(Action::LoadCollectionSpeakers);
                }
                all.set(value);
            })
        };
        html! { <button class="chip" aria-pressed={pressed.to_string()} {onclick}>{ text.to_owned() }</button> }
    };
    let scopes = html! {
        <div class="filters" role="group" aria-label="Speakers of">
            { scope(false, "This article") }
            { scope(true, "All articles") }
        </div>
    };
    if *all {
        let body = match &props.state.collection_speakers {
            Load::Loading => html! { <p class="status" role="status">{ "Reading every article…" }</p> },
            Load::Failed(e) => html! { <div class="error" role="alert"><p>{ e.clone() }</p></div> },
            Load::Ready(list) => {
                let most = list.iter().map(|s| s.said.len()).max().unwrap_or(1);
                html! { <>{ for list.iter().map(|sp| {
                    let counts = LABELS.map(|l| sp.said.iter().filter(|s| s.tag == Some(l)).count());
                    html! {
                        <section class="speaker" key={sp.name.clone()}>
                            <h3>{ sp.name.clone() }<span class="count">{ format!("{} · {}", kind_label(sp.kind), sp.said.len()) }</span></h3>
                            { mini_chart(counts, most) }
                            <ul>
                                { for sp.said.iter().map(|said| {
                                    let (id, i) = (said.article.clone(), said.sentence);
                                    let onclick = props.dispatch.reform(move |_: MouseEvent| Action::OpenAt { id: id.clone(), sentence: i });
                                    html! {
                                        <li>
                                            { said_tag(said.tag, said.suggested) }
                                            <button class="ann-quote" {onclick} title="Open in its article">{ excerpt(&said.text, 110) }</button>
                                            <span class="said-in">{ excerpt(&said.title, 60) }</span>
                                        </li>
                                    }
                                }) }
                            </ul>
                        </section>
                    }
                }) }</> }
            }
        };
        return html! { <div class="speakers">{ scopes }{ body }</div> };
    }
    let a = &props.article;
    let (speakers, silent) = who_says_what(a, props.state.doc.as_ref());
    let most = speakers.iter().map(|s| s.said.len()).max().unwrap_or(1);
    html! {
        <div class="speakers">
            { scopes }
            if speakers.is_empty() {
                <p class="hint">{ "No statement in this article is attributed to anyone." }</p>
            }
            { for speakers.iter().map(|sp| html! {
                <section class="speaker" key={sp.name.clone()}>
                    <h3>{ sp.name.clone() }<span class="count">{ format!("{} · {}", kind_label(sp.kind), sp.said.len()) }</span></h3>
                    { mini_chart(LABELS.map(|l| sp.count(l)), most) }
                    <ul>
                        { for sp.said.iter().map(|said| {
                            let s = &a.analysis.sentences[said.sentence];
                            let i = said.sentence;
                            let onclick = props.dispatch.reform(move |_: MouseEvent| Action::Focus(i));
                            html! {
                                <li>
                                    { said_tag(said.tag, said.suggested) }
                                    <button class="ann-quote" {onclick} title="Show in the text">{ excerpt(a.slice(s.start, s.end), 110) }</button>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }) }
            if !silent.is_empty() {
                <section class="silent">
                    <h3>{ "Mentioned, never quoted" }<span class="count">{ silent.len() }</span></h3>
                    <p class="silent-list">
                        { for silent.iter().enumerate().map(|(i, (name, kind))| html! {
                            <>{ if i > 0 { " · " } else { "" } }<span title={kind_label(Some(*kind))}>{ name.clone() }</span></>
                        }) }
                    </p>
                </section>
            }
        </div>
    }
}
