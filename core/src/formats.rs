//! Every serialized shape the annotator reads or writes, with its version, in one place: the app
//! and the `annotate` CLI both read and write through these, so a file one accepts the other
//! accepts too (`tests/formats.rs` runs one folder of fixtures through both). Pure: no storage,
//! no browser.
//!
//! - `analysis`: an article's analysis as the analysis worker sends it to the page (compact bytes);
//! - `manifest`: the site's article list (`articles/manifest.json`);
//! - `record`: the annotation record kept per article in the browser (`version` 2; v1 migrated);
//! - `webanno`: W3C Web Annotation JSON-LD, exported and leniently imported;
//! - `answer_key`: a teacher's answer key (Web Annotation JSON-LD) checked against its article;
//! - `csv`: the spreadsheet export (RFC 4180, formula injection defused);
//! - `share`: the share-link payload (compact JSON, deflated, base64url);
//! - `class`: the class's collected work (the teacher's class view) and reading it from links and files;
//! - `class_pack`: the zip of articles, manifest and answer keys a teacher publishes from the app.

pub mod analysis;
pub mod answer_key;
pub mod class;
pub mod class_pack;
pub mod csv;
pub mod manifest;
pub mod record;
pub mod share;
pub mod webanno;
