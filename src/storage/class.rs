//! The class's collected work in this browser: one record under its own key, apart from the
//! teacher's own annotations (nothing here is ever merged into those), removable in one click.

use annotator_core::formats::class::{parse_class, write_class, Work};

use super::{is_well_formed, raw_get_js, raw_set, set_aside, store};

const CLASS_KEY: &str = "annotator/v1/class";

/// What reading the class's work found.
#[derive(Debug, Default, PartialEq)]
pub struct ClassLoaded {
    pub work: Vec<Work>,
    /// The stored record could not be read: the notice, and the backup key (an exact copy, for
    /// download).
    pub unreadable: Option<(String, String)>,
}

/// The class's work. An unreadable record is copied to a backup key first and offered for
/// download; the class view then starts empty.
pub fn load_class() -> ClassLoaded {
    let Some(raw) = raw_get_js(CLASS_KEY) else { return ClassLoaded::default() };
    let parsed = if is_well_formed(&raw) {
        parse_class(&String::from(&raw))
    } else {
        Err("it holds characters that are not valid text".to_owned())
    };
    match parsed {
        Ok(r) => ClassLoaded { work: r.work, unreadable: None },
        Err(why) => {
            let aside = set_aside(CLASS_KEY, &raw, "The class's collected work", "work you collect from now on is kept normally", &why);
            ClassLoaded { work: Vec::new(), unreadable: Some((aside.notice, aside.backup)) }
        }
    }
}

/// Keep the class's work; with none left, the key itself is removed.
pub fn save_class(work: &[Work]) -> Result<(), String> {
    if work.is_empty() {
        if let Some(s) = store() {
            let _ = s.remove_item(CLASS_KEY);
        }
        return Ok(());
    }
    raw_set(CLASS_KEY, &write_class(work))
}
