//! Robustness: whatever the input, `analyze` does not panic and its offsets keep their promises.

use annotator_core::{analyze, structure, Analysis, BlockKind};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Every invariant the app relies on when it renders by offsets.
fn check_invariants(raw: &str) {
    let a: Analysis = analyze(raw);
    let n = a.text.chars().count();
    let mut last = 0;
    for b in &a.blocks {
        assert!(
            b.start < b.end && b.end <= n && b.start >= last,
            "block {b:?} (n={n})"
        );
        last = b.end;
    }
    let mut last = 0;
    for s in &a.sentences {
        assert!(
            s.start < s.end && s.end <= n && s.start >= last,
            "sentence {s:?}"
        );
        let b = &a.blocks[s.block];
        assert!(
            b.start <= s.start && s.end <= b.end,
            "sentence {s:?} outside block {b:?}"
        );
        assert_eq!(s.content, b.kind != BlockKind::Furniture);
        if let Some(g) = &s.suggestion {
            assert!(
                (0.0..=1.0).contains(&g.confidence) && (!g.cues.is_empty() || g.reason.is_some()),
                "{g:?}"
            );
        }
        last = s.end;
    }
    let mut last = 0;
    for e in &a.entities {
        assert!(
            e.start < e.end && e.end <= n && e.start >= last,
            "entity {e:?}"
        );
        assert!(
            a.sentences
                .iter()
                .any(|s| s.content && s.start <= e.start && e.end <= s.end),
            "entity {e:?} not inside one content sentence"
        );
        assert!(!e.canonical.is_empty());
        last = e.end;
    }
    let _ = a.word_count();
    let _ = a.slice(0, n + 5);
}

/// News-like text: words, names, abbreviations, quotes, emoji, RTL and odd whitespace.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "The",
        "the",
        "U.S.",
        "Mr.",
        "Jan.",
        "J.",
        "Department",
        "of",
        "Commerce",
        "China’s",
        "China's",
        "said",
        "could",
        "criticized",
        "“",
        "”",
        "\"",
        "'",
        "’",
        "(CAC)",
        "(",
        ")",
        ".",
        "!",
        "?",
        ",",
        "-",
        "—",
        " ",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "Micron",
        "Technology",
        "Ana",
        "Lopez",
        "Minister",
        "🙂",
        "👩‍👩‍👧",
        "مرحبا",
        "שלום",
        "日本。",
        "Zürich",
        "e\u{301}",
        "\u{200f}",
        "\u{feff}",
        "Title:",
        "how to",
        "Leave a Reply",
        "5G",
        "€3",
        "…",
        "A.",
        "Inc.",
        "Consumers’",
        "Federation",
        "Vice-Chancellor",
        "\u{2029}",
        "\u{85}",
        "؟",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_never_breaks_invariants(s in any::<String>()) {
        check_invariants(&s);
    }

    #[test]
    fn newsish_text_never_breaks_invariants(s in newsish()) {
        check_invariants(&s);
    }

    #[test]
    fn lossy_bytes_never_break_invariants(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check_invariants(&String::from_utf8_lossy(&bytes));
    }

    /// The windowed sentence-break fast path agrees with the full UAX #29 algorithm.
    #[test]
    fn windowed_breaks_equal_full_uax29(s in newsish()) {
        for line in s.split('\n') {
            let mut fast = Vec::new();
            structure::uax29_breaks(line, &mut fast);
            // Collected by a loop: `collect` would call unicode-segmentation's `size_hint`,
            // which underflows on an empty line.
            let mut full = Vec::new();
            for (i, _) in line.split_sentence_bound_indices().skip(1) {
                full.push(i);
            }
            prop_assert_eq!(fast, full, "{:?}", line);
        }
    }
}

#[test]
fn edge_cases() {
    let mut breaks = Vec::new();
    structure::uax29_breaks("", &mut breaks);
    assert!(breaks.is_empty());
    for s in [
        "",
        " ",
        "\n\n\n",
        "\u{feff}",
        "\r\n\r",
        ".",
        "“",
        "”unbalanced “quotes",
        "(((",
        "U.S.",
        "Mr.",
        "\u{202e}עברית text mixed العربية.",
        "🙂🙂🙂. 🙂!",
        "\0\u{1}\u{7f}",
        "a\u{301}\u{301}\u{301}.",
    ] {
        check_invariants(s);
    }
}

#[test]
fn five_megabytes_of_one_line() {
    let line =
        "Officials in Ashford said the plan could fail, critics warned, and Mr. Reyes disagreed "
            .repeat(60_000);
    assert!(line.len() > 5_000_000);
    check_invariants(&line);
    let no_spaces = "x".repeat(5_000_000);
    check_invariants(&no_spaces);
}
