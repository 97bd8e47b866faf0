//! Text at the byte level: the leaf every pass stands on. Slicing, stepping through chars,
//! finding bytes and turning byte offsets into code points, written for text that is almost all
//! ASCII. Names nothing else of the crate.
//!
//! The passes work in byte offsets (slicing is free, nothing is counted twice); the public types
//! count code points, converted once at the end ([`CharCursor`]). The helpers are written out
//! by hand because on a first visit the browser runs the analysis mostly in its baseline
//! compiler, which never inlines: an ASCII fast path or an inline bounds check there saves a
//! call per character or per token.

use unicode_segmentation::UnicodeSegmentation;

/// Slice by code-point offsets, clamped to the text. `O(n)`: for occasional use only; the
/// analysis itself works in byte offsets.
pub fn char_slice(text: &str, start: usize, end: usize) -> &str {
    let mut it = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let s = it.nth(start).unwrap_or(text.len());
    let e = if end > start {
        it.nth(end - start - 1).unwrap_or(text.len())
    } else {
        s
    };
    &text[s..e]
}

/// Words of a text, by Unicode word boundaries (UAX #29): the count readers see.
pub fn word_count(text: &str) -> usize {
    text.unicode_words().count()
}

/// The first eight bytes of `b` (all of it when shorter, zero-padded) as a little-endian
/// `u64`, read by at most three loads instead of a copy into a buffer, which the compiler
/// makes a `memcpy` call of variable length (word hashes read every word's first bytes).
#[inline(always)]
pub(crate) fn le_prefix8(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 8 {
        u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
    } else if n >= 4 {
        let lo = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        // The last four bytes, overlapping the first four; bytes 4..n are its top n - 4.
        let hi = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
        lo | (hi >> (8 * (8 - n))) << 32
    } else if n > 0 {
        // One to three bytes: the first, the middle and the last cover them.
        u64::from(b[0]) | u64::from(b[n / 2]) << (8 * (n / 2)) | u64::from(b[n - 1]) << (8 * (n - 1))
    } else {
        0
    }
}

/// Index of the first byte of `b` at or after `from` that equals one of `targets` (one to three
/// bytes; repeat one to fill), eight bytes at a time: XOR with each target turns a match into a
/// zero byte, and the lowest set bit of `(x - 0x01…) & !x & 0x80…` marks the first zero byte
/// exactly (higher bytes may be false positives, the lowest never is). A portable `memchr3`
/// without a dependency; in WebAssembly the 64-bit operations are native.
#[inline]
pub(crate) fn find_byte3(b: &[u8], from: usize, targets: [u8; 3]) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let [p, q, r] = targets.map(|t| LO * u64::from(t));
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let mut i = from;
    while i + 8 <= b.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        let x = u64::from_le_bytes(w);
        let z = zero(x ^ p) | zero(x ^ q) | zero(x ^ r);
        if z != 0 {
            return Some(i + (z.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    (i..b.len()).find(|&k| targets.contains(&b[k]))
}

/// The char starting at byte `i` (a char boundary) and its UTF-8 length; ASCII without decoding.
/// The tokenisers use it instead of `char_indices` because almost all article text is ASCII.
#[inline(always)]
pub(crate) fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = s
            .get(i..)
            .and_then(|r| r.chars().next())
            .unwrap_or('\u{fffd}');
        (c, c.len_utf8())
    }
}

/// `text[a..b]`, or "" when the range is out of bounds or not on char boundaries: the checks
/// of `str` slicing written inline, so slicing a token costs no call (bounds and boundary
/// checks, panic path), in the browser's baseline compiler too, which never inlines.
#[inline(always)]
pub(crate) fn sub(text: &str, a: usize, b: usize) -> &str {
    let bytes = text.as_bytes();
    let n = bytes.len();
    if a <= b
        && b <= n
        && (a == n || (bytes[a] as i8) >= -0x40)
        && (b == n || (bytes[b] as i8) >= -0x40)
    {
        // SAFETY: `a..b` is in bounds and both ends are char boundaries (neither is a UTF-8
        // continuation byte 0x80..=0xBF), so the bytes between are valid UTF-8.
        unsafe { std::str::from_utf8_unchecked(&bytes[a..b]) }
    } else {
        ""
    }
}

/// ASCII letters and digits among all byte values (none from 0x80), as a table: one load per
/// byte instead of range tests.
static BYTE_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// The end of the run of ASCII letters and digits of `b` from `k` (`k` when there is none):
/// tokenisers step over a word's ASCII part with it instead of a call per byte.
#[inline]
pub(crate) fn ascii_alnum_end(b: &[u8], mut k: usize) -> usize {
    while k < b.len() && BYTE_ALNUM[b[k] as usize] {
        k += 1;
    }
    k
}

/// The end of the run of alphanumeric chars of `s` from `k` (`k` when there is none): what
/// adding [`alnum_len`] until it is 0 gives, ASCII in a tight loop.
#[inline]
pub(crate) fn alnum_end(s: &str, mut k: usize) -> usize {
    let b = s.as_bytes();
    loop {
        k = ascii_alnum_end(b, k);
        match b.get(k) {
            Some(&x) if x >= 0x80 => {
                let (c, cl) = char_at(s, k);
                if !c.is_alphanumeric() {
                    return k;
                }
                k += cl;
            }
            _ => return k,
        }
    }
}

/// Length of the alphanumeric char at byte `k` of `s` (a char boundary), or 0 when there is
/// none (also at the end). ASCII by table, other text by `char::is_alphanumeric`.
#[inline(always)]
pub(crate) fn alnum_len(s: &str, k: usize) -> usize {
    let b = s.as_bytes();
    match b.get(k) {
        None => 0,
        Some(&x) if x < 0x80 => BYTE_ALNUM[x as usize] as usize,
        Some(_) => {
            let (c, cl) = char_at(s, k);
            if c.is_alphanumeric() {
                cl
            } else {
                0
            }
        }
    }
}

/// The maximal runs of alphanumeric chars of `text[start..end]` (none when that is not a slice
/// of `text`), as ascending byte ranges of `text`, appended to `out`.
pub(crate) fn alnum_runs_into(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = sub(text, start, end);
    let b = s.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let x = b[i];
        let l = if x < 0x80 {
            BYTE_ALNUM[x as usize] as usize
        } else {
            let (c, cl) = char_at(s, i);
            if !c.is_alphanumeric() {
                i += cl;
                continue;
            }
            cl
        };
        if l == 0 {
            i += 1;
            continue;
        }
        let j = alnum_end(s, i + l);
        out.push((start + i, start + j));
        i = j;
    }
}

/// The non-empty runs of alphanumeric chars of `s`, with `'` and `’` counted in the runs when
/// `apostrophes` is set: what `s.split(|c: char| !c.is_alphanumeric())` (or `!(c.is_alphanumeric()
/// || c == '\'' || c == '’')`) gives with the empty pieces left out, stepping through ASCII by
/// table instead of decoding every char.
pub(crate) fn alnum_runs(s: &str, apostrophes: bool) -> AlnumRuns<'_> {
    AlnumRuns { s, i: 0, apostrophes }
}

/// The iterator of [`alnum_runs`].
pub(crate) struct AlnumRuns<'a> {
    s: &'a str,
    i: usize,
    apostrophes: bool,
}

impl AlnumRuns<'_> {
    /// Is ASCII byte `c` part of a run?
    #[inline(always)]
    fn ascii_in_run(&self, c: u8) -> bool {
        BYTE_ALNUM[c as usize] || (self.apostrophes && c == b'\'')
    }

    /// Length of the run's char at byte `k`, a non-ASCII char (0 when it is not in a run).
    #[inline(never)]
    fn other_len(&self, k: usize) -> usize {
        let l = alnum_len(self.s, k);
        if l == 0 && self.apostrophes && self.s.as_bytes()[k..].starts_with("’".as_bytes()) {
            3
        } else {
            l
        }
    }
}

impl<'a> Iterator for AlnumRuns<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let b = self.s.as_bytes();
        let n = b.len();
        let mut i = self.i;
        // Up to the run's first char: ASCII byte by byte, other chars whole.
        loop {
            while i < n && b[i] < 0x80 && !self.ascii_in_run(b[i]) {
                i += 1;
            }
            if i >= n {
                self.i = n;
                return None;
            }
            if b[i] < 0x80 || self.other_len(i) > 0 {
                break;
            }
            i += char_at(self.s, i).1;
        }
        let start = i;
        loop {
            while i < n && b[i] < 0x80 && self.ascii_in_run(b[i]) {
                i += 1;
            }
            if i >= n || b[i] < 0x80 {
                break;
            }
            match self.other_len(i) {
                0 => break,
                l => i += l,
            }
        }
        self.i = i;
        Some(sub(self.s, start, i))
    }
}

/// Converts ascending byte offsets to code-point offsets in one forward pass; a query behind the
/// cursor restarts it, so any order is correct and ascending order is linear.
pub(crate) struct CharCursor<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> CharCursor<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        CharCursor {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    pub(crate) fn chars_at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        // Offsets produced by the analysis are char boundaries; `get` keeps a bad one harmless.
        let n = self
            .text
            .get(self.byte..byte)
            .map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.chars += n;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn le_prefix8_reads_as_a_zero_padded_copy() {
        let bytes: Vec<u8> = (1..=12).map(|x| x * 17).collect();
        for n in 0..=bytes.len() {
            let b = &bytes[..n];
            let mut buf = [0u8; 8];
            buf[..n.min(8)].copy_from_slice(&b[..n.min(8)]);
            assert_eq!(super::le_prefix8(b), u64::from_le_bytes(buf), "{n} bytes");
        }
    }

    use super::*;

    #[test]
    fn char_slice_clamps() {
        assert_eq!(char_slice("héllo", 1, 3), "él");
        assert_eq!(char_slice("héllo", 3, 99), "lo");
        assert_eq!(char_slice("héllo", 9, 99), "");
        assert_eq!(char_slice("héllo", 3, 1), "");
    }

    #[test]
    fn find_byte3_matches_a_naive_search() {
        let samples = [
            "",
            "\"",
            "abcdefgh\"",
            "“Hello,” she said — it’s “fine”.",
            "no quotes at all in this longer line of text",
            "\u{e2}x\"ÿ’’’\"\"abc",
            "Dr. Smith left. Why? Now! ...ok",
            "........!",
        ];
        for t in samples {
            let b = t.as_bytes();
            for from in 0..=b.len() {
                let naive = (from..b.len()).find(|&k| b[k] == b'"' || b[k] == 0xE2);
                assert_eq!(find_byte3(b, from, [b'"', 0xE2, 0xE2]), naive, "{t:?} from {from}");
                let naive3 = (from..b.len()).find(|&k| matches!(b[k], b'.' | b'!' | b'?'));
                assert_eq!(find_byte3(b, from, [b'.', b'!', b'?']), naive3, "{t:?} from {from}");
            }
        }
    }

    #[test]
    fn sub_refuses_what_str_slicing_would_panic_on() {
        for (a, b, want) in [(0, 1, "h"), (1, 3, "é"), (1, 2, ""), (2, 3, ""), (3, 1, ""), (0, 99, ""), (6, 6, "")] {
            assert_eq!(sub("héllo", a, b), want, "{a}..{b}");
        }
    }

    #[test]
    fn alnum_runs_split_as_str_split_does() {
        let texts = ["", "a", "  Critics' “rivals”—we'll won’t 5G state-run", "Ünïcödé ½ x\u{2019}y'", "''a'b'' ’"];
        for t in texts {
            let plain: Vec<&str> = t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            assert_eq!(alnum_runs(t, false).collect::<Vec<_>>(), plain, "{t}");
            let apos: Vec<&str> =
                t.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').filter(|w| !w.is_empty()).collect();
            assert_eq!(alnum_runs(t, true).collect::<Vec<_>>(), apos, "{t}");
        }
    }

    #[test]
    fn runs_are_the_alphanumeric_pieces() {
        let texts = ["", "a", "  Critics' “rivals”—we'll won’t 5G state-run", "Ünïcödé ½ x\u{2019}y'", "''a'b'' ’", "ab cd.ef"];
        for t in texts {
            let runs = |a: usize, b: usize| {
                let mut out = Vec::new();
                alnum_runs_into(t, a, b, &mut out);
                out.iter().map(|&(a, b)| &t[a..b]).collect::<Vec<_>>()
            };
            let plain: Vec<&str> = t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            assert_eq!(runs(0, t.len()), plain, "{t}");
            let from1 = t.get(1..).map_or(Vec::new(), |u| u.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect());
            assert_eq!(runs(1, t.len()), from1, "{t}");
            assert!(runs(0, 0).is_empty());
        }
    }

    #[test]
    fn alnum_len_measures_one_char() {
        for (s, k, want) in [("a-", 0, 1), ("a-", 1, 0), ("a-", 2, 0), ("é!", 0, 2), ("—x", 0, 0)] {
            assert_eq!(alnum_len(s, k), want, "{s:?} at {k}");
        }
    }

    #[test]
    fn char_cursor_counts_code_points_in_any_order() {
        let t = "né le 5 — ok";
        let mut c = CharCursor::new(t);
        for byte in [0, 3, 12, 1, t.len(), 99] {
            assert_eq!(c.chars_at(byte), t[..byte.min(t.len())].chars().count(), "byte {byte}");
        }
    }
}
