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
    storage::save_selected(Some("001_f568121c8c4498b2")).unwrap();
    assert_eq!(storage::load_selected().as_deref(), Some("001_f568121c8c4498b2"));
    // What is stored is JSON under the app's namespaced key.
    let raw = local_storage().get_item("annotator/v1/selected").unwrap();
    assert_eq!(raw.as_deref(), Some("\"001_f568121c8c4498b2\""));
    storage::save_selected(None).unwrap();
    assert_eq!(storage::load_selected(), None);
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
    html! { <ArticleList articles={props.articles.clone()} selected={Some("b".to_string())} onselect={Callback::noop()} /> }
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
    ManifestEntry { id: id.into(), file: format!("{id}.txt"), title: title.into(), source: "Wire".into(), words: 420 }
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
