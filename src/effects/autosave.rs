//! Saving the open article's annotations after every local change, and taking in what another
//! tab saved for it (the browser's `storage` event).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::annotations::Annotation;

/// The open article's list as the state holds it (each record shared, see `Doc::annotations`).
type Records = Rc<Vec<Rc<Annotation>>>;

/// A copy of every record, for what storage takes whole.
fn whole(records: &[Rc<Annotation>]) -> Vec<Annotation> {
    records.iter().map(|a| (**a).clone()).collect()
}

thread_local! {
    /// The open article's list as storage takes it (records, not shared pointers), with each
    /// id's place: kept in step a few changed records at a time, so a save does not copy
    /// thousands of records to hand over the list.
    static WHOLE: RefCell<(String, Vec<Annotation>, HashMap<String, usize>)> = RefCell::new(Default::default());
}

/// `all` as a list of records, from the copy kept in step by `changes` (the records of `all`
/// that changed since the last call): the state's list only ever changes records in place or
/// adds them at its end, in the order `changes` come in. Copied whole for another article, or if
/// the copy does not match `all`.
fn whole_list<R>(article_id: &str, all: &[Rc<Annotation>], changes: &[Annotation], f: impl FnOnce(&[Annotation]) -> R) -> R {
    WHOLE.with(|w| {
        let mut w = w.borrow_mut();
        let (id, list, at) = &mut *w;
        if id == article_id {
            for c in changes {
                match at.get(&c.id) {
                    Some(&i) => list[i] = c.clone(),
                    None => {
                        at.insert(c.id.clone(), list.len());
                        list.push(c.clone());
                    }
                }
            }
        }
        // Every change moves a record's stamp: same ids and stamps in the same places, same list
        // (records another tab stored, merged in without passing through `changes`, do not match).
        let matches = id == article_id
            && list.len() == all.len()
            && list.iter().zip(all).all(|(x, y)| x.modified == y.modified && x.id == y.id);
        if !matches {
            *list = whole(all);
            *at = list.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
            *id = article_id.to_owned();
        }
        f(list)
    })
}
use crate::state::{Action, State};
use crate::storage;

thread_local! {
    /// The open article's annotations while a change of them is not yet saved: what the panic
    /// hook saves (`save_unsaved`) if the app dies before the save runs.
    static UNSAVED: RefCell<Option<(String, Records)>> = const { RefCell::new(None) };
    /// What storage holds of the open article, as (article id, each annotation's id → its
    /// `modified` stamp): a save writes only the annotations whose stamp differs.
    static STORED: RefCell<(String, HashMap<String, f64>)> = RefCell::new(Default::default());
}

/// Save what is not saved yet, if anything; for the panic hook, so it never waits on a borrow.
pub fn save_unsaved() -> bool {
    let unsaved = UNSAVED.with(|u| u.try_borrow().ok().and_then(|u| u.clone()));
    unsaved.is_some_and(|(id, annotations)| storage::save_annotations(&id, &whole(&annotations)).is_ok())
}

/// Remember that storage holds these records of `article_id` (from now on, or as another tab
/// stored them).
fn stored<A: std::borrow::Borrow<Annotation>>(article_id: &str, records: &[A], fresh: bool) {
    STORED.with(|s| {
        let Ok(mut s) = s.try_borrow_mut() else { return };
        if fresh || s.0 != article_id {
            *s = (article_id.to_owned(), HashMap::with_capacity(records.len()));
        }
        for a in records {
            let a = a.borrow();
            let m = s.1.entry(a.id.clone()).or_insert(a.modified);
            *m = m.max(a.modified);
        }
    });
}

/// The records of `all` that storage does not hold as they are.
fn changed(article_id: &str, all: &[Rc<Annotation>]) -> Vec<Annotation> {
    STORED.with(|s| {
        let s = s.borrow();
        let known = (s.0 == article_id).then_some(&s.1);
        all.iter().filter(|a| known.and_then(|k| k.get(&a.id)) != Some(&a.modified)).map(|a| (**a).clone()).collect()
    })
}

/// Debug builds only, for the panic hook's end-to-end test: with `?panic-after-change` in the
/// address, the app panics after a change and before saving it, so the test can see the hook
/// save the change and show its notice. Release builds have no such path.
fn test_panic() {
    #[cfg(debug_assertions)]
    if web_sys::window().and_then(|w| w.location().search().ok()).is_some_and(|q| q.contains("panic-after-change")) {
        panic!("panic-after-change: the test-only panic of debug builds");
    }
}

/// Fold this tab's journal into the article's record once input pauses this long.
const PAUSE_MS: u32 = 1_500;

/// Fold the journals of `article_id` into its record after `wait` ms, unless called again first.
/// A failure (a full store) leaves the journals, which still hold every change.
fn fold_in_later(slot: &Rc<RefCell<Option<Timeout>>>, article_id: String, wait: u32) {
    *slot.borrow_mut() = Some(Timeout::new(wait, move || {
        let _ = crate::timing::timed("annotator:compact", || storage::compact(&article_id));
    }));
}

/// Save after every local change, once the change is painted (the next animation frame, then a
/// task of its own): a keypress shows at once however many annotations there are. Changes that
/// come faster than frames are saved together. Only what changed is written (see
/// `storage::save_changes`); a journal is folded in when input pauses.
#[hook]
pub fn use_autosave(state: &UseReducerHandle<State>) {
    let pending: Rc<RefCell<Option<AnimationFrame>>> = use_mut_ref(|| None);
    let compaction: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let dispatch = state.dispatcher();
    // Annotations a newer version stored are not saved until the reader chooses to edit them.
    let doc = state.doc.as_ref().filter(|d| !d.read_only).map(|d| (d.article_id.clone(), d.revision, d.annotations.clone()));
    let key = doc.as_ref().map(|(id, rev, _)| (id.clone(), *rev));
    use_effect_with(key, move |key| {
        let (Some((_, rev)), Some((id, _, annotations))) = (key, doc) else { return };
        if *rev == 0 {
            // Just read from storage: this is what it holds. Journals left by tabs that closed
            // before folding theirs in are folded in at the first pause.
            stored(&id, &annotations, true);
            if storage::has_journals(&id) {
                fold_in_later(&compaction, id, PAUSE_MS);
            }
            return;
        }
        UNSAVED.with(|u| {
            if let Ok(mut u) = u.try_borrow_mut() {
                *u = Some((id.clone(), annotations.clone()));
            }
        });
        let frame = request_animation_frame(move |_| {
            test_panic();
            Timeout::new(0, move || {
                let changes = changed(&id, &annotations);
                let result = if changes.is_empty() {
                    Ok(None)
                } else {
                    crate::timing::timed("annotator:save", || {
                        whole_list(&id, &annotations, &changes, |all| storage::save_changes(&id, all, &changes))
                    })
                    .map(Some)
                };
                match result {
                    Ok(saved) => {
                        stored(&id, &changes, false);
                        UNSAVED.with(|u| {
                            if let Ok(mut u) = u.try_borrow_mut() {
                                if u.as_ref().is_some_and(|(_, a)| Rc::ptr_eq(a, &annotations)) {
                                    *u = None;
                                }
                            }
                        });
                        let Some(saved) = saved else { return };
                        if saved.journaled {
                            fold_in_later(&compaction, id.clone(), if saved.compact_soon { 0 } else { PAUSE_MS });
                        }
                        if let Some(merged) = saved.merged {
                            stored(&id, &merged, false);
                            dispatch.dispatch(Action::Merge { article_id: id, annotations: merged })
                        }
                    }
                    Err(e) => dispatch.dispatch(Action::Notice(Some(format!("Your last change is not saved: {e}")))),
                }
            })
            .forget();
        });
        *pending.borrow_mut() = Some(frame);
    });
}

/// Another tab saved the open article's annotations: merge them in.
#[hook]
pub fn use_other_tabs(state: &UseReducerHandle<State>) {
    let open = use_open_article(state);
    let dispatch = state.dispatcher();
    use_effect_with((), move |_| {
        let tabs = EventListener::new(&gloo::utils::window(), "storage", move |e| {
            let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else { return };
            let (Some(key), Some(value)) = (e.key(), e.new_value()) else { return };
            let record = storage::article_of_key(&key);
            let Some(article_id) = record.or_else(|| storage::article_of_journal_key(&key)) else { return };
            if open.borrow().as_deref() != Some(article_id) {
                return;
            }
            if let Ok(annotations) = storage::parse_record(&value, article_id) {
                // A whole record is now all that storage holds outside journals: when two tabs
                // write it at once, the browser keeps the last write and tells only the other tab,
                // so what this tab saved may be gone. Forgetting what it saved makes the save
                // that the merge asks for (`Action::Merge`) write it again. A journal entry holds
                // only its tab's changes and never replaces another tab's.
                stored(article_id, &annotations, record.is_some());
                dispatch.dispatch(Action::Merge { article_id: article_id.to_owned(), annotations });
            }
        });
        move || drop(tabs)
    });
}

/// The open article's id as of the latest render, for listeners that live as long as the app.
#[hook]
pub fn use_open_article(state: &UseReducerHandle<State>) -> Rc<RefCell<Option<String>>> {
    let open: Rc<RefCell<Option<String>>> = use_mut_ref(|| None);
    *open.borrow_mut() = state.doc.as_ref().map(|d| d.article_id.clone());
    open
}
