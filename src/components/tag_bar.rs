//! The toolbar over the article (at the foot of the screen on phones): what the tag keys act
//! on, the tag buttons, the suggestion with its reasons, undo/redo, and the Highlights menu.
//! Every button names its key.
//!
//! Its height never changes with the statement (the suggestion line is always there, the note
//! editor opens over the text): a toolbar that grew and shrank moved the article under the
//! reader's mouse between the two clicks of a double click.

use std::rc::Rc;

use annotator_core::{EntityKind, Label};
use yew::prelude::*;

use super::highlights_menu::HighlightsMenu;
use super::note_editor::NoteEditor;
use super::paragraph::{label_class, label_name};
use crate::annotations::Annotation;
use crate::state::{Action, Article, Filter};

#[derive(Properties, PartialEq)]
pub struct TagBarProps {
    pub article: Rc<Article>,
    pub state: super::state_ref::StateRef,
    pub dispatch: Callback<Action>,
}

/// A toolbar button; `key` is the ARIA key name, `shown` what the key cap says. Its class names
/// it (one per action), so its props are equal from one render to the next while it stays
/// enabled or disabled.
#[derive(Properties)]
struct ToolProps {
    dispatch: Callback<Action>,
    make: fn() -> Action,
    text: &'static str,
    /// The key (ARIA key name; `key` is Yew's own prop).
    shortcut: &'static str,
    class: &'static str,
    disabled: bool,
}

impl PartialEq for ToolProps {
    /// `make` follows from `class`.
    fn eq(&self, o: &Self) -> bool {
        (self.class, self.text, self.shortcut, self.disabled) == (o.class, o.text, o.shortcut, o.disabled) && self.dispatch == o.dispatch
    }
}

/// A component of its own: a key press draws the toolbar again, and a button whose props are
/// the same is then left as it is (no new click listener registered, no title formatted).
#[component]
fn Tool(props: &ToolProps) -> Html {
    let (text, key, class, disabled) = (props.text, props.shortcut, props.class, props.disabled);
    let shown = key.replace("Control+Shift+", "Ctrl ⇧ ").replace("Control+", "Ctrl ");
    let onclick = {
        let (dispatch, make) = (props.dispatch.clone(), props.make);
        Callback::from(move |_: MouseEvent| dispatch.emit(make()))
    };
    // The visible text is the first word on narrow screens ("Official", "Accept").
    let (first, rest) = text.split_once(' ').unwrap_or((text, ""));
    html! {
        <button class={classes!("tool", class)} {onclick} {disabled} aria-label={text}
                aria-keyshortcuts={key} title={format!("{text} ({shown})")}>
            <span class="tool-label">{ first }
                if !rest.is_empty() { <span class="tool-more">{ format!(" {rest}") }</span> }
            </span>
            <kbd>{ shown }</kbd>
        </button>
    }
}

fn button(dispatch: &Callback<Action>, make: fn() -> Action, text: &'static str, key: &'static str, class: &'static str, disabled: bool) -> Html {
    html! { <Tool dispatch={dispatch.clone()} {make} {text} shortcut={key} {class} {disabled} /> }
}

fn filter_name(f: Filter) -> String {
    match f {
        Filter::All => String::new(),
        Filter::Tag(l) => label_name(l).to_owned(),
        Filter::Suggestions => "suggestions".into(),
        Filter::UntaggedClaims => "untagged claims".into(),
    }
}

#[component]
pub fn TagBar(props: &TagBarProps) -> Html {
    let (a, state, d) = (&props.article, &props.state, &props.dispatch);
    let doc = state.doc.as_ref();
    let sentence = state.cursor.and_then(|i| a.sentence(i));
    let kind = state.span.is_none().then(|| sentence.map(claim_kind)).flatten().flatten();
    let target_text = match (state.span, sentence) {
        (Some((s, e)), _) => format!("Selected text: “{}”", excerpt(a.slice(s, e), 60)),
        (None, Some(_)) => {
            let n = a.statements.iter().position(|&i| Some(i) == state.cursor).map_or(0, |p| p + 1);
            format!("Statement {n} of {}", a.statements.len())
        }
        (None, None) => "Click a statement or select text (or press j / k)".into(),
    };
    let own = sentence.and_then(|s| doc?.at((s.start, s.end)));
    let pending = state.span.is_none()
        .then(|| sentence.and_then(|s| s.suggestion.clone()))
        .flatten()
        .filter(|_| !own.is_some_and(Annotation::reviews_suggestion));
    let no_target = state.span.is_none() && sentence.is_none();
    let can_undo = doc.is_some_and(|d| !d.undo.is_empty());
    let can_redo = doc.is_some_and(|d| !d.redo.is_empty());
    let onnote = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::EditCurrentNote))
    };
    let editing = state.editing.as_ref()
        .and_then(|id| doc?.annotations.iter().find(|x| &x.id == id))
        .map(|x| (x.id.clone(), x.note.clone(), excerpt(&x.quote.exact, 50)));
    let suggestion = match &pending {
        Some(s) => {
            let cues = crate::reasons::shown_cues(s);
            let why = if let Some(reason) = &s.reason {
                html! { { format!(" · {reason}") } }
            } else if cues.is_empty() {
                html! {}
            } else {
                html! { <>{ " · because of " }
                    { for cues.iter().enumerate().map(|(i, c)| html! {
                        <>{ if i > 0 { ", " } else { "" } }<q class="cue-word">{ c.to_string() }</q></>
                    }) }</> }
            };
            html! {
                <div class={classes!("suggestion", format!("sugg-{}", label_class(s.label)))}>
                    <span class="sugg-text">
                        { "Suggested: " }<strong>{ label_name(s.label) }</strong>
                        { format!(" · {:.0}%", s.confidence * 100.0) }{ why }
                    </span>
                    <span class="tools">
                        { button(d, || Action::Accept, "Accept suggestion", "Enter", "t-accept", false) }
                        { button(d, || Action::Reject, "Reject suggestion", "x", "t-reject", false) }
                    </span>
                </div>
            }
        }
        // A selection: besides tagging it, the reader can say what name it is, or that it is
        // none (correcting the analysis, as in Recogito).
        None if state.span.is_some() => {
            let span = state.span.unwrap_or_default();
            let now = doc.map(|doc| crate::names::kind_at(span, &doc.names(a), |s, e| a.slice(s, e))).unwrap_or_default();
            let name_button = |kind: Option<EntityKind>, text: &'static str, short: &'static str| {
                let onclick = d.reform(move |_: MouseEvent| Action::MarkName(kind));
                let pressed = kind.is_some() && kind == now;
                let class = kind.map_or("not-a-name".to_owned(), |k| format!("name-{}", k.as_str()));
                html! {
                    <button class={classes!("tool", "name-tool", class)} {onclick} aria-pressed={pressed.to_string()}
                            aria-label={format!("Name: {text}")} title={format!("The selection names: {text}")}>
                        <span class="tool-label">{ short }<span class="tool-more">{ &text[short.len()..] }</span></span>
                    </button>
                }
            };
            html! {
                <div class="suggestion names" role="group" aria-label="What the selection names">
                    <span class="sugg-text">{ if now.is_some() { "This name is a:" } else { "Tag it, or it names a:" } }</span>
                    <span class="tools">
                        { name_button(Some(EntityKind::Person), "Person", "Person") }
                        { name_button(Some(EntityKind::Organization), "Organization", "Org") }
                        { name_button(Some(EntityKind::Place), "Place", "Place") }
                        { name_button(Some(EntityKind::Group), "Group", "Group") }
                        if now.is_some() { { name_button(None, "Not a name", "Not a name") } }
                    </span>
                </div>
            }
        }
        None => html! {
            <div class="suggestion none">
                <span class="sugg-text">{ "No suggestion for this statement." }</span>
            </div>
        },
    };
    let show_all = d.reform(|_: MouseEvent| Action::SetFilter(Filter::All));
    html! {
        <div class="tag-bar" role="toolbar" aria-label="Tag the statement">
            <div class="bar-head">
                <div class="target" aria-live="polite">{ target_text }
                    if let Some(k) = kind { <span class="claim-kind">{ " · " }{ k }</span> }
                </div>
                if state.filter != Filter::All {
                    <span class="filter-note" role="status">
                        { format!("Only {} shown", filter_name(state.filter)) }
                        <button class="link" onclick={show_all}>{ "Show all" }</button>
                    </span>
                }
                <HighlightsMenu highlights={state.highlights} dispatch={d.clone()} />
            </div>
            <div class="tools">
                { button(d, || Action::Tag(Some(Label::Official)), "Official position", "1", "t-official", no_target) }
                { button(d, || Action::Tag(Some(Label::Criticism)), "Criticism", "2", "t-criticism", no_target) }
                { button(d, || Action::Tag(Some(Label::Speculation)), "Speculation", "3", "t-speculation", no_target) }
                { button(d, || Action::Tag(None), "Clear tag", "0", "t-clear", no_target) }
                <button class="tool t-note" onclick={onnote} disabled={no_target} aria-keyshortcuts="n" aria-label="Note"
                        title="Add or edit a note on the tagged statement (n)">
                    <span class="tool-label">{ "Note" }</span><kbd>{ "n" }</kbd>
                </button>
                <span class="sep" aria-hidden="true"></span>
                { button(d, || Action::Undo, "Undo", "Control+Z", "t-undo", !can_undo) }
                { button(d, || Action::Redo, "Redo", "Control+Shift+Z", "t-redo", !can_redo) }
            </div>
            { suggestion }
            if let Some((id, note, quote)) = editing {
                <div class="note-box">
                    <div class="note-on">{ format!("Note on “{quote}”") }</div>
                    <NoteEditor key={id.clone()} id={id.clone()} {note} dispatch={d.clone()} />
                </div>
            }
        </div>
    }
}

/// What kind of claim a statement is, for the line over the tag buttons: who says it, or that
/// it is the writer's own checkable assertion; nothing for a statement that is no claim.
fn claim_kind(s: &annotator_core::Sentence) -> Option<Html> {
    use annotator_core::ClaimKind;
    match (s.claim_kind?, s.speaker.as_deref()) {
        (ClaimKind::Attributed, Some(who)) => Some(html! { <>{ "said by " }<strong class="said-by">{ who.to_owned() }</strong></> }),
        (ClaimKind::Attributed, None) => Some(html! { { "attributed claim, speaker not named" } }),
        (ClaimKind::Factual, _) => Some(html! { { "factual claim (the writer’s own, checkable)" } }),
    }
}

pub fn excerpt(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}
