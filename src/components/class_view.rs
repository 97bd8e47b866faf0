//! The class view: the whole class's work at once, for the teacher. Collecting (links and
//! files), a tab per article with the class's tags on each statement, a projector view in large
//! type, a printable summary, the table as CSV, publishing a class pack, and removing the
//! class's work in one click. The class's work is kept apart from the teacher's own annotations.

use std::rc::Rc;

use yew::prelude::*;

use super::class_view_article::ClassArticle;
use super::class_view_collect::ClassCollect;
use super::class_view_publish::ClassPublish;
use crate::class_state::{entries, ClassAction, ClassState, KeyChoice};
use crate::compare::kappa_words;
use crate::state::{Load, State};
use crate::storage::ManifestEntry;

#[derive(Properties, PartialEq)]
pub struct ClassViewProps {
    pub class: Rc<ClassState>,
    pub state: Rc<State>,
    pub dispatch: Callback<ClassAction>,
    pub onlinks: Callback<String>,
    pub onfiles: Callback<Vec<web_sys::File>>,
    pub onexport: Callback<String>,
    pub onpack: Callback<Vec<(ManifestEntry, KeyChoice)>>,
    pub onremove: Callback<()>,
}

#[component]
pub fn ClassView(props: &ClassViewProps) -> Html {
    let (class, d) = (&props.class, &props.dispatch);
    let known = entries(&props.state);
    let title_of = |id: &str| known.iter().find(|e| e.id == id).map_or_else(|| id.to_owned(), |e| e.title.clone());
    let has_key = |id: &str| class.prepared.get(id).is_some_and(|p| matches!(p, Load::Ready(p) if p.key.is_some()));
    let onnames = {
        let (d, known) = (d.clone(), known.clone());
        Callback::from(move |names: Vec<String>| d.emit(ClassAction::Names { names, entries: known.clone() }))
    };
    let articles = class.articles();
    let students = {
        let mut names: Vec<String> = class.work.iter().map(|w| w.student.to_lowercase()).collect();
        names.sort();
        names.dedup();
        names.len()
    };
    let chosen = class.chosen.clone().filter(|c| articles.contains(c));
    let body = match chosen.as_deref().map(|id| (id, class.prepared.get(id), class.summaries.get(id))) {
        None if !class.loaded => html! { <p class="placeholder">{ "Reading the class's work…" }</p> },
        None => html! {
            <p class="placeholder">{ "No work collected yet. Paste your students' share links or drop their exported files above; their work stays in this browser only." }</p>
        },
        Some((id, Some(Load::Ready(p)), Some(summary))) => {
            let id = id.to_owned();
            html! {
                <ClassArticle article={p.article.clone()} summary={summary.clone()} title={title_of(&id)} has_key={has_key(&id)}
                              jump={class.jump} onjump={d.reform(ClassAction::Jump)}
                              onexport={props.onexport.reform(move |_| id.clone())} />
            }
        }
        Some((_, Some(Load::Failed(e)), _)) => html! { <p class="form-error" role="alert">{ format!("This article could not be read: {e}") }</p> },
        Some(_) => html! { <p class="placeholder">{ "Reading the article…" }</p> },
    };
    let projector = class.projector;
    html! {
        <section class={classes!("class-view", projector.then_some("projector"))} aria-label="Class view">
            <header class="class-head">
                <h1>{ "Class view" }</h1>
                <p class="class-count">{ format!("{students} student{} · {} article{}", if students == 1 { "" } else { "s" }, articles.len(), if articles.len() == 1 { "" } else { "s" }) }</p>
                <div class="tools no-print">
                    <button class="tool" aria-pressed={projector.to_string()} onclick={d.reform(move |_: MouseEvent| ClassAction::Projector(!projector))}>
                        { if projector { "Normal view" } else { "Projector view" } }</button>
                    <button class="tool" onclick={Callback::from(|_: MouseEvent| { let _ = gloo::utils::window().print(); })}>{ "Print summary" }</button>
                    <button class="tool danger" disabled={class.work.is_empty()} onclick={props.onremove.reform(|_: MouseEvent| ())}>{ "Remove class's work" }</button>
                    <button class="tool" onclick={d.reform(|_: MouseEvent| ClassAction::Open(false))}>{ "Back to reading" }</button>
                </div>
            </header>
            if let Some(m) = class.problem.clone() {
                <p class="class-problem" role="alert">{ m }
                    <button class="tool" aria-label="Dismiss" onclick={d.reform(|_: MouseEvent| ClassAction::Problem(None))}>{ "×" }</button></p>
            }
            if let Some(m) = class.info.clone() {
                <p class="class-info" role="status">{ m }
                    <button class="tool" aria-label="Dismiss" onclick={d.reform(|_: MouseEvent| ClassAction::Info(None))}>{ "×" }</button></p>
            }
            if !projector {
                <ClassCollect unnamed={class.unnamed.clone()} onlinks={props.onlinks.clone()} onfiles={props.onfiles.clone()} {onnames} />
            }
            if !articles.is_empty() {
                <nav class="class-tabs no-print" aria-label="Articles of the class's work">
                    { for articles.iter().map(|id| {
                        let n = class.work.iter().filter(|w| &w.article == id).count();
                        let kappa = class.summaries.get(id).and_then(|s| s.fleiss).map_or(String::new(), |k| format!(" · κ {k:.2} {}", kappa_words(k)));
                        let selected = chosen.as_deref() == Some(id.as_str());
                        let id2 = id.clone();
                        html! {
                            <button key={id.clone()} class="class-tab" aria-current={selected.then_some("true")}
                                    onclick={d.reform(move |_: MouseEvent| ClassAction::Choose(id2.clone()))}>
                                <span class="tab-title">{ title_of(id) }</span>
                                <span class="tab-figures">{ format!("{n} student{}{kappa}", if n == 1 { "" } else { "s" }) }</span>
                            </button>
                        }
                    }) }
                </nav>
            }
            { body }
            if !projector {
                <ClassPublish entries={known.clone()} onpack={props.onpack.clone()} />
            }
        </section>
    }
}
