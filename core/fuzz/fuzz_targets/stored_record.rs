//! What local storage holds under an annotation key, from any version or tool: reading never
//! panics, and a record that reads writes back to one that reads the same (unknown fields kept).
#![no_main]
use annotator_core::formats::record;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else { return };
    let _ = record::migrate_v1(json, "a", "Some article text. Another sentence.");
    let _ = record::version_of(json);
    let read = record::read_record(json, "a").ok().or_else(|| record::read_newer(json, "a"));
    if let Some(r) = read {
        let written = record::write_record(&r).expect("a record that reads can be written");
        let back = record::read_record(&written, "a").ok().or_else(|| record::read_newer(&written, "a"));
        assert_eq!(back.as_ref(), Some(&r), "written: {written}");
    }
});
