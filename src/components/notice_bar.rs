//! A dismissible message about storage or loading problems, announced to screen readers; when
//! stored data had to be set aside, it offers that data for download.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub message: String,
    /// The backup key stored data was set aside under, offered for download.
    #[prop_or_default]
    pub recovered: Option<String>,
    /// Asks for that download.
    #[prop_or_default]
    pub ondownload: Callback<String>,
    /// Data shown read-only (a newer version's): the reader may choose to edit it.
    #[prop_or_default]
    pub oneditanyway: Option<Callback<()>>,
    /// News rather than a problem (what an import did): calmer colours, a polite announcement.
    #[prop_or_default]
    pub info: bool,
    pub ondismiss: Callback<()>,
}

#[component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let onclick = props.ondismiss.reform(|_: MouseEvent| ());
    let download = props.recovered.clone().map(|key| {
        let onclick = props.ondownload.reform(move |_: MouseEvent| key.clone());
        html! { <button class="link" {onclick}>{ "Download the data set aside" }</button> }
    });
    let edit = props.oneditanyway.as_ref().map(|cb| {
        let onclick = cb.reform(|_: MouseEvent| ());
        html! { <button class="link" {onclick}>{ "Edit anyway" }</button> }
    });
    html! {
        <div class={classes!("notice", props.info.then_some("info"))} role={if props.info { "status" } else { "alert" }}>
            <span>{ props.message.clone() }</span>
            <span class="notice-actions">
                { for download }
                { for edit }
                <button class="link" {onclick}>{ "Dismiss" }</button>
            </span>
        </div>
    }
}
