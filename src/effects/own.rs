//! The reader's own articles: adding one (its text kept in this browser) and removing one.

use yew::prelude::*;

use crate::state::{Action, State};
use crate::storage::{self, ManifestEntry, NewArticle};

/// Store a pasted or opened text as an own article and open it; `Err` is shown in the form.
pub fn on_add(state: &UseReducerHandle<State>) -> Callback<NewArticle, Result<(), String>> {
    let d = state.dispatcher();
    Callback::from(move |article: NewArticle| {
        let (entry, new) = storage::add_own(&article)?;
        if !new {
            d.dispatch(Action::Notice(Some(format!("This text is already among your articles, as “{}”.", entry.title))));
        }
        d.dispatch(Action::OwnAdded(entry));
        Ok(())
    })
}

/// Remove an own article and its annotations, once the reader confirms.
pub fn on_remove(state: &UseReducerHandle<State>) -> Callback<ManifestEntry> {
    let d = state.dispatcher();
    Callback::from(move |entry: ManifestEntry| {
        let question = format!(
            "Remove “{}” and its annotations from this browser? Export the annotations first if you want to keep them.",
            entry.title
        );
        if !gloo::dialogs::confirm(&question) {
            return;
        }
        match storage::remove_own(&entry.id) {
            Ok(remaining) => d.dispatch(Action::OwnRemoved { id: entry.id, remaining }),
            Err(e) => d.dispatch(Action::Notice(Some(format!("Could not remove the article: {e}")))),
        }
    })
}
