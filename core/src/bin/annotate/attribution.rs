//! `annotate train-attribution DIR` and `score-attribution DIR`: the attribution models
//! ([`annotator_core::attribution`]) fitted to and scored on PolNeAR ([`super::polnear`]).
//!
//! Training is deterministic full-batch gradient descent from zero weights (L2-regularised):
//! first the cue share of each word (how often, outside quotation marks, it is part of an
//! annotated cue), then the sentence model (logistic regression) and the source ranker (a
//! softmax over each sentence's candidates). The held-out fifth is only scored.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use annotator_core::attribution::features::{self, CandidateKind, NC, NS};
use annotator_core::attribution::{self, ArticleTrace, Model};

use super::polnear::{self, Article};

/// A word counts as a cue when it was part of an annotated cue this often outside quotes…
const MIN_CUE_COUNT: u32 = 3;
/// …and seen at least this often.
const MIN_WORD_COUNT: u32 = 5;
/// Words of the sentence model: found in at least this many training articles.
const MIN_ARTICLES: usize = 5;
const ITERATIONS: usize = 800;
const LEARNING_RATE: f64 = 1.0;
const LAMBDA: f64 = 1e-4;
/// The dense weights' step (AdaGrad: each feature's step shrinks with its own gradients, so a
/// feature that fires in a few hundred of 25,000 sentences is fitted as fully as a common one;
/// plain gradient descent left those at a fraction of their weight after 800 rounds).
const ADAGRAD_RATE: f64 = 0.3;
const WORD_LAMBDA: f64 = 1e-3;
/// Words whose weight is smaller than this (and that are no cue) are not shipped.
const MIN_WEIGHT: f64 = 0.02;

fn usage() -> String {
    "usage: annotate train-attribution DIR [--write FILE (core/data/attribution.bin) | --dev]\n       annotate score-attribution DIR [-v] [--train] [--weights FILE]\n\
     DIR: the PolNeAR corpus (../shared/corpora/polnear)"
        .to_owned()
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

pub fn cmd_train(args: &[String]) -> Result<(), String> {
    let mut dir = None;
    let mut write: Option<PathBuf> = None;
    let mut dev = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--write" => write = Some(PathBuf::from(it.next().ok_or("--write needs a FILE")?)),
            "--dev" => dev = true,
            _ if dir.is_none() => dir = Some(PathBuf::from(a)),
            _ => return Err(usage()),
        }
    }
    let dir = dir.ok_or_else(usage)?;
    let arts = polnear::load(&dir)?;
    if dev && write.is_some() {
        return Err("--dev fits on part of the training articles only: it writes no weights".to_owned());
    }
    // `--dev`: fit on four fifths of the training part and score the fifth left (the held-out
    // part is neither fitted nor scored).
    let (train, held): (Vec<&Article>, Vec<&Article>) = if dev {
        arts.iter()
            .filter(|a| !polnear::held_out(&a.name))
            .partition(|a| !polnear::development(&a.name))
    } else {
        arts.iter().partition(|a| !polnear::held_out(&a.name))
    };
    eprintln!("PolNeAR: {} articles, {} for training, {} {}", arts.len(), train.len(), held.len(), if dev { "for development" } else { "held out" });

    // 1. Cue shares.
    let empty = Model::new([0.0; NS], [0.0; NC], &[]);
    let mut counts: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for a in &train {
        let t = attribution::trace(&empty, &a.text);
        for st in t.sentences.iter().filter(|s| s.content) {
            for (w, x, y) in &st.words {
                let c = counts.entry(w.clone()).or_default();
                c.0 += 1;
                if a.attrs.iter().any(|at| polnear::overlap(&t.text, &at.cue, *x, *y) > 0) {
                    c.1 += 1;
                }
            }
        }
    }
    // A form seen too rarely for a share of its own takes its stem's ("heralded" as
    // "herald", "heralds", "heralding" are cues together).
    let mut stems: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for (w, &(n, c)) in &counts {
        let s = stems.entry(stem(w)).or_default();
        s.0 += n;
        s.1 += c;
    }
    let cues: BTreeMap<String, f32> = counts
        .iter()
        .filter_map(|(w, &(n, c))| {
            let (n, c) = if n >= MIN_WORD_COUNT { (n, c) } else { stems[&stem(w)] };
            (n >= MIN_WORD_COUNT && c >= MIN_CUE_COUNT).then(|| (w.clone(), c as f32 / n as f32))
        })
        .collect();
    eprintln!("cue words: {}", cues.len());
    let cue_list: Vec<(&'static str, f32, f32)> =
        cues.iter().map(|(w, &r)| (leak(w), 0.0, r)).collect();
    let cue_model = Model::new([0.0; NS], [0.0; NC], &cue_list);

    // 2. Traces under the cue shares: the features of both models.
    let traces: Vec<ArticleTrace> = train.iter().map(|a| attribution::trace(&cue_model, &a.text)).collect();
    let mut df: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (k, t) in traces.iter().enumerate() {
        for st in t.sentences.iter().filter(|s| s.content) {
            for (w, _, _) in &st.words {
                df.entry(w.as_str()).or_default().insert(k);
            }
        }
    }
    // Stems weigh too ("~herald"): a form's weight is its own (when it is common enough to
    // have one) plus its stem's, so a rare form of a common frame verb is not weightless.
    let mut stem_df: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (w, a) in &df {
        stem_df.entry(format!("~{}", stem(w))).or_default().extend(a.iter().copied());
    }
    let vocab: Vec<&str> = df
        .iter()
        .filter(|(_, a)| a.len() >= MIN_ARTICLES)
        .map(|(w, _)| *w)
        .chain(stem_df.iter().filter(|(_, a)| a.len() >= MIN_ARTICLES).map(|(w, _)| w.as_str()))
        .collect();
    let index: BTreeMap<&str, usize> = vocab.iter().enumerate().map(|(i, w)| (*w, i)).collect();
    let ids_of = |w: &str| {
        let s = format!("~{}", stem(w));
        [index.get(w).copied(), index.get(s.as_str()).copied()]
    };
    let mut sx: Vec<([f64; NS], Vec<usize>, f64)> = Vec::new();
    let mut rx: Vec<(Vec<[f64; NC]>, usize)> = Vec::new();
    for (a, t) in train.iter().zip(&traces) {
        for st in t.sentences.iter().filter(|s| s.content) {
            let gold = polnear::sentence_attr(&t.text, &a.attrs, st.start, st.end);
            let ids = st.words.iter().flat_map(|(w, _, _)| ids_of(w)).flatten().collect();
            sx.push((st.x.map(f64::from), ids, if gold.is_some() { 1.0 } else { 0.0 }));
            let Some(g) = gold.filter(|g| !g.source.is_empty()) else { continue };
            let inside = polnear::overlap(&t.text, &g.source, st.start, st.end) > 0;
            // Inside: the candidate that is the source's head (its name), else the first
            // candidate inside the source ("Peter Hoekstra, a Michigan Republican who led the
            // House Intelligence Committee": Hoekstra, not the committee).
            let target = if inside {
                let src: String = g.source.iter().map(|&(p, q)| &t.text[p..q]).collect::<Vec<_>>().join(" ");
                let head = polnear::name_words(&t.text, &src);
                let within: Vec<usize> = (0..st.candidates.len())
                    .filter(|&k| {
                        let c = &st.candidates[k];
                        c.kind != CandidateKind::Outside
                            && polnear::overlap(&t.text, &g.source, c.start, c.end) > 0
                    })
                    .collect();
                within
                    .iter()
                    .copied()
                    .find(|&k| {
                        let c = &st.candidates[k];
                        polnear::predicted_words(&t.text[c.start..c.end]).iter().any(|w| head.contains(w))
                    })
                    .or(within.iter().copied().min_by_key(|&k| st.candidates[k].start))
            } else {
                st.candidates.iter().position(|c| c.kind == CandidateKind::Outside)
            };
            if let Some(k) = target {
                rx.push((st.candidates.iter().map(|c| c.x.map(f64::from)).collect(), k));
            }
        }
    }
    eprintln!("sentence samples: {} ({} words), source samples: {}", sx.len(), vocab.len(), rx.len());
    let (dense, words) = fit_sentences(&sx, vocab.len());
    let source = fit_sources(&rx);

    // 3. The shipped list: weighed words and cues.
    let mut list: BTreeMap<String, (f32, f32)> = BTreeMap::new();
    for w in df.keys() {
        let weight: f64 = ids_of(w).iter().flatten().map(|&i| words[i]).sum();
        if weight.abs() >= MIN_WEIGHT {
            list.insert((*w).to_owned(), (weight as f32, 0.0));
        }
    }
    for (w, r) in &cues {
        list.entry(w.clone()).or_default().1 = *r;
    }
    let sentence: [f32; NS] = dense.map(|v| round(v as f32));
    if std::env::var_os("ATTRIB_WEIGHTS").is_some() {
        for (name, w) in features::SENTENCE_FEATURES.iter().zip(&dense) {
            eprintln!("  sentence  {w:+8.3}  {name}");
        }
        for (name, w) in features::SOURCE_FEATURES.iter().zip(&source) {
            eprintln!("  source    {w:+8.3}  {name}");
        }
    }
    let source: [f32; NC] = source.map(|v| round(v as f32));
    let shipped: Vec<(&'static str, f32, f32)> = list
        .iter()
        .map(|(w, &(a, b))| (leak(w), round(a), round(b)))
        .collect();
    let model = Model::new(sentence, source, &shipped);
    let bytes = attribution::encode(&sentence, &source, &shipped);
    if let Some(path) = write {
        std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("wrote {} ({} words)", path.display(), shipped.len());
    }
    // The whole analysis (claims, below) runs under the model just fitted, not the one compiled
    // in: after a change of features the compiled-in file no longer fits this build.
    attribution::install(&bytes)?;
    say!("training part ({} articles, fit):", train.len());
    evaluate(&model, &train, false);
    say!("{} part ({} articles):", if dev { "development" } else { "held-out" }, held.len());
    evaluate(&model, &held, false);
    Ok(())
}

/// A crude English stem: "-ing", "-ed", "-es", "-s" and a final "e" cut ("heralded",
/// "heralds", "heralding" → "herald"; "argues", "argued", "argue" → "argu"). `train --tokens
/// stems` reads stance words through it too.
pub(crate) fn stem(w: &str) -> String {
    let mut s = w;
    for (suffix, min) in [("ing", 6), ("ed", 5), ("es", 5), ("s", 4)] {
        if s.len() >= min && s.ends_with(suffix) && !s.ends_with("ss") {
            s = &s[..s.len() - suffix.len()];
            break;
        }
    }
    s.strip_suffix('e').filter(|t| t.len() >= 3).unwrap_or(s).to_owned()
}

fn round(v: f32) -> f32 {
    (v * 10000.0).round() / 10000.0
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn fit_sentences(s: &[([f64; NS], Vec<usize>, f64)], nw: usize) -> ([f64; NS], Vec<f64>) {
    let mut w = [0.0f64; NS];
    let mut gs = [0.0f64; NS];
    let mut u = vec![0.0f64; nw];
    let n = s.len().max(1) as f64;
    for _ in 0..ITERATIONS {
        let mut gw = [0.0f64; NS];
        let mut gu = vec![0.0f64; nw];
        for (x, ids, y) in s {
            let z: f64 = x.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>()
                + ids.iter().map(|&i| u[i]).sum::<f64>();
            let d = sigmoid(z) - y;
            for j in 0..NS {
                gw[j] += d * x[j];
            }
            for &i in ids {
                gu[i] += d;
            }
        }
        for j in 0..NS {
            let reg = if j == 0 { 0.0 } else { LAMBDA * w[j] };
            let g = gw[j] / n + reg;
            gs[j] += g * g;
            w[j] -= ADAGRAD_RATE * g / (gs[j].sqrt() + 1e-8);
        }
        for i in 0..nw {
            u[i] -= LEARNING_RATE * (gu[i] / n + WORD_LAMBDA * u[i]) * 5.0;
        }
    }
    (w, u)
}

fn fit_sources(s: &[(Vec<[f64; NC]>, usize)]) -> [f64; NC] {
    let mut w = [0.0f64; NC];
    let mut gs = [0.0f64; NC];
    let n = s.len().max(1) as f64;
    for _ in 0..ITERATIONS {
        let mut g = [0.0f64; NC];
        for (cands, gold) in s {
            let z: Vec<f64> = cands
                .iter()
                .map(|x| x.iter().zip(&w).map(|(a, b)| a * b).sum())
                .collect();
            let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
            let tot: f64 = e.iter().sum();
            for (k, x) in cands.iter().enumerate() {
                let d = e[k] / tot - if k == *gold { 1.0 } else { 0.0 };
                for j in 0..NC {
                    g[j] += d * x[j];
                }
            }
        }
        for j in 0..NC {
            let g = g[j] / n + LAMBDA * w[j];
            gs[j] += g * g;
            w[j] -= ADAGRAD_RATE * g / (gs[j].sqrt() + 1e-8);
        }
    }
    w
}

pub fn cmd_score(args: &[String]) -> Result<(), String> {
    let mut dir = None;
    let mut verbose = false;
    let mut training = false;
    let mut weights: Option<&String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-v" => verbose = true,
            // The training part, to read errors without looking at the held-out part.
            "--train" => training = true,
            // Weights from a file instead of the compiled-in ones: a file just written by
            // train-attribution, scored without rebuilding the binary.
            "--weights" => weights = Some(it.next().ok_or("--weights needs a FILE")?),
            _ if dir.is_none() => dir = Some(PathBuf::from(a)),
            _ => return Err(usage()),
        }
    }
    if let Some(path) = weights {
        let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        attribution::install(&bytes).map_err(|e| format!("{path}: {e}"))?;
    }
    let dir = dir.ok_or_else(usage)?;
    let arts = polnear::load(Path::new(&dir))?;
    let held: Vec<&Article> = arts.iter().filter(|a| polnear::held_out(&a.name) != training).collect();
    let part = if training { "training" } else { "held-out" };
    say!("{part} part of PolNeAR ({} articles), shipped weights:", held.len());
    evaluate(attribution::shipped().ok_or("no attribution weights compiled in")?, &held, verbose);
    Ok(())
}

#[derive(Default)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
    /// Per gold source kind: (sentences, speaker given, speaker right, detected as attributed).
    kinds: BTreeMap<&'static str, (usize, usize, usize, usize)>,
    /// Content sentences, claims attributed / factual, and of those the gold-attributed.
    claims: (usize, usize, usize, usize, usize),
    /// Detected sentences with a gold source whose PolNeAR cue is in the sentence, and of those
    /// the ones whose cue (the strongest cue word) is that cue.
    cues: (usize, usize),
    /// Why a speaker named in the sentence was missed.
    why: BTreeMap<&'static str, usize>,
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
}

fn matches(pred: Option<&String>, gold: &[String]) -> bool {
    pred.is_some_and(|p| polnear::predicted_words(p).iter().any(|w| gold.contains(w)))
}

/// Attributed-sentence P/R/F1 and speaker accuracy over `arts`.
fn evaluate(m: &Model, arts: &[&Article], verbose: bool) {
    let only_named = std::env::var_os("ATTRIB_NAMED").is_some();
    let mut t = Tally::default();
    for a in arts {
        let tr = attribution::trace(m, &a.text);
        // Claims as the analysis marks them (shipped models), against the gold attributions.
        let full = annotator_core::analyze(&a.text);
        if full.sentences.len() == tr.sentences.len() {
            for (st, fs) in tr.sentences.iter().zip(&full.sentences).filter(|(s, _)| s.content) {
                let gold = polnear::sentence_attr(&tr.text, &a.attrs, st.start, st.end).is_some();
                t.claims.0 += 1;
                match fs.claim_kind {
                    Some(annotator_core::ClaimKind::Attributed) => {
                        t.claims.1 += 1;
                        t.claims.3 += usize::from(gold);
                    }
                    Some(annotator_core::ClaimKind::Factual) => {
                        t.claims.2 += 1;
                        t.claims.4 += usize::from(gold);
                    }
                    None => {}
                }
            }
        }
        // Gold sources in text order with their names, for pronouns and descriptions.
        let mut named: Vec<(usize, Vec<String>)> = a
            .attrs
            .iter()
            .filter_map(|x| {
                let first = x.source.iter().map(|s| s.0).min()?;
                let text: String = x.source.iter().map(|&(p, q)| &tr.text[p..q]).collect::<Vec<_>>().join(" ");
                let n = polnear::name_words(&tr.text, &text);
                (!n.is_empty()).then_some((first, n))
            })
            .collect();
        named.sort_by_key(|n| n.0);
        for (k, st) in tr.sentences.iter().enumerate().filter(|(_, s)| s.content) {
            let gold = polnear::sentence_attr(&tr.text, &a.attrs, st.start, st.end);
            let pred = &tr.attributions[k];
            match (gold.is_some(), pred.attributed) {
                (true, true) => t.tp += 1,
                (false, true) => t.fp += 1,
                (true, false) => t.fn_ += 1,
                _ => {}
            }
            let Some(g) = gold.filter(|g| !g.source.is_empty()) else { continue };
            let src: String = g.source.iter().map(|&(p, q)| &tr.text[p..q]).collect::<Vec<_>>().join(" ");
            let first = g.source.iter().map(|s| s.0).min().unwrap_or(0);
            if polnear::first_person(&src) {
                continue;
            }
            let own = polnear::name_words(&tr.text, &src);
            let inside = polnear::overlap(&tr.text, &g.source, st.start, st.end) > 0;
            let (kind, words) = if !own.is_empty() {
                (if inside { "named in the sentence" } else { "named in another sentence" }, own)
            } else {
                let ante = named.iter().rev().find(|n| n.0 < first).map(|n| n.1.clone());
                let Some(ante) = ante else { continue };
                (if inside { "pronoun or description" } else { "pronoun or description elsewhere" }, ante)
            };
            // The sentence's cue against PolNeAR's, where PolNeAR's cue is in the sentence
            // (`ATTRIB_WHY=cue` lists the misses).
            if pred.attributed && polnear::overlap(&tr.text, &g.cue, st.start, st.end) > 0 {
                let right = pred.cue.is_some_and(|(p, q)| polnear::overlap(&tr.text, &g.cue, p, q) > 0);
                t.cues.0 += 1;
                t.cues.1 += usize::from(right);
                if !right && std::env::var_os("ATTRIB_WHY").is_some_and(|w| w == "cue") {
                    let gold: Vec<&str> = g.cue.iter().filter(|c| c.0 >= st.start && c.1 <= st.end).map(|&(p, q)| &tr.text[p..q]).collect();
                    say!(
                        "  [cue] chose {:?} gold {:?} | {}",
                        pred.cue.map(|(p, q)| &tr.text[p..q]),
                        gold,
                        &tr.text[st.start..st.end].chars().take(200).collect::<String>()
                    );
                }
            }
            let e = t.kinds.entry(kind).or_default();
            e.0 += 1;
            e.3 += usize::from(pred.attributed);
            let ok = matches(pred.speaker.as_ref(), &words);
            if pred.speaker.is_some() {
                e.1 += 1;
            }
            if ok {
                e.2 += 1;
            }
            if !ok && kind == "pronoun or description" && std::env::var_os("ATTRIB_PRON").is_some() {
                say!(
                    "  [pron] gold {:?} = {:?} | chose {:?} -> {:?} | {}",
                    src,
                    words.join(" "),
                    pred.source.map(|(p0, p1)| &tr.text[p0..p1]),
                    pred.speaker,
                    &tr.text[st.start..st.end].chars().take(100).collect::<String>()
                );
            }
            if !ok && kind == "named in the sentence" {
                let why = if !pred.attributed {
                    "not detected"
                } else if !st.candidates.iter().any(|c| polnear::overlap(&tr.text, &g.source, c.start, c.end) > 0) {
                    "source not among the candidates"
                } else if pred.source.is_some_and(|(p0, p1)| polnear::overlap(&tr.text, &g.source, p0, p1) > 0) {
                    "right words, resolved wrong"
                } else {
                    "another candidate chosen"
                };
                *t.why.entry(why).or_default() += 1;
                if std::env::var("ATTRIB_WHY").is_ok_and(|w| why.starts_with(&w)) {
                    say!(
                        "  [{why}] p {:.2} cue {:.2} | gold {:?} = {:?} | chose {:?} -> {:?} | {}",
                        pred.probability,
                        st.x[1],
                        src,
                        words.join(" "),
                        pred.source.map(|(p0, p1)| &tr.text[p0..p1]),
                        pred.speaker,
                        &tr.text[st.start..st.end].chars().take(160).collect::<String>()
                    );
                }
            }
            if verbose && !ok && (kind == "named in the sentence") == only_named {
                say!(
                    "  {} | gold {:?} ({kind}) | predicted {:?} | {}",
                    a.name,
                    words.join(" "),
                    pred.speaker,
                    &tr.text[st.start..st.end].chars().take(140).collect::<String>()
                );
            }
        }
    }
    let (p, r, f) = prf(t.tp, t.fp, t.fn_);
    say!(
        "  attributed sentences   P {p:.3} R {r:.3} F1 {f:.3}   (tp {} fp {} fn {})",
        t.tp, t.fp, t.fn_
    );
    let (mut n, mut given, mut right, mut detected) = (0, 0, 0, 0);
    for (k, (a, b, c, d)) in &t.kinds {
        say!(
            "  speaker, source {k:<34} accuracy {:.3} ({c}/{a}), given for {b}, right when given {:.3}",
            *c as f64 / (*a).max(1) as f64,
            *c as f64 / (*b).max(1) as f64
        );
        if k.starts_with("named") {
            n += a;
            given += b;
            right += c;
            detected += d;
        }
    }
    // Pronouns and descriptions are scored against the nearest named source before them (PolNeAR
    // marks no coreference): a rough proxy, so they are reported apart.
    say!(
        "  named-speaker accuracy {:.3} ({right}/{n}) over sources that are names; speaker given for {given}, right when given {:.3}",
        right as f64 / n.max(1) as f64,
        right as f64 / given.max(1) as f64
    );
    // The speaker given the sentence is found attributed (detection is scored by F1 above): a
    // detected sentence with no speaker or a wrong one counts as wrong.
    say!(
        "  named-speaker accuracy over detected attributed sentences {:.3} ({right}/{detected})",
        right as f64 / detected.max(1) as f64
    );
    say!(
        "  the sentence's cue is PolNeAR's cue {:.3} ({}/{}) of detected sentences with a source and their cue",
        t.cues.1 as f64 / t.cues.0.max(1) as f64,
        t.cues.1,
        t.cues.0
    );
    let (n, ca, cf, ga, gf) = t.claims;
    say!(
        "  claims: {:.3} of {n} content sentences ({ca} attributed, {cf} factual); attributed claims that PolNeAR attributes {:.3}, factual claims it attributes {:.3}",
        (ca + cf) as f64 / n.max(1) as f64,
        ga as f64 / ca.max(1) as f64,
        gf as f64 / cf.max(1) as f64
    );
    for (k, n) in &t.why {
        say!("    missed named speakers: {k}: {n}");
    }
}
