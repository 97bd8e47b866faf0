//! An analysed article and what the view needs to slice it quickly.

use annotator_core::{Analysis, Sentence};

use crate::annotations::Annotation;

/// An analysed article plus what the view needs to slice it quickly. Compared by identity:
/// an article is analysed once, and comparing its whole text on every render would be waste.
#[derive(Debug)]
pub struct Article {
    pub id: String,
    pub analysis: Analysis,
    /// Byte offset of every `STRIDE`th code point of `analysis.text`: turns the core's
    /// code-point offsets into string slices in a bounded number of steps. A table of every code
    /// point would be as long as the text and take a long article's arrival a long task to build.
    /// Empty for an ASCII text, whose code points are its bytes.
    byte_at: Vec<usize>,
    /// How many code points the text has.
    chars: usize,
    /// Indices of the statements a reader moves through with j/k: sentences of paragraphs.
    pub statements: Vec<usize>,
    /// Per block: the range of sentence indices inside it.
    pub block_sentences: Vec<std::ops::Range<usize>>,
    /// The body (paragraphs and headings) as the units it is drawn in, in text order: a block,
    /// or a run of at most `PIECE` sentences of a very long paragraph.
    pub pieces: Vec<Piece>,
    /// Drawn from the text's outline while the analysis is still to come: no names, claims or
    /// suggestions yet (`Action::Analysed` brings them; the text is the same).
    pub pending: bool,
}

/// Sentences per drawn piece of a long paragraph: a key press redraws one piece's sentence,
/// and the browser lays out (and skips, off screen) pieces of a bounded size.
pub const PIECE: usize = 48;

/// A unit of the drawn body: a block, or part of a long paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub block: usize,
    pub sentences: std::ops::Range<usize>,
    /// Code-point range of the text drawn: from the block's start (first piece) or the piece's
    /// first sentence, to the next piece's first sentence or the block's end.
    pub start: usize,
    pub end: usize,
}

impl PartialEq for Article {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Article {
    pub fn new(id: String, analysis: Analysis) -> Self {
        let text = &analysis.text;
        let (byte_at, chars) = code_points(text);
        // Statements are the sentences of paragraphs: not the title, headings or furniture.
        let statements = analysis
            .sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.content && analysis.blocks[s.block].kind == annotator_core::BlockKind::Paragraph)
            .map(|(i, _)| i)
            .collect();
        let sentences = &analysis.sentences;
        let block_sentences: Vec<_> = (0..analysis.blocks.len())
            .map(|b| {
                let lo = sentences.partition_point(|s| s.block < b);
                lo..lo + sentences[lo..].partition_point(|s| s.block <= b)
            })
            .collect();
        let pieces = pieces(&analysis, &block_sentences);
        Self { id, analysis, byte_at, chars, statements, block_sentences, pieces, pending: false }
    }

    /// The piece holding sentence `i` (an index into `pieces`).
    pub fn piece_of(&self, i: usize) -> Option<usize> {
        let p = self.pieces.partition_point(|p| p.sentences.end <= i);
        (p < self.pieces.len() && self.pieces[p].sentences.contains(&i)).then_some(p)
    }

    /// The text between two code-point offsets, clamped to the text.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let last = self.chars;
        let (s, e) = (start.min(last), end.min(last).max(start.min(last)));
        &self.analysis.text[self.byte_offset(s)..self.byte_offset(e)]
    }

    /// The byte offset of code point `at` (at most the text's length in code points).
    fn byte_offset(&self, at: usize) -> usize {
        let text = &self.analysis.text;
        if self.byte_at.is_empty() {
            return at;
        }
        let from = self.byte_at[at / STRIDE];
        text[from..].char_indices().nth(at % STRIDE).map_or(text.len(), |(i, _)| from + i)
    }

    /// Whether there is any article text at all (not only furniture or whitespace).
    pub fn is_empty(&self) -> bool {
        !self.analysis.sentences.iter().any(|s| s.content)
    }

    /// Entities whose start lies in [start, end).
    pub fn entities_in(&self, start: usize, end: usize) -> &[annotator_core::Entity] {
        let e = &self.analysis.entities;
        let lo = e.partition_point(|x| x.start < start);
        &e[lo..lo + e[lo..].partition_point(|x| x.start < end)]
    }

    /// The sentence containing code point `at`.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let s = &self.analysis.sentences;
        let i = s.partition_point(|x| x.end <= at);
        (i < s.len() && s[i].start <= at).then_some(i)
    }

    pub fn sentence(&self, i: usize) -> Option<&Sentence> {
        self.analysis.sentences.get(i)
    }

    /// A new annotation on `start..end`: what `Annotation::new` makes of this article's text,
    /// with its selectors sliced through this article's index instead of an `Anchorer` built
    /// over the whole text (a tag key's reducer took a long article's length in steps for it).
    pub fn annotation(&self, id: String, start: usize, end: usize, now: f64) -> Annotation {
        let selectors = annotator_core::anchor::describe_sliced(self.chars, |s, e| self.slice(s, e), start, end);
        Annotation::described(id, selectors, now)
    }
}

/// Code points between the entries of `Article::byte_at`.
const STRIDE: usize = 32;

/// `Article::byte_at` and the number of code points of `text`, in one pass over its bytes.
fn code_points(text: &str) -> (Vec<usize>, usize) {
    if text.is_ascii() {
        return (Vec::new(), text.len());
    }
    let (mut byte_at, mut chars) = (Vec::with_capacity(text.len() / STRIDE + 1), 0);
    for (i, &b) in text.as_bytes().iter().enumerate() {
        // Every byte but a UTF-8 continuation byte (10xxxxxx) starts a code point.
        if b & 0xc0 != 0x80 {
            if chars % STRIDE == 0 {
                byte_at.push(i);
            }
            chars += 1;
        }
    }
    (byte_at, chars)
}

fn pieces(analysis: &Analysis, block_sentences: &[std::ops::Range<usize>]) -> Vec<Piece> {
    let mut out = Vec::new();
    for (b, block) in analysis.body_blocks() {
        let range = block_sentences[b].clone();
        if block.kind == annotator_core::BlockKind::Heading || range.len() <= PIECE {
            out.push(Piece { block: b, sentences: range, start: block.start, end: block.end });
            continue;
        }
        let starts: Vec<usize> = range.clone().step_by(PIECE).collect();
        for (k, &first) in starts.iter().enumerate() {
            let last = (first + PIECE).min(range.end);
            let start = if k == 0 { block.start } else { analysis.sentences[first].start };
            let end = if last == range.end { block.end } else { analysis.sentences[last].start };
            out.push(Piece { block: b, sentences: first..last, start, end });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A heading, a short paragraph and one paragraph of 130 sentences.
    fn article() -> Article {
        let long: Vec<String> = (0..130).map(|i| format!("The council met on day {i} and said little.")).collect();
        let text = format!("A title\n\nShort news\n\nOne short paragraph. It has two sentences.\n\n{}", long.join(" "));
        Article::new("t".into(), annotator_core::analyze(&text))
    }

    #[test]
    fn slices_are_clamped_and_follow_code_points_in_ascii_and_other_texts() {
        let long = format!("Café news\n\n{}", "Le maire a parlé “fort”. ".repeat(20));
        for text in ["Plain news\n\nThe mayor spoke.", "Café news\n\nThe maire’s “speech” ended.", &long] {
            let a = Article::new("t".into(), annotator_core::analyze(text));
            let chars: Vec<char> = a.analysis.text.chars().collect();
            let n = chars.len();
            let every = (0..=n + 1).map(|s| (s, s + 5));
            for (s, e) in [(0, 4), (2, n), (n - 3, n + 10), (n + 5, n + 9), (7, 3), (n / 2, n - 1), (n, n)].into_iter().chain(every) {
                let want: String = chars[s.min(n)..e.min(n).max(s.min(n))].iter().collect();
                assert_eq!(a.slice(s, e), want, "{text:?} {s}..{e}");
            }
        }
    }

    #[test]
    fn annotations_are_described_as_the_core_describes_them() {
        let long = format!("Café news\n\n{}", "Le maire a parlé “fort”. ".repeat(20));
        for text in ["Plain news\n\nThe mayor spoke.", &long] {
            let a = Article::new("t".into(), annotator_core::analyze(text));
            let n = a.analysis.text.chars().count();
            for s in 0..=n + 1 {
                for e in [s, s + 1, s + 7, s + 40, n, n + 3] {
                    let want = Annotation::new("x".into(), &a.analysis.text, s, e, 2.0);
                    assert_eq!(a.annotation("x".into(), s, e, 2.0), want, "{s}..{e}");
                }
            }
        }
    }

    #[test]
    fn pieces_cover_the_body_in_order_and_split_only_long_paragraphs() {
        let a = article();
        let body: Vec<usize> = a.analysis.body_blocks().map(|(b, _)| b).collect();
        // Every body block is covered, its pieces back to back from its start to its end.
        for &b in &body {
            let pieces: Vec<&Piece> = a.pieces.iter().filter(|p| p.block == b).collect();
            let block = &a.analysis.blocks[b];
            assert_eq!(pieces.first().unwrap().start, block.start);
            assert_eq!(pieces.last().unwrap().end, block.end);
            assert_eq!(pieces.first().unwrap().sentences.start, a.block_sentences[b].start);
            assert_eq!(pieces.last().unwrap().sentences.end, a.block_sentences[b].end);
            for w in pieces.windows(2) {
                assert_eq!(w[0].end, w[1].start);
                assert_eq!(w[0].sentences.end, w[1].sentences.start);
                assert_eq!(w[1].start, a.analysis.sentences[w[1].sentences.start].start);
            }
            assert!(pieces.iter().all(|p| p.sentences.len() <= PIECE));
        }
        let long = *body.last().unwrap();
        assert_eq!(a.block_sentences[long].len(), 130);
        assert_eq!(a.pieces.iter().filter(|p| p.block == long).count(), 3);
        assert_eq!(a.pieces.len(), body.len() + 2);
        // Each sentence of the body is found in the piece that holds it.
        for (k, p) in a.pieces.iter().enumerate() {
            for i in p.sentences.clone() {
                assert_eq!(a.piece_of(i), Some(k));
            }
        }
    }
}
