//! The candidate libraries on the benchmark: `extract-candidates MODE CORPUS/html > output/MODE.json`
//! (modes: traf = rs-trafilatura with the page URL as its benchmark wrapper passes it; smoothie =
//! dom_smoothie defaults; smoothie2 = formatted text; smoothie3 = formatted, its own candidate
//! selection), or `extract-candidates MODE x PAGE.html.gz` to time one page five times.
use std::io::Read;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = &args[1];
    let dir = &args[2];
    if args.len() > 3 {
        let mut gz = flate2::read::GzDecoder::new(std::fs::File::open(&args[3]).unwrap());
        let mut s = String::new();
        gz.read_to_string(&mut s).unwrap();
        for _ in 0..5 {
            let t = std::time::Instant::now();
            let n = match which.as_str() {
                "traf" => rs_trafilatura::extract(&s).map(|r| r.content_text.len()).unwrap_or(0),
                _ => dom_smoothie::Readability::new(s.as_str(), None, None).and_then(|mut r| r.parse()).map(|a| a.text_content.len()).unwrap_or(0),
            };
            println!("{} {} bytes -> {} chars in {:?}", which, s.len(), n, t.elapsed());
        }
        return;
    }
    let mut out = serde_json::Map::new();
    let gt: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(format!("{}/../ground-truth.json", dir)).unwrap()).unwrap();
    let mut total = std::time::Duration::ZERO;
    let mut names: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for p in names {
        let name = p.file_name().unwrap().to_str().unwrap().trim_end_matches(".html.gz").to_string();
        let mut gz = flate2::read::GzDecoder::new(std::fs::File::open(&p).unwrap());
        let mut s = String::new();
        gz.read_to_string(&mut s).unwrap();
        let t = std::time::Instant::now();
        let body = match which.as_str() {
            "traf" => rs_trafilatura::extract_with_options(&s, &rs_trafilatura::Options { url: gt[&name]["url"].as_str().map(String::from), ..Default::default() }).map(|r| r.content_text).unwrap_or_default(),
            "smoothie" | "smoothie2" | "smoothie3" => {
                let mut cfg = dom_smoothie::Config::default();
                if which != "smoothie" { cfg.text_mode = dom_smoothie::TextMode::Formatted; }
                if which == "smoothie3" { cfg.candidate_select_mode = dom_smoothie::CandidateSelectMode::DomSmoothie; }
                match dom_smoothie::Readability::new(s.as_str(), None, Some(cfg)).and_then(|mut r| r.parse()) {
                    Ok(a) => a.text_content.to_string(),
                    Err(_) => String::new(),
                }
            }
            _ => panic!(),
        };
        total += t.elapsed();
        let mut m = serde_json::Map::new();
        m.insert("articleBody".into(), body.into());
        out.insert(name, m.into());
    }
    eprintln!("total {:?}", total);
    println!("{}", serde_json::to_string(&out).unwrap());
}
