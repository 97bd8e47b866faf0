//! "Who says what": each speaker with the statements attributed to it, their tags (the
//! reader's, else the suggestion, marked as such), counts and a small chart; then the entities
//! that are only mentioned. A statement jumps to its place in the text.

use std::rc::Rc;

use annotator_core::{EntityKind, Label};
use yew::prelude::*;

use super::paragraph::{kind_name, label_class, label_name};
use super::tag_bar::excerpt;
use crate::speakers::who_says_what;
use crate::state::{Action, Article, State};

#[derive(Properties, PartialEq)]
pub struct SpeakersPanelProps {
    pub article: Rc<Article>,
    pub state: Rc<State>,
    pub dispatch: Callback<Action>,
}

const LABELS: [Label; 3] = [Label::Official, Label::Criticism, Label::Speculation];

fn kind_label(k: Option<EntityKind>) -> &'static str {
    k.map_or("source", kind_name)
}

#[component]
pub fn SpeakersPanel(props: &SpeakersPanelProps) -> Html {
    let a = &props.article;
    let (speakers, silent) = who_says_what(a, props.state.doc.as_ref());
    let most = speakers.iter().map(|s| s.said.len()).max().unwrap_or(1);
    html! {
        <div class="speakers">
            if speakers.is_empty() {
                <p class="hint">{ "No statement in this article is attributed to anyone." }</p>
            }
            { for speakers.iter().map(|sp| html! {
                <section class="speaker" key={sp.name.clone()}>
                    <h3>{ sp.name.clone() }<span class="count">{ format!("{} · {}", kind_label(sp.kind), sp.said.len()) }</span></h3>
                    <div class="mini-chart" role="img"
                         aria-label={LABELS.iter().map(|&l| format!("{}: {}", label_name(l), sp.count(l))).collect::<Vec<_>>().join(", ")}>
                        { for LABELS.iter().map(|&l| html! {
                            <progress class={classes!("bar", format!("bar-{}", label_class(l)))}
                                      max={most.to_string()} value={sp.count(l).to_string()}></progress>
                        }) }
                    </div>
                    <ul>
                        { for sp.said.iter().map(|said| {
                            let s = &a.analysis.sentences[said.sentence];
                            let i = said.sentence;
                            let onclick = props.dispatch.reform(move |_: MouseEvent| Action::Focus(i));
                            let tag = said.tag.map(|t| {
                                let text = if said.suggested { format!("{}?", label_name(t)) } else { label_name(t).to_owned() };
                                html! { <span class={classes!("said-tag", format!("said-{}", label_class(t)), said.suggested.then_some("suggested"))}>{ text }</span> }
                            });
                            html! {
                                <li>
                                    { for tag }
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
