//! The shipped entity weights (`core/data/entities.bin`, from `annotate train-entities`) load
//! and tag plain newswire sentences as a reader would.

use annotator_core::ner::{Model, Tagger, Type};

fn spans(words: &str) -> Vec<(String, Type)> {
    let model = Model::embedded();
    let w: Vec<&str> = words.split(' ').collect();
    let mut t = Tagger::default();
    t.doc.observe(&w);
    t.sentence_windows(model, &w);
    t.spans.iter().map(|&(a, b, ty)| (w[a..b].join(" "), ty)).collect()
}

#[test]
fn embedded_weights_load() {
    let m = Model::embedded();
    assert!(m.len() > 1000, "{} features", m.len());
    assert!(Model::from_bytes(annotator_core::ner::model::EMBEDDED).is_ok());
    assert!(Model::from_bytes(b"NERW").is_err());
}

#[test]
fn a_fixed_sentence() {
    let got = spans("Angela Merkel met officials of the European Central Bank in Frankfurt on Tuesday , a spokesman for Siemens said .");
    assert_eq!(
        got,
        vec![
            ("Angela Merkel".to_string(), Type::Per),
            ("European Central Bank".to_string(), Type::Org),
            ("Frankfurt".to_string(), Type::Loc),
            ("Siemens".to_string(), Type::Org),
        ]
    );
}

#[test]
fn headline_in_capitals() {
    let got = spans("GERMANY 'S SCHROEDER WINS VOTE IN BERLIN");
    assert!(got.contains(&("GERMANY".to_string(), Type::Loc)), "{got:?}");
    assert!(got.contains(&("BERLIN".to_string(), Type::Loc)), "{got:?}");
}

#[test]
fn a_name_does_not_open_with_its_title() {
    let got = spans("Mrs. Okafor met Tom Reyes on Monday , and Dr. Amara Okonkwo spoke .");
    assert_eq!(
        got,
        vec![
            ("Okafor".to_string(), Type::Per),
            ("Tom Reyes".to_string(), Type::Per),
            ("Amara Okonkwo".to_string(), Type::Per),
        ]
    );
}

#[test]
fn the_shipped_file_carries_word_clusters() {
    // Common words of newswire have a cluster, a made-up one has none.
    let m = Model::embedded();
    let c = annotator_core::ner::Scorer::clusters(m);
    assert!(c.len() > 5000 && c.leaves() > 100, "{} words, {} leaves", c.len(), c.leaves());
    let of = |w: &str| c.of(annotator_core::ner::features::lower_hash(w));
    for w in ["said", "Minister", "Tuesday", "company"] {
        assert_ne!(of(w), 0, "{w}");
    }
    assert_eq!(of("Xqzvlorbn"), 0);
}
