//! An analysed article and what the view needs to slice it quickly.

use annotator_core::{Analysis, Sentence};

/// An analysed article plus what the view needs to slice it quickly. Compared by identity:
/// an article is analysed once, and comparing its whole text on every render would be waste.
#[derive(Debug)]
pub struct Article {
    pub id: String,
    pub analysis: Analysis,
    /// Byte offset of every code point of `analysis.text`, plus the text length at the end:
    /// turns the core's code-point offsets into string slices in O(1).
    byte_at: Vec<usize>,
    /// Indices of the statements a reader moves through with j/k: sentences of paragraphs.
    pub statements: Vec<usize>,
    /// Per block: the range of sentence indices inside it.
    pub block_sentences: Vec<std::ops::Range<usize>>,
}

impl PartialEq for Article {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Article {
    pub fn new(id: String, analysis: Analysis) -> Self {
        let text = &analysis.text;
        let byte_at = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        // Statements are the sentences of paragraphs: not the title, headings or furniture.
        let statements = analysis
            .sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.content && analysis.blocks[s.block].kind == annotator_core::BlockKind::Paragraph)
            .map(|(i, _)| i)
            .collect();
        let sentences = &analysis.sentences;
        let block_sentences = (0..analysis.blocks.len())
            .map(|b| {
                let lo = sentences.partition_point(|s| s.block < b);
                lo..lo + sentences[lo..].partition_point(|s| s.block <= b)
            })
            .collect();
        Self { id, analysis, byte_at, statements, block_sentences }
    }

    /// The text between two code-point offsets, clamped to the text.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let last = self.byte_at.len() - 1;
        let (s, e) = (start.min(last), end.min(last).max(start.min(last)));
        &self.analysis.text[self.byte_at[s]..self.byte_at[e]]
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
}
