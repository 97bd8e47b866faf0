//! `cargo fuzz run analyze` (from core/): any UTF-8 text must analyse without panicking, with
//! sorted, in-bounds offsets.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let a = annotator_core::analyze(text);
    let n = a.text.chars().count();
    let mut last = 0;
    for s in &a.sentences {
        assert!(s.start < s.end && s.end <= n && s.start >= last);
        let b = &a.blocks[s.block];
        assert!(b.start <= s.start && s.end <= b.end);
        last = s.end;
    }
    let mut last = 0;
    for e in &a.entities {
        assert!(e.start < e.end && e.end <= n && e.start >= last);
        last = e.end;
    }
});
