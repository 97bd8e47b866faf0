//! A Web Annotation file from anywhere: importing never panics, and what it accepts exports and
//! imports again to as many annotations.
#![no_main]
use annotator_core::formats::webanno::{self, ArticleRef};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else { return };
    if let Ok(pairs) = webanno::import(json) {
        for (article, a) in &pairs {
            let list = [a.clone()];
            let out = webanno::export(&[(ArticleRef { id: article, title: "t" }, &list)], "fuzz");
            let back = webanno::import(&out).expect("an export imports");
            assert_eq!(back.len(), 1);
        }
    }
});
