//! One folder of fixtures (`tests/formats/`), run through the shared readers
//! (`annotator_core::formats`, which the app uses) and through the `annotate` CLI: both must
//! accept or refuse each file alike. `ok-*` files are accepted, `bad-*` files refused.

use std::path::{Path, PathBuf};
use std::process::Command;

use annotator_core::formats::{answer_key, manifest, record};

fn fixtures(kind: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/formats").join(kind);
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| (p.file_name().unwrap().to_str().unwrap().to_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    assert!(out.iter().any(|(n, _)| n.starts_with("ok-")) && out.iter().any(|(n, _)| n.starts_with("bad-")), "{kind}: {out:?}");
    out
}

fn article() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/formats/keys/article.txt")).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("annotate-formats-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `annotate manifest` on a folder holding the article and `json` as its answer key: the
/// error, if the command failed.
fn cli_checks_key(name: &str, json: &str) -> (Result<(), String>, PathBuf) {
    let d = temp_dir(name);
    std::fs::write(d.join("article.txt"), article()).unwrap();
    std::fs::write(d.join("article.key.json"), json).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_annotate")).args(["manifest", d.to_str().unwrap()]).output().unwrap();
    let result = if out.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&out.stderr).into_owned()) };
    (result, d)
}

#[test]
fn answer_keys_are_accepted_or_refused_alike_by_the_app_and_the_cli() {
    let text = annotator_core::analyze(&article()).text;
    for (name, json) in fixtures("keys") {
        let ok = name.starts_with("ok-");
        let shared = answer_key::check(&json, &text);
        assert_eq!(shared.is_ok(), ok, "{name}: the shared reader says {shared:?}");
        let (cli, dir) = cli_checks_key(&name, &json);
        match (&shared, &cli) {
            (Ok(_), Ok(())) => {
                // What the CLI wrote, the app reads.
                let written = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
                let m = manifest::parse_manifest(&written).unwrap();
                assert_eq!(m.articles[0].key.as_deref(), Some("article.key.json"), "{name}");
            }
            (Err(why), Err(stderr)) => assert!(stderr.contains(why.as_str()), "{name}: the CLI says {stderr:?}, the reader {why:?}"),
            _ => panic!("{name}: the shared reader says {shared:?}, the CLI {cli:?}"),
        }
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn the_app_reads_a_key_as_the_cli_counts_it() {
    let text = annotator_core::analyze(&article()).text;
    let json = &fixtures("keys").into_iter().find(|(n, _)| n == "ok-paged-first.json").unwrap().1;
    let k = answer_key::check(json, &text).unwrap();
    assert_eq!((k.annotations, k.tags), (2, [0, 1, 1]), "both pages of the collection are read");
    assert_eq!(answer_key::read(json).unwrap().len(), 2);
}

#[test]
fn manifests() {
    for (name, json) in fixtures("manifests") {
        let read = manifest::parse_manifest(&json);
        assert_eq!(read.is_ok(), name.starts_with("ok-"), "{name}: {read:?}");
        if let Ok(m) = read {
            assert_eq!(m.version, manifest::MANIFEST_VERSION);
        }
    }
}

#[test]
fn stored_records() {
    for (name, json) in fixtures("records") {
        let read = record::parse_record(&json, "a");
        assert_eq!(read.is_ok(), name.starts_with("ok-"), "{name}: {read:?}");
    }
}
