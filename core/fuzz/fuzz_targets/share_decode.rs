//! A `#share=` fragment from anywhere: decoding never panics, and what it accepts encodes and
//! decodes to the same annotations.
#![no_main]
use annotator_core::formats::share;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(fragment) = std::str::from_utf8(data) else { return };
    if let Ok(shared) = share::decode(fragment) {
        let again = share::decode(&share::encode(&shared.article, &shared.name, &shared.annotations))
            .expect("what was accepted encodes to a link that decodes");
        assert_eq!(again.annotations.len(), shared.annotations.len());
    }
});
