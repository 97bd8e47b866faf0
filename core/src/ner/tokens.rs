//! Raw text → CoNLL-2003-like tokens, so the model sees text as it was trained: punctuation
//! apart, a possessive "'s" as its own token, hyphenated and dotted words whole ("Guinea-Bissau",
//! "U.S.", "Mr."), curly quotes read as the straight ones Reuters used.

use crate::lexicon;

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

#[inline]
fn word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The chars of a text with their byte offsets, as `char_indices().peekable()` gives them,
/// stepping through ASCII without decoding, and over a run of alphanumerics at once
/// ([`Chars::skip_alnum`]).
#[derive(Clone)]
struct Chars<'a> {
    s: &'a str,
    pos: usize,
}

impl Chars<'_> {
    #[inline(always)]
    fn peek(&self) -> Option<(usize, char)> {
        (self.pos < self.s.len()).then(|| (self.pos, crate::text::char_at(self.s, self.pos).0))
    }
    /// Past the alphanumeric chars from here; the offset reached.
    #[inline]
    fn skip_alnum(&mut self) -> usize {
        loop {
            match crate::text::alnum_len(self.s, self.pos) {
                0 => return self.pos,
                l => self.pos += l,
            }
        }
    }
}

impl Iterator for Chars<'_> {
    type Item = (usize, char);
    #[inline(always)]
    fn next(&mut self) -> Option<(usize, char)> {
        let (at, c) = self.peek()?;
        self.pos += c.len_utf8();
        Some((at, c))
    }
}

/// Tokenise `text[start..end]`, appending to `out`. Offsets are always on char boundaries.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let s = crate::sub(text, start, end);
    let mut it = Chars { s, pos: 0 };
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
            // "'s" after a word: CoNLL's possessive token.
            if matches!(c, '\'' | '’') {
                if let Some((_, 's' | 'S')) = it.peek() {
                    let mut look = it.clone();
                    look.next();
                    if look.peek().is_none_or(|(_, d)| !word_char(d)) {
                        let (j, _) = it.next().unwrap();
                        out.push(Token { start: start + i, end: start + j + 1, norm: (c == '’').then_some("'s") });
                        continue;
                    }
                }
            }
            out.push(Token { start: start + i, end: start + i + c.len_utf8(), norm });
            continue;
        }
        // A word: alphanumerics, joined over '.', '-', '&', and apostrophes between them
        // ("O'Neill"), but not a possessive "'s" at the end.
        let mut j = i + c.len_utf8();
        loop {
            let Some((_, d)) = it.peek() else { break };
            if word_char(d) {
                j = it.skip_alnum();
                continue;
            }
            if matches!(d, '.' | '-' | '&' | '\'' | '’' | ',') {
                let mut look = it.clone();
                look.next();
                let next = look.peek().map(|x| x.1);
                let joins = match (d, next) {
                    (_, None) => false,
                    (_, Some(n)) if !word_char(n) => false,
                    // "'s" and "’s" at a word's end are possessives.
                    ('\'' | '’', Some('s' | 'S')) => {
                        look.next();
                        look.peek().is_some_and(|x| word_char(x.1))
                    }
                    // Digit groups only: "1,000", not "Paris,France".
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
        // A trailing '.' belongs to initials, dotted acronyms and known abbreviations.
        if let Some((k, '.')) = it.peek() {
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

#[cfg(test)]
mod tests {
    use super::*;

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
