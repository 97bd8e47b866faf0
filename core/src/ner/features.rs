//! Features of a word in its sentence and document, as 32-bit hashes (feature hashing: no
//! vocabulary to ship or look up; the weights file keeps only the hashes that carry weight).
//!
//! The templates are the ones that made linear taggers strong on newswire (Ratinov & Roth 2009;
//! Zhang & Johnson 2003): the word and its lower case, shape, affixes, the neighbouring words
//! and shapes (±2), sentence position, all-caps context (headlines, datelines), membership in the
//! project's lexicons, word clusters from unlabelled text, and two document features that cost
//! no second pass: how the document writes the word where case is informative, and the type the
//! tagger gave the word earlier in the document.
//!
//! Changing a template changes the meaning of every hash: bump [`VERSION`], retrain, and
//! `Model::from_bytes` refuses weights made for another version.

use crate::lexicon::{self, name_bit, FnvMap};

use super::clusters::{self, Clusters};
use super::tags::Type;

/// The feature set's version, stored in the weights file.
pub const VERSION: u8 = 2;

const BOS: u64 = 0x5a17_0b05;
const EOS: u64 = 0x5a17_0e05;

// Word flags (`Info::flags`).
const CAP: u32 = 1; // first letter upper case
const ALL_CAPS: u32 = 1 << 1; // two or more letters, none lower case
const LOWER: u32 = 1 << 2; // first letter lower case
// Lexicon flags start at bit 8: name lists (exact case, or title-cased for an all-caps word).
const LEX: u32 = 8;
// Word lists (case-insensitive).
const COMMON: u32 = 1 << 20;
const TITLE: u32 = 1 << 21;
const ACTOR: u32 = 1 << 22;
const REPORTING: u32 = 1 << 23;
// Document casing: the word is also written lower case / capitalised where case says something.
const DOC_LOWER: u32 = 1 << 24;
const DOC_CAP: u32 = 1 << 25;

/// What the document has told so far: how it writes words where case is informative, and the
/// type the tagger gave each capitalised word.
#[derive(Default)]
pub struct Doc {
    casing: FnvMap<u64, u8>,
    seen: FnvMap<u64, u8>,
}

impl Doc {
    pub fn clear(&mut self) {
        self.casing.clear();
        self.seen.clear();
    }

    /// Note how a sentence writes its words (call for every sentence before tagging any): only
    /// words after the first, in sentences that are not all capitals, say something by their case.
    pub fn observe(&mut self, words: &[&str]) {
        let cases: Vec<WordCase> = words.iter().map(|w| WordCase::of(w)).collect();
        self.observe_cased(&cases);
    }

    /// [`Doc::observe`] on words read once by [`WordCase::of`].
    pub fn observe_cased(&mut self, words: &[WordCase]) {
        if words.len() < 2 || caps_context_cased(words) {
            return;
        }
        for w in &words[1..] {
            let f = w.flags;
            let bit = if f & LOWER != 0 {
                1
            } else if f & CAP != 0 && f & ALL_CAPS == 0 {
                2
            } else {
                continue;
            };
            *self.casing.entry(w.lower).or_default() |= bit;
        }
    }

    /// Remember the types the tagger gave a sentence's capitalised words.
    pub(super) fn remember(&mut self, words: &[WordCase], spans: &[(usize, usize, Type)]) {
        // Spans are in order: a cursor finds each word's span.
        let mut k = 0;
        for (i, w) in words.iter().enumerate() {
            if w.flags & CAP == 0 {
                continue;
            }
            while k < spans.len() && spans[k].1 <= i {
                k += 1;
            }
            let h = w.lower;
            match spans.get(k).filter(|s| s.0 <= i) {
                Some(s) => {
                    self.seen.insert(h, 1 + s.2 as u8);
                }
                None => {
                    self.seen.entry(h).or_insert(9);
                }
            }
        }
    }
}

/// What every pass reads of a word (its case and the hash of its lower case), computed once per
/// token and shared by the document pass, the windows and the features.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordCase {
    flags: u32,
    lower: u64,
}

impl WordCase {
    /// [`case_flags`] and [`lower_hash`] of `w`, an ASCII word read in one pass over its bytes
    /// (every token of every paragraph comes here); a non-ASCII one by the two functions.
    pub fn of(w: &str) -> WordCase {
        let b = w.as_bytes();
        // The hash in a tight loop (any non-ASCII byte sends the word to the Unicode reading
        // afterwards), the case from the first letters only.
        let (mut h, mut all) = (FNV0, 0u8);
        for &c in b {
            all |= c;
            let upper = c.wrapping_sub(b'A') < 26;
            h = (h ^ u64::from(c | (u8::from(upper) << 5))).wrapping_mul(0x0100_0000_01b3);
        }
        if all >= 0x80 {
            return WordCase { flags: case_flags(w), lower: lower_hash(w) };
        }
        let (mut f, mut up) = (0, 0u32);
        for &c in b {
            if c.wrapping_sub(b'A') < 26 {
                if up == 0 {
                    f |= CAP;
                }
                up += 1;
            } else if c.wrapping_sub(b'a') < 26 {
                // As `case_flags`: the first lower-case letter decides.
                return WordCase { flags: if up == 0 { LOWER } else { f }, lower: h };
            }
        }
        if up >= 2 {
            f |= ALL_CAPS;
        }
        WordCase { flags: f, lower: h }
    }
    /// Whether the word starts with a capital letter (or is all capitals): names contain one.
    #[inline]
    pub fn capitalised(self) -> bool {
        self.flags & CAP != 0
    }
}

#[derive(Clone, Copy, Default)]
struct Info {
    word: u64,
    lower: u64,
    shape: u64,
    short: u64,
    cluster: u64,
    flags: u32,
    /// Multi-word gazetteer membership: bit `kind * 4 + position` (B, I, L, U).
    gaz: u16,
}

/// Features of every word of a sentence, flattened: word `i`'s are `ids[ends[i-1]..ends[i]]`.
#[derive(Default)]
pub struct Feats {
    pub ids: Vec<u32>,
    pub ends: Vec<u32>,
}

impl Feats {
    pub fn of(&self, i: usize) -> &[u32] {
        let a = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.ids[a..self.ends[i] as usize]
    }
}

/// Reusable buffers, so extraction allocates nothing once warm.
#[derive(Default)]
pub struct Extractor {
    info: Vec<Info>,
    lower: String,
    tmp: String,
    /// For [`Extractor::sentence_context`]: by the hash of its lower case (which the tokens
    /// carry already, so no word is hashed again), the first distinct word read so far with it;
    /// the others (other casings, or a collision) follow in `next`.
    known: FnvMap<u64, u32>,
    /// Per distinct word: the next one with the same lower-case hash (`u32::MAX`: none).
    next: Vec<u32>,
    /// The distinct words' text, one after another: word `id` is `text[ends[id-1]..ends[id]]`.
    text: String,
    ends: Vec<u32>,
    /// What a distinct word says by itself (no document flags), by index.
    words: Vec<Info>,
    /// Per word of the sentence being read: whether a scored word is within two words.
    near: Vec<bool>,
    /// Per word of the last sentence read by [`Extractor::sentence_context`]: its index in
    /// `words` (`u32::MAX` where not read).
    pub word_ids: Vec<u32>,
}

/// Which of a word's features [`Extractor::fill`] writes.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    /// All, in template order.
    All,
    /// Those that depend on the word's place: on two words at once, on the sentence or on the
    /// document (not those of the word alone, nor those of one neighbour alone).
    Context,
}

/// The neighbour templates, with whether each reads the short shape (else the lower case),
/// in the order `fill` pushes them: -1, +1, -2, +2 for each.
const NB: [(u64, bool); 8] = [(14, false), (15, false), (16, false), (17, false), (18, true), (19, true), (20, true), (21, true)];

/// Where a neighbour stands from the word scored: -1, +1, -2, +2 ([`Extractor::neighbour_features`]).
pub const NEIGHBOURS: usize = 4;

/// Document flags among a word's flags (the rest of bits 8..26 are the word's own).
const DOC_FLAGS: u32 = DOC_LOWER | DOC_CAP;

#[inline]
fn mix(a: u64, b: u64) -> u64 {
    let mut h = (a ^ b.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^= h >> 32;
    h = h.wrapping_mul(0xd6e8_feb8_6659_fd93);
    h ^ (h >> 29)
}

#[inline]
fn fid(template: u64, v: u64) -> u32 {
    let h = mix(template.wrapping_add(0x51_7cc1_b727_220a), v);
    let id = (h >> 32) as u32;
    id.max(1)
}

#[inline]
fn fnv(mut h: u64, b: &[u8]) -> u64 {
    for &c in b {
        h = (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}
const FNV0: u64 = 0xcbf2_9ce4_8422_2325;

/// Hash of a word's lower case, without allocating.
pub fn lower_hash(w: &str) -> u64 {
    if w.is_ascii() {
        let mut h = FNV0;
        for &c in w.as_bytes() {
            h = (h ^ u64::from(c.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3);
        }
        h
    } else {
        let mut h = FNV0;
        let mut buf = [0u8; 4];
        for c in w.chars().flat_map(char::to_lowercase) {
            h = fnv(h, c.encode_utf8(&mut buf).as_bytes());
        }
        h
    }
}

/// Whether a word starts with a capital letter (or is all capitals): names contain one.
pub fn capitalised(w: &str) -> bool {
    case_flags(w) & CAP != 0
}

fn case_flags(w: &str) -> u32 {
    // Most words are decided by their first one or two letters (a lower-case letter rules out
    // all capitals), so ASCII is read on bytes and left as soon as nothing more can change;
    // a non-ASCII byte before that point hands the whole word to the Unicode reading.
    let mut f = 0;
    let mut up = 0u32;
    for &c in w.as_bytes() {
        if c.is_ascii_uppercase() {
            if up == 0 {
                f |= CAP;
            }
            up += 1;
        } else if c.is_ascii_lowercase() {
            return if up == 0 { LOWER } else { f };
        } else if c >= 0x80 {
            return case_flags_unicode(w);
        }
    }
    if up >= 2 {
        f |= ALL_CAPS;
    }
    f
}

fn case_flags_unicode(w: &str) -> u32 {
    let mut f = 0;
    let mut first = true;
    let (mut up, mut low) = (0, 0);
    for c in w.chars() {
        if c.is_alphabetic() {
            if c.is_uppercase() {
                up += 1;
                if first {
                    f |= CAP;
                }
            } else {
                low += 1;
                if first {
                    f |= LOWER;
                }
            }
            first = false;
        }
    }
    if up >= 2 && low == 0 {
        f |= ALL_CAPS;
    }
    f
}

/// A sentence mostly in capitals (a headline, a dateline): case then says nothing.
fn caps_context_cased(words: &[WordCase]) -> bool {
    let (mut caps, mut lower) = (0, 0);
    for w in words {
        let f = w.flags;
        if f & ALL_CAPS != 0 {
            caps += 1;
        } else if f & LOWER != 0 || f & CAP != 0 {
            lower += 1;
        }
    }
    caps >= 2 && caps > lower
}

/// `info` with the document's flags: how the document writes a capitalised word elsewhere.
#[inline]
fn with_doc(mut info: Info, doc: &Doc) -> Info {
    if info.flags & CAP != 0 {
        let c = doc.casing.get(&info.lower).copied().unwrap_or(0);
        if c & 1 != 0 {
            info.flags |= DOC_LOWER;
        }
        if c & 2 != 0 {
            info.flags |= DOC_CAP;
        }
    }
    info
}

/// Shape with runs cut at four ("Xxxx", "dddd-dd-dd") and with runs collapsed ("Xx", "d-d").
fn shapes(w: &str) -> (u64, u64) {
    let (mut long, mut short) = (FNV0, FNV0);
    let mut last = 0u8;
    let mut run = 0;
    for c in w.chars().take(24) {
        let k = if c.is_ascii_digit() {
            b'd'
        } else if c.is_alphabetic() {
            if c.is_uppercase() {
                b'X'
            } else {
                b'x'
            }
        } else if c.is_ascii() {
            c as u8
        } else {
            b'*'
        };
        if k == last {
            run += 1;
        } else {
            run = 1;
            short = fnv(short, &[k]);
        }
        if run <= 4 {
            long = fnv(long, &[k]);
        }
        last = k;
    }
    (long, short)
}

fn title_case_into(w: &str, out: &mut String) {
    let mut first = true;
    for c in w.chars() {
        if first && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            first = false;
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Bits `lo..hi` set.
const fn mask(lo: u32, hi: u32) -> u32 {
    ((1u64 << hi) - (1u64 << lo)) as u32
}

/// The set bits of `x`, lowest first.
fn bits(mut x: u32) -> impl Iterator<Item = u64> {
    std::iter::from_fn(move || {
        (x != 0).then(|| {
            let b = x.trailing_zeros();
            x &= x - 1;
            u64::from(b)
        })
    })
}

const GAZ_PLACE: u16 = 0;
const GAZ_DEMONYM: u16 = 4;
const GAZ_ORG: u16 = 8;

/// The features a word has by itself whatever its neighbours (bias, word, lower case, shapes,
/// affixes), in template order.
fn push_word(w: &str, me: &Info, lower: &mut String, ids: &mut Vec<u32>) {
    let mut push = |t: u64, v: u64| ids.push(fid(t, v));
    push(0, 0);
    push(1, me.word);
    push(2, me.lower);
    push(3, me.shape);
    push(4, me.short);
    // Affixes of the lower-cased word, in characters: prefixes of 1 to 4 and suffixes of
    // 1 to 4, each shorter than the word.
    if w.is_ascii() {
        // The same hashes read straight off the bytes (the common case), the prefixes
        // hashed incrementally.
        let b = w.as_bytes();
        let nc = b.len();
        if nc > 1 {
            let mut h = FNV0;
            for (k, &c) in b.iter().take(4.min(nc - 1)).enumerate() {
                h = (h ^ u64::from(c.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3);
                push(5 + k as u64, h);
            }
            for k in 1..=4.min(nc - 1) {
                let mut h = FNV0;
                for &c in &b[nc - k..] {
                    h = (h ^ u64::from(c.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3);
                }
                push(9 + k as u64, h);
            }
        }
    } else {
        lower.clear();
        lower.extend(w.chars().flat_map(char::to_lowercase));
        let nc = lower.chars().count();
        if nc > 1 {
            for (k, (b, _)) in lower.char_indices().skip(1).take(4).enumerate() {
                if k + 1 < nc {
                    push(5 + k as u64, fnv(FNV0, &lower.as_bytes()[..b]));
                }
            }
            for k in 1..=4.min(nc - 1) {
                let b = lower.char_indices().rev().nth(k - 1).map_or(0, |x| x.0);
                push(9 + k as u64, fnv(FNV0, &lower.as_bytes()[b..]));
            }
        }
    }
}

/// Cluster features of `cluster` ([`Clusters::of`]) under templates `base..`: the leaf, then
/// the path's prefixes of [`clusters::PREFIXES`] steps (those the path is deep enough to
/// make differ from the last one).
fn push_cluster_as(base: u64, cluster: u64, ids: &mut Vec<u32>) {
    if cluster == 0 {
        return;
    }
    ids.push(fid(base, cluster >> 32));
    let path = cluster as u32;
    let d = clusters::depth(path);
    let mut shorter = 0;
    for (k, &len) in clusters::PREFIXES.iter().enumerate() {
        if k > 0 && d <= shorter {
            break;
        }
        ids.push(fid(base + 1 + k as u64, u64::from(clusters::prefix(path, len))));
        shorter = len;
    }
}

/// Templates of the cluster features: the word's, then the word's just before and after.
const CLUSTER_ME: u64 = 50;
const CLUSTER_BEFORE: u64 = 56;
const CLUSTER_AFTER: u64 = 61;

/// The word's cluster features, and its leaf with its short shape.
fn push_cluster(me: &Info, ids: &mut Vec<u32>) {
    if me.cluster != 0 {
        push_cluster_as(CLUSTER_ME, me.cluster, ids);
        ids.push(fid(CLUSTER_ME + 5, mix(me.cluster >> 32, me.short)));
    }
}

/// The word's flag features for the flags in `bits`.
fn push_flags(me: &Info, bits_of: u32, ids: &mut Vec<u32>) {
    // Set bits only, in ascending order.
    for b in bits(me.flags & bits_of) {
        ids.push(fid(40, b));
        ids.push(fid(41, mix(b, me.short)));
    }
}

impl Extractor {
    /// Features of each word of `words` (one sentence), given what `doc` knows; with `only`,
    /// just for the words it marks (the others get none).
    pub fn sentence(&mut self, words: &[&str], cases: &[WordCase], doc: &Doc, cl: &Clusters, only: Option<&[bool]>, out: &mut Feats) {
        self.fill(words, cases, doc, cl, only, out, Part::All);
    }

    /// [`Extractor::sentence`] without the features a word has by itself ([`Extractor::word_features`]
    /// gives those once per distinct word) and those one neighbour gives alone
    /// ([`Extractor::neighbour_features`]): the analysis adds their weights once per word
    /// and reuses the sums, names and common words repeating through an article. Each word's
    /// index is left in [`Extractor::word_ids`]. Words are remembered until [`Extractor::forget`].
    pub fn sentence_context(&mut self, words: &[&str], cases: &[WordCase], doc: &Doc, cl: &Clusters, only: Option<&[bool]>, out: &mut Feats) {
        self.fill(words, cases, doc, cl, only, out, Part::Context);
    }

    /// The features distinct word `id` ([`Extractor::word_ids`]), written `w`, has by itself.
    pub fn word_features(&mut self, id: u32, w: &str, out: &mut Vec<u32>) {
        out.clear();
        let me = self.words[id as usize];
        push_word(w, &me, &mut self.lower, out);
        push_cluster(&me, out);
        push_flags(&me, mask(8, 26) & !DOC_FLAGS, out);
    }

    /// The features distinct word `id` ([`Extractor::word_ids`]; `None`: past the sentence's
    /// edge) gives the word scored as its neighbour at place `k` (-1, +1, -2, +2), which depend on
    /// it alone: [`Extractor::sentence_context`] leaves them out, so that their weights can be
    /// summed once per distinct word too.
    pub fn neighbour_features(&self, id: Option<u32>, k: usize, out: &mut Vec<u32>) {
        out.clear();
        let before = k.is_multiple_of(2);
        let (t_lower, t_short) = (NB[k].0, NB[k + 4].0);
        let Some(id) = id else {
            let edge = if before { BOS } else { EOS };
            out.extend([fid(t_lower, edge), fid(t_short, edge)]);
            return;
        };
        let x = self.words[id as usize];
        out.extend([fid(t_lower, x.lower), fid(t_short, x.short)]);
        if k < 2 {
            // The cluster and the word's own flags of the word just before or after.
            push_cluster_as(if before { CLUSTER_BEFORE } else { CLUSTER_AFTER }, x.cluster, out);
            for b in bits(x.flags & mask(8, 24)) {
                out.push(fid(if before { 42 } else { 43 }, b));
            }
        }
    }

    /// Whether word `i` of the sentence last read, if within two words of a scored one, is a
    /// title ("Mr.", "Dr.", "minister": `lexicon::TITLES`).
    pub fn is_title(&self, i: usize) -> bool {
        self.info.get(i).is_some_and(|x| x.flags & TITLE != 0)
    }

    /// Forget the words read by [`Extractor::sentence_context`] (their indices start again).
    pub fn forget(&mut self) {
        self.known.clear();
        self.next.clear();
        self.text.clear();
        self.ends.clear();
        self.words.clear();
    }

    /// The index of distinct word `w` among those read by [`Extractor::sentence_context`].
    fn intern(&mut self, w: &str, case: WordCase, cl: &Clusters) -> u32 {
        let id = self.words.len() as u32;
        let mut last = match self.known.entry(case.lower) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(id);
                u32::MAX
            }
            std::collections::hash_map::Entry::Occupied(e) => *e.get(),
        };
        // The words with this lower-case hash, compared by their text.
        while last != u32::MAX {
            let k = last as usize;
            let a = if k == 0 { 0 } else { self.ends[k - 1] as usize };
            if &self.text[a..self.ends[k] as usize] == w {
                return last;
            }
            if self.next[k] == u32::MAX {
                self.next[k] = id;
                break;
            }
            last = self.next[k];
        }
        let info = self.word_alone(w, case, cl);
        self.words.push(info);
        self.next.push(u32::MAX);
        self.text.push_str(w);
        self.ends.push(self.text.len() as u32);
        id
    }

    #[allow(clippy::too_many_arguments)]
    fn fill(&mut self, words: &[&str], cases: &[WordCase], doc: &Doc, cl: &Clusters, only: Option<&[bool]>, out: &mut Feats, part: Part) {
        out.ids.clear();
        out.ends.clear();
        let n = words.len();
        self.info.clear();
        // Word information only where a scored word or its ±2 neighbours can read it.
        let mut near = std::mem::take(&mut self.near);
        near.clear();
        match only {
            None => near.resize(n, true),
            Some(m) => {
                near.resize(n, false);
                for (i, _) in m.iter().enumerate().filter(|x| *x.1) {
                    // Five stores at most, not a `fill` (a `memset` call).
                    if i >= 2 {
                        near[i - 2] = true;
                    }
                    if i >= 1 {
                        near[i - 1] = true;
                    }
                    near[i] = true;
                    if i + 1 < n {
                        near[i + 1] = true;
                    }
                    if i + 2 < n {
                        near[i + 2] = true;
                    }
                }
            }
        }
        self.word_ids.clear();
        for (i, w) in words.iter().enumerate() {
            let info = if !near[i] {
                Info::default()
            } else if part == Part::Context {
                let id = self.intern(w, cases[i], cl);
                self.word_ids.push(id);
                with_doc(self.words[id as usize], doc)
            } else {
                with_doc(self.word_alone(w, cases[i], cl), doc)
            };
            if part == Part::Context && self.word_ids.len() == i {
                self.word_ids.push(u32::MAX);
            }
            self.info.push(info);
        }
        self.near = near;
        let caps = caps_context_cased(cases);
        self.gazetteer(words);
        let at = |info: &[Info], i: isize| -> Option<Info> {
            (i >= 0 && (i as usize) < n).then(|| info[i as usize])
        };
        for i in 0..n {
            if only.is_some_and(|m| !m[i]) {
                out.ends.push(out.ids.len() as u32);
                continue;
            }
            let me = self.info[i];
            if part == Part::All {
                push_word(words[i], &me, &mut self.lower, &mut out.ids);
            }
            let ids = &mut out.ids;
            let lw = |j: isize| at(&self.info, i as isize + j).map_or(if j < 0 { BOS } else { EOS }, |x| x.lower);
            let sh = |j: isize| at(&self.info, i as isize + j).map_or(if j < 0 { BOS } else { EOS }, |x| x.short);
            if part == Part::All {
                for (t, short) in NB {
                    let j = [-1, 1, -2, 2][(t - 14) as usize % 4];
                    ids.push(fid(t, if short { sh(j) } else { lw(j) }));
                }
            }
            let mut push = |t: u64, v: u64| ids.push(fid(t, v));
            push(22, mix(lw(-1), me.lower));
            push(23, mix(me.lower, lw(1)));
            push(24, mix(mix(sh(-1), me.short), sh(1)));
            push(25, mix(lw(-1), me.short));
            push(26, mix(me.short, lw(1)));
            if i == 0 {
                push(27, me.short);
                push(28, me.lower);
            }
            if caps {
                push(29, me.short);
                push(30, me.lower);
            }
            if part == Part::All {
                push_cluster(&me, ids);
            }
            if part == Part::All {
                push_cluster_as(CLUSTER_BEFORE, at(&self.info, i as isize - 1).map_or(0, |x| x.cluster), ids);
                push_cluster_as(CLUSTER_AFTER, at(&self.info, i as isize + 1).map_or(0, |x| x.cluster), ids);
            }
            push_flags(&me, if part == Part::All { mask(8, 26) } else { DOC_FLAGS }, ids);
            let mut push = |t: u64, v: u64| ids.push(fid(t, v));
            if part == Part::All {
                if let Some(p) = at(&self.info, i as isize - 1) {
                    for b in bits(p.flags & mask(8, 24)) {
                        push(42, b);
                    }
                }
                if let Some(p) = at(&self.info, i as isize + 1) {
                    for b in bits(p.flags & mask(8, 24)) {
                        push(43, b);
                    }
                }
            }
            for b in bits(u32::from(me.gaz) & mask(0, 12)) {
                push(44, b);
            }
            if me.flags & CAP != 0 {
                let seen = doc.seen.get(&me.lower).copied().unwrap_or(0);
                push(45, u64::from(seen));
                push(46, mix(u64::from(seen), me.short));
                // How the document writes the word, as `with_doc` read it into the flags (the
                // casing map holds bits 1 and 2 only).
                let cased = u64::from(me.flags & DOC_LOWER != 0) | u64::from(me.flags & DOC_CAP != 0) << 1;
                push(47, cased + 4 * u64::from(i == 0) + 8 * u64::from(caps));
            }
            out.ends.push(out.ids.len() as u32);
        }
    }

    /// What word `w` says by itself: everything of its [`Info`] but the document flags.
    fn word_alone(&mut self, w: &str, case: WordCase, cl: &Clusters) -> Info {
        let WordCase { mut flags, lower } = case;
        let (shape, short) = shapes(w);
        let mut names = lexicon::name_flags(w);
        if flags & ALL_CAPS != 0 {
            self.tmp.clear();
            title_case_into(w, &mut self.tmp);
            names |= lexicon::name_flags(&self.tmp);
        }
        flags |= u32::from(names) << LEX;
        let (common, title, actor, reporting) = lexicon::word_flags(w);
        if common {
            flags |= COMMON;
        }
        if title {
            flags |= TITLE;
        }
        if actor {
            flags |= ACTOR;
        }
        if reporting {
            flags |= REPORTING;
        }
        Info {
            word: fnv(FNV0, w.as_bytes()),
            lower,
            shape,
            short,
            cluster: cl.of(lower),
            flags,
            gaz: 0,
        }
    }

    /// Mark words inside multi-word gazetteer names ("New York", "Abu Dhabi", "Associated
    /// Press"), longest match first, title-casing all-caps words ("NEW YORK").
    fn gazetteer(&mut self, words: &[&str]) {
        let n = words.len();
        let mut i = 0;
        while i < n {
            if self.info[i].flags & CAP == 0 {
                i += 1;
                continue;
            }
            let mut matched = 0;
            // A name of several words opens with a known first word; a one-word name is in
            // the word's own lexicon flags ([`Extractor::word_alone`] looked it up, title-cased
            // too when all capitals).
            let long = lexicon::opens_long_name(words[i])
                || (self.info[i].flags & ALL_CAPS != 0 && {
                    self.tmp.clear();
                    title_case_into(words[i], &mut self.tmp);
                    lexicon::opens_long_name(&self.tmp)
                });
            let longest = if long { 4.min(n - i) } else { 1 };
            for len in (1..=longest).rev() {
                if self.info[i + len - 1].flags & (CAP | ALL_CAPS) == 0 && len > 1 {
                    continue;
                }
                let mut kinds = 0u16;
                if len == 1 {
                    kinds = (self.info[i].flags >> LEX) as u16 & (name_bit::PLACE | name_bit::DEMONYM | name_bit::ORG);
                }
                for title in [false, true] {
                    if len == 1 {
                        break;
                    }
                    self.tmp.clear();
                    for (k, w) in words[i..i + len].iter().enumerate() {
                        if k > 0 {
                            self.tmp.push(' ');
                        }
                        if title && self.info[i + k].flags & ALL_CAPS != 0 {
                            title_case_into(w, &mut self.tmp);
                        } else {
                            self.tmp.push_str(w);
                        }
                    }
                    let f = lexicon::name_flags(&self.tmp);
                    kinds |= f & (name_bit::PLACE | name_bit::DEMONYM | name_bit::ORG);
                    if !self.info[i..i + len].iter().any(|x| x.flags & ALL_CAPS != 0) {
                        break;
                    }
                }
                if kinds == 0 {
                    continue;
                }
                for (bit, base) in [
                    (name_bit::PLACE, GAZ_PLACE),
                    (name_bit::DEMONYM, GAZ_DEMONYM),
                    (name_bit::ORG, GAZ_ORG),
                ] {
                    if kinds & bit == 0 {
                        continue;
                    }
                    for k in 0..len {
                        let pos = if len == 1 {
                            3
                        } else if k == 0 {
                            0
                        } else if k == len - 1 {
                            2
                        } else {
                            1
                        };
                        self.info[i + k].gaz |= 1 << (base + pos);
                    }
                }
                matched = len;
                break;
            }
            i += matched.max(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_flags_on_bytes_agree_with_the_unicode_reading() {
        for w in [
            "", "a", "A", "ab", "Ab", "AB", "aB", "ABc", "U.S.", "3M", "McDonald", "NATO's", "x-Ray",
            "Éire", "éire", "ÉIRE", "IBM’s", "O’Neill", "2024", "--", "A1", "Z",
        ] {
            assert_eq!(case_flags(w), case_flags_unicode(w), "{w:?}");
        }
    }

    /// The analysis sums a word's features in parts (its context, its own, its neighbours'),
    /// training reads them whole: the parts must add up to the whole, cluster features included.
    #[test]
    fn features_in_parts_are_the_whole() {
        let words = ["Officials", "in", "Berlin", "said", "Siemens", "would", "hire", "."];
        let key = |w: &str| clusters::key(lower_hash(w));
        let cl = Clusters::new(
            vec![0b1_0110_1101_0011, 0b1_01, 0b1_1100_0111_0001_0101_0110_0101],
            [(key("berlin"), 0), (key("said"), 1), (key("siemens"), 2), (key("in"), 1)],
        )
        .unwrap();
        let cases: Vec<WordCase> = words.iter().map(|w| WordCase::of(w)).collect();
        let mut doc = Doc::default();
        doc.observe_cased(&cases);
        let mut ex = Extractor::default();
        let mut whole = Feats::default();
        ex.sentence(&words, &cases, &doc, &cl, None, &mut whole);
        let mut parts = Feats::default();
        ex.sentence_context(&words, &cases, &doc, &cl, None, &mut parts);
        let ids = ex.word_ids.clone();
        let mut buf = Vec::new();
        for i in 0..words.len() {
            let mut got = parts.of(i).to_vec();
            ex.word_features(ids[i], words[i], &mut buf);
            got.extend(&buf);
            for (k, j) in [i.wrapping_sub(1), i + 1, i.wrapping_sub(2), i + 2].into_iter().enumerate() {
                ex.neighbour_features(ids.get(j).copied(), k, &mut buf);
                got.extend(&buf);
            }
            let mut want = whole.of(i).to_vec();
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want, "{}", words[i]);
        }
        // "Berlin": its leaf, its prefixes of 4, 6, 10 and 20 steps (its path has 12: the last
        // is all of it) and the leaf with its shape; "in" and "said" beside it: each its leaf
        // and one prefix (their paths have 2 steps). Without clusters: none of them.
        let mut none = Feats::default();
        ex.forget();
        ex.sentence(&words, &cases, &doc, &Clusters::default(), None, &mut none);
        assert_eq!(whole.of(2).len() - none.of(2).len(), 6 + 2 + 2);
    }

    #[test]
    fn word_case_in_one_pass_agrees_with_the_two_readings() {
        for w in [
            "", "a", "A", "ab", "Ab", "AB", "aB", "ABc", "U.S.", "3M", "McDonald", "NATO's", "x-Ray",
            "Éire", "éire", "ÉIRE", "IBM’s", "O’Neill", "2024", "--", "A1", "Z", "@[`{", "Ab’", "ABÉ",
            "aÉ", "The", "SAID", "zZ", "Zz9",
        ] {
            assert_eq!(WordCase::of(w), WordCase { flags: case_flags(w), lower: lower_hash(w) }, "{w:?}");
        }
    }
}
