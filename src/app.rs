//! The root component: the reducer, the effects that report to it (`effects`), and the page's
//! frame — top bar, notices, the article list and the reader.

use std::rc::Rc;

use yew::prelude::*;

use crate::class_state::{ClassAction, ClassState};
use crate::components::{article_list::ArticleList, class_view::ClassView, notice_bar::NoticeBar, reader_view::ReaderView, welcome::Welcome};
use crate::effects::{autosave, class, keyboard, loading, own, requests, settings, sharing};
use crate::state::{Action, Load, TEXT_SIZES};

#[component]
pub fn App() -> Html {
    let state = use_reducer(settings::initial_state);
    settings::use_text_size(&state);
    settings::use_highlights(&state);
    sharing::use_share_links(&state);
    loading::use_start(&state);
    keyboard::use_keyboard(&state);
    autosave::use_other_tabs(&state);
    loading::use_article(&state);
    autosave::use_autosave(&state);
    requests::use_requests(&state);
    let class_state = use_reducer(ClassState::default);
    class::use_class(&class_state, &state);

    // Made once: components compare their props, and a callback made anew on every render
    // would differ every time (the annotation panel and its items would be drawn again on
    // every key).
    let dispatch: Callback<Action> = (*use_memo((), {
        let d = state.dispatcher();
        move |_| Callback::from(move |a| d.dispatch(a))
    }))
    .clone();
    // The article list (possibly thousands of own articles) re-renders only when its props
    // change, so its callbacks are made once, not on every render of the app.
    let onselect = (*use_memo((), { let d = dispatch.clone(); move |_| d.reform(Action::Select) })).clone();
    let onclose = (*use_memo((), { let d = dispatch.clone(); move |_| d.reform(|_| Action::Close) })).clone();
    // The top bar's buttons keep their listeners from one render to the next.
    let (smaller, larger) = (*use_memo((), {
        let d = dispatch.clone();
        move |_| (d.reform(|_: MouseEvent| Action::TextSize(-1)), d.reform(|_: MouseEvent| Action::TextSize(1)))
    }))
    .clone();
    let print = (*use_memo((), |_| Callback::from(|_: MouseEvent| { let _ = gloo::utils::window().print(); }))).clone();
    let ondismiss = dispatch.reform(|_| Action::Notice(None));
    let ondismissinfo = dispatch.reform(|_| Action::Info(None));
    let onadd = (*use_memo((), { let s = state.clone(); move |_| own::on_add(&s) })).clone();
    let onremove = (*use_memo((), { let s = state.clone(); move |_| own::on_remove(&s) })).clone();

    let entry = state.selected_entry().cloned();
    let shell_class = classes!("shell", entry.is_some().then_some("has-article"), format!("text-{}", TEXT_SIZES[state.text_size]),
                               state.highlights.hidden_classes());
    let snapshot = Rc::new((*state).clone());
    let class_dispatch: Callback<ClassAction> = {
        let d = class_state.dispatcher();
        Callback::from(move |a| d.dispatch(a))
    };
    // The reader's article is closed while the class view is open: its keys then act on nothing.
    let onclassview = {
        let (d, main) = (class_state.dispatcher(), state.dispatcher());
        Callback::from(move |_: MouseEvent| {
            main.dispatch(Action::Close);
            d.dispatch(ClassAction::Open(true));
        })
    };

    html! {
        <div class={shell_class}>
            <header class="topbar">
                <span class="brand"><span class="brand-first">{ "Article " }</span>{ "Annotator" }</span>
                <button class="tool class-open" aria-pressed={class_state.open.to_string()} onclick={onclassview}
                        title="The whole class's work at once, for teachers">{ "Class view" }</button>
                <span class="comfort">
                    <button class="tool" aria-label="Smaller text" title="Smaller text"
                            disabled={state.text_size == 0} onclick={smaller}>{ "A−" }</button>
                    <button class="tool" aria-label="Larger text" title="Larger text"
                            disabled={state.text_size + 1 == TEXT_SIZES.len()} onclick={larger}>{ "A+" }</button>
                    <button class="tool" aria-label="Print worksheet" title="Print the article with its tags"
                            onclick={print}>{ "Print" }</button>
                </span>
                <span class="sr-only" role="status" aria-live="polite">{ state.announcement.clone() }</span>
            </header>
            if let Some(message) = state.notice.clone() {
                <NoticeBar {message} recovered={state.recovered.clone()} ondownload={dispatch.reform(Action::DownloadBackup)}
                           oneditanyway={state.doc.as_ref().is_some_and(|d| d.read_only).then(|| dispatch.reform(|_| Action::EditAnyway))}
                           {ondismiss} />
            }
            if let Some(message) = state.info.clone() {
                <NoticeBar {message} info=true ondismiss={ondismissinfo} />
            }
            if class_state.open {
                <ClassView class={Rc::new((*class_state).clone())} state={snapshot.clone()} dispatch={class_dispatch}
                           onlinks={class::on_links(&class_state, &state)} onfiles={class::on_files(&class_state, &state)}
                           onexport={class::on_export(&class_state, &state)} onpack={class::on_pack(&class_state)}
                           onremove={class::on_remove(&class_state)} />
            } else {
            <div class="panes">
                <ArticleList articles={state.articles.clone()} selected={state.selected.clone()} {onselect}
                             own={state.own.clone()} {onadd} {onremove} />
                <main class="reader-pane" id="reader">
                    if let Some(entry) = entry {
                        <ReaderView {entry} state={snapshot} {dispatch} {onclose} />
                    } else if matches!(state.articles, Load::Ready(_)) || !state.own.is_empty() {
                        <Welcome />
                    }
                </main>
            </div>
            }
        </div>
    }
}
