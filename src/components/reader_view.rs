//! The chosen article: title and meta line, the tag toolbar, the text with its highlights, and
//! the annotation panel. Page furniture and the title line are not body text (the core marks
//! them), so they never show here.

use std::rc::Rc;

use yew::prelude::*;

use super::annotation_panel::{AnnotationPanel, DocRef};
use super::comparison::Comparison;
use super::share_panel::SharePanel;
use super::speakers_panel::SpeakersPanel;
use super::article_text::ArticleText;
use super::tag_bar::TagBar;
use crate::state::{Action, Load};
use crate::storage::ManifestEntry;

#[derive(Properties, PartialEq)]
pub struct ReaderViewProps {
    pub entry: ManifestEntry,
    pub state: super::state_ref::StateRef,
    pub dispatch: Callback<Action>,
    pub onclose: Callback<()>,
}

/// "1 entity", "3 entities".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A source worth showing a reader: a publisher or site, not the file the teacher saved
/// (the manifest falls back to the file name when it knows nothing better).
pub fn shown_source(entry: &ManifestEntry) -> Option<&str> {
    let s = entry.source.trim();
    let file_like = s == entry.file || [".txt", ".md"].iter().any(|x| s.to_ascii_lowercase().ends_with(x));
    (!s.is_empty() && !file_like).then_some(s)
}

/// Average adult silent reading speed, words per minute (Brysbaert 2019: ~238 for non-fiction).
const WORDS_PER_MINUTE: usize = 238;

#[component]
pub fn ReaderView(props: &ReaderViewProps) -> Html {
    let onclose = props.onclose.reform(|_: MouseEvent| ());
    let back = html! {
        <button class="back link" onclick={onclose}>{ "← All articles" }</button>
    };
    match &props.state.article {
        Load::Loading => html! {
            <article class="reader" aria-busy="true">
                { back }
                <p class="status" role="status">{ "Loading and analysing the article…" }</p>
            </article>
        },
        Load::Failed(message) => html! {
            <article class="reader">
                { back }
                <h1 class="article-title">{ props.entry.title.clone() }</h1>
                <div class="error" role="alert"><p>{ message.clone() }</p></div>
            </article>
        },
        Load::Ready(article) => {
            let a = &article.analysis;
            // Counted when the manifest was written (`annotate manifest`), not on every load.
            let words = props.entry.words;
            let minutes = words.div_ceil(WORDS_PER_MINUTE).max(1);
            let (state, dispatch) = (props.state.clone(), props.dispatch.clone());
            // A headline is the title; an article without one starts with its first sentence,
            // which is not repeated as a heading (screen readers still get it).
            let headline = a.blocks.iter().any(|b| b.kind == annotator_core::BlockKind::Title);
            let title_class = classes!("article-title", (!headline).then_some("sr-only"));
            html! {
                <article class="reader" aria-labelledby="article-title">
                    <div class="reader-main">
                        { back }
                        <h1 class={title_class} id="article-title">{ a.title.clone() }</h1>
                        <p class="article-meta">
                            if let Some(by) = props.entry.byline.clone() {
                                <span class="byline">{ by }</span>
                            }
                            if let Some(date) = props.entry.date.clone() {
                                <span class="date">{ shown_date(&date) }</span>
                            }
                            if let Some(source) = shown_source(&props.entry) {
                                <span class="source">{ source.to_owned() }</span>
                            }
                            <span>{ format!("{words} words") }</span>
                            <span>{ format!("{minutes} min read") }</span>
                            <span>{ format!("{} · {}", count(a.entities.len(), "entity", "entities"), count(a.sentences.iter().filter(|s| s.claim).count(), "claim", "claims")) }</span>
                        </p>
                        <TagBar article={article.clone()} state={state.clone()} dispatch={dispatch.clone()} />
                        <ArticleText key={article.id.clone()} article={article.clone()} state={state.clone()} dispatch={dispatch.clone()} />
                    </div>
                    <SidePanel article={article.clone()} {state} {dispatch} />
                </article>
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Annotations,
    Speakers,
    Share,
}

#[derive(Properties, PartialEq)]
struct SidePanelProps {
    article: Rc<crate::state::Article>,
    state: super::state_ref::StateRef,
    dispatch: Callback<Action>,
}

/// The panel beside the text: another annotator's work compared with the reader's (when shown),
/// then tabs for the reader's annotations, who says what, and sharing.
#[component]
fn SidePanel(props: &SidePanelProps) -> Html {
    let tab = use_state(|| Tab::Annotations);
    // The panel's contents follow one frame after the text, so the article is on screen and
    // takes keys sooner (its column has a fixed width: the text does not move when they come).
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            let frame = gloo::render::request_animation_frame(move |_| ready.set(true));
            move || drop(frame)
        });
    }
    // On phones the panel is a sheet over the text, opened from the toolbar's corner.
    let sheet = use_state(|| false);
    let button = |t: Tab, text: &str| {
        let selected = *tab == t;
        let onclick = {
            let (tab, d) = (tab.clone(), props.dispatch.clone());
            // A filter chip belongs to the Annotations tab: leaving the tab leaves no
            // statement greyed for a reason no longer on screen.
            Callback::from(move |_: MouseEvent| {
                tab.set(t);
                d.emit(Action::SetFilter(crate::state::Filter::All));
            })
        };
        html! {
            <button role="tab" class="tab" aria-selected={selected.to_string()} {onclick}>{ text.to_owned() }</button>
        }
    };
    let (article, state, dispatch) = (props.article.clone(), props.state.clone(), props.dispatch.clone());
    let toggle = { let sheet = sheet.clone(); Callback::from(move |_: MouseEvent| sheet.set(!*sheet)) };
    let live = state.doc.as_ref().map_or(0, |d| d.live_count());
    html! {
        <>
        <button class="sheet-toggle" aria-expanded={sheet.to_string()} aria-controls="panel" onclick={toggle.clone()}>
            { if *sheet { "Close panel".to_owned() } else { format!("Annotations ({live})") } }
        </button>
        <aside id="panel" class={classes!("panel", sheet.then_some("open"))} aria-label="Annotations, speakers and sharing">
            <button class="sheet-close link" onclick={toggle}>{ "Close" }</button>
            if let Some(other) = state.other.clone() {
                <Comparison article={article.clone()} state={state.clone()} {other} dispatch={dispatch.clone()}
                            onclose={props.dispatch.reform(|_| Action::CloseOther)} onmerge={props.dispatch.reform(|_| Action::MergeOther)} />
            }
            <div class="tabs" role="tablist">
                { button(Tab::Annotations, "Annotations") }
                { button(Tab::Speakers, "Who says what") }
                { button(Tab::Share, "Share") }
            </div>
            <div role="tabpanel">
                { match *tab {
                    _ if !*ready => html! { <p class="status">{ "…" }</p> },
                    Tab::Annotations => html! {
                        <AnnotationPanel {article} doc={state.doc.clone().map(DocRef)} filter={state.filter}
                                         editing={state.editing.clone()} {dispatch} />
                    },
                    Tab::Speakers => html! { <SpeakersPanel {article} {state} {dispatch} /> },
                    Tab::Share => html! { <SharePanel {state} {dispatch} /> },
                } }
            </div>
        </aside>
        </>
    }
}

/// A page's date as a reader wants it: the day of an ISO 8601 time stamp, anything else as given.
fn shown_date(date: &str) -> String {
    let b = date.as_bytes();
    let iso_day = b.len() >= 10 && b[..10].is_ascii() && b[4] == b'-' && b[7] == b'-' && date[..4].bytes().chain(date[5..7].bytes()).chain(date[8..10].bytes()).all(|c| c.is_ascii_digit());
    if iso_day { date[..10].to_owned() } else { date.to_owned() }
}
