//! A Web Annotation file from anywhere: importing never panics, reading it a slice at a time (as
//! the app does) gives what reading it in one go gives, and what it accepts exports and imports
//! again to as many annotations.
#![no_main]
use annotator_core::formats::webanno::{self, ArticleRef};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else { return };
    let whole = webanno::import(json);
    if let Ok(items) = webanno::split(json) {
        let mut sliced = Vec::new();
        let mut any = false;
        let mut error = None;
        for (k, slice) in items.chunks(2).enumerate() {
            match webanno::read_items(json, slice, k * 2) {
                Ok((pairs, a)) => {
                    sliced.extend(pairs);
                    any |= a;
                }
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        let sliced = match error {
            Some(e) => Err(e),
            None if !any => Err(webanno::NOT_WEB_ANNOTATIONS.to_owned()),
            None => Ok(sliced),
        };
        assert_eq!(sliced, whole, "read a slice at a time");
    }
    if let Ok(pairs) = whole {
        for (article, a) in &pairs {
            let list = [a.clone()];
            let out = webanno::export(&[(ArticleRef { id: article, title: "t" }, &list)], "fuzz");
            let back = webanno::import(&out).expect("an export imports");
            assert_eq!(back.len(), 1);
        }
    }
});
