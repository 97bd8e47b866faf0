//! Publishing without build tools: the teacher chooses articles (the site's and their own) and
//! an answer key for each, and downloads one zip — `articles/` with its manifest and keys — to
//! unpack beside the published site, which reads it as it is.

use std::collections::HashMap;

use yew::prelude::*;

use crate::class_state::KeyChoice;
use crate::storage::ManifestEntry;

#[derive(Properties, PartialEq)]
pub struct ClassPublishProps {
    pub entries: Vec<ManifestEntry>,
    pub onpack: Callback<Vec<(ManifestEntry, KeyChoice)>>,
}

#[component]
pub fn ClassPublish(props: &ClassPublishProps) -> Html {
    // The teacher's changes per article id; an article not changed is chosen, with the site's
    // key where there is one (the list can grow while the view is open).
    let changed = use_state(HashMap::<String, (bool, KeyChoice)>::new);
    let choice = |e: &ManifestEntry| {
        changed.get(&e.id).copied().unwrap_or((true, if e.key.is_some() { KeyChoice::Site } else { KeyChoice::None }))
    };
    let chosen: Vec<(ManifestEntry, KeyChoice)> =
        props.entries.iter().filter_map(|e| Some((e.clone(), choice(e))).filter(|(_, c)| c.0).map(|(e, c)| (e, c.1))).collect();
    let count = chosen.len();
    let ondownload = {
        let onpack = props.onpack.clone();
        Callback::from(move |_: MouseEvent| onpack.emit(chosen.clone()))
    };
    html! {
        <details class="class-publish no-print">
            <summary>{ "Publish a class pack (articles and answer keys as one zip)" }</summary>
            <p class="hint">{ "Choose articles and their answer keys. The zip holds an " }<code>{ "articles" }</code>
                { " folder with its list (manifest.json) and keys; unpack it beside the published site, replacing the folder there. No build tools needed." }</p>
            <table>
                <thead><tr><th scope="col">{ "Include" }</th><th scope="col">{ "Article" }</th><th scope="col">{ "Answer key" }</th></tr></thead>
                <tbody>
                { for props.entries.iter().enumerate().map(|(i, e)| {
                    let (on, key) = choice(e);
                    let set = {
                        let (changed, id) = (changed.clone(), e.id.clone());
                        move |c: (bool, KeyChoice)| {
                            let mut all = (*changed).clone();
                            all.insert(id.clone(), c);
                            changed.set(all);
                        }
                    };
                    let toggle = {
                        let set = set.clone();
                        Callback::from(move |_: Event| set((!on, key)))
                    };
                    let onkey = Callback::from(move |ev: Event| {
                        let Some(sel) = ev.target_dyn_into::<web_sys::HtmlSelectElement>() else { return };
                        set((on, match sel.value().as_str() { "site" => KeyChoice::Site, "mine" => KeyChoice::Mine, _ => KeyChoice::None }));
                    });
                    let id = format!("pack-{i}");
                    html! {
                        <tr key={e.id.clone()}>
                            <td><input type="checkbox" id={id.clone()} checked={on} onchange={toggle} /></td>
                            <td><label for={id}>{ e.title.clone() }</label>
                                if e.own { <span class="hint">{ " (your own article)" }</span> }</td>
                            <td><select aria-label={format!("Answer key for {}", e.title)} onchange={onkey} disabled={!on}>
                                <option value="none" selected={key == KeyChoice::None}>{ "No key" }</option>
                                if e.key.is_some() { <option value="site" selected={key == KeyChoice::Site}>{ "The site's answer key" }</option> }
                                <option value="mine" selected={key == KeyChoice::Mine}>{ "My annotations" }</option>
                            </select></td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            <button class="primary" onclick={ondownload} disabled={count == 0}>{ format!("Download class pack ({count} article{})", if count == 1 { "" } else { "s" }) }</button>
        </details>
    }
}
