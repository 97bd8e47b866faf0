//! `annotate train-clusters CORPORA_DIR --gold DIR --out FILE`: word clusters from unlabelled
//! real text for the entity model's features ([`annotator_core::ner::clusters`]).
//!
//! Brown et al.'s (1992) objective, the likelihood of a class bigram model, optimised in two
//! steps because Brown's own greedy merging from one class per word costs O(V·C²) and more here:
//! 1. the exchange algorithm (Kneser & Ney 1993; Martin, Liermann & Ney 1998): each word of
//!    the vocabulary in turn moves to the class that raises the likelihood most, until few move;
//! 2. Brown's merging over those classes only: the pair whose merge loses the least likelihood
//!    is merged until one is left, which gives each class a path in a binary tree (merge
//!    losses cached and updated per merge, O(C²) each).
//!
//! Words seen fewer than `--min-count` times share one fixed class (not shipped), as does the
//! sentence boundary. Words are their lower case (keyed by `features::lower_hash`). Every step
//! is in a fixed order, integer counts throughout: the same text gives the same bytes.
//!
//! Text: CoNLL-2003 `train.txt` (never `dev.txt`: model selection), PolNeAR's article texts,
//! the article-extraction benchmark's ground-truth bodies and the project's gold articles but
//! the blind `held-*` ones. Written: only hashes → leaves and paths ([`Clusters`]).

use std::path::Path;

use annotator_core::lexicon::FnvMap;
use annotator_core::ner::clusters::{Clusters, MAX_DEPTH};
use annotator_core::ner::features::lower_hash;
use annotator_core::ner::tokens;
use annotator_core::structure;

const USAGE: &str =
    "train-clusters CORPORA_DIR --gold DIR --out FILE [--leaves N] [--min-count N] [--ship-count N] [--iterations N]";

const MAGIC: &[u8; 4] = b"NERC";
const FORMAT: u8 = 1;

/// Read a clusters file written by `train-clusters --out`.
pub fn read(path: &Path) -> Result<Clusters, String> {
    let b = std::fs::read(path).map_err(|e| format!("{}: cannot read ({e}); make it with annotate train-clusters", path.display()))?;
    if b.len() < 5 || &b[..4] != MAGIC || b[4] != FORMAT {
        return Err(format!("{}: not a clusters file (format {FORMAT})", path.display()));
    }
    let mut at = 5;
    let c = Clusters::decode(&b, &mut at).map_err(|e| format!("{}: {e}", path.display()))?;
    if at != b.len() {
        return Err(format!("{}: trailing bytes", path.display()));
    }
    Ok(c)
}

/// The sentences of a text as the model tokenises them, each word as its lower-case hash.
fn text_sentences(raw: &str, out: &mut Vec<Vec<u64>>) {
    let text = structure::normalize(raw);
    let blocks = structure::blocks(&text);
    let mut toks = Vec::new();
    for s in structure::sentences(&text, &blocks) {
        toks.clear();
        tokens::tokenize(&text, s.start, s.end, &mut toks);
        if !toks.is_empty() {
            out.push(toks.iter().map(|t| lower_hash(t.word(&text))).collect());
        }
    }
}

fn sorted_files(dir: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<std::path::PathBuf>, String> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read ({e}); train-clusters needs it (../shared/corpora/README.md)", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(&keep))
        .collect();
    v.sort();
    Ok(v)
}

/// Sentences of words as their lower-case hashes.
type Sentences = Vec<Vec<u64>>;
/// Per source: its name, sentences and tokens.
type Sources = Vec<(&'static str, usize, usize)>;

/// Every sentence of the unlabelled text, with how many came from each source.
fn corpus(dir: &Path, gold: &Path) -> Result<(Sentences, Sources), String> {
    let mut sents = Vec::new();
    let mut sources = Vec::new();
    let mut note = |name, sents: &Vec<Vec<u64>>, from: usize| {
        let toks: usize = sents[from..].iter().map(Vec::len).sum();
        sources.push((name, sents.len() - from, toks));
    };
    // CoNLL-2003 train.txt: its tokens as they are.
    let from = sents.len();
    for doc in super::train_entities::read_conll(&dir.join("conll2003/train.txt"))? {
        sents.extend(doc.iter().map(|s| s.words.iter().map(|w| lower_hash(w)).collect::<Vec<_>>()));
    }
    note("CoNLL-2003 train.txt", &sents, from);
    // PolNeAR's article texts.
    let from = sents.len();
    for p in sorted_files(&dir.join("polnear/data/train/text"), |n| n.ends_with(".txt"))? {
        text_sentences(&std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?, &mut sents);
    }
    note("PolNeAR texts", &sents, from);
    // The article-extraction benchmark's bodies, by page id.
    let gt = dir.join("article-extraction/ground-truth.json");
    let body = std::fs::read_to_string(&gt).map_err(|e| format!("{}: cannot read ({e})", gt.display()))?;
    let v: serde_json::Value = serde_json::from_str(&body).map_err(|e| format!("{}: {e}", gt.display()))?;
    let pages = v.as_object().ok_or(format!("{}: not an object", gt.display()))?;
    let mut ids: Vec<&String> = pages.keys().collect();
    ids.sort();
    let from = sents.len();
    for id in ids {
        if let Some(t) = pages[id]["articleBody"].as_str() {
            text_sentences(t, &mut sents);
        }
    }
    note("article-extraction bodies", &sents, from);
    // The project's gold articles but the blind ones.
    let from = sents.len();
    for p in sorted_files(gold, |n| n.ends_with(".txt") && !n.starts_with("held-"))? {
        text_sentences(&std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?, &mut sents);
    }
    note("gold articles (held-* left out)", &sents, from);
    Ok((sents, sources))
}

/// The class bigram counts and their margins, over `k` classes.
struct Counts {
    k: usize,
    m: Vec<i64>,
    left: Vec<i64>,
    right: Vec<i64>,
}

impl Counts {
    #[inline]
    fn at(&self, g: usize, h: usize) -> i64 {
        self.m[g * self.k + h]
    }
}

/// `x ln x` for every count up to the number of bigrams.
struct XLogX(Vec<f64>);
impl XLogX {
    #[inline]
    fn f(&self, x: i64) -> f64 {
        self.0[x as usize]
    }
}

/// A word's bigram counts by the class of the other word.
struct Around {
    right: Vec<i64>,
    left: Vec<i64>,
    touched_r: Vec<usize>,
    touched_l: Vec<usize>,
    own: i64,
    out: i64,
    inn: i64,
}

/// The word bigrams: each word's followers and predecessors with their counts; words
/// `0..movable` may change class.
struct Bigrams {
    succ: Vec<Vec<(u32, u32)>>,
    pred: Vec<Vec<(u32, u32)>>,
    movable: usize,
}

fn exchange(g: &Bigrams, cls: &mut [usize], c: &mut Counts, fx: &XLogX, leaves: usize, iterations: usize) {
    let (succ, pred, movable) = (&g.succ, &g.pred, g.movable);
    let k = c.k;
    let mut a = Around { right: vec![0; k], left: vec![0; k], touched_r: Vec::new(), touched_l: Vec::new(), own: 0, out: 0, inn: 0 };
    for it in 1..=iterations {
        let mut moved = 0;
        for w in 0..movable {
            let from = cls[w];
            a.touched_r.clear();
            a.touched_l.clear();
            a.own = 0;
            a.out = 0;
            a.inn = 0;
            for &(v, n) in &succ[w] {
                let n = i64::from(n);
                a.out += n;
                if v as usize == w {
                    a.own += n;
                    continue;
                }
                let h = cls[v as usize];
                if a.right[h] == 0 {
                    a.touched_r.push(h);
                }
                a.right[h] += n;
            }
            for &(u, n) in &pred[w] {
                let n = i64::from(n);
                a.inn += n;
                if u as usize == w {
                    continue;
                }
                let g = cls[u as usize];
                if a.left[g] == 0 {
                    a.touched_l.push(g);
                }
                a.left[g] += n;
            }
            shift(c, &a, from, -1);
            let gain = |b: usize| -> f64 {
                let mut d = 0.0;
                for &h in &a.touched_r {
                    let m = c.at(b, h);
                    d += fx.f(m + a.right[h]) - fx.f(m);
                }
                for &g in &a.touched_l {
                    let m = c.at(g, b);
                    d += fx.f(m + a.left[g]) - fx.f(m);
                }
                let m = c.at(b, b);
                let (x, y) = (a.right[b], a.left[b]);
                d += fx.f(m + x + y + a.own) - fx.f(m + x) - fx.f(m + y) + fx.f(m);
                d - (fx.f(c.left[b] + a.out) - fx.f(c.left[b])) - (fx.f(c.right[b] + a.inn) - fx.f(c.right[b]))
            };
            let mut best = (gain(from), from);
            for b in 0..leaves {
                if b != from {
                    let g = gain(b);
                    if g > best.0 {
                        best = (g, b);
                    }
                }
            }
            shift(c, &a, best.1, 1);
            if best.1 != from {
                moved += 1;
                cls[w] = best.1;
            }
            for &h in &a.touched_r {
                a.right[h] = 0;
            }
            for &g in &a.touched_l {
                a.left[g] = 0;
            }
        }
        let obj = objective(c, fx);
        println!("exchange pass {it:>2}: {moved:>6} words moved, log-likelihood term {obj:.1}");
        if moved * 1000 < movable {
            break;
        }
    }
}

/// Add (`sign` 1) or take (`sign` -1) a word's counts `a` to class `b`.
fn shift(c: &mut Counts, a: &Around, b: usize, sign: i64) {
    let k = c.k;
    for &h in &a.touched_r {
        c.m[b * k + h] += sign * a.right[h];
    }
    for &g in &a.touched_l {
        c.m[g * k + b] += sign * a.left[g];
    }
    c.m[b * k + b] += sign * a.own;
    c.left[b] += sign * a.out;
    c.right[b] += sign * a.inn;
}

fn objective(c: &Counts, fx: &XLogX) -> f64 {
    let cells: f64 = c.m.iter().map(|&x| fx.f(x)).sum();
    let margins: f64 = c.left.iter().chain(&c.right).map(|&x| fx.f(x)).sum();
    cells - margins
}

/// Brown's merging over classes `0..leaves` (the fixed classes after them stay apart): each
/// leaf's path in the merge tree.
fn merge_tree(c: &mut Counts, fx: &XLogX, leaves: usize) -> Vec<u32> {
    let k = c.k;
    let row = |c: &Counts, x: usize, y: usize, h: usize| fx.f(c.at(x, h) + c.at(y, h)) - fx.f(c.at(x, h)) - fx.f(c.at(y, h));
    let col = |c: &Counts, x: usize, y: usize, g: usize| fx.f(c.at(g, x) + c.at(g, y)) - fx.f(c.at(g, x)) - fx.f(c.at(g, y));
    let mut active: Vec<bool> = (0..k).map(|_| true).collect();
    let full = |c: &Counts, active: &[bool], x: usize, y: usize| -> f64 {
        let mut d = 0.0;
        for h in (0..k).filter(|&h| active[h] && h != x && h != y) {
            d += row(c, x, y, h) + col(c, x, y, h);
        }
        let (xx, xy, yx, yy) = (c.at(x, x), c.at(x, y), c.at(y, x), c.at(y, y));
        d += fx.f(xx + xy + yx + yy) - fx.f(xx) - fx.f(xy) - fx.f(yx) - fx.f(yy);
        d - (fx.f(c.left[x] + c.left[y]) - fx.f(c.left[x]) - fx.f(c.left[y]))
            - (fx.f(c.right[x] + c.right[y]) - fx.f(c.right[x]) - fx.f(c.right[y]))
    };
    // gain[x * leaves + y], x < y: the change of the objective if x and y merged.
    let mut gain = vec![0f64; leaves * leaves];
    for x in 0..leaves {
        for y in x + 1..leaves {
            gain[x * leaves + y] = full(c, &active, x, y);
        }
    }
    // Tree nodes: leaves first, then each merge's node; children per merge node.
    let mut node: Vec<usize> = (0..leaves).collect();
    let mut children: Vec<(usize, usize)> = Vec::new();
    for _ in 1..leaves {
        let mut best = (f64::NEG_INFINITY, 0, 0);
        for x in (0..leaves).filter(|&x| active[x]) {
            for y in (x + 1..leaves).filter(|&y| active[y]) {
                if gain[x * leaves + y] > best.0 {
                    best = (gain[x * leaves + y], x, y);
                }
            }
        }
        let (_, a, b) = best;
        // Pairs apart from a and b: their terms over a and b become one over the merged class.
        for x in (0..leaves).filter(|&x| active[x] && x != a && x != b) {
            for y in (x + 1..leaves).filter(|&y| active[y] && y != a && y != b) {
                gain[x * leaves + y] -= row(c, x, y, a) + row(c, x, y, b) + col(c, x, y, a) + col(c, x, y, b);
            }
        }
        for h in 0..k {
            c.m[a * k + h] += c.m[b * k + h];
            c.m[b * k + h] = 0;
        }
        for g in 0..k {
            c.m[g * k + a] += c.m[g * k + b];
            c.m[g * k + b] = 0;
        }
        c.left[a] += c.left[b];
        c.right[a] += c.right[b];
        c.left[b] = 0;
        c.right[b] = 0;
        active[b] = false;
        for x in (0..leaves).filter(|&x| active[x] && x != a) {
            for y in (x + 1..leaves).filter(|&y| active[y] && y != a) {
                gain[x * leaves + y] += row(c, x, y, a) + col(c, x, y, a);
            }
        }
        for x in (0..leaves).filter(|&x| active[x] && x != a) {
            let (p, q) = if x < a { (x, a) } else { (a, x) };
            gain[p * leaves + q] = full(c, &active, p, q);
        }
        children.push((node[a], node[b]));
        node[a] = leaves + children.len() - 1;
    }
    // Paths from the root (the last merge), the first child 0 and the second 1.
    let mut paths = vec![0u32; leaves];
    let mut stack = vec![(leaves + children.len() - 1, 1u32)];
    if children.is_empty() {
        stack = vec![(0, 1)];
    }
    while let Some((n, p)) = stack.pop() {
        if n < leaves {
            paths[n] = p;
            continue;
        }
        let (l, r) = children[n - leaves];
        let deep = annotator_core::ner::clusters::depth(p) >= MAX_DEPTH;
        stack.push((l, if deep { p } else { p << 1 }));
        stack.push((r, if deep { p } else { p << 1 | 1 }));
    }
    paths
}

pub fn cmd_train_clusters(args: &[String]) -> Result<(), String> {
    let (mut dir, mut gold, mut out) = (None, None, None);
    let (mut leaves, mut min_count, mut ship_count, mut iterations) = (256usize, 2u32, 3u32, 15usize);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value\nusage: annotate {USAGE}"));
        let num = |s: String, name: &str| s.parse::<usize>().map_err(|_| format!("{name}: not a number"));
        match a.as_str() {
            "--gold" => gold = Some(val("--gold")?),
            "--out" => out = Some(val("--out")?),
            "--leaves" => leaves = num(val("--leaves")?, "--leaves")?,
            "--min-count" => min_count = num(val("--min-count")?, "--min-count")? as u32,
            "--ship-count" => ship_count = num(val("--ship-count")?, "--ship-count")? as u32,
            "--iterations" => iterations = num(val("--iterations")?, "--iterations")?,
            s if !s.starts_with('-') && dir.is_none() => dir = Some(s.to_string()),
            s => return Err(format!("unknown argument {s}\nusage: annotate {USAGE}")),
        }
    }
    let (Some(dir), Some(gold), Some(out)) = (dir, gold, out) else {
        return Err(format!("usage: annotate {USAGE}"));
    };
    if !(2..=4096).contains(&leaves) || min_count < 1 || ship_count < min_count {
        return Err("--leaves 2..4096, --min-count ≥ 1, --ship-count ≥ --min-count".into());
    }
    let (sents, sources) = corpus(Path::new(&dir), Path::new(&gold))?;
    for (name, n, toks) in &sources {
        println!("{name:<34} {n:>7} sentences {toks:>9} tokens");
    }
    // Vocabulary by count, ties by hash: ids 0.. for the words kept, then the rare class's
    // word, then the boundary's.
    let mut count: FnvMap<u64, u32> = FnvMap::default();
    for s in &sents {
        for &h in s {
            *count.entry(h).or_default() += 1;
        }
    }
    let mut vocab: Vec<(u64, u32)> = count.iter().map(|(&h, &n)| (h, n)).filter(|x| x.1 >= min_count).collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let movable = vocab.len();
    let (rare, bound) = (movable as u32, movable as u32 + 1);
    let id: FnvMap<u64, u32> = vocab.iter().enumerate().map(|(i, &(h, _))| (h, i as u32)).collect();
    println!("{} distinct words, {movable} seen at least {min_count} times", count.len());
    let mut bigrams: FnvMap<(u32, u32), u32> = FnvMap::default();
    let mut total = 0usize;
    for s in &sents {
        let mut prev = bound;
        for &h in s.iter() {
            let w = id.get(&h).copied().unwrap_or(rare);
            *bigrams.entry((prev, w)).or_default() += 1;
            prev = w;
        }
        *bigrams.entry((prev, bound)).or_default() += 1;
        total += s.len() + 1;
    }
    let mut pairs: Vec<((u32, u32), u32)> = bigrams.into_iter().collect();
    pairs.sort_unstable();
    let np = movable + 2;
    let mut succ = vec![Vec::new(); np];
    let mut pred = vec![Vec::new(); np];
    for &((u, v), n) in &pairs {
        succ[u as usize].push((v, n));
        pred[v as usize].push((u, n));
    }
    let k = leaves + 2;
    let mut cls: Vec<usize> = (0..np).map(|w| if w < movable { w % leaves } else { leaves + (w - movable) }).collect();
    let mut c = Counts { k, m: vec![0; k * k], left: vec![0; k], right: vec![0; k] };
    for &((u, v), n) in &pairs {
        let (g, h) = (cls[u as usize], cls[v as usize]);
        c.m[g * k + h] += i64::from(n);
        c.left[g] += i64::from(n);
        c.right[h] += i64::from(n);
    }
    let fx = XLogX((0..=total).map(|x| if x == 0 { 0.0 } else { x as f64 * (x as f64).ln() }).collect());
    println!("{} bigrams ({} distinct), {leaves} classes", total, pairs.len());
    let graph = Bigrams { succ, pred, movable };
    exchange(&graph, &mut cls, &mut c, &fx, leaves, iterations);
    let paths = merge_tree(&mut c, &fx, leaves);
    // Leaves numbered in path order; words kept from the most frequent down.
    let mut order: Vec<usize> = (0..leaves).collect();
    order.sort_by_key(|&l| {
        let p = paths[l];
        let d = annotator_core::ner::clusters::depth(p);
        (u64::from(p) << (MAX_DEPTH - d), d)
    });
    let mut number = vec![0u32; leaves];
    for (i, &l) in order.iter().enumerate() {
        number[l] = i as u32;
    }
    let shipped: Vec<(u32, u32)> = vocab
        .iter()
        .enumerate()
        .filter(|(_, x)| x.1 >= ship_count)
        .map(|(w, x)| (annotator_core::ner::clusters::key(x.0), number[cls[w]]))
        .collect();
    let clusters = Clusters::new(order.iter().map(|&l| paths[l]).collect(), shipped.iter().copied())?;
    let mut bytes = MAGIC.to_vec();
    bytes.push(FORMAT);
    clusters.encode(&mut bytes);
    let depths: Vec<u32> = paths.iter().map(|&p| annotator_core::ner::clusters::depth(p)).collect();
    println!(
        "tree depth {}..{}; shipped {} words (seen at least {ship_count} times; {} keys shared by two words, the more frequent kept): {} bytes, {} gzipped",
        depths.iter().min().unwrap_or(&0),
        depths.iter().max().unwrap_or(&0),
        clusters.len(),
        shipped.len() - clusters.len(),
        bytes.len(),
        crate::train_entities::gzip_len(&bytes)
    );
    std::fs::write(&out, &bytes).map_err(|e| format!("{out}: cannot write: {e}"))?;
    println!("wrote {out}");
    Ok(())
}
