//! Carrying out the `Request`s the reducer queues (`State::requests`), each reporting back as
//! actions; then telling the reducer they were taken.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::{sharing, speakers};
use crate::state::{Action, OtherSource, Request, State};

#[hook]
pub fn use_requests(state: &UseReducerHandle<State>) {
    // The last request carried out: one still queued when the effect runs again is not redone.
    let taken: Rc<RefCell<Option<u64>>> = use_mut_ref(|| None);
    let next = state.next_request;
    let state = state.clone();
    use_effect_with(next, move |_| {
        let Some(&(last, _)) = state.requests.last() else { return };
        let snapshot = Rc::new((*state).clone());
        for (n, request) in &state.requests {
            if taken.borrow().is_none_or(|t| *n > t) {
                carry_out(request.clone(), &snapshot, state.dispatcher());
            }
        }
        *taken.borrow_mut() = Some(last);
        state.dispatch(Action::RequestsTaken(last));
    });
}

fn carry_out(request: Request, state: &Rc<State>, d: UseReducerDispatcher<State>) {
    match request {
        Request::Export { scope, format, name } => match sharing::export(state, scope, format, &name) {
            Ok(done) => d.dispatch(Action::Info(Some(done))),
            Err(e) => d.dispatch(Action::Notice(Some(e))),
        },
        Request::Import(file) => {
            let state = state.clone();
            yew::platform::spawn_local(async move { sharing::import(file, state, move |a| d.dispatch(a)).await });
        }
        Request::ShareLink { name } => d.dispatch(Action::ShareLink(Some(sharing::share_link(state, &name)))),
        Request::Copy(text) => sharing::copy(&text),
        Request::AnswerKey(entry) => yew::platform::spawn_local(async move {
            match sharing::load_key(&entry).await {
                Ok(annotations) => d.dispatch(Action::ShowOther { article_id: entry.id, source: OtherSource::Key, annotations }),
                Err(e) => d.dispatch(Action::Notice(Some(e))),
            }
        }),
        Request::ClearShareFragment => sharing::clear_fragment(),
        Request::DownloadBackup(key) => {
            if let Err(e) = sharing::download_backup(&key) {
                d.dispatch(Action::Notice(Some(e)));
            }
        }
        Request::CollectionSpeakers(entries) => yew::platform::spawn_local(async move {
            d.dispatch(Action::CollectionSpeakersLoaded(speakers::collection_speakers(entries).await));
        }),
    }
}
