//! `annotate agreement DIR_A DIR_B`: how far two independent labellings of the same articles
//! agree on stance — the ceiling for any suggestion. Files with the same name in both folders
//! are compared sentence by sentence (entries with the same opening words, in order); Cohen's κ
//! over none / official / criticism / speculation.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

#[derive(Deserialize)]
struct Labels {
    stance: Vec<(String, String)>,
}

const CLASSES: [&str; 4] = ["none", "official", "criticism", "speculation"];

fn read(dir: &Path) -> Result<BTreeMap<String, Labels>, String> {
    let mut out = BTreeMap::new();
    let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in rd.filter_map(|e| e.ok()) {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "json") {
            let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            // A gold file may carry a group prefix (`wiki-`, `held-wiki-`): compare by the rest.
            let key = name.trim_start_matches("held-").trim_start_matches("wiki-").to_owned();
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            let l: Labels = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?;
            out.insert(key, l);
        }
    }
    Ok(out)
}

pub fn cmd_agreement(args: &[String]) -> Result<(), String> {
    let [a, b] = args else {
        return Err("usage: annotate agreement DIR_A DIR_B".into());
    };
    let (a, b) = (read(Path::new(a))?, read(Path::new(b))?);
    let mut m = [[0usize; 4]; 4];
    let mut articles = 0;
    for (name, la) in &a {
        let Some(lb) = b.get(name) else { continue };
        articles += 1;
        let mut j = 0;
        for (opening, x) in &la.stance {
            // The next entry of B with the same opening words (a sentence split differently is
            // skipped on both sides).
            let Some(k) = (j..lb.stance.len()).find(|&k| lb.stance[k].0 == *opening) else { continue };
            j = k + 1;
            let y = &lb.stance[k].1;
            if let (Some(p), Some(q)) = (
                CLASSES.iter().position(|c| c == x),
                CLASSES.iter().position(|c| c == y),
            ) {
                m[p][q] += 1;
            }
        }
    }
    let n: usize = m.iter().flatten().sum();
    if n == 0 {
        return Err("no sentences in common".into());
    }
    let observed = (0..4).map(|k| m[k][k]).sum::<usize>() as f64 / n as f64;
    let expected: f64 = (0..4)
        .map(|k| {
            let row: usize = m[k].iter().sum();
            let col: usize = (0..4).map(|r| m[r][k]).sum();
            row as f64 * col as f64 / (n * n) as f64
        })
        .sum();
    let kappa = (observed - expected) / (1.0 - expected);
    println!("{articles} articles, {n} sentences labelled twice: agreement {observed:.3}, Cohen's κ {kappa:.3}");
    println!("  (rows A, columns B)  {:>8} {:>8} {:>9} {:>11}", CLASSES[0], CLASSES[1], CLASSES[2], CLASSES[3]);
    for k in 0..4 {
        println!("  {:<19} {:>8} {:>8} {:>9} {:>11}", CLASSES[k], m[k][0], m[k][1], m[k][2], m[k][3]);
    }
    Ok(())
}
