//! Re-attaching annotations to text that has changed: W3C Web Annotation selectors and anchoring.
//!
//! # Selectors
//!
//! An annotation is stored with two selectors of the W3C Web Annotation Data Model
//! (<https://www.w3.org/TR/annotation-model/#selectors>), kept as plain data:
//!
//! * [`TextQuoteSelector`] — the annotated text (`exact`) with up to [`CONTEXT_CHARS`] code points
//!   of context either side (`prefix`, `suffix`);
//! * [`TextPositionSelector`] — `start`/`end` in Unicode code points, end exclusive.
//!
//! [`describe`] makes both from a range; [`anchor`] / [`Anchorer::anchor`] find them again. Finding
//! (anchoring) is kept apart from drawing: this module only returns code-point ranges.
//!
//! # Strategy
//!
//! Modelled on the Hypothesis client's anchoring (`src/annotator/anchoring/text-quote.ts`,
//! `match-quote.ts` and the `approx-string-match` package it uses): try the cheap, certain
//! strategies first and the expensive, uncertain one last, and check the quote every time.
//!
//! 1. **Exact** — the text at `position.start` equals `quote.exact`.
//! 2. **Moved** — `quote.exact` occurs elsewhere: every occurrence is scored by how well the text
//!    around it matches `prefix`/`suffix`, ties broken by distance from the old position.
//! 3. **Fuzzy** — approximate search (Myers' bit-parallel algorithm, with 64-bit blocks so any
//!    quote length works) for matches of the quote with at most [`MAX_ERROR_RATE`] × its length
//!    edits, first in a window around the old position and then in the whole text. Candidates are
//!    scored by quote similarity, context similarity and proximity ([`QUOTE_WEIGHT`],
//!    [`PREFIX_WEIGHT`], [`SUFFIX_WEIGHT`], [`POSITION_WEIGHT`] — Hypothesis's weights).
//!
//! Every candidate, whatever the strategy, is verified before it is accepted: the found text must be
//! at least [`MIN_QUOTE_SIMILARITY`] similar to the quote (edit distance recomputed independently of
//! the search), an inexact match must agree with the quote at both of its ends ([`EDGE_CHARS`]),
//! and a quote too short to be distinctive on its own must also have its context matched. Hypothesis attaches to the best fuzzy match whatever its score; we prefer *detached* to
//! *wrong*, so a short quote whose sentence was deleted is not moved to another occurrence of the
//! same words. A `None` result means detached: the caller keeps the annotation and lists it.
//!
//! # Crates
//!
//! Approximate *substring* search with code-point alphabet and patterns of any length is hand-written
//! (≈80 lines, [`myers_search`]): `triple_accel` searches bytes, not code points, and on wasm32 falls
//! back to an O(n·m) dynamic program; `bitap` only takes patterns up to one machine word;
//! `bio`'s Myers is right but pulls in a large dependency tree; `sublime_fuzzy` scores subsequences,
//! not edits. Context similarity (32 code points a side) uses `strsim`'s normalised Levenshtein —
//! tiny, no dependencies, plain code that builds for wasm32. Verification of the found text reuses
//! the Myers code in global mode ([`edit_distance`], O(n·⌈m/64⌉), so 2,000-code-point quotes stay
//! cheap); its unit test checks it against `strsim::levenshtein` and a plain dynamic program.
//!
//! # Cost
//!
//! [`Anchorer::new`] builds a sparse code-point → byte index (one entry per [`INDEX_STRIDE`] code
//! points; nothing for ASCII text), so Exact is a slice compare and Moved a `str::find` over byte
//! windows. The expensive fuzzy search only runs for annotations the cheap strategies could not
//! place.

use serde::{Deserialize, Serialize};

/// Code points of context stored either side of the quote.
pub const CONTEXT_CHARS: usize = 32;

/// Largest share of the quote's length that may be edited for a fuzzy match (Hypothesis allows
/// half; a quarter keeps fuzzy matches recognisably the same text).
pub const MAX_ERROR_RATE: f32 = 0.25;

/// Weight of the similarity of the matched text to `exact` (dominant: it is what was annotated).
pub const QUOTE_WEIGHT: f32 = 50.0;
/// Weight of the similarity of the text before the match to `prefix`.
pub const PREFIX_WEIGHT: f32 = 20.0;
/// Weight of the similarity of the text after the match to `suffix`.
pub const SUFFIX_WEIGHT: f32 = 20.0;
/// Weight of proximity to the old position: small, a tie-breaker between otherwise equal matches.
pub const POSITION_WEIGHT: f32 = 2.0;

/// Verification: the found text must be at least this similar (normalised Levenshtein) to `exact`.
pub const MIN_QUOTE_SIMILARITY: f32 = 0.75;
/// A quote whose code points minus twice its edit errors reach this many is distinctive enough to
/// be accepted without context; shorter ones need one side of context to match.
pub const DISTINCTIVE_CHARS: usize = 32;
/// "Context matches on a side": normalised Levenshtein similarity at least this (chance level for
/// unrelated English text of this length is around 0.3–0.45).
pub const MIN_CONTEXT_SIMILARITY: f32 = 0.75;
/// Half-width, in code points beyond the quote's length, of the window around the old position
/// searched before the whole text.
pub const NEAR_WINDOW: usize = 4096;
/// Code points between two entries of the code-point → byte index.
pub const INDEX_STRIDE: usize = 64;
/// Fuzzy candidates (best by edit errors, then nearness) scored in full per search.
const MAX_FUZZY_CANDIDATES: usize = 256;
/// Most exact occurrences of a quote scored in one search (a one-letter quote occurs everywhere;
/// the nearest window is searched first, so the right one is rarely past this).
pub const MAX_OCCURRENCES: usize = 1_000;
/// Largest amount of bit-parallel work (64-code-point blocks of the quote × code points of text)
/// a fuzzy search may take; beyond it the search is skipped and the annotation is detached
/// rather than freezing the page (a quote as long as a chapter, or a long quote in a book).
pub const FUZZY_BUDGET: usize = 16_000_000;
/// Code points compared at each end of an inexact match (see [`Anchorer::anchor`]'s verification).
pub const EDGE_CHARS: usize = 24;
/// Each end of an inexact match must be at least this similar to the quote's (chance level for
/// unrelated text is around 0.3–0.45).
pub const MIN_EDGE_SIMILARITY: f32 = 0.6;
/// Candidate ends per match region, and starts per end (see `fuzzy_candidates`).
const ENDS_PER_RUN: usize = 3;
const STARTS_PER_END: usize = 3;
/// Candidates scoring within this of the best are taken as tied and the nearest to the old
/// position wins: a typo in the context of the original must not send a quote to a copy of the
/// same phrase elsewhere (≈ one context side differing by a few code points).
pub const AMBIGUITY_MARGIN: f32 = 0.03;
/// For a short quote: the mean similarity of both context sides must reach this (see
/// [`acceptable`]).
pub const MIN_MEAN_CONTEXT_SIMILARITY: f32 = 0.7;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuoteSelector {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextPositionSelector {
    pub start: usize,
    pub end: usize,
}

/// How an annotation was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchoring {
    /// At its stored position, unchanged.
    Exact,
    /// The same text, elsewhere.
    Moved,
    /// Similar text (the quote or its surroundings were edited).
    Fuzzy,
}

/// Where an annotation now is: `[start, end)` in code points, how it was found, and a score in
/// `0..=1` (1 for Exact; the weighted candidate score otherwise).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Anchor {
    pub start: usize,
    pub end: usize,
    pub how: Anchoring,
    pub score: f32,
}

/// Selectors describing `[start, end)` (code points, clamped to the text) of `text`; prefix and
/// suffix up to [`CONTEXT_CHARS`] code points.
pub fn describe(text: &str, start: usize, end: usize) -> (TextQuoteSelector, TextPositionSelector) {
    Anchorer::new(text).describe(start, end)
}

/// [`describe`] over any code-point slicer of a text `len` code points long (`slice(s, e)` must
/// clamp `e` to the text): for a caller that already indexes the text, such as the app's article.
pub fn describe_sliced<'t>(
    len: usize,
    slice: impl Fn(usize, usize) -> &'t str,
    start: usize,
    end: usize,
) -> (TextQuoteSelector, TextPositionSelector) {
    let end = end.min(len);
    let start = start.min(end);
    let quote = TextQuoteSelector {
        exact: slice(start, end).to_string(),
        prefix: slice(start.saturating_sub(CONTEXT_CHARS), start).to_string(),
        suffix: slice(end, end + CONTEXT_CHARS).to_string(),
    };
    (quote, TextPositionSelector { start, end })
}

/// Find the selectors' text in `text` (code-point offsets). `None` = detached (the caller keeps the
/// annotation and lists it as detached, never drops it).
pub fn anchor(
    text: &str,
    quote: &TextQuoteSelector,
    position: Option<&TextPositionSelector>,
) -> Option<Anchor> {
    Anchorer::new(text).anchor(quote, position)
}

/// Anchors many annotations against one text, building the code-point index once.
pub struct Anchorer<'a> {
    text: &'a str,
    /// Length in code points.
    len: usize,
    /// Byte offset of every `INDEX_STRIDE`-th code point; empty for ASCII text (offsets are bytes).
    index: Vec<u32>,
}

/// A candidate range with its edit errors against `exact`.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    start: usize,
    end: usize,
    errors: usize,
}

impl<'a> Anchorer<'a> {
    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return Anchorer {
                text,
                len: text.len(),
                index: Vec::new(),
            };
        }
        let mut index = Vec::with_capacity(text.len() / INDEX_STRIDE + 1);
        let mut len = 0;
        for (b, _) in text.char_indices() {
            if len % INDEX_STRIDE == 0 {
                index.push(b as u32);
            }
            len += 1;
        }
        Anchorer { text, len, index }
    }

    /// [`describe`] for many ranges of one text, reusing the index.
    pub fn describe(&self, start: usize, end: usize) -> (TextQuoteSelector, TextPositionSelector) {
        describe_sliced(self.len, |s, e| self.slice(s, e), start, end)
    }

    /// Length of the text in code points.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Byte offset of code point `i` (clamped to the end).
    fn byte(&self, i: usize) -> usize {
        if i >= self.len {
            return self.text.len();
        }
        if self.index.is_empty() {
            return i;
        }
        let base = self.index[i / INDEX_STRIDE] as usize;
        let skip = i % INDEX_STRIDE;
        if skip == 0 {
            return base;
        }
        self.text[base..]
            .char_indices()
            .nth(skip)
            .map_or(self.text.len(), |(b, _)| base + b)
    }

    /// Code-point offset of byte offset `b` (a char boundary).
    fn char_of(&self, b: usize) -> usize {
        if self.index.is_empty() {
            return b.min(self.len);
        }
        let k = self.index.partition_point(|&x| x as usize <= b) - 1;
        let base = self.index[k] as usize;
        k * INDEX_STRIDE + self.text.get(base..b).map_or(0, |s| s.chars().count())
    }

    /// The text between two code-point offsets (clamped).
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let end = end.min(self.len);
        let start = start.min(end);
        let b = self.byte(start);
        let e = if end - start < INDEX_STRIDE && !self.index.is_empty() {
            self.text[b..]
                .char_indices()
                .nth(end - start)
                .map_or(self.text.len(), |(x, _)| b + x)
        } else {
            self.byte(end)
        };
        &self.text[b..e]
    }

    /// Find the selectors' text. See the module documentation for the strategy.
    pub fn anchor(
        &self,
        quote: &TextQuoteSelector,
        position: Option<&TextPositionSelector>,
    ) -> Option<Anchor> {
        let exact = quote.exact.as_str();
        if exact.is_empty() || self.len == 0 {
            return None;
        }
        // Context scoring is quadratic in the context's length: a stored context longer than
        // this module writes (from an import) is cut to [`CONTEXT_CHARS`] a side.
        let capped;
        let quote = if quote.prefix.len() > 4 * CONTEXT_CHARS || quote.suffix.len() > 4 * CONTEXT_CHARS {
            let p = quote.prefix.chars().count();
            capped = TextQuoteSelector {
                exact: quote.exact.clone(),
                prefix: quote.prefix.chars().skip(p.saturating_sub(CONTEXT_CHARS)).collect(),
                suffix: quote.suffix.chars().take(CONTEXT_CHARS).collect(),
            };
            &capped
        } else {
            quote
        };
        let qlen = exact.chars().count();
        let hint = position.map(|p| p.start.min(self.len));
        let distinctive = qlen >= DISTINCTIVE_CHARS;
        let found = |c: Candidate, score: f32| {
            let how = match (c.errors, hint) {
                (0, Some(h)) if h == c.start => Anchoring::Exact,
                (0, _) => Anchoring::Moved,
                _ => Anchoring::Fuzzy,
            };
            Some(Anchor {
                start: c.start,
                end: c.end,
                how,
                score,
            })
        };

        // 1. Exact: the quote is still at its position. A short quote must also still have its
        //    context, or a different "the" that slid into place would do.
        if let Some(h) = hint {
            if h + qlen <= self.len && self.slice(h, h + qlen) == exact {
                let c = Candidate {
                    start: h,
                    end: h + qlen,
                    errors: 0,
                };
                if distinctive || self.context_perfect(quote, &c) {
                    return found(c, 1.0);
                }
            }
        }

        // 2. Moved: the same text elsewhere, nearest window first.
        if let Some(h) = hint {
            // Growing windows: most moves are small (a sentence or paragraph added nearby).
            for w in [NEAR_WINDOW / 8, NEAR_WINDOW] {
                let near = self.occurrences(exact, qlen, h.saturating_sub(w), h + qlen + w);
                if let Some((c, s)) = self.best(quote, qlen, hint, &near) {
                    // Nothing outside the window is nearer, and no inexact match scores higher,
                    // so a perfect context cannot be beaten.
                    if self.context_perfect(quote, &c) {
                        return found(c, s);
                    }
                }
            }
        }
        let all = self.occurrences(exact, qlen, 0, self.len);
        if let Some((c, s)) = self.best(quote, qlen, hint, &all) {
            // A long quote found once: the same passage, moved (e.g. its paragraph swapped).
            if (distinctive && all.len() == 1) || self.context_perfect(quote, &c) {
                return found(c, s);
            }
        }

        // 3. Fuzzy: approximate matches (which include the exact occurrences, so an exact copy with
        //    the wrong context competes with the edited original on equal terms).
        let max_errors = (qlen as f32 * MAX_ERROR_RATE) as usize;
        if qlen - max_errors > self.len {
            return None;
        }
        let blocks = qlen.div_ceil(64);
        let pattern: Vec<char> = exact.chars().collect();
        if let Some(h) = hint {
            let lo = h.saturating_sub(NEAR_WINDOW + max_errors);
            let hi = h + qlen + NEAR_WINDOW + max_errors;
            if blocks * (hi.min(self.len) - lo.min(self.len)) > FUZZY_BUDGET {
                return None;
            }
            let near = self.fuzzy_candidates(&pattern, max_errors, lo, hi);
            let best = self.best(quote, qlen, hint, &near);
            if lo == 0 && hi >= self.len {
                return best.and_then(|(c, s)| found(c, s));
            }
            if let Some((c, s)) = best {
                // Good context on both sides near where it was: accept without scanning the rest.
                if self
                    .context_similarity(quote, &c)
                    .iter()
                    .all(|&x| x >= MIN_CONTEXT_SIMILARITY)
                {
                    return found(c, s);
                }
            }
        }
        if blocks * self.len > FUZZY_BUDGET {
            return None;
        }
        let all = self.fuzzy_candidates(&pattern, max_errors, 0, self.len);
        self.best(quote, qlen, hint, &all)
            .and_then(|(c, s)| found(c, s))
    }

    /// Exact occurrences of `exact` starting in code points `[lo, hi)`.
    fn occurrences(&self, exact: &str, qlen: usize, lo: usize, hi: usize) -> Vec<Candidate> {
        let hi = hi.min(self.len);
        if lo >= hi {
            return Vec::new();
        }
        let (b0, b1) = (self.byte(lo), self.byte(hi));
        // Occurrences may run past `hi`; only their start must be inside.
        let mut stop = (b1 + exact.len()).min(self.text.len());
        while !self.text.is_char_boundary(stop) {
            stop -= 1;
        }
        let hay = &self.text[b0..stop];
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = hay[from..].find(exact) {
            let b = b0 + from + i;
            if b >= b1 {
                break;
            }
            let start = self.char_of(b);
            out.push(Candidate {
                start,
                end: start + qlen,
                errors: 0,
            });
            if out.len() == MAX_OCCURRENCES {
                break;
            }
            // Step one char so overlapping occurrences are found too.
            from += i + hay[from + i..].chars().next().map_or(1, char::len_utf8);
            if from >= hay.len() {
                break;
            }
        }
        out
    }

    /// Approximate matches of `pattern` lying within code points `[lo, hi)`, each with its exact
    /// edit distance to the pattern.
    fn fuzzy_candidates(
        &self,
        pattern: &[char],
        max_errors: usize,
        lo: usize,
        hi: usize,
    ) -> Vec<Candidate> {
        let hi = hi.min(self.len);
        if lo >= hi {
            return Vec::new();
        }
        let window = self.slice(lo, hi);
        let ends = myers_search(pattern, window.chars(), max_errors, false);
        // A run of consecutive ends within the error bound is one match region. Its candidate ends
        // are its local minima of edit distance (the fewest errors are not always right: with a
        // paragraph inserted into a long quote, stopping early and substituting can cost less than
        // inserting, and only the context tells them apart).
        let mut runs: Vec<Vec<(usize, usize)>> = Vec::new();
        for (end, errors) in ends {
            match runs.last_mut() {
                Some(run) if run.last().is_some_and(|l| l.0 + 1 == end) => run.push((end, errors)),
                _ => runs.push(vec![(end, errors)]),
            }
        }
        let mut runs: Vec<Vec<(usize, usize)>> = runs
            .into_iter()
            .map(|r| local_minima(&r, ENDS_PER_RUN))
            .collect();
        // The best runs: fewest errors, then nearest the middle of the window (the old position).
        let mid = (hi - lo) / 2;
        runs.sort_by_key(|r| (r[0].1, r[0].0.abs_diff(mid)));
        // Each end costs a reverse search over about the quote's length: keep within the budget.
        let per_run = ENDS_PER_RUN * pattern.len().div_ceil(64) * (pattern.len() + max_errors);
        runs.truncate(MAX_FUZZY_CANDIDATES.min((FUZZY_BUDGET / per_run.max(1)).max(1)));
        let rev: Vec<char> = pattern.iter().rev().copied().collect();
        let m = pattern.len();
        let mut out = Vec::new();
        for run in runs {
            for &(end, _) in &run {
                // Starts: the reversed pattern against the reversed text ending at `end`, anchored
                // there (global mode), so each length gets its exact edit distance; again the
                // local minima, since a paragraph inserted near the quote's start looks cheaper to
                // drop than to include.
                // (Up to the full error bound: the right start may cost more than the cheapest.)
                let from = end.saturating_sub(m + max_errors);
                let seg: Vec<char> = self.slice(lo + from, lo + end).chars().collect();
                let lens = myers_search(&rev, seg.iter().rev().copied(), max_errors, true);
                for (len, e) in local_minima(&lens, STARTS_PER_END) {
                    if len > 0 {
                        out.push(Candidate {
                            start: lo + end - len,
                            end: lo + end,
                            errors: e,
                        });
                    }
                }
            }
        }
        out
    }

    /// The best-scoring acceptable candidate and its score. Candidates within
    /// [`AMBIGUITY_MARGIN`] of the best score count as tied, and the nearest of them wins.
    fn best(
        &self,
        quote: &TextQuoteSelector,
        qlen: usize,
        hint: Option<usize>,
        cands: &[Candidate],
    ) -> Option<(Candidate, f32)> {
        let scored: Vec<(Candidate, f32)> = cands
            .iter()
            .map(|c| (*c, self.score(quote, qlen, hint, c)))
            .collect();
        let top = scored.iter().map(|x| x.1).fold(f32::MIN, f32::max);
        let dist = |c: &Candidate| hint.map_or(0, |h| h.abs_diff(c.start));
        let winner = scored
            .into_iter()
            .filter(|x| x.1 >= top - AMBIGUITY_MARGIN)
            .min_by(|a, b| dist(&a.0).cmp(&dist(&b.0)).then(b.1.total_cmp(&a.1)))?;
        // Verify the winner only: acceptance must not change which place is best.
        self.acceptable(quote, qlen, &winner.0).then_some(winner)
    }

    /// Weighted score in `0..=1` (Hypothesis's `match-quote.ts` scoring).
    fn score(
        &self,
        quote: &TextQuoteSelector,
        qlen: usize,
        hint: Option<usize>,
        c: &Candidate,
    ) -> f32 {
        let quote_score = 1.0 - c.errors as f32 / qlen as f32;
        let [prefix_score, suffix_score] = self.context_similarity(quote, c);
        let pos_score = hint.map_or(1.0, |h| {
            1.0 - h.abs_diff(c.start) as f32 / self.len.max(1) as f32
        });
        (QUOTE_WEIGHT * quote_score
            + PREFIX_WEIGHT * prefix_score
            + SUFFIX_WEIGHT * suffix_score
            + POSITION_WEIGHT * pos_score)
            / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT)
    }

    /// The text around a candidate, as many code points each side as the stored context has
    /// (a short stored side means the text ended there; comparing equal lengths keeps an inserted
    /// title or closing paragraph from counting against it).
    fn context_of(&self, quote: &TextQuoteSelector, c: &Candidate) -> (&'a str, &'a str) {
        let (p, s) = (quote.prefix.chars().count(), quote.suffix.chars().count());
        (
            self.slice(c.start.saturating_sub(p), c.start),
            self.slice(c.end, c.end + s),
        )
    }

    /// Similarity of [prefix, suffix] to the text around the candidate. An empty stored side (the
    /// quote was at the start/end of the text) scores 1 if the candidate is there too, else 0.5:
    /// no evidence either way.
    fn context_similarity(&self, quote: &TextQuoteSelector, c: &Candidate) -> [f32; 2] {
        let (before, after) = self.context_of(quote, c);
        let side = |stored: &str, found: &str, at_edge: bool| {
            if stored.is_empty() {
                if at_edge {
                    1.0
                } else {
                    0.5
                }
            } else {
                strsim::normalized_levenshtein(stored, found) as f32
            }
        };
        [
            side(&quote.prefix, before, c.start == 0),
            side(&quote.suffix, after, c.end >= self.len),
        ]
    }

    fn context_perfect(&self, quote: &TextQuoteSelector, c: &Candidate) -> bool {
        let (before, after) = self.context_of(quote, c);
        before == quote.prefix
            && after == quote.suffix
            && (!quote.prefix.is_empty() || c.start == 0)
            && (!quote.suffix.is_empty() || c.end >= self.len)
    }

    /// Verification: is this candidate the annotated text (rather than merely similar text)?
    fn acceptable(&self, quote: &TextQuoteSelector, qlen: usize, c: &Candidate) -> bool {
        acceptable(
            quote,
            qlen,
            self.slice(c.start, c.end),
            self.context_similarity(quote, c),
        )
    }
}

/// Accept `found` (with `context` = [prefix, suffix] similarity of the text around it) only if
///
/// 1. its edit distance to the quote, recomputed here independently of the search, is within
///    [`MIN_QUOTE_SIMILARITY`];
/// 2. if it is inexact, its first and last [`EDGE_CHARS`] code points (fewer for short quotes) are
///    each at least [`MIN_EDGE_SIMILARITY`] similar to the quote's: a match that stops short of
///    text inserted into the quote, filling the gap with unrelated text, is cut-price alignment,
///    not the annotated passage (detached beats half-right);
/// 3. a quote too short to be distinctive (fewer than [`DISTINCTIVE_CHARS`] code points once each
///    edit has cost two) also has its context: on average at least
///    [`MIN_MEAN_CONTEXT_SIMILARITY`], one side at least [`MIN_CONTEXT_SIMILARITY`].
fn acceptable(quote: &TextQuoteSelector, qlen: usize, found: &str, context: [f32; 2]) -> bool {
    let errors = if found == quote.exact {
        0
    } else {
        let pattern: Vec<char> = quote.exact.chars().collect();
        let got: Vec<char> = found.chars().collect();
        let d = edit_distance(&pattern, found);
        if 1.0 - (d as f32 / qlen.max(got.len()) as f32) < MIN_QUOTE_SIMILARITY {
            return false;
        }
        let edge = EDGE_CHARS.min(qlen / 2).min(got.len());
        if edge >= 4 {
            let sim = |a: &[char], b: &[char]| {
                1.0 - edit_distance(a, &b.iter().collect::<String>()) as f32 / edge as f32
            };
            if sim(&pattern[..edge], &got[..edge]) < MIN_EDGE_SIMILARITY
                || sim(&pattern[qlen - edge..], &got[got.len() - edge..]) < MIN_EDGE_SIMILARITY
            {
                return false;
            }
        }
        d
    };
    let distinctive = qlen.saturating_sub(2 * errors) >= DISTINCTIVE_CHARS;
    distinctive
        || ((context[0] + context[1]) / 2.0 >= MIN_MEAN_CONTEXT_SIMILARITY
            && context.iter().any(|&s| s >= MIN_CONTEXT_SIMILARITY))
}

/// Up to `n` local minima of the distance in a run of consecutive `(offset, distance)` pairs, fewest
/// errors first, plus the first and last minima (a plateau counts by its first and last offsets).
fn local_minima(run: &[(usize, usize)], n: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, &(x, d)) in run.iter().enumerate() {
        let left = i == 0 || run[i - 1].1 > d;
        let right = i + 1 == run.len() || run[i + 1].1 > d;
        let left_eq = i > 0 && run[i - 1].1 == d;
        let right_eq = i + 1 < run.len() && run[i + 1].1 == d;
        if (left || left_eq) && (right || right_eq) && (left || right) {
            out.push((x, d));
        }
    }
    if out.is_empty() {
        // A run that only falls or rises: its lowest point.
        out.extend(run.iter().min_by_key(|p| p.1).copied());
    }
    // The outermost minima always stay: the longest match is the one that takes in text inserted
    // into the quote, however many lower minima noise makes inside.
    let (first, last) = (out[0], out[out.len() - 1]);
    out.sort_by_key(|p| p.1);
    out.truncate(n);
    for x in [first, last] {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// Levenshtein distance between `pattern` and `text` (Myers' algorithm in global mode).
pub fn edit_distance(pattern: &[char], text: &str) -> usize {
    if pattern.is_empty() {
        return text.chars().count();
    }
    myers_search(pattern, text.chars(), usize::MAX, true)
        .last()
        .map_or(pattern.len(), |&(_, d)| d)
}

/// Myers' bit-parallel approximate string matching (Myers 1999, "A fast bit-vector algorithm for
/// approximate string matching based on dynamic programming", §4 with blocks of 64 bits as in
/// Hyyrö's formulation and `approx-string-match`). For each prefix `text[..j]` (reported as `j`,
/// code points) whose edit distance is at most `max_errors`, returns `(j, distance)`, where the
/// distance is that of `pattern` to
///
/// * the best substring of `text` ending at `j` (`global == false`: search), or
/// * `text[..j]` itself (`global == true`: the match is anchored at the start of `text`).
///
/// Every block is advanced every column — O(n·⌈m/64⌉), no cut-off — which keeps it short and is
/// fast enough for the fallback it is.
pub fn myers_search(
    pattern: &[char],
    text: impl Iterator<Item = char>,
    max_errors: usize,
    global: bool,
) -> Vec<(usize, usize)> {
    let m = pattern.len();
    let mut out = Vec::new();
    if m == 0 {
        return out;
    }
    let blocks = m.div_ceil(64);
    // Alphabet of the pattern, sorted, and per-symbol match masks per block.
    let mut alphabet: Vec<char> = pattern.to_vec();
    alphabet.sort_unstable();
    alphabet.dedup();
    let mut peq = vec![0u64; alphabet.len() * blocks];
    for (i, ch) in pattern.iter().enumerate() {
        let a = alphabet.binary_search(ch).unwrap_or(0);
        peq[a * blocks + i / 64] |= 1u64 << (i % 64);
    }
    let last_bit = 1u64 << ((m - 1) % 64);
    // Symbol lookup: a table for ASCII, binary search for the rest.
    let mut ascii = [u32::MAX; 128];
    for (i, &c) in alphabet.iter().enumerate() {
        if c.is_ascii() {
            ascii[c as usize] = i as u32;
        }
    }
    let zeros = vec![0u64; blocks];
    let mut pv = vec![u64::MAX; blocks];
    let mut mv = vec![0u64; blocks];
    let mut score = m;
    if global && max_errors >= m {
        out.push((0, m));
    }
    for (j, ch) in text.enumerate() {
        let sym = if ch.is_ascii() {
            Some(ascii[ch as usize] as usize).filter(|&a| a != u32::MAX as usize)
        } else {
            alphabet.binary_search(&ch).ok()
        };
        let row = sym.map_or(&zeros[..], |a| &peq[a * blocks..(a + 1) * blocks]);
        // Horizontal delta entering the top block: 0 when the match may start anywhere, +1 when
        // it must start at the beginning of the text (row 0 is then 0, 1, 2, …).
        let mut hin: i32 = i32::from(global);
        for (b, ((p, mn), &eq0)) in pv.iter_mut().zip(mv.iter_mut()).zip(row).enumerate() {
            let mut eq = eq0;
            let (pb, mb) = (*p, *mn);
            let xv = eq | mb;
            if hin < 0 {
                eq |= 1;
            }
            let xh = ((eq & pb).wrapping_add(pb) ^ pb) | eq;
            let mut ph = mb | !(xh | pb);
            let mut mh = pb & xh;
            let top = if b + 1 == blocks {
                last_bit
            } else {
                1u64 << 63
            };
            let hout = if ph & top != 0 {
                1
            } else if mh & top != 0 {
                -1
            } else {
                0
            };
            ph <<= 1;
            mh <<= 1;
            if hin < 0 {
                mh |= 1;
            } else if hin > 0 {
                ph |= 1;
            }
            *p = mh | !(xv | ph);
            *mn = ph & xv;
            hin = hout;
        }
        score = (score as i64 + hin as i64) as usize;
        if score <= max_errors {
            out.push((j + 1, score));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference: semi-global edit distance of `p` against substrings of `t` ending at each offset.
    fn naive_ends(p: &[char], t: &[char], k: usize, global: bool) -> Vec<(usize, usize)> {
        let m = p.len();
        let mut col: Vec<usize> = (0..=m).collect();
        let mut out = Vec::new();
        if global && m <= k {
            out.push((0, m));
        }
        for (j, &c) in t.iter().enumerate() {
            let mut prev_diag = col[0];
            col[0] = if global { j + 1 } else { 0 };
            for i in 1..=m {
                let cur = col[i];
                col[i] = (prev_diag + usize::from(p[i - 1] != c))
                    .min(col[i - 1] + 1)
                    .min(cur + 1);
                prev_diag = cur;
            }
            if col[m] <= k {
                out.push((j + 1, col[m]));
            }
        }
        out
    }

    #[test]
    fn myers_matches_dynamic_programming() {
        // Deterministic pseudo-random strings over a small alphabet, pattern lengths across blocks.
        let mut seed = 12345u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let alpha: Vec<char> = "abcé中 ".chars().collect();
        for &m in &[1usize, 2, 5, 63, 64, 65, 127, 128, 129, 200] {
            for _ in 0..3 {
                let p: Vec<char> = (0..m).map(|_| alpha[next() % alpha.len()]).collect();
                let t: Vec<char> = (0..300).map(|_| alpha[next() % alpha.len()]).collect();
                let k = m / 2;
                assert_eq!(
                    myers_search(&p, t.iter().copied(), k, false),
                    naive_ends(&p, &t, k, false),
                    "m={m}"
                );
                let tg = &t[..(m + m / 3).min(t.len())];
                assert_eq!(
                    myers_search(&p, tg.iter().copied(), k, true),
                    naive_ends(&p, tg, k, true),
                    "global m={m}"
                );
                let ts: String = tg.iter().collect();
                let ps: String = p.iter().collect();
                assert_eq!(
                    edit_distance(&p, &ts),
                    strsim::levenshtein(&ps, &ts),
                    "m={m}"
                );
            }
        }
    }

    /// Anchor `exact` (described in `old` at its first occurrence after `marker`) in `new`;
    /// expected: `Some((how, text found))` or `None`.
    fn check(
        old: &str,
        start_at: &str,
        exact: &str,
        new: &str,
        expected: Option<(Anchoring, &str, usize)>,
    ) {
        let b = old.find(start_at).expect("marker");
        let b = b + old[b..].find(exact).expect("exact after marker");
        let start = old[..b].chars().count();
        let (q, p) = describe(old, start, start + exact.chars().count());
        assert_eq!(q.exact, exact);
        let got = anchor(new, &q, Some(&p));
        let got = got.map(|a| {
            (
                a.how,
                Anchorer::new(new).slice(a.start, a.end).to_string(),
                a.start,
            )
        });
        let expected = expected.map(|(h, s, at)| (h, s.to_string(), at));
        assert_eq!(got, expected, "old={old:?} exact={exact:?} new={new:?}");
    }

    /// Code-point offset of the n-th (0-based) occurrence of `s` in `t`.
    fn at(t: &str, s: &str, n: usize) -> usize {
        let b = t.match_indices(s).nth(n).expect("occurrence").0;
        t[..b].chars().count()
    }

    #[test]
    fn table() {
        let en = "The committee met on Tuesday. It said the new rules would apply from May. Critics said the rules were rushed.";
        let moved = format!("A new opening paragraph was added here.\n\n{en}");
        let typo = en.replace("new rules", "new rulse");
        let gone = en.replace("It said the new rules would apply from May. ", "");
        let mb = "L’équipe a dit « café » — 中文很好 😀 then more text after the emoji here.";
        let mb_moved = format!("Préface ajoutée. {mb}");
        let rtl = "قال المتحدث إن القواعد الجديدة ستطبق من مايو. وقال المنتقدون إنها متسرعة.";
        let rtl_typo = rtl.replace("الجديدة", "الجديده");
        type Case<'a> = (
            &'a str,
            &'a str,
            &'a str,
            &'a str,
            Option<(Anchoring, &'a str, usize)>,
        );
        let cases: Vec<Case> = vec![
            // Unchanged text: exact.
            (
                en,
                "It",
                "the new rules would apply",
                en,
                Some((
                    Anchoring::Exact,
                    "the new rules would apply",
                    at(en, "the new", 0),
                )),
            ),
            // Paragraph inserted before: moved by its length.
            (
                en,
                "It",
                "the new rules would apply",
                &moved,
                Some((
                    Anchoring::Moved,
                    "the new rules would apply",
                    at(&moved, "the new", 0),
                )),
            ),
            // A short, repeated quote moves with its context, not to the first occurrence.
            (
                en,
                "Critics",
                "the rules",
                &moved,
                Some((Anchoring::Moved, "the rules", at(&moved, "the rules", 0))),
            ),
            // Typo inside the quote: fuzzy.
            (
                en,
                "It",
                "the new rules would apply",
                &typo,
                Some((
                    Anchoring::Fuzzy,
                    "the new rulse would apply",
                    at(&typo, "the new", 0),
                )),
            ),
            // The annotated sentence deleted: the short quote "said" exists elsewhere but must not attach there.
            (en, "It", "said", &gone, None),
            (
                en,
                "It",
                "It said the new rules would apply from May.",
                &gone,
                None,
            ),
            // Multi-byte text: code-point offsets.
            (
                mb,
                "L",
                "« café »",
                mb,
                Some((Anchoring::Exact, "« café »", at(mb, "«", 0))),
            ),
            (
                mb,
                "L",
                "中文很好 😀",
                &mb_moved,
                Some((Anchoring::Moved, "中文很好 😀", at(&mb_moved, "中", 0))),
            ),
            (
                mb,
                "L",
                "😀",
                &mb_moved,
                Some((Anchoring::Moved, "😀", at(&mb_moved, "😀", 0))),
            ),
            // Right-to-left text (logical order) with a letter changed inside the quote.
            (
                rtl,
                "ق",
                "إن القواعد الجديدة ستطبق",
                &rtl_typo,
                Some((
                    Anchoring::Fuzzy,
                    "إن القواعد الجديده ستطبق",
                    at(&rtl_typo, "إن", 0),
                )),
            ),
        ];
        for (old, marker, exact, new, expected) in cases {
            check(old, marker, exact, new, expected);
        }
    }

    #[test]
    fn edge_cases() {
        let t = "short text";
        let q = |e: &str| TextQuoteSelector {
            exact: e.into(),
            prefix: String::new(),
            suffix: String::new(),
        };
        assert_eq!(anchor(t, &q(""), None), None);
        assert_eq!(anchor("", &q("x"), None), None);
        // Position past the end: no panic, found by search.
        let p = TextPositionSelector {
            start: 1000,
            end: 2000,
        };
        let (qt, _) = describe(t, 6, 10);
        assert_eq!(
            anchor(t, &qt, Some(&p)).map(|a| (a.start, a.end)),
            Some((6, 10))
        );
        // describe clamps.
        let (qd, pd) = describe(t, 8, 99);
        assert_eq!(
            (qd.exact.as_str(), pd),
            ("xt", TextPositionSelector { start: 8, end: 10 })
        );
        // No position at all.
        assert_eq!(anchor(t, &qt, None).map(|a| a.how), Some(Anchoring::Moved));
        // Selector JSON uses W3C-like field names; Anchoring lowercase.
        assert_eq!(
            serde_json::to_string(&Anchoring::Fuzzy).unwrap(),
            "\"fuzzy\""
        );
    }

    #[test]
    fn long_quote_across_paragraphs() {
        let para = |i: usize| {
            format!(
                "Paragraph {i} says something about topic {} and adds detail number {}.",
                i * 7 % 13,
                i * 31 % 17
            )
        };
        let old: String = (0..60).map(para).collect::<Vec<_>>().join("\n\n");
        let start = at(&old, "Paragraph 10 ", 0);
        let end = start + 2000;
        let (q, p) = describe(&old, start, end);
        assert_eq!(q.exact.chars().count(), 2000);
        // Edits inside the quote and a paragraph inserted before it.
        let new = format!(
            "Inserted first paragraph.\n\n{}",
            old.replacen("topic", "topics", 3)
                .replacen("Paragraph 20 ", "Paragraph 20, ", 1)
        );
        let a = anchor(&new, &q, Some(&p)).expect("anchored");
        assert_eq!(a.how, Anchoring::Fuzzy);
        assert_eq!(a.start, at(&new, "Paragraph 10 ", 0));
        assert!(
            (a.end as isize - (a.start as isize + 2001)).abs() <= 2,
            "{a:?}"
        );
    }

    /// Input decides the cost: a one-letter quote with thousands of characters of context, in a
    /// text where the letter occurs everywhere, and a quote longer than the text, finish with
    /// bounded work (the browser benchmark times them; here they must still be right).
    #[test]
    fn hostile_selectors_are_bounded_and_still_right() {
        let text = "a b ".repeat(50_000) + "the one place";
        let quote = TextQuoteSelector {
            exact: "one".into(),
            prefix: format!("{}the ", "a b ".repeat(500)),
            suffix: " place".into(),
        };
        let found = anchor(&text, &quote, None).map(|a| (a.start, a.end));
        assert_eq!(found, Some((200_004, 200_007)));
        let letter = TextQuoteSelector { exact: "a".into(), prefix: "z".repeat(2_000), suffix: "z".repeat(2_000) };
        let _ = anchor(&text, &letter, Some(&TextPositionSelector { start: 7, end: 8 }));
        let huge = TextQuoteSelector { exact: "q".repeat(300_000), prefix: String::new(), suffix: String::new() };
        assert_eq!(anchor(&text, &huge, None), None);
        let long = TextQuoteSelector { exact: "a b c ".repeat(4_000), prefix: String::new(), suffix: String::new() };
        assert_eq!(anchor(&text, &long, Some(&TextPositionSelector { start: 10, end: 24_010 })).map(|a| a.how), None);
    }
}
