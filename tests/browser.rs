//! Browser-side units, run by wasm-bindgen-test in headless Chromium: real local storage and
//! real DOM rendering of components.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use annotator::components::article_list::ArticleList;
use annotator::state::Load;
use annotator::storage::{self, ManifestEntry};
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn selected_article_round_trips_through_local_storage() {
    let chosen = entry("001_f568121c8c4498b2", "Second");
    storage::save_selected(Some(&chosen)).unwrap();
    assert_eq!(storage::load_selected().as_deref(), Some("001_f568121c8c4498b2"));
    assert_eq!(
        storage::load_selected_file(),
        Some(("001_f568121c8c4498b2".to_string(), "001_f568121c8c4498b2.txt".to_string()))
    );
    // A file name that would leave the site is not fetched at start.
    local_storage().set_item("annotator/v1/selected-file", "\"../secret.txt\"").unwrap();
    assert_eq!(storage::load_selected_file(), None);
    // What is stored is JSON under the app's namespaced key.
    let raw = local_storage().get_item("annotator/v1/selected").unwrap();
    assert_eq!(raw.as_deref(), Some("\"001_f568121c8c4498b2\""));
    storage::save_selected(None).unwrap();
    assert_eq!(storage::load_selected(), None);
    assert_eq!(storage::load_selected_file(), None);
}

#[wasm_bindgen_test]
fn garbage_under_the_key_reads_as_nothing_chosen() {
    local_storage().set_item("annotator/v1/selected", "{not json").unwrap();
    assert_eq!(storage::load_selected(), None);
    local_storage().remove_item("annotator/v1/selected").unwrap();
}

#[derive(Properties, PartialEq)]
struct Harness {
    articles: Load<Rc<Vec<ManifestEntry>>>,
}

#[component]
fn ListHarness(props: &Harness) -> Html {
    html! { <ArticleList articles={props.articles.clone()} selected={Some("b".to_string())} onselect={Callback::noop()}
                         own={std::rc::Rc::default()} onadd={Callback::from(|_| Ok(()))} onremove={Callback::noop()} /> }
}

async fn render(articles: Load<Rc<Vec<ManifestEntry>>>) -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<ListHarness>::with_root_and_props(root.clone(), Harness { articles }).render();
    // Yew renders on the next turn of the event loop.
    gloo::timers::future::TimeoutFuture::new(10).await;
    root
}

fn entry(id: &str, title: &str) -> ManifestEntry {
    ManifestEntry { id: id.into(), file: format!("{id}.txt"), title: title.into(), source: "Wire".into(), words: 420, ..Default::default() }
}

#[wasm_bindgen_test]
async fn article_list_renders_titles_as_text_and_marks_the_chosen_one() {
    let hostile = "<img src=x onerror=\"window.__pwned=1\">";
    let root = render(Load::Ready(Rc::new(vec![entry("a", hostile), entry("b", "Second")]))).await;
    let items = root.query_selector_all(".article-item").unwrap();
    assert_eq!(items.length(), 2);
    assert!(root.query_selector("img").unwrap().is_none(), "title was inserted as HTML");
    assert!(root.text_content().unwrap().contains(hostile));
    let current = root.query_selector("[aria-current=true] .item-title").unwrap().unwrap();
    assert_eq!(current.text_content().as_deref(), Some("Second"));
    assert!(root.text_content().unwrap().contains("420 words"));
}

#[wasm_bindgen_test]
async fn article_list_explains_failure_and_emptiness() {
    let root = render(Load::Failed("the server answered 404 Not Found.".into())).await;
    let alert = root.query_selector("[role=alert]").unwrap().unwrap().text_content().unwrap();
    assert!(alert.contains("could not be loaded") && alert.contains("404"), "{alert}");
    let root = render(Load::Ready(Rc::new(vec![]))).await;
    assert!(root.text_content().unwrap().contains("no articles in this collection"));
}

// ---- Annotations in real local storage --------------------------------------------------------

use annotator::annotations::Annotation;

const TEXT: &str = "The ministry said it will ban the imports. Critics condemned the decision.";

fn tagged(id: &str, start: usize, end: usize, t: f64) -> Annotation {
    let mut a = Annotation::new(id.into(), TEXT, start, end, t);
    a.tag = Some(annotator_core::Label::Criticism);
    a
}

#[wasm_bindgen_test]
fn annotations_round_trip_and_merge_with_what_another_tab_saved() {
    let id = "browser-unit-roundtrip";
    local_storage().remove_item(&storage::annotations_key(id)).unwrap();
    let mine = vec![tagged("a", 43, 74, 1.0)];
    assert_eq!(storage::save_annotations(id, &mine).unwrap(), mine);
    let loaded = storage::load_annotations(id, TEXT);
    assert_eq!((loaded.annotations.clone(), loaded.notice, loaded.recovered), (mine.clone(), None, None));
    // "Another tab" saves a different annotation; our next save keeps both.
    let theirs = vec![tagged("b", 0, 42, 2.0)];
    storage::save_annotations(id, &theirs).unwrap();
    let merged = storage::save_annotations(id, &mine).unwrap();
    let ids: Vec<&str> = merged.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(storage::load_annotations(id, TEXT).annotations.len(), 2);
}

#[wasm_bindgen_test]
fn unreadable_annotations_are_set_aside_not_lost() {
    let id = "browser-unit-corrupt";
    let key = storage::annotations_key(id);
    local_storage().set_item(&key, "{\"version\":2,\"annotations\":[oops").unwrap();
    let loaded = storage::load_annotations(id, TEXT);
    assert!(loaded.annotations.is_empty());
    assert!(loaded.notice.unwrap().contains("could not be read"));
    // The backup key is what the reader is offered; the copy under it is exact.
    let backup = loaded.recovered.unwrap();
    assert_eq!(local_storage().get_item(&backup).unwrap().as_deref(), Some("{\"version\":2,\"annotations\":[oops"));
    // The original stays until a new save replaces it, and that save keeps a copy first.
    assert!(storage::save_annotations(id, &[tagged("a", 43, 74, 1.0)]).is_ok());
    assert_eq!(storage::load_annotations(id, TEXT).annotations.len(), 1);
}

#[wasm_bindgen_test]
fn a_v1_record_is_migrated_to_v2_and_kept() {
    let id = "browser-unit-v1";
    local_storage().remove_item(&storage::annotations_key(id)).unwrap();
    let v1_key = format!("annotator/v1/annotations/{id}");
    local_storage()
        .set_item(&v1_key, r#"{"version":1,"tags":[{"start":43,"end":74,"label":"criticism","note":"old"}]}"#)
        .unwrap();
    let loaded = storage::load_annotations(id, TEXT);
    assert_eq!(loaded.annotations.len(), 1);
    assert_eq!(loaded.annotations[0].quote.exact, "Critics condemned the decision.");
    assert!(loaded.notice.unwrap().contains("older version"));
    assert!(local_storage().get_item(&v1_key).unwrap().is_some(), "the v1 record is kept");
    let v2 = local_storage().get_item(&storage::annotations_key(id)).unwrap().unwrap();
    assert!(v2.contains("\"version\":2"));
}

#[wasm_bindgen_test]
fn html_files_become_their_text_with_nothing_run() {
    let html = "<!doctype html><html><head><title>Port strike</title><script>window.__pwned=1</script></head>\
        <body><nav>Home</nav><h1>Port strike</h1><p>Dockers   said they\nwould <b>strike</b>.</p>\
        <ul><li>One</li><li>Two &amp; three</li></ul><iframe src=\"x\"></iframe><p>End</p></body></html>";
    let text = storage::html_to_text(html).unwrap();
    assert_eq!(text, "Port strike\nDockers said they would strike.\nOne\nTwo & three\nEnd");
    let pwned = js_sys::Reflect::get(&gloo::utils::window(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined());
}

#[wasm_bindgen_test]
fn own_articles_round_trip_and_an_unreadable_list_is_set_aside() {
    let (entry, new) = storage::add_own(&storage::NewArticle { title: "".into(), text: "Dam inquiry\nThe board said it would open an inquiry.".into(), ..Default::default() }).unwrap();
    assert!(new && entry.own && entry.id.starts_with("own-"));
    assert_eq!(entry.title, "Dam inquiry");
    let (again, new) = storage::add_own(&storage::NewArticle { title: "Other title".into(), text: "Dam inquiry\nThe board said it would open an inquiry.".into(), ..Default::default() }).unwrap();
    assert!(!new, "the same text is not added twice");
    assert_eq!(again.id, entry.id);
    assert_eq!(storage::load_own().articles, vec![entry.clone()]);
    assert!(storage::load_own_text(&entry.id).unwrap().starts_with("Dam inquiry"));
    assert!(storage::add_own(&storage::NewArticle { title: "".into(), text: "   ".into(), ..Default::default() }).unwrap_err().contains("no text"));
    assert_eq!(storage::remove_own(&entry.id).unwrap(), vec![]);
    assert!(storage::load_own_text(&entry.id).is_err());

    local_storage().set_item("annotator/v1/own/index", "{broken").unwrap();
    let loaded = storage::load_own();
    assert!(loaded.articles.is_empty());
    assert!(loaded.notice.unwrap().contains("list of your own articles"));
    assert_eq!(loaded.recovered.as_deref(), Some("annotator/backup/v1/own/index"));
    assert_eq!(local_storage().get_item("annotator/backup/v1/own/index").unwrap().as_deref(), Some("{broken"));
    local_storage().clear().unwrap();
}
