//! A dismissible message about storage or loading problems, announced to screen readers.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub message: String,
    pub ondismiss: Callback<()>,
}

#[component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let onclick = props.ondismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notice" role="alert">
            <span>{ props.message.clone() }</span>
            <button class="link" {onclick}>{ "Dismiss" }</button>
        </div>
    }
}
