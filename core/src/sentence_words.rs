//! Every content sentence's words, split once per article ([`words::split`]) and shared by
//! attribution and the stance rules, which both read each sentence word by word. Each word
//! carries an id, equal for equal text, so a pass's per-word facts are looked up once per
//! distinct word (words repeat: Zipf) and kept in a table by id; the word index
//! ([`words::index`]) is probed here, once per distinct word, for every pass that reads it.

use crate::lexicon::FnvMap;
use crate::structure::{RawBlock, RawSentence};
use crate::text::sub;
use crate::words::{self, WordInfo};
use crate::BlockKind;

/// The words of an article's content sentences (furniture has none).
pub struct SentenceWords {
    /// Byte ranges of the words, sentence after sentence.
    spans: Vec<(usize, usize)>,
    /// The id of each word of `spans`.
    ids: Vec<u32>,
    /// Per sentence: its range of `spans` and [`words::split`]'s mask of marked words.
    sentences: Vec<(usize, usize, u64)>,
    /// Per id: the byte range of the word's first occurrence.
    first: Vec<(usize, usize)>,
    /// Per id: the word index's answer ([`words::index`]).
    infos: Vec<WordInfo>,
}

/// One sentence's words: byte ranges of the text, their ids, the marked-word mask.
#[derive(Clone, Copy)]
pub(crate) struct Words<'a> {
    pub(crate) spans: &'a [(usize, usize)],
    pub(crate) ids: &'a [u32],
    pub(crate) marked: u64,
}

impl SentenceWords {
    /// Split every content sentence of `text` into words and give each distinct word an id.
    pub fn read(text: &str, blocks: &[RawBlock], sentences: &[RawSentence]) -> SentenceWords {
        let mut sw = SentenceWords {
            spans: Vec::with_capacity(text.len() / 5),
            ids: Vec::with_capacity(text.len() / 5),
            sentences: Vec::with_capacity(sentences.len()),
            first: Vec::new(),
            infos: Vec::new(),
        };
        let idx = words::index();
        let mut known: FnvMap<&str, u32> = FnvMap::default();
        let mut ws = Vec::new();
        for s in sentences {
            let w0 = sw.spans.len();
            if blocks.get(s.block).map_or(BlockKind::Furniture, |b| b.kind) == BlockKind::Furniture {
                sw.sentences.push((w0, w0, 0));
                continue;
            }
            let marked = words::split(text, s.start, s.end, &mut ws);
            for &(a, b) in &ws {
                let w = sub(text, a, b);
                let id = *known.entry(w).or_insert_with(|| {
                    sw.first.push((a, b));
                    sw.infos.push(idx.get(w).unwrap_or_default());
                    (sw.first.len() - 1) as u32
                });
                sw.ids.push(id);
            }
            sw.spans.extend_from_slice(&ws);
            sw.sentences.push((w0, sw.spans.len(), marked));
        }
        sw
    }

    /// Sentence `si`'s words (none for furniture or a sentence out of range).
    pub(crate) fn of(&self, si: usize) -> Words<'_> {
        let (a, b, marked) = self.sentences.get(si).copied().unwrap_or_default();
        Words {
            spans: &self.spans[a..b],
            ids: &self.ids[a..b],
            marked,
        }
    }

    /// How many distinct words: ids run from 0 to this.
    pub(crate) fn distinct(&self) -> usize {
        self.first.len()
    }

    /// The text of word `id`.
    pub(crate) fn word<'t>(&self, text: &'t str, id: u32) -> &'t str {
        let (a, b) = self.first[id as usize];
        sub(text, a, b)
    }

    /// The word index's answer for word `id`.
    pub(crate) fn info(&self, id: u32) -> WordInfo {
        self.infos[id as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure;

    #[test]
    fn equal_words_share_an_id_across_sentences() {
        let t = "A title of the article\n\nThe board said no on Monday after the vote. The Board’s chair said yes to it.";
        let blocks = structure::blocks(t);
        let sentences = structure::sentences(t, &blocks);
        let sw = SentenceWords::read(t, &blocks, &sentences);
        let read: Vec<Words> = (0..sentences.len()).map(|si| sw.of(si)).filter(|w| !w.spans.is_empty()).collect();
        assert_eq!(read.len(), 3, "the title and two sentences");
        let (a, b) = (read[1], read[2]);
        let text = |w: Words, k: usize| &t[w.spans[k].0..w.spans[k].1];
        assert_eq!((text(a, 0), text(b, 0)), ("The", "The"));
        assert_eq!(a.ids[0], b.ids[0], "the same word, the same id");
        assert_eq!(a.ids[2], b.ids[3], "said");
        assert_ne!(a.ids[1], b.ids[1], "board is not Board’s");
        assert_eq!(b.marked, 0b10, "Board’s joins runs with a mark");
        assert_eq!(sw.word(t, b.ids[1]), "Board’s");
        assert!(sw.info(a.ids[2]).reporting());
        assert!(sw.distinct() < sw.spans.len(), "repeats share ids");
        assert!(sw.of(sentences.len()).spans.is_empty());
    }
}
