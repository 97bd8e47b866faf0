//! The core knows nothing about the browser: no web dependency in its manifest, so the compiler
//! keeps the analysis and the formats pure (and they build and test natively).

#[test]
fn the_core_has_no_web_dependency() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let deps = manifest.split("[dependencies]").nth(1).expect("a [dependencies] table");
    let deps = deps.split("\n[").next().unwrap();
    let names: Vec<&str> = deps
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split(['=', ' ']).next())
        .collect();
    assert!(names.contains(&"serde"), "the dependencies were read: {names:?}");
    for web in ["yew", "web-sys", "js-sys", "gloo", "wasm-bindgen", "wasm-bindgen-futures"] {
        assert!(!names.contains(&web), "annotator-core depends on {web}");
    }
}
