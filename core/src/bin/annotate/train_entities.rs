//! `annotate train-entities CORPUS_DIR`: trains the entity model ([`annotator_core::ner`]) on
//! CoNLL-2003 and scores it on its development set.
//!
//! A structured averaged perceptron (Collins 2002) over BILOU tags with Viterbi decoding. Each
//! epoch visits the training documents in an order shuffled by a fixed seed, so the same corpus
//! always gives the same weights. Document memory (the type given to a word earlier in the
//! document) is filled from the model's own predictions during training, as when tagging.
//! After each epoch the averaged weights are scored on `dev.txt`; the best epoch is kept, pruned
//! and quantised, and written with `--out`.
//!
//! Scoring is conlleval's: a span counts when its start, end and type all match; micro-averaged
//! over PER, ORG and LOC (gold MISC spans and predicted MISC spans are left out).

use std::collections::BTreeMap;
use std::path::Path;

use annotator_core::lexicon::FnvMap;
use annotator_core::ner::tags::{self, Type, NT, TYPES};
use annotator_core::ner::weights::{self, Quantised};
use annotator_core::ner::clusters::Clusters;
use annotator_core::ner::{Model, Scorer, Tagger};

pub struct Sent {
    pub words: Vec<String>,
    pub gold: Vec<(usize, usize, Type)>,
}
pub type Docs = Vec<Vec<Sent>>;

const USAGE: &str = "train-entities CORPUS_DIR [--gold DIR [--gold-weight N]] [--clusters FILE] [--epochs N] [--seed N] [--out FILE] [--bits 8|16] [--prune P] [--curve]";

/// Read a CoNLL-2003 file (`word POS chunk tag`, IOB1 or IOB2, `-DOCSTART-` between documents).
pub fn read_conll(path: &Path) -> Result<Docs, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "{}: cannot read ({e}); this command needs the CoNLL-2003 corpus (see ../shared/corpora/README.md)",
            path.display()
        )
    })?;
    let mut docs: Docs = vec![Vec::new()];
    let mut words = Vec::new();
    let mut iob: Vec<String> = Vec::new();
    let flush = |docs: &mut Docs, words: &mut Vec<String>, iob: &mut Vec<String>| {
        if words.is_empty() {
            return;
        }
        let mut gold = Vec::new();
        let mut open: Option<(usize, Type)> = None;
        for (i, t) in iob.iter().enumerate() {
            let (p, ty) = t.split_once('-').map_or(("O", None), |(p, ty)| (p, Type::parse(ty)));
            let continues = p == "I" && open.is_some_and(|o| Some(o.1) == ty);
            if !continues {
                if let Some((s, ty)) = open.take() {
                    gold.push((s, i, ty));
                }
                if let Some(ty) = ty {
                    open = Some((i, ty));
                }
            }
        }
        if let Some((s, ty)) = open {
            gold.push((s, iob.len(), ty));
        }
        docs.last_mut().unwrap().push(Sent { words: std::mem::take(words), gold });
        iob.clear();
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            flush(&mut docs, &mut words, &mut iob);
            if !docs.last().unwrap().is_empty() {
                docs.push(Vec::new());
            }
            continue;
        }
        if line.is_empty() {
            flush(&mut docs, &mut words, &mut iob);
            continue;
        }
        let mut parts = line.split(' ');
        let w = parts.next().unwrap_or("");
        let t = parts.last().unwrap_or("O");
        words.push(w.to_string());
        iob.push(t.to_string());
    }
    flush(&mut docs, &mut words, &mut iob);
    docs.retain(|d| !d.is_empty());
    if docs.is_empty() {
        return Err(format!("{}: no sentences", path.display()));
    }
    Ok(docs)
}

/// The project's own labelled articles in `dir` (`NAME.txt` + `NAME.json`, see
/// core/tests/gold/GUIDE.md) as training documents, leaving out the blind `held-*` ones: their
/// body and heading sentences in the model's tokens, mentions found in text order. Kinds map
/// person→PER, organization→ORG, place→LOC, group→MISC. A sentence whose mentions do not fall
/// on token ends is left out.
pub fn read_gold_docs(dir: &Path) -> Result<Docs, String> {
    use annotator_core::ner::tokens;
    use annotator_core::structure;
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| !n.starts_with("held-")))
        .collect();
    names.sort();
    let mut docs = Vec::new();
    for p in names {
        let raw = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let json = std::fs::read_to_string(p.with_extension("json")).map_err(|e| format!("{}: {e}", p.display()))?;
        let v: serde_json::Value = serde_json::from_str(&json).map_err(|e| format!("{}: {e}", p.display()))?;
        let text = structure::normalize(&raw);
        // Mentions in text order → byte spans.
        let mut spans = Vec::new();
        let mut at = 0;
        for e in v["entities"].as_array().into_iter().flatten() {
            let (Some(m), Some(k)) = (e[0].as_str(), e[1].as_str()) else { continue };
            let t = match k {
                "person" => Type::Per,
                "organization" => Type::Org,
                "place" => Type::Loc,
                _ => Type::Misc,
            };
            let boundary = |i: usize| {
                let before = text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after = text[i + m.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                before && after
            };
            let mut from = at;
            let found = loop {
                match text[from..].find(m) {
                    Some(i) if boundary(from + i) => break Some(from + i),
                    Some(i) => from += i + m.len(),
                    None => break None,
                }
            };
            if let Some(i) = found {
                spans.push((i, i + m.len(), t));
                at = i + m.len();
            }
        }
        let blocks = structure::blocks(&text);
        let sentences = structure::sentences(&text, &blocks);
        let mut doc = Vec::new();
        let mut toks = Vec::new();
        for s in &sentences {
            let kind = blocks.get(s.block).map(|b| b.kind);
            if !matches!(kind, Some(annotator_core::BlockKind::Paragraph | annotator_core::BlockKind::Heading)) {
                continue;
            }
            toks.clear();
            tokens::tokenize(&text, s.start, s.end, &mut toks);
            let mut gold = Vec::new();
            let mut ok = true;
            for &(a, b, t) in spans.iter().filter(|x| x.0 >= s.start && x.1 <= s.end) {
                match (toks.iter().position(|x| x.start == a), toks.iter().position(|x| x.end == b)) {
                    (Some(i), Some(j)) if j >= i => gold.push((i, j + 1, t)),
                    _ => ok = false,
                }
            }
            if ok && !toks.is_empty() {
                doc.push(Sent { words: toks.iter().map(|x| x.word(&text).to_string()).collect(), gold });
            }
        }
        if !doc.is_empty() {
            docs.push(doc);
        }
    }
    Ok(docs)
}

/// Floating-point weights during training: current (`w`) and the running sums for averaging.
struct Perceptron {
    index: FnvMap<u32, u32>,
    w: Vec<f32>,
    u: Vec<f32>,
    tr: Vec<f32>,
    tru: Vec<f32>,
    c: f32,
}

/// A read-only set of float weights (current or averaged).
pub struct Floats {
    pub index: FnvMap<u32, u32>,
    pub w: Vec<f32>,
    pub tr: Vec<f32>,
    pub clusters: Clusters,
}

impl Scorer for Floats {
    fn emit(&self, ids: &[u32], out: &mut [f32]) {
        emit_rows(&self.index, &self.w, ids, out);
    }
    fn transitions(&self) -> &[f32] {
        &self.tr
    }
    fn clusters(&self) -> &Clusters {
        &self.clusters
    }
}

/// Adds the weight rows of the features `ids` (those the model has a row for) to `out`: the
/// training weights and their averages are laid out alike.
fn emit_rows(index: &FnvMap<u32, u32>, w: &[f32], ids: &[u32], out: &mut [f32]) {
    for k in ids {
        if let Some(&r) = index.get(k) {
            let row = &w[r as usize * NT..r as usize * NT + NT];
            for t in 0..NT {
                out[t] += row[t];
            }
        }
    }
}

struct Current<'a>(&'a Perceptron, &'a Clusters);
impl Scorer for Current<'_> {
    fn emit(&self, ids: &[u32], out: &mut [f32]) {
        emit_rows(&self.0.index, &self.0.w, ids, out);
    }
    fn transitions(&self) -> &[f32] {
        &self.0.tr
    }
    fn clusters(&self) -> &Clusters {
        self.1
    }
}

impl Perceptron {
    fn new() -> Self {
        Perceptron {
            index: FnvMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            tr: vec![0.0; (NT + 1) * NT],
            tru: vec![0.0; (NT + 1) * NT],
            c: 1.0,
        }
    }
    fn row(&mut self, k: u32) -> usize {
        let n = self.index.len() as u32;
        let r = *self.index.entry(k).or_insert(n) as usize;
        if r == n as usize {
            self.w.extend_from_slice(&[0.0; NT]);
            self.u.extend_from_slice(&[0.0; NT]);
        }
        r * NT
    }
    fn add(&mut self, ids: &[u32], tag: usize, d: f32) {
        for &k in ids {
            let r = self.row(k);
            self.w[r + tag] += d;
            self.u[r + tag] += self.c * d;
        }
    }
    fn add_tr(&mut self, prev: usize, next: usize, d: f32) {
        self.tr[prev * NT + next] += d;
        self.tru[prev * NT + next] += self.c * d;
    }
    fn averaged(&self, clusters: &Clusters) -> Floats {
        let avg = |w: &[f32], u: &[f32]| w.iter().zip(u).map(|(w, u)| w - u / self.c).collect();
        Floats { index: self.index.clone(), w: avg(&self.w, &self.u), tr: avg(&self.tr, &self.tru), clusters: clusters.clone() }
    }
}

/// Per-type counts: (true positives, predicted, gold).
#[derive(Default, Clone)]
pub struct Counts {
    pub by_type: BTreeMap<&'static str, (usize, usize, usize)>,
    /// Gold type (or "-" for none) → predicted outcome → count.
    pub confusion: BTreeMap<(&'static str, &'static str), usize>,
}

fn in_scope(t: Type) -> bool {
    t != Type::Misc
}

impl Counts {
    pub fn add(&mut self, gold: &[(usize, usize, Type)], pred: &[(usize, usize, Type)]) {
        for t in [Type::Per, Type::Org, Type::Loc] {
            let e = self.by_type.entry(t.as_str()).or_default();
            e.1 += pred.iter().filter(|p| p.2 == t).count();
            e.2 += gold.iter().filter(|g| g.2 == t).count();
            e.0 += pred.iter().filter(|p| p.2 == t && gold.contains(p)).count();
        }
        for g in gold {
            let outcome = if let Some(p) = pred.iter().find(|p| p.0 == g.0 && p.1 == g.1) {
                p.2.as_str()
            } else if pred.iter().any(|p| p.0 < g.1 && g.0 < p.1) {
                "boundary"
            } else {
                "missed"
            };
            *self.confusion.entry((g.2.as_str(), outcome)).or_default() += 1;
        }
        for p in pred.iter().filter(|p| in_scope(p.2)) {
            if !gold.iter().any(|g| p.0 < g.1 && g.0 < p.1) {
                *self.confusion.entry(("none", p.2.as_str())).or_default() += 1;
            }
        }
    }
    pub fn micro(&self) -> (f64, f64, f64) {
        let (tp, p, g) = self
            .by_type
            .values()
            .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
        prf(tp, p, g)
    }
    pub fn line(&self) -> String {
        let (p, r, f) = self.micro();
        let mut s = format!("P {p:.4} R {r:.4} F1 {f:.4}");
        for (t, &(tp, np, ng)) in &self.by_type {
            let (_, _, f) = prf(tp, np, ng);
            s += &format!("  {t} {f:.4}");
        }
        s
    }
    pub fn table(&self) -> String {
        let mut s = String::from("type   P       R       F1      (gold, predicted)\n");
        for (t, &(tp, np, ng)) in &self.by_type {
            let (p, r, f) = prf(tp, np, ng);
            s += &format!("{t:<6} {p:.4}  {r:.4}  {f:.4}  ({ng}, {np})\n");
        }
        let (p, r, f) = self.micro();
        s += &format!("micro  {p:.4}  {r:.4}  {f:.4}\n");
        s += "confusion (rows: gold span; columns: the prediction on exactly that span, an overlapping span of other bounds, or none; row `none`: predictions overlapping no gold span)\n";
        let cols = ["PER", "ORG", "LOC", "MISC", "boundary", "missed"];
        s += &format!("{:<6}", "gold");
        for c in cols {
            s += &format!(" {c:>8}");
        }
        s += "\n";
        for r in ["PER", "ORG", "LOC", "MISC", "none"] {
            s += &format!("{r:<6}");
            for c in cols {
                let n = self.confusion.get(&(r, c)).copied().unwrap_or(0);
                s += &format!(" {n:>8}");
            }
            s += "\n";
        }
        s
    }
}

fn prf(tp: usize, p: usize, g: usize) -> (f64, f64, f64) {
    let pr = if p == 0 { 0.0 } else { tp as f64 / p as f64 };
    let re = if g == 0 { 0.0 } else { tp as f64 / g as f64 };
    let f = if pr + re == 0.0 { 0.0 } else { 2.0 * pr * re / (pr + re) };
    (pr, re, f)
}

/// Tag every document with `model` and count against gold.
pub fn evaluate<S: Scorer + ?Sized>(model: &S, docs: &Docs) -> Counts {
    evaluate_as(model, docs, false)
}

/// [`evaluate`], tagging only windows around capitalised words when `windows` (as the analysis does).
pub fn evaluate_as<S: Scorer + ?Sized>(model: &S, docs: &Docs, windows: bool) -> Counts {
    let mut c = Counts::default();
    let mut tagger = Tagger::default();
    for doc in docs {
        tagger.doc.clear();
        for s in doc {
            let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
            tagger.doc.observe(&w);
        }
        for s in doc {
            let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
            if windows {
                tagger.sentence_windows(model, &w);
            } else {
                tagger.sentence(model, &w);
            }
            c.add(&s.gold, &tagger.spans);
        }
    }
    c
}

/// A fixed-seed xorshift, for the visiting order.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn train(train: &Docs, dev: &Docs, epochs: usize, clusters: &Clusters, seed: u64) -> Floats {
    let mut p = Perceptron::new();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng(seed);
    let mut tagger = Tagger::default();
    let mut gold_tags = Vec::new();
    let mut best: Option<(f64, usize, Floats)> = None;
    for epoch in 1..=epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let mut errors = 0;
        for &d in &order {
            let doc = &train[d];
            tagger.doc.clear();
            for s in doc {
                let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
                tagger.doc.observe(&w);
            }
            for s in doc {
                let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
                tagger.sentence(&Current(&p, clusters), &w);
                tags::from_spans(w.len(), &s.gold, &mut gold_tags);
                let pred = tagger.tags.clone();
                if pred != gold_tags {
                    errors += 1;
                    let feats = tagger.feats();
                    let mut prev = (tags::START, tags::START);
                    for i in 0..w.len() {
                        let (g, q) = (usize::from(gold_tags[i]), usize::from(pred[i]));
                        if g != q {
                            let ids = feats.of(i).to_vec();
                            p.add(&ids, g, 1.0);
                            p.add(&ids, q, -1.0);
                        }
                        if (prev.0, g) != (prev.1, q) {
                            p.add_tr(prev.0, g, 1.0);
                            p.add_tr(prev.1, q, -1.0);
                        }
                        prev = (g, q);
                    }
                }
                p.c += 1.0;
            }
        }
        let avg = p.averaged(clusters);
        let c = evaluate(&avg, dev);
        let f = c.micro().2;
        println!("epoch {epoch:>2}  train sentences wrong {errors:>5}  features {:>7}  dev {}", p.index.len(), c.line());
        if best.as_ref().is_none_or(|b| f > b.0) {
            best = Some((f, epoch, avg));
        }
    }
    let (f, epoch, avg) = best.unwrap();
    println!("best epoch {epoch}: dev F1 {f:.4}");
    avg
}

/// Prune weights under `prune` × the largest magnitude and quantise to `bits`.
pub fn quantise(m: &Floats, bits: u8, prune: f32) -> Quantised {
    let max_w = m.w.iter().fold(0f32, |a, &b| a.max(b.abs()));
    // No clipping: the largest weights are the bias and the most frequent features, and
    // clipping them cost more F1 than the coarser step (measured with a percentile clip).
    let top = max_w.max(1e-6);
    let qmax = if bits == 8 { 127.0 } else { 32767.0 };
    let scale = top / qmax;
    let cut = prune * top;
    let q = |x: f32| -> i16 {
        if x.abs() < cut {
            0
        } else {
            (x / scale).round().clamp(-qmax, qmax) as i16
        }
    };
    let mut rows: Vec<(u32, [i16; NT])> = Vec::new();
    for (&k, &r) in &m.index {
        let mut row = [0i16; NT];
        for t in 0..NT {
            row[t] = q(m.w[r as usize * NT + t]);
        }
        if row.iter().any(|&x| x != 0) {
            rows.push((k, row));
        }
    }
    rows.sort_by_key(|r| r.0);
    let tr = m.tr.clone();
    Quantised {
        clusters: m.clusters.clone(),
        scale,
        bits,
        tr,
        keys: rows.iter().map(|r| r.0).collect(),
        w: rows.iter().flat_map(|r| r.1).collect(),
    }
}

pub fn gzip_len(b: &[u8]) -> usize {
    // Deflate at level 9 plus gzip's 18-byte frame: what a web server sends.
    miniz_oxide::deflate::compress_to_vec(b, 9).len() + 18
}

pub fn cmd_train_entities(args: &[String]) -> Result<(), String> {
    let mut dir = None;
    let mut epochs = 12;
    let mut out = None;
    let mut bits = 8u8;
    let mut prune = 0.03f32;
    let mut curve = false;
    let mut gold = None;
    let mut gold_weight = 2usize;
    let mut clusters_file = None;
    // The visiting order's seed: another one measures how much a figure owes to the order.
    let mut seed = 0x2003_c0_11u64;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value\nusage: annotate {USAGE}"));
        match a.as_str() {
            "--epochs" => epochs = val("--epochs")?.parse().map_err(|_| "--epochs: not a number")?,
            "--out" => out = Some(val("--out")?),
            "--bits" => bits = val("--bits")?.parse().ok().filter(|b| *b == 8 || *b == 16).ok_or("--bits: 8 or 16")?,
            "--prune" => prune = val("--prune")?.parse().map_err(|_| "--prune: not a number")?,
            "--curve" => curve = true,
            "--gold" => gold = Some(val("--gold")?),
            "--clusters" => clusters_file = Some(val("--clusters")?),
            "--seed" => seed = val("--seed")?.parse().ok().filter(|&s| s != 0).ok_or("--seed: a number other than 0")?,
            "--gold-weight" => gold_weight = val("--gold-weight")?.parse().map_err(|_| "--gold-weight: not a number")?,
            s if !s.starts_with('-') && dir.is_none() => dir = Some(s.to_string()),
            s => return Err(format!("unknown argument {s}\nusage: annotate {USAGE}")),
        }
    }
    let dir = dir.ok_or(format!("usage: annotate {USAGE}"))?;
    let dir = Path::new(&dir);
    if !dir.is_dir() {
        return Err(format!(
            "{}: no such folder; train-entities needs the CoNLL-2003 corpus folder with train.txt and dev.txt (../shared/corpora/conll2003, see its README)",
            dir.display()
        ));
    }
    let mut train_docs = read_conll(&dir.join("train.txt"))?;
    if let Some(g) = &gold {
        let own = read_gold_docs(Path::new(g))?;
        println!("gold: {} articles (held-* left out), each visited {gold_weight}× per epoch", own.len());
        for _ in 0..gold_weight {
            for d in &own {
                train_docs.push(d.iter().map(|s| Sent { words: s.words.clone(), gold: s.gold.clone() }).collect());
            }
        }
    }
    let dev_docs = read_conll(&dir.join("dev.txt"))?;
    println!(
        "train: {} documents, {} sentences; dev: {} documents, {} sentences",
        train_docs.len(),
        train_docs.iter().map(Vec::len).sum::<usize>(),
        dev_docs.len(),
        dev_docs.iter().map(Vec::len).sum::<usize>()
    );
    let _ = TYPES;
    let clusters = match &clusters_file {
        Some(f) => {
            let c = crate::train_clusters::read(Path::new(f))?;
            println!("clusters: {} words in {} leaves ({f})", c.len(), c.leaves());
            c
        }
        None => Clusters::default(),
    };
    let model = train(&train_docs, &dev_docs, epochs, &clusters, seed);
    if curve {
        println!("\nsize curve (dev, shipped form: pruned, quantised, read back with Model::from_bytes)");
        println!("bits  prune   features    bytes  gzipped  dev F1");
        for b in [16u8, 8] {
            for p in [0.0f32, 0.01, 0.02, 0.025, 0.03, 0.04, 0.06, 0.1] {
                let bytes = weights::encode(&quantise(&model, b, p));
                let m = Model::from_bytes(&bytes)?;
                let f = evaluate_as(&m, &dev_docs, true).micro().2;
                println!("{b:>4}  {p:>5.3}  {:>9}  {:>7}  {:>7}  {f:.4}", m.len(), bytes.len(), gzip_len(&bytes));
            }
        }
    }
    let bytes = weights::encode(&quantise(&model, bits, prune));
    let shipped = Model::from_bytes(&bytes)?;
    let c = evaluate_as(&shipped, &dev_docs, true);
    println!("\nshipped form tagging whole sentences (not only windows): dev {}", evaluate(&shipped, &dev_docs).line());
    println!(
        "shipped form ({bits}-bit, prune {prune}): {} features, {} bytes, {} gzipped\ndev (CoNLL-2003 eng.testa), exact span and type, as the analysis tags (windows around capitalised words):\n{}",
        shipped.len(),
        bytes.len(),
        gzip_len(&bytes),
        c.table()
    );
    if let Some(out) = out {
        std::fs::write(&out, &bytes).map_err(|e| format!("{out}: cannot write: {e}"))?;
        println!("wrote {out}");
    }
    Ok(())
}

/// A CoNLL document as running text, as a reader would see it: one paragraph per sentence,
/// no space before closing punctuation or a possessive. Returns the text and each token's
/// (start, end) in code points.
pub fn detokenise(doc: &[Sent]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut at = Vec::new();
    let mut chars = 0;
    for (k, s) in doc.iter().enumerate() {
        if k > 0 {
            text.push_str("\n\n");
            chars += 2;
        }
        let mut glue = true;
        for w in &s.words {
            let closing = matches!(w.as_str(), "," | "." | ":" | ";" | "?" | "!" | ")" | "%" | "'s" | "'S" | "n't" | "'");
            if !glue && !closing {
                text.push(' ');
                chars += 1;
            }
            let n = w.chars().count();
            at.push((chars, chars + n));
            text.push_str(w);
            chars += n;
            glue = matches!(w.as_str(), "(" | "$");
        }
    }
    (text, at)
}

/// Predicted spans in code points → spans in the document's token indices; a span whose ends
/// are not token ends can match nothing.
fn to_tokens(at: &[(usize, usize)], pred: &[(usize, usize, Type)]) -> Vec<(usize, usize, Type)> {
    pred.iter()
        .map(|&(s, e, t)| {
            let a = at.iter().position(|x| x.0 == s);
            let b = at.iter().position(|x| x.1 == e);
            match (a, b) {
                (Some(a), Some(b)) if b >= a => (a, b + 1, t),
                _ => (usize::MAX - 1, usize::MAX, t),
            }
        })
        .collect()
}

/// Gold spans of a document in document token indices.
fn doc_gold(doc: &[Sent]) -> Vec<(usize, usize, Type)> {
    let mut out = Vec::new();
    let mut base = 0;
    for s in doc {
        out.extend(s.gold.iter().map(|&(a, b, t)| (base + a, base + b, t)));
        base += s.words.len();
    }
    out
}

const SCORE_USAGE: &str = "score-entities CORPUS_DIR [--split dev|train] [--write-text DIR] [--peer NAME=FILE]...";

/// `annotate score-entities`: the whole analysis (what the app shows) on CoNLL-2003 text made
/// running again, scored like `train-entities`; and other systems' predictions on the same
/// text (`--peer NAME=FILE`, JSON lines `{"doc": i, "spans": [[start, end, "PER"], …]}` in code
/// points; `tools/ner-peers/run.sh` makes them).
pub fn cmd_score_entities(args: &[String]) -> Result<(), String> {
    let mut dir = None;
    let mut split = "dev".to_string();
    let mut write = None;
    let mut peers = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || it.next().cloned().ok_or(format!("{a} needs a value\nusage: annotate {SCORE_USAGE}"));
        match a.as_str() {
            "--split" => split = val()?,
            "--write-text" => write = Some(val()?),
            "--peer" => peers.push(val()?),
            s if !s.starts_with('-') && dir.is_none() => dir = Some(s.to_string()),
            s => return Err(format!("unknown argument {s}\nusage: annotate {SCORE_USAGE}")),
        }
    }
    let dir = dir.ok_or(format!("usage: annotate {SCORE_USAGE}"))?;
    let path = Path::new(&dir).join(format!("{split}.txt"));
    if !Path::new(&dir).is_dir() {
        return Err(format!("{dir}: no such folder; score-entities needs the CoNLL-2003 corpus folder (../shared/corpora/conll2003)"));
    }
    let docs = read_conll(&path)?;
    let texts: Vec<(String, Vec<(usize, usize)>)> = docs.iter().map(|d| detokenise(d)).collect();
    if let Some(w) = &write {
        std::fs::create_dir_all(w).map_err(|e| format!("{w}: {e}"))?;
        for (i, (t, _)) in texts.iter().enumerate() {
            let f = Path::new(w).join(format!("{i:04}.txt"));
            std::fs::write(&f, t).map_err(|e| format!("{}: {e}", f.display()))?;
        }
        println!("wrote {} documents to {w}", texts.len());
    }
    let mut systems: Vec<(String, Counts)> = Vec::new();
    let mut ours = Counts::default();
    for (d, (t, at)) in docs.iter().zip(&texts) {
        let a = annotator_core::analyze(t);
        let pred: Vec<(usize, usize, Type)> = a
            .entities
            .iter()
            .filter_map(|e| {
                let t = match e.kind {
                    annotator_core::EntityKind::Person => Type::Per,
                    annotator_core::EntityKind::Organization => Type::Org,
                    annotator_core::EntityKind::Place => Type::Loc,
                    annotator_core::EntityKind::Group => Type::Misc,
                };
                Some((e.start, e.end, t))
            })
            .collect();
        ours.add(&doc_gold(d), &to_tokens(at, &pred));
    }
    systems.push(("annotator".into(), ours));
    for p in &peers {
        let (name, file) = p.split_once('=').ok_or(format!("--peer {p}: expected NAME=FILE"))?;
        let body = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
        let mut by_doc: BTreeMap<usize, Vec<(usize, usize, Type)>> = BTreeMap::new();
        for (ln, line) in body.lines().enumerate().filter(|l| !l.1.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("{file}:{}: {e}", ln + 1))?;
            let doc = v["doc"].as_u64().ok_or(format!("{file}:{}: no doc", ln + 1))? as usize;
            for s in v["spans"].as_array().into_iter().flatten() {
                let (Some(a), Some(b), Some(t)) = (s[0].as_u64(), s[1].as_u64(), s[2].as_str().and_then(Type::parse)) else {
                    return Err(format!("{file}:{}: bad span {s}", ln + 1));
                };
                by_doc.entry(doc).or_default().push((a as usize, b as usize, t));
            }
        }
        let mut c = Counts::default();
        for (i, (d, (_, at))) in docs.iter().zip(&texts).enumerate() {
            let pred = by_doc.remove(&i).unwrap_or_default();
            c.add(&doc_gold(d), &to_tokens(at, &pred));
        }
        systems.push((name.to_string(), c));
    }
    println!("CoNLL-2003 {split} ({} documents) as running text, the whole analysis; exact span and type, micro over PER/ORG/LOC", docs.len());
    for (name, c) in &systems {
        println!("\n== {name}\n{}", c.table());
    }
    if systems.len() > 1 {
        let ours = systems[0].1.micro().2;
        println!("summary (F1)");
        for (name, c) in &systems {
            let f = c.micro().2;
            let per: Vec<String> = c.by_type.iter().map(|(t, &(tp, np, ng))| format!("{t} {:.4}", prf(tp, np, ng).2)).collect();
            println!("  {name:<14} {f:.4}  ({})  margin of the annotator {:+.4}", per.join(", "), ours - f);
        }
    }
    Ok(())
}
