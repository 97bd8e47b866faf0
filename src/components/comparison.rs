//! Another annotator's work beside the reader's: agreement per statement, Cohen's kappa, the
//! statements where the two differ (each jumps to the text), and for shared work a merge.

use std::rc::Rc;

use yew::prelude::*;

use super::paragraph::label_name;
use crate::compare::{compare, kappa_words};
use crate::state::{Action, Article, Other, OtherSource};

#[derive(Properties, PartialEq)]
pub struct ComparisonProps {
    pub article: Rc<Article>,
    pub state: super::state_ref::StateRef,
    pub other: Other,
    pub dispatch: Callback<Action>,
    pub onclose: Callback<()>,
    pub onmerge: Callback<()>,
}

fn tag_text(t: Option<annotator_core::Label>) -> &'static str {
    t.map_or("no tag", label_name)
}

#[component]
pub fn Comparison(props: &ComparisonProps) -> Html {
    let (a, other) = (&props.article, &props.other);
    // Opened from the Share tab at the panel's foot, it appears at the panel's top: bring it
    // into view, or the reader sees nothing happen.
    let section = use_node_ref();
    {
        let section = section.clone();
        use_effect_with(props.other.source.name(), move |_| {
            if let Some(el) = section.cast::<web_sys::Element>() {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        });
    }
    let Some(doc) = props.state.doc.as_ref() else { return html! {} };
    let (ours, theirs) = other.statement_tags(a, doc);
    let result = compare(&ours, &theirs);
    let who = other.source.name();
    let detached = other.placements.iter().filter(|p| p.is_none()).count();
    let share = if result.total == 0 { 0 } else { result.agree * 100 / result.total };
    let kappa = match result.kappa {
        Some(k) => format!("Cohen’s κ = {k:.2} ({})", kappa_words(k)),
        None => "κ not defined (neither side tagged anything different from the other)".into(),
    };
    html! {
        <section class="comparison" ref={section} aria-label={format!("Comparison with {who}")}>
            <h3>{ format!("Compared with: {who}") }</h3>
            <p class="score"><strong>{ format!("{} of {} statements agree ({share} %)", result.agree, result.total) }</strong>
                <br />{ kappa }</p>
            <p class="hint">{ format!("{} annotation(s) in {who}", other.annotations.len()) }
                if detached > 0 { { format!(", {detached} not found in this text") } }
                { ". κ corrects the agreement for chance, over official position, criticism, speculation and no tag." }</p>
            if result.rows.is_empty() {
                <p>{ "Every statement is tagged the same way." }</p>
            } else {
                <h4>{ format!("{} statement(s) differ", result.rows.len()) }</h4>
                <ol class="diffs">
                    { for result.rows.iter().map(|r| {
                        let i = a.statements[r.statement];
                        let s = &a.analysis.sentences[i];
                        let onclick = props.dispatch.reform(move |_: MouseEvent| Action::Focus(i));
                        html! {
                            <li key={i}>
                                <button class="ann-quote" {onclick} title="Show in the text"><span class="clamp">{ a.slice(s.start, s.end).to_owned() }</span></button>
                                <span class="diff-tags">
                                    <span>{ "You: " }<strong>{ tag_text(r.ours) }</strong></span>
                                    <span>{ format!("{who}: ") }<strong>{ tag_text(r.theirs) }</strong></span>
                                </span>
                            </li>
                        }
                    }) }
                </ol>
            }
            <div class="form-actions">
                if matches!(other.source, OtherSource::Shared { .. }) {
                    <button class="primary" onclick={props.onmerge.reform(|_: MouseEvent| ())}
                            title="Add their annotations to yours; statements you tagged keep your tag">{ "Merge into mine" }</button>
                }
                <button class="link" onclick={props.onclose.reform(|_: MouseEvent| ())}>{ "Close comparison" }</button>
            </div>
        </section>
    }
}
