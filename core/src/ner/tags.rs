//! BILOU tags over four entity types and the Viterbi decoder that keeps spans well formed.
//!
//! BILOU (begin, inside, last, unit) rather than BIO: a linear model then has a weight for "this
//! word ends a name" and "this word is a name alone", which BIO folds into its neighbours
//! (Ratinov & Roth 2009 found BILOU better on CoNLL-2003).

/// Entity types the model knows. `Misc` (events, nationalities, works…) is learned because
/// CoNLL-2003 annotates it: without it the model would be taught that "German" is no name at
/// all and learn weaker capital features. The analysis maps or drops it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Type {
    Per = 0,
    Org = 1,
    Loc = 2,
    Misc = 3,
}

pub const TYPES: [Type; 4] = [Type::Per, Type::Org, Type::Loc, Type::Misc];

impl Type {
    pub fn as_str(self) -> &'static str {
        match self {
            Type::Per => "PER",
            Type::Org => "ORG",
            Type::Loc => "LOC",
            Type::Misc => "MISC",
        }
    }
    pub fn parse(s: &str) -> Option<Type> {
        Some(match s {
            "PER" => Type::Per,
            "ORG" => Type::Org,
            "LOC" => Type::Loc,
            "MISC" => Type::Misc,
            _ => return None,
        })
    }
}

/// Number of tags: `O` plus B, I, L, U of each type.
pub const NT: usize = 17;
/// The tag before the first word, as a transition's source.
pub const START: usize = NT;

pub const O: u8 = 0;
const B: u8 = 0;
const I: u8 = 1;
const L: u8 = 2;
const U: u8 = 3;

#[inline]
pub fn tag(t: Type, pos: u8) -> u8 {
    1 + t as u8 * 4 + pos
}
#[inline]
pub fn type_of(tag: u8) -> Option<Type> {
    (tag != O).then(|| TYPES[usize::from((tag - 1) / 4)])
}
#[inline]
fn pos_of(tag: u8) -> u8 {
    (tag - 1) % 4
}

pub fn name(tag: u8) -> String {
    match type_of(tag) {
        None => "O".into(),
        Some(t) => format!("{}-{}", ["B", "I", "L", "U"][usize::from(pos_of(tag))], t.as_str()),
    }
}

/// Whether `next` may follow `prev` (`START` for the first word) in a well-formed sequence.
pub fn allowed(prev: usize, next: usize) -> bool {
    let open = prev != START && prev != 0 && matches!(pos_of(prev as u8), B | I);
    if next == 0 {
        return !open;
    }
    let (t, p) = (type_of(next as u8), pos_of(next as u8));
    if open {
        matches!(p, I | L) && type_of(prev as u8) == t
    } else {
        matches!(p, B | U)
    }
}

/// Whether a sequence may end on `tag`.
pub fn may_end(tag: usize) -> bool {
    tag == 0 || matches!(pos_of(tag as u8), L | U)
}

/// Spans `(start, end, type)` in token indices, end exclusive, from a well-formed sequence; a
/// malformed one (only possible from outside the decoder) is read leniently.
pub fn spans(tags: &[u8], out: &mut Vec<(usize, usize, Type)>) {
    out.clear();
    let mut open: Option<(usize, Type)> = None;
    for (i, &g) in tags.iter().enumerate() {
        let t = type_of(g);
        let p = if g == O { 255 } else { pos_of(g) };
        if let Some((s, ot)) = open {
            if t != Some(ot) || p == B || p == U {
                out.push((s, i, ot));
                open = None;
            }
        }
        match (t, p) {
            (Some(t), U) => out.push((i, i + 1, t)),
            (Some(t), L) => {
                let s = open.take().map_or(i, |o| o.0);
                out.push((s, i + 1, t));
            }
            (Some(t), _) if open.is_none() => open = Some((i, t)),
            _ => {}
        }
    }
    if let Some((s, t)) = open {
        out.push((s, tags.len(), t));
    }
}

/// BILOU tags for spans (token indices, end exclusive) over `n` tokens.
pub fn from_spans(n: usize, spans: &[(usize, usize, Type)], out: &mut Vec<u8>) {
    out.clear();
    out.resize(n, O);
    for &(s, e, t) in spans {
        if e == s + 1 {
            out[s] = tag(t, U);
        } else {
            out[s] = tag(t, B);
            for x in &mut out[s + 1..e - 1] {
                *x = tag(t, I);
            }
            out[e - 1] = tag(t, L);
        }
    }
}

/// The best well-formed tag sequence for emission scores `em` (`n × NT`, row-major) and
/// transition scores `tr` (`(NT + 1) × NT`, the last row from `START`), the first word
/// following tag `from` (`START`, or `O` inside a sentence). Writes `n` tags to `out`;
/// `scores` keeps each word's best path scores per tag.
///
/// The forward pass keeps only the best score of each tag; the backtrace asks, for the one tag
/// chosen at each word, which predecessor gave it, with the same sums in the same order (the
/// first best wins), so the path is the one back pointers would give, for a ninth of the work.
pub fn viterbi(em: &[f32], tr: &[f32], from: usize, n: usize, scores: &mut Vec<f32>, out: &mut Vec<u8>) {
    out.clear();
    out.resize(n, 0);
    viterbi_with(em, tr, &closed_block(tr), from, scores, out);
}

/// The allowed transitions of `tr` from every closed tag (O, L-, U-) to every opening one (O,
/// B-, U-), a dense 9 × 9 block: constant for a model, so a model reads it once
/// ([`viterbi_with`]) rather than at every decoding.
pub fn closed_block(tr: &[f32]) -> [[f32; 9]; 9] {
    let mut block = [[0f32; 9]; 9];
    for (c, &p) in CLOSED.iter().enumerate() {
        for (k, &j) in OPENING.iter().enumerate() {
            block[c][k] = tr.get(p * NT + j).copied().unwrap_or(0.0);
        }
    }
    block
}

/// [`viterbi`] given `closed_block(tr)`, the tags written to `out` (one per word: `n` is its
/// length).
pub fn viterbi_with(em: &[f32], tr: &[f32], block: &[[f32; 9]; 9], from: usize, scores: &mut Vec<f32>, out: &mut [u8]) {
    let n = out.len();
    if n == 0 {
        return;
    }
    const NEG: f32 = f32::NEG_INFINITY;
    scores.clear();
    scores.resize(n * NT, NEG);
    for j in 0..NT {
        if allowed(from, j) {
            scores[j] = em[j] + tr[from * NT + j];
        }
    }
    let tr: &[f32; (NT + 1) * NT] = tr[..(NT + 1) * NT].try_into().expect("transition table");
    // The allowed transitions in two kinds of block: every closed tag (O, L-, U-) may precede
    // every opening one (O, B-, U-), the dense 9 × 9 `block` in contiguous rows; and B- or I-
    // precede only I- and L- of their own type.
    for i in 1..n {
        let (done, rest) = scores.split_at_mut(i * NT);
        let cur: &[f32; NT] = done[(i - 1) * NT..].try_into().expect("a row");
        let next: &mut [f32; NT] = (&mut rest[..NT]).try_into().expect("a row");
        let em = &em[i * NT..(i + 1) * NT];
        // A tag no path reaches stays at minus infinity, and so does every sum through it.
        let mut best = [NEG; 9];
        for (c, &p) in CLOSED.iter().enumerate() {
            let v = cur[p];
            for (b, &t) in best.iter_mut().zip(&block[c]) {
                let s = v + t;
                *b = if s > *b { s } else { *b };
            }
        }
        for (k, &j) in OPENING.iter().enumerate() {
            next[j] = best[k] + em[j];
        }
        for t in 0..4 {
            let (b, inside) = (1 + 4 * t, 2 + 4 * t);
            for j in [inside, inside + 1] {
                let (sb, si) = (cur[b] + tr[b * NT + j], cur[inside] + tr[inside * NT + j]);
                next[j] = (if si > sb { si } else { sb }) + em[j];
            }
        }
    }
    let last_row = &scores[(n - 1) * NT..];
    let mut last = 0;
    let mut best = NEG;
    for (j, &c) in last_row.iter().enumerate() {
        if may_end(j) && c > best {
            best = c;
            last = j;
        }
    }
    out[n - 1] = last as u8;
    for i in (1..n).rev() {
        let cur = &scores[(i - 1) * NT..i * NT];
        let j = usize::from(out[i]);
        // The predecessors of `j` in ascending order, a later one only when strictly better;
        // none reached (all minus infinity) reads as tag 0, as an unset back pointer did.
        let (mut s, mut a) = (NEG, 0u8);
        if OPENING.contains(&j) {
            for &p in &CLOSED {
                let x = cur[p] + tr[p * NT + j];
                if x > s {
                    (s, a) = (x, p as u8);
                }
            }
        } else {
            let t = (j - 2) / 4;
            for p in [1 + 4 * t, 2 + 4 * t] {
                let x = cur[p] + tr[p * NT + j];
                if x > s {
                    (s, a) = (x, p as u8);
                }
            }
        }
        out[i - 1] = a;
    }
}

/// Tags after which a name is closed (O, L-, U-), ascending.
const CLOSED: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];
/// Tags that need a closed tag before them (O, B-, U-), ascending.
const OPENING: [usize; 9] = [0, 1, 4, 5, 8, 9, 12, 13, 16];

#[cfg(test)]
const ALLOWED: [[bool; NT]; NT] = {
    let mut a = [[false; NT]; NT];
    let mut p = 0;
    while p < NT {
        let mut n = 0;
        while n < NT {
            a[p][n] = allowed_const(p, n);
            n += 1;
        }
        p += 1;
    }
    a
};

/// For each tag, the tags that may precede it: what [`viterbi`]'s blocks must visit (tests).
#[cfg(test)]
const PREVS: [([u8; NT], usize); NT] = {
    let mut out = [([0u8; NT], 0usize); NT];
    let mut n = 0;
    while n < NT {
        let mut p = 0;
        while p < NT {
            if ALLOWED[p][n] {
                out[n].0[out[n].1] = p as u8;
                out[n].1 += 1;
            }
            p += 1;
        }
        n += 1;
    }
    out
};

#[cfg(test)]
const fn allowed_const(prev: usize, next: usize) -> bool {
    let open = prev != 0 && ((prev - 1) % 4 == 0 || (prev - 1) % 4 == 1);
    if next == 0 {
        return !open;
    }
    let p = (next - 1) % 4;
    if open {
        (p == 1 || p == 2) && (prev - 1) / 4 == (next - 1) / 4
    } else {
        p == 0 || p == 3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn const_table_agrees() {
        for p in 0..NT {
            for n in 0..NT {
                assert_eq!(ALLOWED[p][n], allowed(p, n), "{p} {n}");
            }
        }
    }

    /// The blocks [`viterbi`] walks are exactly the allowed transitions.
    #[test]
    fn blocks_are_the_allowed_transitions() {
        for n in 0..NT {
            let want: Vec<u8> = PREVS[n].0[..PREVS[n].1].to_vec();
            let got: Vec<u8> = if OPENING.contains(&n) {
                CLOSED.iter().map(|&p| p as u8).collect()
            } else {
                let b = 1 + 4 * ((n - 1) / 4);
                vec![b as u8, b as u8 + 1]
            };
            assert_eq!(got, want, "{n}");
        }
    }

    /// The search over every allowed predecessor that the blocks replace.
    fn viterbi_reference(em: &[f32], tr: &[f32], from: usize, n: usize, out: &mut Vec<u8>) {
        let mut back = vec![0u8; n * NT];
        let mut cur = [f32::NEG_INFINITY; NT];
        for j in 0..NT {
            if allowed(from, j) {
                cur[j] = em[j] + tr[from * NT + j];
            }
        }
        for w in 1..n {
            let mut next = [f32::NEG_INFINITY; NT];
            for j in 0..NT {
                let (mut best, mut arg) = (f32::NEG_INFINITY, 0u8);
                for &p in &PREVS[j].0[..PREVS[j].1] {
                    let s = cur[usize::from(p)] + tr[usize::from(p) * NT + j];
                    if s > best {
                        (best, arg) = (s, p);
                    }
                }
                next[j] = best + em[w * NT + j];
                back[w * NT + j] = arg;
            }
            cur = next;
        }
        let (mut last, mut best) = (0, f32::NEG_INFINITY);
        for (j, &c) in cur.iter().enumerate() {
            if may_end(j) && c > best {
                (best, last) = (c, j);
            }
        }
        out.clear();
        out.resize(n, 0);
        out[n - 1] = last as u8;
        for i in (1..n).rev() {
            out[i - 1] = back[i * NT + usize::from(out[i])];
        }
    }

    #[test]
    fn viterbi_agrees_with_the_full_search() {
        let mut seed = 11u32;
        let mut rnd = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            // Few distinct values, so ties happen and the tie-break is tested too.
            (seed % 7) as f32 - 3.0
        };
        let (mut back, mut out, mut want) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..400 {
            let n = 1 + round % 9;
            let em: Vec<f32> = (0..n * NT).map(|_| rnd()).collect();
            let tr: Vec<f32> = (0..(NT + 1) * NT).map(|_| rnd()).collect();
            for from in [START, 0] {
                viterbi(&em, &tr, from, n, &mut back, &mut out);
                viterbi_reference(&em, &tr, from, n, &mut want);
                assert_eq!(out, want, "round {round}");
            }
        }
    }

    #[test]
    fn viterbi_output_is_well_formed_whatever_the_scores() {
        let mut seed = 7u32;
        let mut rnd = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            (seed % 1000) as f32 / 100.0 - 5.0
        };
        let (mut back, mut out) = (Vec::new(), Vec::new());
        for n in 1..12 {
            let em: Vec<f32> = (0..n * NT).map(|_| rnd()).collect();
            let tr: Vec<f32> = (0..(NT + 1) * NT).map(|_| rnd()).collect();
            viterbi(&em, &tr, START, n, &mut back, &mut out);
            let mut prev = START;
            for &t in &out {
                assert!(allowed(prev, usize::from(t)));
                prev = usize::from(t);
            }
            assert!(may_end(prev));
        }
    }

    #[test]
    fn spans_round_trip() {
        let s = vec![(0, 2, Type::Per), (3, 4, Type::Loc), (4, 7, Type::Org)];
        let mut tags = Vec::new();
        from_spans(8, &s, &mut tags);
        let mut back = Vec::new();
        spans(&tags, &mut back);
        assert_eq!(s, back);
    }
}
