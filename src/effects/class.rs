//! The class view's effects: reading the stored class's work when the view opens and saving it
//! after each change; fetching and analysing the articles the work is about (with their answer
//! keys); reading dropped files and pasted links; the CSV table and the class pack as downloads;
//! removing the class's work. Each reports to the class view's reducer (`class_state`).

use std::rc::Rc;

use annotator_core::formats::class::{read_file, read_links, Incoming};
use annotator_core::formats::class_pack::{pack, PackArticle};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::fetch::fetch_text;
use super::sharing::{download, load_key};
use crate::annotations::Annotation;
use crate::article::Article;
use crate::class::table_csv;
use crate::class_state::{entries, ClassAction, ClassState, KeyChoice, Prepared};
use crate::state::{Action, Load, State};
use crate::storage::{self, webanno, ManifestEntry};
use crate::analysis_client;
use crate::timing::{mark, measured};

#[hook]
pub fn use_class(class: &UseReducerHandle<ClassState>, state: &UseReducerHandle<State>) {
    // The stored work, read the first time the view opens.
    {
        let (d, main, loaded) = (class.dispatcher(), state.dispatcher(), class.loaded);
        use_effect_with(class.open, move |open| {
            if *open && !loaded {
                mark("annotator:class-open");
                let stored = storage::class::load_class();
                if let Some((notice, key)) = stored.unreadable {
                    main.dispatch(Action::Notice(Some(notice)));
                    main.dispatch(Action::Recovered(key));
                }
                d.dispatch(ClassAction::Stored(stored.work));
            }
        });
    }
    // Saved after each change (never before the stored work was read: it would be written over).
    {
        let (d, work, loaded) = (class.dispatcher(), class.work.clone(), class.loaded);
        use_effect_with(class.changes, move |changes| {
            if *changes > 0 && loaded {
                if let Err(e) = storage::class::save_class(&work) {
                    d.dispatch(ClassAction::Problem(Some(format!("The class's work could not be saved in this browser: {e}"))));
                }
            }
        });
    }
    // The articles of the work, once the article list is known.
    {
        let d = class.dispatcher();
        let list_ready = !matches!(state.articles, Load::Loading);
        let todo = if list_ready { class.to_prepare() } else { Vec::new() };
        let known = entries(state);
        use_effect_with(todo, move |todo| {
            if todo.is_empty() {
                return;
            }
            d.dispatch(ClassAction::Preparing(todo.clone()));
            for id in todo.clone() {
                let (d, entry) = (d.clone(), known.iter().find(|e| e.id == id).cloned());
                yew::platform::spawn_local(async move {
                    let result = match entry {
                        Some(entry) => prepare(entry).await,
                        None => Err("This article is no longer in the collection.".to_owned()),
                    };
                    let result = result.map(|(prepared, key_error)| {
                        if let Some(e) = key_error {
                            d.dispatch(ClassAction::Problem(Some(format!("{e} The class's work is shown without the key."))));
                        }
                        prepared
                    });
                    d.dispatch(ClassAction::Prepared { id, result });
                    mark("annotator:class-article-ready");
                });
            }
        });
    }
}

async fn article_text(entry: &ManifestEntry) -> Result<String, String> {
    if entry.own {
        storage::load_own_text(&entry.id)
    } else {
        fetch_text(&entry.url(), &format!("“{}”", entry.title)).await
    }
}

/// An article of the work, analysed, with its answer key if the site has one; a key that cannot
/// be read leaves the article without one, and says why.
async fn prepare(entry: ManifestEntry) -> Result<(Prepared, Option<String>), String> {
    let text = article_text(&entry).await?;
    let (key, key_error) = match entry.key {
        Some(_) => match load_key(&entry).await {
            Ok(key) => (Some(Rc::new(key)), None),
            Err(e) => (None, Some(e)),
        },
        None => (None, None),
    };
    let analysis = measured("annotator:class-analyze", analysis_client::analyze_or_outline(&text)).await;
    Ok((Prepared { article: Rc::new(Article::new(entry.id.clone(), analysis)), key }, key_error))
}

/// Links pasted by the teacher, one per line.
pub fn on_links(class: &UseReducerHandle<ClassState>, state: &UseReducerHandle<State>) -> Callback<String> {
    let (d, state) = (class.dispatcher(), state.clone());
    Callback::from(move |text: String| {
        let (items, bad) = read_links(&text);
        let problems = bad
            .into_iter()
            .map(|(line, why)| match line {
                0 => why.trim_end_matches('.').to_owned(),
                _ => format!("the link on line {line} ({})", lower_first(why.trim_end_matches('.'))),
            })
            .collect();
        let items = items.into_iter().map(|(line, i)| Incoming { from: format!("the link on line {line}"), ..i }).collect();
        d.dispatch(ClassAction::Incoming { items, problems, entries: entries(&state) });
    })
}

/// Files dropped or picked by the teacher, all read before anything is taken in.
pub fn on_files(class: &UseReducerHandle<ClassState>, state: &UseReducerHandle<State>) -> Callback<Vec<web_sys::File>> {
    let (d, state) = (class.dispatcher(), state.clone());
    Callback::from(move |files: Vec<web_sys::File>| {
        let (d, state) = (d.clone(), state.clone());
        yew::platform::spawn_local(async move {
            let (mut items, mut problems) = (Vec::new(), Vec::new());
            for file in files {
                let name = file.name();
                match read_one(&file).await.and_then(|text| read_file(&name, &text)) {
                    Ok(list) => items.extend(list),
                    Err(e) => problems.push(format!("“{name}” ({})", lower_first(e.trim_end_matches('.')))),
                }
            }
            d.dispatch(ClassAction::Incoming { items, problems, entries: entries(&state) });
        });
    })
}

async fn read_one(file: &web_sys::File) -> Result<String, String> {
    if file.size() > webanno::MAX_IMPORT_BYTES as f64 {
        return Err(format!("larger than {} MB", webanno::MAX_IMPORT_BYTES / 1_048_576));
    }
    JsFuture::from(file.text()).await.map_err(|_| "it could not be read".to_owned()).map(|t| t.as_string().unwrap_or_default())
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_lowercase().chain(c).collect())
}

/// The student × statement table of one article, as a CSV download.
pub fn on_export(class: &UseReducerHandle<ClassState>, state: &UseReducerHandle<State>) -> Callback<String> {
    let (class, state) = (class.clone(), state.clone());
    Callback::from(move |id: String| {
        let (Some(Load::Ready(p)), Some(summary)) = (class.prepared.get(&id), class.summaries.get(&id)) else { return };
        let title = entries(&state).into_iter().find(|e| e.id == id).map_or(id.clone(), |e| e.title);
        let stem: String = title.chars().take(40).map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
        let name = format!("class-{}.csv", stem.trim_matches('-'));
        let result = download(&name, "text/csv", &table_csv(&p.article, summary));
        class.dispatch(match result {
            Ok(()) => ClassAction::Info(Some(format!("Exported the class's table as {name}."))),
            Err(e) => ClassAction::Problem(Some(e)),
        });
    })
}

/// Remove the class's work from this browser, once the teacher confirms.
pub fn on_remove(class: &UseReducerHandle<ClassState>) -> Callback<()> {
    let d = class.dispatcher();
    Callback::from(move |_| {
        if gloo::dialogs::confirm("Remove all of the class's collected work from this browser? Your own annotations stay.") {
            d.dispatch(ClassAction::RemoveAll);
        }
    })
}

/// Build the class pack from the teacher's choices and offer it as `articles.zip`.
pub fn on_pack(class: &UseReducerHandle<ClassState>) -> Callback<Vec<(ManifestEntry, KeyChoice)>> {
    let d = class.dispatcher();
    Callback::from(move |chosen: Vec<(ManifestEntry, KeyChoice)>| {
        let d = d.clone();
        yew::platform::spawn_local(async move {
            let n = chosen.len();
            let result = async {
                let mut articles = Vec::new();
                for (entry, key) in chosen {
                    articles.push(pack_article(entry, key).await?);
                }
                let bytes = pack(&articles)?;
                download_bytes("articles.zip", "application/zip", &bytes)
            }
            .await;
            d.dispatch(match result {
                Ok(()) => ClassAction::Info(Some(format!(
                    "Downloaded articles.zip with {n} article(s). Unpack it beside the published site, replacing its articles folder."
                ))),
                Err(e) => ClassAction::Problem(Some(format!("The class pack was not made: {e}"))),
            });
        });
    })
}

async fn pack_article(entry: ManifestEntry, key: KeyChoice) -> Result<PackArticle, String> {
    let text = article_text(&entry).await?;
    let ref_ = |annotations: &[Annotation]| {
        webanno::export(&[(webanno::ArticleRef { id: &entry.id, title: &entry.title }, annotations)], &format!("Answer key: {}", entry.title))
    };
    let key = match key {
        KeyChoice::None => None,
        KeyChoice::Site => Some(ref_(&load_key(&entry).await?)),
        KeyChoice::Mine => {
            // Anchored in the normalised text, which is all of the analysis this needs.
            let mine = storage::load_annotations(&entry.id, &annotator_core::structure::normalize(&text)).annotations;
            if !mine.iter().any(|a| a.is_live() && a.tag.is_some()) {
                return Err(format!("you have not tagged anything in “{}” to use as its key.", entry.title));
            }
            Some(ref_(&mine))
        }
    };
    // Own articles have no file on the site yet: they get one named after their id.
    let file = if entry.file.is_empty() { format!("{}.txt", entry.id) } else { entry.file.clone() };
    Ok(PackArticle { entry: ManifestEntry { file, ..entry }, text, key })
}

/// Offer bytes as a file download (a Blob URL on a temporary link; nothing leaves the browser).
fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let fail = |_| "The browser refused to create the download.".to_owned();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(fail)?;
    super::sharing::download_blob(name, &blob)
}
