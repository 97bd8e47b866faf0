//! The reader's settings: the text size and the Highlights menu, each remembered once it differs
//! from the default.

use yew::prelude::*;

use crate::state::{Action, State, DEFAULT_TEXT_SIZE, TEXT_SIZES};
use crate::storage;

/// The state at start: the remembered article, text size and the reader's own articles.
pub fn initial_state() -> State {
    let mut s = State::new(storage::load_selected());
    let own = storage::load_own();
    s.own = std::rc::Rc::new(own.articles);
    s.notice = own.notice;
    s.recovered = own.recovered;
    s.text_size = storage::load_text_size().filter(|&t| t < TEXT_SIZES.len()).unwrap_or(DEFAULT_TEXT_SIZE);
    s.highlights = storage::load_highlights().unwrap_or_default();
    s
}

/// Save the text size whenever it changes (the default is only saved over a remembered size).
#[hook]
pub fn use_text_size(state: &UseReducerHandle<State>) {
    let dispatch = state.dispatcher();
    use_effect_with(state.text_size, move |&size| {
        if size != DEFAULT_TEXT_SIZE || storage::load_text_size().is_some() {
            if let Err(e) = storage::save_text_size(size) {
                dispatch.dispatch(Action::Notice(Some(e)));
            }
        }
    });
}

/// Save the Highlights menu's choice whenever it changes (the default only over a remembered one).
#[hook]
pub fn use_highlights(state: &UseReducerHandle<State>) {
    let dispatch = state.dispatcher();
    use_effect_with(state.highlights, move |&h| {
        if h != Default::default() || storage::load_highlights().is_some() {
            if let Err(e) = storage::save_highlights(h) {
                dispatch.dispatch(Action::Notice(Some(e)));
            }
        }
    });
}
