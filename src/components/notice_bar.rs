//! A dismissible message about storage or loading problems, announced to screen readers; when
//! stored data had to be set aside, it offers that data for download.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub message: String,
    /// Raw data set aside under a backup key: (key, data).
    #[prop_or_default]
    pub recovered: Option<(String, String)>,
    /// News rather than a problem (what an import did): calmer colours, a polite announcement.
    #[prop_or_default]
    pub info: bool,
    pub ondismiss: Callback<()>,
}

#[component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let onclick = props.ondismiss.reform(|_: MouseEvent| ());
    let download = props.recovered.as_ref().map(|(key, raw)| {
        let href = format!("data:application/json;charset=utf-8,{}", js_sys::encode_uri_component(raw));
        let file = format!("{}.json", key.replace('/', "_"));
        html! { <a class="link" {href} download={file}>{ "Download the unreadable data" }</a> }
    });
    html! {
        <div class={classes!("notice", props.info.then_some("info"))} role={if props.info { "status" } else { "alert" }}>
            <span>{ props.message.clone() }</span>
            <span class="notice-actions">
                { for download }
                <button class="link" {onclick}>{ "Dismiss" }</button>
            </span>
        </div>
    }
}
