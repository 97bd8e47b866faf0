//! The chosen article: title, meta line and the body as headings and paragraphs. Page furniture
//! and the title line are not body text (the core marks them), so they never show here.

use std::rc::Rc;

use annotator_core::BlockKind;
use yew::prelude::*;

use crate::state::{Article, Load};
use crate::storage::ManifestEntry;

#[derive(Properties, PartialEq)]
pub struct ReaderViewProps {
    pub entry: ManifestEntry,
    pub article: Load<Rc<Article>>,
    pub onclose: Callback<()>,
}

/// Average adult silent reading speed, words per minute (Brysbaert 2019: ~238 for non-fiction).
const WORDS_PER_MINUTE: usize = 238;

#[component]
pub fn ReaderView(props: &ReaderViewProps) -> Html {
    let onclose = props.onclose.reform(|_: MouseEvent| ());
    let back = html! {
        <button class="back link" onclick={onclose}>{ "← All articles" }</button>
    };
    match &props.article {
        Load::Loading => html! {
            <article class="reader" aria-busy="true">
                { back }
                <h1 class="article-title">{ props.entry.title.clone() }</h1>
                <p class="status" role="status">{ "Loading the article…" }</p>
            </article>
        },
        Load::Failed(message) => html! {
            <article class="reader">
                { back }
                <h1 class="article-title">{ props.entry.title.clone() }</h1>
                <div class="error" role="alert"><p>{ message.clone() }</p></div>
            </article>
        },
        Load::Ready(article) => {
            let a = &article.analysis;
            let words = a.word_count();
            let minutes = words.div_ceil(WORDS_PER_MINUTE).max(1);
            html! {
                <article class="reader" aria-labelledby="article-title">
                    { back }
                    <h1 class="article-title" id="article-title">{ a.title.clone() }</h1>
                    <p class="article-meta">
                        if !props.entry.source.is_empty() {
                            <span>{ props.entry.source.clone() }</span>
                        }
                        <span>{ format!("{words} words") }</span>
                        <span>{ format!("{minutes} min read") }</span>
                    </p>
                    <div class="article-body">
                        { for a.body_blocks().map(|(i, b)| {
                            let text = article.slice(b.start, b.end).to_owned();
                            match b.kind {
                                BlockKind::Heading => html! { <h2 key={i}>{ text }</h2> },
                                _ => html! { <p key={i}>{ text }</p> },
                            }
                        }) }
                    </div>
                </article>
            }
        }
    }
}
