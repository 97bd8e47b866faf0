//! The side effects, each a custom hook (or a function an effect calls) that reports back to the
//! reducer as `Action`s: nothing here decides what the state becomes, and no component does what
//! is here.
//!
//! - `fetch`: fetching the site's files (and taking what `static/early.js` fetched first);
//! - `loading`: the article list at start and the chosen article, analysed with its annotations;
//! - `autosave`: saving after each change, and following other tabs' saves;
//! - `keyboard`: the reader's keys;
//! - `settings`: the remembered text size;
//! - `own`: adding and removing the reader's own articles;
//! - `sharing`: exports, imports, share links in the address, answer keys;
//! - `speakers`: reading the whole collection for the pack-wide who-says-what;
//! - `class`: the class view: the class's work read, saved, collected from files and links; its
//!   articles prepared; the table and the class pack as downloads;
//! - `requests`: carrying out the `Request`s the reducer queues;
//! - `slices`: long work done a slice at a time, the page free between slices.

pub mod autosave;
pub mod class;
pub mod fetch;
pub mod keyboard;
pub mod loading;
pub mod own;
pub mod requests;
pub mod settings;
pub mod sharing;
pub mod slices;
pub mod speakers;
