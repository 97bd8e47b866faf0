//! Raw text → CoNLL-2003-like tokens, so the model sees text as it was trained: punctuation
//! apart, a possessive "'s" as its own token, hyphenated and dotted words whole ("Guinea-Bissau",
//! "U.S.", "Mr."), curly quotes read as the straight ones Reuters used.

use crate::lexicon;
use crate::text::{alnum_len, alnum_runs_into, char_at};

/// A token: byte offsets into the text, and the form the model reads when it differs from the
/// text (curly quotes and apostrophes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub norm: Option<&'static str>,
}

impl Token {
    #[inline]
    pub fn word<'a>(&self, text: &'a str) -> &'a str {
        self.norm.unwrap_or_else(|| crate::sub(text, self.start, self.end))
    }
}

/// Words whose '.' belongs to them.
const DOTTED: &[&str] = &[
    "co", "corp", "dr", "gen", "gov", "inc", "jr", "lt", "ltd", "mr", "mrs", "ms", "prof",
    "rep", "rev", "sen", "sgt", "sr", "st", "vs",
];

/// Tokenise `text[start..end]`, appending to `out`. Offsets are always on char boundaries.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let mut runs = Vec::new();
    alnum_runs_into(text, start, end, &mut runs);
    tokenize_in(text, start, end, &runs, out);
}

/// [`tokenize`] given the alphanumeric runs of `text[start..end]` (`crate::text::alnum_runs_into`):
/// a word's runs are read from them, the chars between runs one by one.
pub(crate) fn tokenize_in(text: &str, start: usize, end: usize, runs: &[(usize, usize)], out: &mut Vec<Token>) {
    let s = crate::sub(text, start, end);
    let b = s.as_bytes();
    let n = b.len();
    if n == 0 {
        return;
    }
    // The first run not read yet; it starts at or after `i`.
    let mut r = 0;
    let mut i = 0;
    while i < n {
        let next = runs.get(r).map_or(n, |x| x.0 - start);
        if i < next {
            let (c, cl) = char_at(s, i);
            if c.is_whitespace() {
                i += cl;
                continue;
            }
            let norm = match c {
                '“' | '”' | '„' | '«' | '»' => Some("\""),
                '‘' | '’' => Some("'"),
                '–' | '—' => Some("-"),
                _ => None,
            };
            // "'s" after a word: CoNLL's possessive token (its "s" is run `r`, one char long).
            if matches!(c, '\'' | '’') && i + cl < n && b[i + cl] | 0x20 == b's' && alnum_len(s, i + cl + 1) == 0 {
                out.push(Token { start: start + i, end: start + i + cl + 1, norm: (c == '’').then_some("'s") });
                i += cl + 1;
                r += 1;
                continue;
            }
            out.push(Token { start: start + i, end: start + i + cl, norm });
            i += cl;
            continue;
        }
        // A word: alphanumeric runs, joined over '.', '-', '&', and apostrophes between them
        // ("O'Neill"), but not a possessive "'s" at the end.
        let (c, cl) = char_at(s, i);
        let mut j = runs[r].1 - start;
        r += 1;
        while j < n {
            let (d, dl) = char_at(s, j);
            if !matches!(d, '.' | '-' | '&' | '\'' | '’' | ',') {
                break;
            }
            let k = j + dl;
            // An alphanumeric at `k` starts run `r`.
            let joins = alnum_len(s, k) > 0
                && match d {
                    // "'s" and "’s" at a word's end are possessives.
                    '\'' | '’' if b[k] | 0x20 == b's' => alnum_len(s, k + 1) > 0,
                    // Digit groups only: "1,000", not "Paris,France".
                    ',' => b[k].is_ascii_digit() && b[j - 1].is_ascii_digit(),
                    _ => true,
                };
            if !joins {
                break;
            }
            j = runs[r].1 - start;
            r += 1;
        }
        // A trailing '.' belongs to initials, dotted acronyms and known abbreviations.
        if j < n && b[j] == b'.' {
            let w = &s[i..j];
            let single_cap = j - i == cl && c.is_uppercase();
            if single_cap || w.as_bytes().contains(&b'.') || (w.len() <= 4 && lexicon::contains_lower(DOTTED, w)) {
                j += 1;
            }
        }
        out.push(Token { start: start + i, end: start + j, norm: None });
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokeniser as it read chars through a peekable iterator, kept to check the byte one.
    fn tokenize_chars(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
        let word_char = |c: char| c.is_alphanumeric();
        let s = crate::sub(text, start, end);
        let mut it = s.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c.is_whitespace() {
                continue;
            }
            if !word_char(c) {
                let norm = match c {
                    '“' | '”' | '„' | '«' | '»' => Some("\""),
                    '‘' | '’' => Some("'"),
                    '–' | '—' => Some("-"),
                    _ => None,
                };
                if matches!(c, '\'' | '’') {
                    if let Some(&(_, 's' | 'S')) = it.peek() {
                        let mut look = it.clone();
                        look.next();
                        if look.peek().is_none_or(|&(_, d)| !word_char(d)) {
                            let (j, _) = it.next().unwrap();
                            out.push(Token { start: start + i, end: start + j + 1, norm: (c == '’').then_some("'s") });
                            continue;
                        }
                    }
                }
                out.push(Token { start: start + i, end: start + i + c.len_utf8(), norm });
                continue;
            }
            let mut j = i + c.len_utf8();
            loop {
                let Some(&(at, d)) = it.peek() else { break };
                if word_char(d) {
                    it.next();
                    j = at + d.len_utf8();
                    continue;
                }
                if matches!(d, '.' | '-' | '&' | '\'' | '’' | ',') {
                    let mut look = it.clone();
                    look.next();
                    let next = look.peek().map(|x| x.1);
                    let joins = match (d, next) {
                        (_, None) => false,
                        (_, Some(n)) if !word_char(n) => false,
                        ('\'' | '’', Some('s' | 'S')) => {
                            look.next();
                            look.peek().is_some_and(|x| word_char(x.1))
                        }
                        (',', Some(n)) => n.is_ascii_digit() && s[i..j].ends_with(|x: char| x.is_ascii_digit()),
                        _ => true,
                    };
                    if joins {
                        it.next();
                        continue;
                    }
                }
                break;
            }
            if let Some(&(k, '.')) = it.peek() {
                let w = &s[i..j];
                let single_cap = w.chars().count() == 1 && c.is_uppercase();
                if single_cap || w.contains('.') || (w.len() <= 4 && lexicon::contains_lower(DOTTED, w)) {
                    it.next();
                    j = k + 1;
                }
            }
            out.push(Token { start: start + i, end: start + j, norm: None });
        }
    }

    #[test]
    fn bytes_and_chars_tokenise_alike() {
        let mut texts: Vec<String> = [
            "", "'", "’s", "a's", "A.", "É. Zola", "x’S’", "1,000,0 a,1 1,a 1.5.6-7&8", "O'Neill's 'tis workers' ’s",
            "Ünïcödé ½ Ⅻ-Ⅸ ٣,٤ 5,٤ U.S.-based AT&T,said: “No.” — «oui» „ja“ Mr. mr. Dr.Who ST. Jr.",
            "tab\there\u{a0}nbsp\u{2003}em\u{85}nel end.", "…’’s's’S ''s a'.b'-c",
        ]
        .map(String::from)
        .to_vec();
        let gold = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gold");
        let mut files: Vec<_> = std::fs::read_dir(gold).expect("the gold set").flatten().map(|e| e.path()).collect();
        files.sort();
        texts.extend(files.iter().filter(|p| p.extension().is_some_and(|x| x == "txt")).filter_map(|p| std::fs::read_to_string(p).ok()));
        assert!(texts.len() > 100, "the gold articles are read");
        for t in &texts {
            for (a, b) in [(0, t.len()), (1.min(t.len()), t.len())] {
                let (mut x, mut y) = (Vec::new(), Vec::new());
                tokenize(t, a, b, &mut x);
                tokenize_chars(t, a, b, &mut y);
                assert_eq!(x, y, "{:?}", t.get(..80.min(t.len())));
            }
        }
    }

    fn words(s: &str) -> Vec<&str> {
        let mut t = Vec::new();
        tokenize(s, 0, s.len(), &mut t);
        t.iter().map(|t| t.word(s)).collect()
    }

    #[test]
    fn conll_like() {
        assert_eq!(
            words("Germany’s Mr. Kohl, of the U.S.-based AT&T, said: “No.”"),
            ["Germany", "'s", "Mr.", "Kohl", ",", "of", "the", "U.S.", "-", "based", "AT&T", ",", "said", ":", "\"", "No", ".", "\""]
        );
        assert_eq!(words("O'Neill's 1,000 Guinea-Bissau J. Smith."), ["O'Neill", "'s", "1,000", "Guinea-Bissau", "J.", "Smith", "."]);
        assert_eq!(words("workers' pay — up"), ["workers", "'", "pay", "-", "up"]);
    }
}
