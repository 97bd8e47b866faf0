//! The `annotate` command line: scorer floors on the gold set, manifest checks, JSON output.

use std::path::{Path, PathBuf};
use std::process::Command;

fn annotate(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_annotate"))
        .args(args)
        .output()
        .expect("run annotate")
}

fn gold_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold")
}

/// Floors a little under the measured figures (see README "Figures"), so a regression fails.
#[test]
fn scorer_floors() {
    let out = annotate(&["score", gold_dir().to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let get = |group: &str, key: &str| v[group][key].as_f64().unwrap();
    // `held_out` (blind articles) is reported but has no floor: it measures, it does not guard.
    // `overall` includes the held-out rounds and the real news (Wikinews, whose entities the
    // lexicon-based recogniser finds less well), so its floors sit under the development ones.
    for (group, f1, stance) in [
        // Seeds: 69 sentences, one is 0.0145; the main-actor features (attrib2) lost one of them.
        ("seeds", 0.95, 0.84),
        ("own", 0.93, 0.85),
        ("real_news", 0.72, 0.68),
        ("overall", 0.80, 0.75),
    ] {
        assert!(
            get(group, "entity_f1") >= f1,
            "{group} entity F1 {} < {f1}",
            get(group, "entity_f1")
        );
        assert!(
            get(group, "stance_accuracy") >= stance,
            "{group} stance {} < {stance}",
            get(group, "stance_accuracy")
        );
    }
}

/// The shipped stance weights are what the gold set trains (so a gold edit without retraining,
/// or a hand edit of the weights, fails here).
#[test]
fn shipped_weights_match_the_gold_set() {
    let weights = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model_weights.rs");
    let out = annotate(&[
        "train",
        gold_dir().to_str().unwrap(),
        "--check",
        weights.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `explain` gives every content sentence of an article the model's reasons, and each reason
/// is a named feature or a word of that sentence.
#[test]
fn explain_names_the_reasons() {
    let d = temp_dir("explain");
    let f = d.join("a.txt");
    std::fs::write(
        &f,
        "Regulator Fines Bank\n\nThe regulator fined Northway Bank on Monday, the authority said. Critics warned the fine could hurt savers.\n",
    )
    .unwrap();
    let out = annotate(&["explain", f.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = String::from_utf8_lossy(&out.stdout);
    assert_eq!(s.matches("\n· ").count() + usize::from(s.starts_with("· ")), 3, "{s}");
    assert!(s.contains("suggested: criticism"), "{s}");
    // "Critics warned": the rules' criticism and the word "warned" among the top reasons.
    let criticism = s.lines().find(|l| l.contains("for criticism: ")).unwrap_or_default();
    assert!(criticism.contains("rules: criticism +"), "{s}");
    // Words are reasons too, each a word of the sentence it explains (which of them make the top
    // five moves with every refit of the weights).
    let mut sentence = "";
    let mut words = 0;
    for line in s.lines() {
        if let Some(text) = line.strip_prefix("· ") {
            sentence = text;
        }
        for quoted in line.split('“').skip(1).filter_map(|q| q.split('”').next()) {
            assert!(sentence.to_lowercase().contains(quoted), "{quoted:?} is not in {sentence:?}:\n{s}");
            words += 1;
        }
    }
    assert!(words > 0, "{s}");
    assert!(s.contains("for official: "), "{s}");
    assert!(annotate(&["explain"]).status.code() != Some(0));
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("annotate-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn manifest_writes_stable_json() {
    let d = temp_dir("ok");
    std::fs::write(
        d.join("b.md"),
        "Second Story\n\nIt happened. Mr. Lopez said so.",
    )
    .unwrap();
    std::fs::write(
        d.join("a.txt"),
        "how to\n\nA Headline Here\n\nBody text here. More.\n\nLeave a Reply",
    )
    .unwrap();
    std::fs::write(d.join("notes.csv"), "ignored").unwrap();
    let out = annotate(&["manifest", d.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let preview = String::from_utf8_lossy(&out.stdout);
    assert!(
        preview.contains("furniture    2 line(s) not shown as text: \"how to\", \"Leave a Reply\""),
        "{preview}"
    );
    assert!(preview.contains("title        Second Story"), "{preview}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("not published: notes.csv"));
    let json = std::fs::read_to_string(d.join("manifest.json")).unwrap();
    let expected = r#"{
  "version": 1,
  "articles": [
    {
      "id": "a",
      "file": "a.txt",
      "title": "A Headline Here",
      "source": "a.txt",
      "words": 7
    },
    {
      "id": "b",
      "file": "b.md",
      "title": "Second Story",
      "source": "b.md",
      "words": 8
    }
  ]
}
"#;
    assert_eq!(json, expected);
}

#[test]
fn manifest_reports_bad_files() {
    let d = temp_dir("bad");
    std::fs::write(d.join("bad.txt"), b"ok text \xff\xfe more").unwrap();
    std::fs::write(d.join("empty.txt"), "  \n\t ").unwrap();
    let out = annotate(&[
        "manifest",
        d.to_str().unwrap(),
        "--out",
        d.join("m.json").to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.txt") && err.contains("byte 8"), "{err}");
    assert!(err.contains("empty.txt") && err.contains("empty"), "{err}");
    assert!(!d.join("m.json").exists());
    let out = annotate(&["manifest", d.join("missing").to_str().unwrap()]);
    assert!(!out.status.success());
}

#[test]
fn manifest_checks_and_lists_answer_keys() {
    let d = temp_dir("keys");
    let text = "Ferry Plan Approved\n\nThe council said the ferry will run every night. Critics warned it could fail.";
    std::fs::write(d.join("a.txt"), text).unwrap();
    std::fs::write(
        d.join("b.md"),
        "Second Story\n\nIt happened. Mr. Lopez said so.",
    )
    .unwrap();
    let quote = |exact: &str, tag: &str| {
        let start = text.find(exact).unwrap();
        format!(
            r#"{{"type":"Annotation","body":[{{"type":"TextualBody","purpose":"tagging","value":"{tag}"}}],
                "target":{{"source":"a.txt","selector":[{{"type":"TextQuoteSelector","exact":"{exact}","prefix":"","suffix":""}},
                {{"type":"TextPositionSelector","start":{start},"end":{}}}]}}}}"#,
            start + exact.len()
        )
    };
    let key = format!(
        r#"{{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection","first":{{"items":[{},{},{}]}}}}"#,
        quote(
            "The council said the ferry will run every night.",
            "official"
        ),
        // Not in the text (the article was rewritten after the key was made): a warning, not an error.
        quote("Critics warned it could fail.", "criticism").replace(
            "Critics warned it could fail.\",",
            "The mayor resigned over the plan.\","
        ),
        quote("Critics warned it could fail.", "speculation"),
    );
    std::fs::write(d.join("a.key.json"), key).unwrap();
    std::fs::write(d.join("stray.key.json"), "[]").unwrap();
    let out = annotate(&["manifest", d.to_str().unwrap()]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("answer key   a.key.json: 3 annotation(s), 3 tagged (official 1, criticism 1, speculation 1), 0 note(s); 2 of 3 found"),
        "{stdout}"
    );
    assert!(
        stderr.contains("a.key.json: 1 of 3 annotation(s) not found in a.txt"),
        "{stderr}"
    );
    assert!(
        stderr.contains("stray.key.json: no article stray.txt or stray.md"),
        "{stderr}"
    );
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["articles"][0]["key"], "a.key.json");
    assert!(
        m["articles"][1].get("key").is_none(),
        "no key field without an answer key"
    );

    // A broken key fails the command, naming the file; nothing is written.
    std::fs::remove_file(d.join("manifest.json")).unwrap();
    std::fs::write(
        d.join("a.key.json"),
        r#"{"type":"Annotation","body":{"purpose":"tagging","value":"rumour"}}"#,
    )
    .unwrap();
    let out = annotate(&["manifest", d.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a.key.json: answer key: Annotation 1 has no TextQuoteSelector"),
        "{err}"
    );
    std::fs::write(d.join("a.key.json"), "{\"type\": ").unwrap();
    let err =
        String::from_utf8_lossy(&annotate(&["manifest", d.to_str().unwrap()]).stderr).into_owned();
    assert!(
        err.contains("a.key.json: answer key: This file is not JSON"),
        "{err}"
    );
    assert!(!d.join("manifest.json").exists());
}

#[test]
fn manifest_refuses_names_the_site_cannot_serve() {
    let d = temp_dir("names");
    std::fs::write(d.join("a.txt"), "A Story\n\nText.").unwrap();
    std::fs::write(d.join("a.md"), "A Story Again\n\nText.").unwrap();
    std::fs::write(d.join("week#2.txt"), "Week Two\n\nText.").unwrap();
    std::fs::write(d.join("word.txt"), b"\xff\xfeW\0o\0").unwrap();
    let out = annotate(&["manifest", d.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a.txt: a.md has the same name"), "{err}");
    assert!(err.contains("week#2.txt: the name has '#'"), "{err}");
    assert!(err.contains("word.txt: saved as UTF-16"), "{err}");
}

#[test]
fn analyze_json_has_the_contract_fields() {
    let seed = gold_dir().join("seed-000.txt");
    let out = annotate(&["analyze", seed.to_str().unwrap(), "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let art = &v["articles"][0];
    assert!(art["title"]
        .as_str()
        .unwrap()
        .starts_with("In cyberspace governance"));
    let s = &art["sentences"][0];
    for k in [
        "start",
        "end",
        "text",
        "content",
        "claim",
        "speaker",
        "suggestion",
    ] {
        assert!(s.get(k).is_some(), "sentence field {k}");
    }
    let e = &art["entities"][0];
    assert_eq!(e["text"], "China");
    assert_eq!(e["kind"], "place");
    assert_eq!(e["canonical"], "China");
    let preview = annotate(&["analyze", seed.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&preview.stdout).contains("Entities:"));
    assert!(!annotate(&["frobnicate"]).status.success());
}
