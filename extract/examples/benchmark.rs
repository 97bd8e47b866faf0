//! The article-extraction benchmark (Scrapinghub's, in ../shared/corpora/article-extraction/),
//! run exactly as its README says: our output for each page in `output/annotator_extract.json`
//! beside a link to its `ground-truth.json`, scored by its own `evaluate.py`.
//!
//!   cargo run --release -p annotator-extract --example benchmark [-- CORPUS_DIR [OUT_DIR]]
//!
//! Pages are decoded by the same `charset` rules as any other file (they are UTF-8), parsed by
//! html5ever into the extraction's tree, and handed over in the compact form the browser's
//! worker receives from the page's DOMParser: the worker's code path, fed by a native parser.
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = PathBuf::from(args.first().cloned().unwrap_or_else(|| "../shared/corpora/article-extraction".into()));
    let out = PathBuf::from(args.get(1).cloned().unwrap_or_else(|| "target/extraction-benchmark".into()));
    let html_dir = corpus.join("html");
    if !html_dir.is_dir() || !corpus.join("evaluate.py").is_file() {
        eprintln!(
            "error: the article-extraction benchmark is not at {} (need html/ and evaluate.py; see ../shared/corpora/README.md)",
            corpus.display()
        );
        std::process::exit(2);
    }
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(corpus.join("ground-truth.json")).expect("ground-truth.json")).expect("json");
    let mut output = serde_json::Map::new();
    let mut total = Duration::ZERO;
    let mut slowest = (Duration::ZERO, String::new(), 0);
    for id in truth.as_object().expect("object").keys() {
        let mut bytes = Vec::new();
        let file = std::fs::File::open(html_dir.join(format!("{id}.html.gz"))).expect("page");
        flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).expect("gzip");
        let t = Instant::now();
        let body = annotator_extract::charset::decode(&bytes)
            .ok()
            .filter(|html| annotator_extract::check(html).is_ok())
            .and_then(|html| {
                let sent = annotator_extract::parse::parse(&html).to_compact();
                annotator_extract::extract_tree(&annotator_extract::tree::Tree::from_compact(&sent)).ok()
            })
            .map(|e| e.body())
            .unwrap_or_default();
        let took = t.elapsed();
        total += took;
        if took > slowest.0 {
            slowest = (took, id.clone(), bytes.len());
        }
        output.insert(id.clone(), serde_json::json!({ "articleBody": body }));
    }
    let n = output.len();
    std::fs::create_dir_all(out.join("output")).expect("output dir");
    let json = serde_json::json!({ "version": env!("CARGO_PKG_VERSION"), "output": output });
    std::fs::write(out.join("output/annotator_extract.json"), json.to_string()).expect("write");
    for f in ["ground-truth.json", "evaluate.py"] {
        let _ = std::fs::remove_file(out.join(f));
        std::fs::copy(corpus.join(f), out.join(f)).expect("copy");
    }
    eprintln!(
        "{n} pages in {:.2} s ({:.1} ms a page; slowest {:.0} ms, {} bytes, {})",
        total.as_secs_f64(),
        total.as_secs_f64() * 1000.0 / n as f64,
        slowest.0.as_secs_f64() * 1000.0,
        slowest.2,
        &slowest.1[..12]
    );
    let ok = Command::new("python3").arg("evaluate.py").current_dir(absolute(&out)).status().map(|s| s.success());
    if !ok.unwrap_or(false) {
        eprintln!("error: python3 evaluate.py failed in {}", out.display());
        std::process::exit(1);
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}
