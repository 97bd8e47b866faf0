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
