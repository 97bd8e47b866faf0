//! Writing the note of one annotation. Ctrl+Enter saves, Escape cancels; keys typed here never
//! reach the reader's shortcuts.

use yew::prelude::*;

use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct NoteEditorProps {
    pub id: String,
    pub note: String,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn NoteEditor(props: &NoteEditorProps) -> Html {
    let area = use_node_ref();
    {
        let area = area.clone();
        use_effect_with((), move |_| {
            if let Some(el) = area.cast::<web_sys::HtmlTextAreaElement>() {
                let _ = el.focus();
            }
        });
    }
    let save = {
        let (area, d, id) = (area.clone(), props.dispatch.clone(), props.id.clone());
        move || {
            let note = area.cast::<web_sys::HtmlTextAreaElement>().map(|e| e.value()).unwrap_or_default();
            d.emit(Action::SetNote { id: id.clone(), note });
        }
    };
    let onsave = { let save = save.clone(); Callback::from(move |_: MouseEvent| save()) };
    let oncancel = { let d = props.dispatch.clone(); Callback::from(move |_: MouseEvent| d.emit(Action::EditNote(None))) };
    let onkeydown = {
        let d = props.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            e.stop_propagation();
            if e.key() == "Escape" {
                d.emit(Action::EditNote(None));
            } else if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                save();
            }
        })
    };
    html! {
        <div class="note-editor">
            <label class="sr-only" for={format!("note-{}", props.id)}>{ "Note" }</label>
            <textarea id={format!("note-{}", props.id)} ref={area} rows="3" defaultvalue={props.note.clone()} {onkeydown}
                      placeholder="Why this tag? (Ctrl+Enter saves, Esc cancels)" />
            <div class="ann-actions">
                <button class="tool primary" onclick={onsave}>{ "Save note" }</button>
                <button class="link" onclick={oncancel}>{ "Cancel" }</button>
            </div>
        </div>
    }
}
