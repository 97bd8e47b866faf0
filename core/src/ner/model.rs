//! The shipped model: quantised weights per feature hash and per tag transition, and tagging.

use super::clusters::Clusters;
use super::features::{Doc, Extractor, Feats, WordCase, NEIGHBOURS};
use super::tags::{self, Type, NT};
use super::weights;

/// Anything that scores a word's features for every tag: the shipped [`Model`], or the trainer's
/// floating-point weights.
pub trait Scorer {
    /// Add the scores of features `ids` to `out` (one per tag).
    fn emit(&self, ids: &[u32], out: &mut [f32]);
    /// Transition scores, `(NT + 1) × NT`, the last row from the start.
    fn transitions(&self) -> &[f32];
    /// The word clusters the features read.
    fn clusters(&self) -> &Clusters;
}

/// A trained entity model. Build it from weights bytes ([`Model::from_bytes`]) or take the copy
/// compiled into the crate ([`Model::embedded`]).
pub struct Model {
    /// Open addressing over feature hashes: (hash, row in the weights), hash 0 = empty. A key
    /// and its row side by side, so a lookup touches one cache line before the row.
    slots: Vec<(u32, u32)>,
    mask: usize,
    /// `NT` weights per feature, in units of `scale`: packed for adding four at a time when the
    /// file has 8 bits, else two bytes each.
    w: Weights,
    scale: f32,
    tr: Vec<f32>,
    /// `tags::closed_block(&tr)`, read once.
    block: [[f32; 9]; 9],
    clusters: Clusters,
}

enum Weights {
    /// 8-bit weights, each row as [`LANES`] 16-bit lanes in [`WORDS`] `u64`s, every weight
    /// stored plus 128 (0..=255): adding two rows adds four weights per `u64` addition, and
    /// 256 rows fit in a lane before it could carry into the next (SWAR; the browser's wasm has
    /// no SIMD). The sums are the same integers as weight by weight.
    Packed(Vec<u64>),
    I16(Vec<i16>),
}

/// `u64` words per packed row: `NT` lanes of 16 bits, four to a word.
const WORDS: usize = NT.div_ceil(4);
/// Rows added into one packed accumulator before it is emptied (255 × 256 < 2^16).
const MAX_ROWS: u32 = 256;

/// 8-bit weights (`NT` per row) packed as [`Weights::Packed`].
fn pack(w: &[i16]) -> Vec<u64> {
    let mut out = Vec::with_capacity(w.len() / NT * WORDS);
    for row in w.chunks_exact(NT) {
        let mut p = [0u64; WORDS];
        for (t, &x) in row.iter().enumerate() {
            p[t / 4] |= u64::from((x as i8 as i16 + 128) as u16) << (16 * (t % 4));
        }
        out.extend_from_slice(&p);
    }
    out
}

/// Rows of 8-bit weights summed in their packed form, and how many.
#[derive(Clone, Copy, Default)]
struct Packed {
    p: [u64; WORDS],
    rows: u32,
}

impl Packed {
    /// Add the packed sum of `rows` rows (the caller keeps the total within [`MAX_ROWS`]).
    #[inline]
    fn add(&mut self, p: &[u64; WORDS], rows: u32) {
        for (a, b) in self.p.iter_mut().zip(p) {
            *a += b;
        }
        self.rows += rows;
    }
}

/// Empty a packed accumulator of `rows` rows into `acc`.
#[inline]
fn unpack_into(p: &[u64; WORDS], rows: u32, acc: &mut [i32; NT]) {
    let bias = 128 * rows as i32;
    for t in 0..NT {
        acc[t] += ((p[t / 4] >> (16 * (t % 4))) & 0xffff) as i32 - bias;
    }
}

impl Model {
    /// Read weights written by `annotate train-entities` (format in [`weights`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let q = weights::decode(bytes)?;
        let n = q.keys.len();
        let cap = (n * 2).next_power_of_two().max(16);
        let mut slots = vec![(0u32, 0u32); cap];
        let mask = cap - 1;
        for (r, &k) in q.keys.iter().enumerate() {
            let mut i = slot(k) & mask;
            while slots[i].0 != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (k, r as u32);
        }
        let w = if q.bits == 8 {
            Weights::Packed(pack(&q.w))
        } else {
            Weights::I16(q.w)
        };
        let block = tags::closed_block(&q.tr);
        Ok(Model { slots, mask, w, scale: q.scale, tr: q.tr, block, clusters: q.clusters })
    }

    /// The weights compiled into the crate, read once (feature `embedded-weights`, on by
    /// default: the CLI, the tests and the benchmarks; the app fetches them as a data file).
    #[cfg(feature = "embedded-weights")]
    pub fn embedded() -> &'static Model {
        static M: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        M.get_or_init(|| {
            Model::from_bytes(EMBEDDED).unwrap_or_else(|e| panic!("embedded entity weights: {e}"))
        })
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        match &self.w {
            Weights::Packed(w) => w.len() / WORDS,
            Weights::I16(w) => w.len() / NT,
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The row of feature `k`, if it has weights.
    #[inline]
    fn row(&self, k: u32) -> Option<usize> {
        let mut i = slot(k) & self.mask;
        loop {
            let (key, row) = self.slots[i];
            if key == k {
                return Some(row as usize);
            }
            if key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// The shipped weights, generated by `annotate train-entities` (see docs/entities.md).
#[cfg(feature = "embedded-weights")]
pub const EMBEDDED: &[u8] = include_bytes!("../../data/entities.bin");

static INSTALLED: std::sync::OnceLock<Model> = std::sync::OnceLock::new();

/// Make `bytes` (the contents of `core/data/entities.bin`, fetched by the app) the model the
/// analysis uses from now on. Only the first successful call counts: the model of a running
/// page never changes under it.
pub fn install(bytes: &[u8]) -> Result<(), String> {
    if INSTALLED.get().is_none() {
        let m = Model::from_bytes(bytes)?;
        let _ = INSTALLED.set(m);
    }
    Ok(())
}

/// The model the analysis uses: the installed one, else the embedded one when the crate has
/// it, else none (the analysis then runs the rules alone, as before the model existed).
pub fn shared() -> Option<&'static Model> {
    if let Some(m) = INSTALLED.get() {
        return Some(m);
    }
    #[cfg(feature = "embedded-weights")]
    return Some(Model::embedded());
    #[cfg(not(feature = "embedded-weights"))]
    None
}

#[inline]
fn slot(k: u32) -> usize {
    (k.wrapping_mul(0x9e37_79b1) >> 7) as usize
}

impl Model {
    /// Add the weights of features `ids` to `acc`, in the model's integer units.
    #[inline]
    fn add_rows(&self, ids: &[u32], acc: &mut [i32; NT]) {
        self.add_rows_after(Packed::default(), ids, acc);
    }

    /// [`Model::add_rows`] after the rows summed in `start` (none under 16-bit weights, which
    /// have no packed sums: [`Model::packed_sum`]).
    #[inline]
    fn add_rows_after(&self, start: Packed, ids: &[u32], acc: &mut [i32; NT]) {
        match &self.w {
            Weights::Packed(w) => {
                let Packed { mut p, mut rows } = start;
                for r in ids.iter().filter_map(|&k| self.row(k)) {
                    let row: &[u64; WORDS] = w[r * WORDS..(r + 1) * WORDS].try_into().expect("row");
                    for k in 0..WORDS {
                        p[k] += row[k];
                    }
                    rows += 1;
                    if rows >= MAX_ROWS {
                        unpack_into(&p, rows, acc);
                        p = [0; WORDS];
                        rows = 0;
                    }
                }
                unpack_into(&p, rows, acc);
            }
            Weights::I16(w) => {
                for r in ids.iter().filter_map(|&k| self.row(k)).map(|r| r * NT) {
                    let row: &[i16; NT] = w[r..r + NT].try_into().expect("row");
                    for t in 0..NT {
                        acc[t] += i32::from(row[t]);
                    }
                }
            }
        }
    }

    /// The rows of features `ids` summed as [`Weights::Packed`] adds them, under 8-bit
    /// weights (`None` under 16-bit ones). At most [`MAX_ROWS`] features.
    fn packed_sum(&self, ids: &[u32]) -> Option<Packed> {
        let Weights::Packed(w) = &self.w else { return None };
        debug_assert!(ids.len() <= MAX_ROWS as usize);
        let mut s = Packed::default();
        for r in ids.iter().filter_map(|&k| self.row(k)) {
            s.add(&w[r * WORDS..(r + 1) * WORDS].try_into().expect("row"), 1);
        }
        Some(s)
    }

    /// [`Scorer::emit`] of features `ids` plus those whose summed weights are `base` (from
    /// [`Model::add_rows`]): integer sums, so the scores are exactly those of all the
    /// features at once.
    #[inline]
    fn emit_from(&self, base: &[i32; NT], ids: &[u32], out: &mut [f32]) {
        self.emit_after(base, Packed::default(), ids, out);
    }

    /// [`Model::emit_from`] with the rows summed in `packed` too.
    #[inline]
    fn emit_after(&self, base: &[i32; NT], packed: Packed, ids: &[u32], out: &mut [f32]) {
        let mut acc = *base;
        self.add_rows_after(packed, ids, &mut acc);
        for t in 0..NT {
            out[t] += acc[t] as f32 * self.scale;
        }
    }
}

impl Scorer for Model {
    #[inline]
    fn emit(&self, ids: &[u32], out: &mut [f32]) {
        self.emit_from(&[0; NT], ids, out);
    }
    fn transitions(&self) -> &[f32] {
        &self.tr
    }
    fn clusters(&self) -> &Clusters {
        &self.clusters
    }
}

/// Reusable buffers for tagging sentence after sentence.
#[derive(Default)]
pub struct Tagger {
    pub doc: Doc,
    ex: Extractor,
    feats: Feats,
    em: Vec<f32>,
    back: Vec<f32>,
    window: Vec<bool>,
    cases: Vec<WordCase>,
    /// Emission scores of the last sentence's words (`n × NT`; zero outside windows).
    scores: Vec<f32>,
    /// For [`Tagger::sentence_windows_model`]: per distinct word of the document (the
    /// extractor's index), the summed weights of the features it has by itself, once known.
    bases: Vec<Option<[i32; NT]>>,
    /// Likewise, the summed weights of the features it gives a neighbour at each place
    /// ([`Extractor::neighbour_features`]), at the index plus one; at 0, the sentence's edge.
    neighbours: Vec<Option<[Packed; NEIGHBOURS]>>,
    word_feats: Vec<u32>,
    pub tags: Vec<u8>,
    pub spans: Vec<(usize, usize, Type)>,
}

impl Tagger {
    /// Tag one sentence's words, in document order (earlier sentences inform later ones through
    /// `doc`); the spans are left in `self.spans` (word indices, end exclusive).
    pub fn sentence<S: Scorer + ?Sized>(&mut self, model: &S, words: &[&str]) {
        let mut cases = std::mem::take(&mut self.cases);
        cases.clear();
        cases.extend(words.iter().map(|w| WordCase::of(w)));
        self.ex.sentence(words, &cases, &self.doc, model.clusters(), None, &mut self.feats);
        decode(model, &self.feats, 0..words.len(), tags::START, &mut self.em, &mut self.back, &mut self.tags);
        tags::spans(&self.tags, &mut self.spans);
        self.doc.remember(&cases, &self.spans);
        self.cases = cases;
    }

    /// [`Tagger::sentence`], scoring only windows around capitalised words (a name holds one,
    /// and a word further than one from any is outside every name): the other words are `O`.
    /// What the analysis runs; `annotate train-entities` scores the shipped model this way too.
    pub fn sentence_windows<S: Scorer + ?Sized>(&mut self, model: &S, words: &[&str]) {
        let mut cases = std::mem::take(&mut self.cases);
        cases.clear();
        cases.extend(words.iter().map(|w| WordCase::of(w)));
        self.sentence_windows_cased(model, words, &cases);
        self.cases = cases;
    }

    /// [`Tagger::sentence_windows`] on words whose [`WordCase`] the caller read already (one
    /// per word, in order).
    pub fn sentence_windows_cased<S: Scorer + ?Sized>(&mut self, model: &S, words: &[&str], cases: &[WordCase]) {
        if !self.open_windows(cases) {
            return;
        }
        self.ex.sentence(words, cases, &self.doc, model.clusters(), Some(&self.window), &mut self.feats);
        let feats = &self.feats;
        let mut l = Lattice { window: &self.window, back: &mut self.back, tags: &mut self.tags, scores: &mut self.scores };
        l.decode_windows(model.transitions(), &tags::closed_block(model.transitions()), |i, out| model.emit(feats.of(i), out));
        self.close_windows(cases);
    }

    /// [`Tagger::sentence_windows_cased`] under the shipped kind of model, the same tags and
    /// scores for less work: the weights of the features a word has by itself are summed once
    /// per distinct word of the document. For one document: call [`Tagger::forget`] before
    /// the next.
    pub fn sentence_windows_model(&mut self, model: &Model, words: &[&str], cases: &[WordCase]) {
        if !matches!(model.w, Weights::Packed(_)) {
            // The neighbours' sums are packed rows: 16-bit weights take the general way.
            return self.sentence_windows_cased(model, words, cases);
        }
        if !self.open_windows(cases) {
            return;
        }
        self.ex.sentence_context(words, cases, &self.doc, &model.clusters, Some(&self.window), &mut self.feats);
        let n = words.len();
        // The sentence's edge stands where a neighbour would be past it (index `EDGE`).
        const EDGE: u32 = u32::MAX;
        for (i, w) in words.iter().enumerate() {
            if !self.window[i] {
                continue;
            }
            let id = self.ex.word_ids[i] as usize;
            if self.bases.len() <= id {
                self.bases.resize(id + 1, None);
            }
            if self.bases[id].is_none() {
                self.ex.word_features(id as u32, w, &mut self.word_feats);
                let mut acc = [0; NT];
                model.add_rows(&self.word_feats, &mut acc);
                self.bases[id] = Some(acc);
            }
            // Every neighbour within two words was read by the extractor (each is near a
            // scored word).
            for j in [i.wrapping_sub(2), i.wrapping_sub(1), i + 1, i + 2] {
                let id = if j < n { self.ex.word_ids[j] } else { EDGE };
                let slot = if id == EDGE { 0 } else { id as usize + 1 };
                if self.neighbours.len() <= slot {
                    self.neighbours.resize(slot + 1, None);
                }
                if self.neighbours[slot].is_none() {
                    let mut sums = [Packed::default(); NEIGHBOURS];
                    for (k, sum) in sums.iter_mut().enumerate() {
                        self.ex.neighbour_features((id != EDGE).then_some(id), k, &mut self.word_feats);
                        *sum = model.packed_sum(&self.word_feats).expect("8-bit weights");
                    }
                    self.neighbours[slot] = Some(sums);
                }
            }
        }
        let (feats, bases, ids, nbs) = (&self.feats, &self.bases, &self.ex.word_ids, &self.neighbours);
        let mut l = Lattice { window: &self.window, back: &mut self.back, tags: &mut self.tags, scores: &mut self.scores };
        l.decode_windows(model.transitions(), &model.block, |i, out| {
            let base = bases[ids[i] as usize].as_ref().expect("a scored word's weights");
            // At most 4 × 19 rows: within one packed sum.
            let mut packed = Packed::default();
            for (k, j) in [i.wrapping_sub(1), i + 1, i.wrapping_sub(2), i + 2].into_iter().enumerate() {
                let slot = if j < n { ids[j] as usize + 1 } else { 0 };
                let sums = nbs[slot].as_ref().expect("a neighbour's weights");
                packed.add(&sums[k].p, sums[k].rows);
            }
            model.emit_after(base, packed, feats.of(i), out)
        });
        self.close_windows(cases);
    }

    /// Forget the document's words ([`Tagger::sentence_windows_model`]) and what it told.
    pub fn forget(&mut self) {
        self.doc.clear();
        self.ex.forget();
        self.bases.clear();
        self.neighbours.clear();
    }

    /// Mark the windows of a sentence's words and reset its tags and scores; false when no word
    /// is capitalised (all `O`, no spans).
    fn open_windows(&mut self, cases: &[WordCase]) -> bool {
        let n = cases.len();
        self.window.clear();
        self.window.resize(n, false);
        let mut any = false;
        for (i, c) in cases.iter().enumerate() {
            if c.capitalised() {
                any = true;
                // Three stores, not a `fill` (a `memset` call for at most three bytes).
                if i > 0 {
                    self.window[i - 1] = true;
                }
                self.window[i] = true;
                if i + 1 < n {
                    self.window[i + 1] = true;
                }
            }
        }
        self.tags.clear();
        self.tags.resize(n, tags::O);
        self.scores.clear();
        self.scores.resize(n * NT, 0.0);
        if !any {
            self.spans.clear();
        }
        any
    }

    fn close_windows(&mut self, cases: &[WordCase]) {
        tags::spans(&self.tags, &mut self.spans);
        self.trim_titles();
        self.doc.remember(cases, &self.spans);
    }

    /// A person's name does not open with a title, in CoNLL as in the project's guide ("Mrs.
    /// Okafor" is the person "Okafor"); the model, which has seen few titles (Reuters writes
    /// none), sometimes takes one in. Its span then starts after the titles.
    fn trim_titles(&mut self) {
        let mut changed = false;
        for s in self.spans.iter_mut().filter(|s| s.2 == Type::Per) {
            while s.1 - s.0 > 1 && self.ex.is_title(s.0) {
                s.0 += 1;
                changed = true;
            }
        }
        if changed {
            let spans = std::mem::take(&mut self.spans);
            tags::from_spans(self.tags.len(), &spans, &mut self.tags);
            self.spans = spans;
        }
    }

    /// How much more the words of `span` (of the last sentence tagged with
    /// [`Tagger::sentence_windows`]) score as its type than as the best other type, with the
    /// same begin/inside/last/unit tags: small when only the context speaks, not the words.
    pub fn type_margin(&self, span: (usize, usize, Type)) -> f32 {
        let (a, b, t) = span;
        let score = |ty: Type| -> f32 {
            (a..b)
                .map(|i| {
                    let pos = if b == a + 1 { 3 } else if i == a { 0 } else if i + 1 == b { 2 } else { 1 };
                    self.scores.get(i * NT + usize::from(tags::tag(ty, pos))).copied().unwrap_or(0.0)
                })
                .sum()
        };
        let me = score(t);
        let other = tags::TYPES.iter().filter(|&&x| x != t).map(|&x| score(x)).fold(f32::NEG_INFINITY, f32::max);
        me - other
    }

    /// How much more words `a..b` (of the last sentence tagged with [`Tagger::sentence_windows`])
    /// score as one name of type `t` than as no name.
    pub fn name_margin(&self, a: usize, b: usize, t: Type) -> f32 {
        let mut m = 0.0;
        for i in a..b {
            let pos = if b == a + 1 { 3 } else if i == a { 0 } else if i + 1 == b { 2 } else { 1 };
            let at = |tag: u8| self.scores.get(i * NT + usize::from(tag)).copied().unwrap_or(0.0);
            m += at(tags::tag(t, pos)) - at(tags::O);
        }
        m
    }

    /// The features of the last sentence (for training).
    pub fn feats(&self) -> &Feats {
        &self.feats
    }
}

/// A sentence's windows and the buffers their decoding writes.
struct Lattice<'a> {
    window: &'a [bool],
    back: &'a mut Vec<f32>,
    tags: &'a mut Vec<u8>,
    scores: &'a mut Vec<f32>,
}

impl Lattice<'_> {
    /// Decode each run of window words on its own (`emit` scores word `i`, adding to zeros),
    /// the words between them `O`; `block` is `tags::closed_block(tr)`.
    fn decode_windows(&mut self, tr: &[f32], block: &[[f32; 9]; 9], mut emit: impl FnMut(usize, &mut [f32])) {
        let n = self.window.len();
        let mut i = 0;
        while i < n {
            if !self.window[i] {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < n && self.window[j] {
                j += 1;
            }
            let from = if i == 0 { tags::START } else { usize::from(tags::O) };
            // The emission scores straight into the sentence's (zeros in a new window).
            let em = &mut self.scores[i * NT..j * NT];
            for (k, w) in (i..j).enumerate() {
                emit(w, &mut em[k * NT..(k + 1) * NT]);
            }
            tags::viterbi_with(em, tr, block, from, self.back, &mut self.tags[i..j]);
            i = j;
        }
    }
}

/// Viterbi decoding of words `range` of a sentence's features under `model`, the first word
/// following tag `from`.
pub fn decode<S: Scorer + ?Sized>(
    model: &S,
    feats: &Feats,
    range: std::ops::Range<usize>,
    from: usize,
    em: &mut Vec<f32>,
    back: &mut Vec<f32>,
    out: &mut Vec<u8>,
) {
    decode_by(model.transitions(), range, from, em, back, out, |i, e| model.emit(feats.of(i), e));
}

/// [`decode`] with word `i`'s emission scores added by `emit(i, scores)`.
fn decode_by(
    tr: &[f32],
    range: std::ops::Range<usize>,
    from: usize,
    em: &mut Vec<f32>,
    back: &mut Vec<f32>,
    out: &mut Vec<u8>,
    mut emit: impl FnMut(usize, &mut [f32]),
) {
    let n = range.len();
    em.clear();
    em.resize(n * NT, 0.0);
    for (k, i) in range.enumerate() {
        emit(i, &mut em[k * NT..(k + 1) * NT]);
    }
    tags::viterbi(em, tr, from, n, back, out);
}
