//! The reader's keys, when an article is open and no text field has focus.

use annotator_core::Label;
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::autosave::use_open_article;
use crate::state::{Action, State};

/// The action for a key, if it has one.
fn key_action(e: &web_sys::KeyboardEvent) -> Option<Action> {
    let ctrl = e.ctrl_key() || e.meta_key();
    if ctrl {
        return match e.key().to_lowercase().as_str() {
            "z" if e.shift_key() => Some(Action::Redo),
            "z" => Some(Action::Undo),
            "y" => Some(Action::Redo),
            _ => None,
        };
    }
    if e.key() == "n" {
        return Some(Action::EditCurrentNote);
    }
    if e.alt_key() {
        return None;
    }
    Some(match e.key().as_str() {
        "j" | "ArrowDown" => Action::Move(1),
        "k" | "ArrowUp" => Action::Move(-1),
        "1" => Action::Tag(Some(Label::Official)),
        "2" => Action::Tag(Some(Label::Criticism)),
        "3" => Action::Tag(Some(Label::Speculation)),
        "0" => Action::Tag(None),
        "Enter" => Action::Accept,
        "x" => Action::Reject,
        "Escape" => Action::Span(None),
        _ => return None,
    })
}

fn in_text_field(e: &web_sys::Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.closest("[contenteditable]").ok().flatten().is_some())
}

/// Listen to the keyboard as long as the app lives.
#[hook]
pub fn use_keyboard(state: &UseReducerHandle<State>) {
    let open = use_open_article(state);
    let dispatch = state.dispatcher();
    use_effect_with((), move |_| {
        let keys = EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            EventListenerOptions::enable_prevent_default(),
            move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if open.borrow().is_none() || in_text_field(e) {
                    return;
                }
                // Enter on a focused button or link keeps its usual meaning.
                let on_control = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| matches!(el.tag_name().as_str(), "BUTTON" | "A"));
                if on_control && e.key() == "Enter" {
                    return;
                }
                if let Some(action) = key_action(e) {
                    e.prevent_default();
                    dispatch.dispatch(action);
                }
            },
        );
        move || drop(keys)
    });
}
