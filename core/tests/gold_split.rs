//! The real-news gold articles keep their fixed held-out split and their sources: an article
//! `wn-NNN-…` is held out (`held-wiki-…`, never trained on) exactly when the FNV-1a hash (64 bits)
//! of its name without the prefix and extension is 0 modulo 4, so adding articles never moves an
//! old one between the parts; each has its labels and a row in `WIKINEWS.md` (licence, source).

use std::path::Path;

fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

#[test]
fn wikinews_articles_follow_the_held_out_rule_and_are_credited() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold");
    let credits = std::fs::read_to_string(dir.join("WIKINEWS.md")).unwrap();
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some(stem) = name.strip_suffix(".txt") else { continue };
        let (held, base) = match (stem.strip_prefix("held-wiki-"), stem.strip_prefix("wiki-")) {
            (Some(b), _) => (true, b),
            (None, Some(b)) => (false, b),
            _ => continue,
        };
        n += 1;
        assert_eq!(held, fnv1a(base) % 4 == 0, "{name}: held-out by the FNV-1a rule is {}", fnv1a(base) % 4 == 0);
        assert!(dir.join(format!("{stem}.json")).exists(), "{name} has no labels");
        assert!(credits.contains(&format!("| {base}.txt |")), "{name} has no row in WIKINEWS.md");
    }
    assert!(n >= 121, "{n} Wikinews articles");
}
